"""Subset, project and clip Natural Earth's countries to Europe for the map page (see scripts/boundaries).

Input: world-atlas' countries-50m.json, simplified and decoded to GeoJSON by the shell script.
Output: plugins/clustersite/maps/europe.json, in ETRS89-LAEA Europe (EPSG:3035, the projection
of the EU's own statistical maps), in units of 100 m, y pointing north, clipped to EXTENT.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pycountry
import pyproj
import shapely
from shapely.geometry import Polygon, shape

EXTENT = (2_300_000, 1_300_000, 7_400_000, 5_500_000)
"""west, south, east, north in EPSG:3035 metres: Iceland to the Caspian, Cyprus to North Cape."""
LONLAT_FILTER = (-32.0, 25.0, 62.0, 82.0)
"""Countries outside these longitudes and latitudes are not projected at all."""
UNIT = 100  # metres


def main(source: Path, target: Path) -> None:
    transformer = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)

    def project(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(transformer.transform(coords[:, 0], coords[:, 1]))

    box = shapely.box(*LONLAT_FILTER)
    countries = []
    for feature in json.loads(source.read_text(encoding="utf-8"))["features"]:
        geometry = shapely.make_valid(shape(feature["geometry"]))  # simplification may cross a ring over itself
        if geometry.is_empty or not geometry.intersects(box):
            continue
        geometry = shapely.clip_by_rect(shapely.transform(geometry.intersection(box), project), *EXTENT)
        if geometry.is_empty:
            continue
        country = pycountry.countries.get(numeric=str(feature.get("id") or "")) if feature.get("id") else None
        polygons = [geometry] if isinstance(geometry, Polygon) else list(getattr(geometry, "geoms", []))
        rings = []
        for polygon in polygons:
            if not isinstance(polygon, Polygon):
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                points: list[int] = []
                for x, y in ring.coords[:-1]:
                    point = [round(x / UNIT), round(y / UNIT)]
                    if points[-2:] != point:
                        points += point
                if len(points) >= 6:
                    rings.append(points)
        if rings:
            countries.append({"code": country.alpha_2 if country else "", "name": feature["properties"]["name"], "rings": rings})
    countries.sort(key=lambda c: (c["code"] or "~", c["name"]))
    document = {
        "source": "Natural Earth 1:50m Admin 0 countries, version 4.1.0 (public domain), from the npm package world-atlas 2.0.2 (ISC)",
        "made_by": "scripts/boundaries: toposimplify -s 1e-7 -f (topojson-simplify 3.0.3), projected to EPSG:3035 with pyproj, clipped with shapely",
        "crs": "EPSG:3035",
        "unit_metres": UNIT,
        "extent": [v // UNIT for v in EXTENT],
        "countries": countries,
    }
    target.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
