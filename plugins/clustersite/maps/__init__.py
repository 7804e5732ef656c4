"""Maps drawn at build time: Europe's country outlines and points on them, as SVG.

The outlines are Natural Earth's (public domain), from the npm package world-atlas, subset,
simplified, projected and clipped once by `scripts/boundaries` into `europe.json` beside this
file (its provenance is written in it, and in PROVENANCE.md). The build reads that file only:
no tile server, no request to another host.

Everything is in ETRS89-LAEA Europe (EPSG:3035), the equal-area projection of the EU's own
statistical maps, in units of 100 m. pyproj projects the members' and events' coordinates into
it; an SVG's viewBox is a window onto that plane (y flipped: SVG's y points down).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pyproj

UNIT_METRES = 100
MIN_SPAN = 2000
"""The regional view spans at least 200 km: a cluster in one city still shows its surroundings."""
ASPECT = 4 / 3
"""Width over height of the regional view."""
NOMINAL_WIDTH = 600
"""The width (px) at which a marker's radius is MARKER_PX; the drawing scales with the page."""
MARKER_PX = 7


@dataclass(frozen=True)
class Outline:
    """One country's rings, in map units (x east, y north)."""

    code: str
    rings: tuple[tuple[int, ...], ...]
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class Outlines:
    extent: tuple[int, int, int, int]
    """west, south, east, north of the Europe view, in map units."""
    countries: tuple[Outline, ...]


@cache
def outlines() -> Outlines:
    """Europe's country outlines, read once per process from the file the package ships."""
    document: dict[str, Any] = json.loads(resources.files(__name__).joinpath("europe.json").read_text(encoding="utf-8"))
    countries = []
    for country in document["countries"]:
        rings = tuple(tuple(ring) for ring in country["rings"])
        xs = [v for ring in rings for v in ring[0::2]]
        ys = [v for ring in rings for v in ring[1::2]]
        countries.append(Outline(country["code"], rings, (min(xs), min(ys), max(xs), max(ys))))
    west, south, east, north = document["extent"]
    return Outlines((west, south, east, north), tuple(countries))


@cache
def _transformer() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)


def project(points: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """(lat, lon) pairs in WGS 84 as map units, rounded to the outlines' 100 m."""
    if not points:
        return []
    xs, ys = _transformer().transform([lon for _, lon in points], [lat for lat, _ in points])
    return [(round(x / UNIT_METRES), round(y / UNIT_METRES)) for x, y in zip(xs, ys, strict=True)]


@dataclass(frozen=True)
class View:
    """A rectangle of the map plane shown as one SVG."""

    west: int
    south: int
    east: int
    north: int

    @property
    def width(self) -> int:
        return self.east - self.west

    @property
    def height(self) -> int:
        return self.north - self.south

    @property
    def view_box(self) -> str:
        return f"{self.west} {-self.north} {self.width} {self.height}"

    @property
    def marker_radius(self) -> int:
        return max(1, round(self.width * MARKER_PX / NOMINAL_WIDTH))

    def contains(self, point: tuple[int, int]) -> bool:
        x, y = point
        return self.west <= x <= self.east and self.south <= y <= self.north

    def overlaps(self, box: tuple[int, int, int, int]) -> bool:
        west, south, east, north = box
        return west <= self.east and east >= self.west and south <= self.north and north >= self.south

    def paths(self) -> list[tuple[str, str]]:
        """(country code, SVG path data) of each country this view shows a part of."""
        found = []
        for country in outlines().countries:
            if self.overlaps(country.box):
                found.append((country.code, " ".join(_ring_path(ring) for ring in country.rings)))
        return found


def europe() -> View:
    return View(*outlines().extent)


def region(points: list[tuple[int, int]]) -> View:
    """The smallest view of the regional aspect around `points`, with a margin, inside Europe's."""
    if not points:
        return europe()
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    width = max(max(xs) - min(xs), MIN_SPAN) * 1.3
    height = max(max(ys) - min(ys), MIN_SPAN) * 1.3
    width, height = max(width, height * ASPECT), max(height, width / ASPECT)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return View(round(cx - width / 2), round(cy - height / 2), round(cx + width / 2), round(cy + height / 2))


def svg_point(point: tuple[int, int]) -> tuple[int, int]:
    """A map point in the SVG's coordinates (y down)."""
    return point[0], -point[1]


def _ring_path(ring: tuple[int, ...]) -> str:
    """A closed ring as path data with relative steps: short numbers, a small page."""
    x, y = ring[0], -ring[1]
    parts = [f"M{x} {y}l"]
    steps = []
    for i in range(2, len(ring), 2):
        nx, ny = ring[i], -ring[i + 1]
        steps.append(f"{nx - x} {ny - y}")
        x, y = nx, ny
    parts.append(" ".join(steps))
    parts.append("z")
    return "".join(parts)
