"""The cluster's own images named in cluster.yml: logo, favicon and the homepage's hero image.

They arrive by pull request like a member's logo and get the same checks: inside the
repository, real images of the kind their names say, small, and an SVG without script.
The site publishes them under fixed names (`assets/cluster/logo.svg`, …), so no path
written in cluster.yml ever reaches a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .assets import AssetProblem, AssetRules, relative_path, resolve_asset
from .logos import LOGO_SUFFIXES, check_svg

BRAND_IMAGES = {
    "logo": (".svg", ".png", ".jpg", ".jpeg", ".webp"),
    "favicon": (".svg", ".png"),
    "hero_image": (".png", ".jpg", ".jpeg", ".webp"),
}
"""Each image of cluster.yml and the formats it may have (no SVG hero: link previews cannot show one)."""

MAX_BYTES = {"logo": 512 * 1024, "favicon": 128 * 1024, "hero_image": 1024 * 1024}


@dataclass(frozen=True)
class BrandImage:
    key: str
    source: Path
    site_path: str
    """Where the site publishes it, e.g. assets/cluster/logo.svg."""


def _rules(key: str) -> AssetRules:
    return AssetRules(
        signatures={suffix: (LOGO_SUFFIXES[suffix],) for suffix in BRAND_IMAGES[key] if suffix != ".svg"},
        max_bytes=MAX_BYTES[key],
        outside="points outside the site's folder",
        place_hint="put the image in the repository, e.g. in brand/, and write its path from cluster.yml's folder",
        size_hint="export a smaller image" + (" (1600 px wide is plenty)" if key == "hero_image" else ""),
    )


def resolve_brand_image(key: str, value: str, root: Path) -> BrandImage:
    """The checked image for `key` of cluster.yml, or an AssetProblem saying what to fix."""
    suffix = relative_path(value, _rules(key)).suffix.lower()
    allowed = BRAND_IMAGES[key]
    if suffix not in allowed:
        names = ", ".join(s[1:].upper() for s in allowed if s != ".jpeg")
        raise AssetProblem(f'"{value}" is not one of these images: {names}', "convert the image to one of them")
    real, data = resolve_asset(value, root, _rules(key))
    if suffix == ".svg":
        check_svg(data, value)
    return BrandImage(key, real, site_path(key, value))


def site_path(key: str, value: str) -> str:
    """Where the site publishes the image of `key`: a fixed name, only the suffix comes from the file."""
    suffix = PurePosixPath(value.replace("\\", "/")).suffix.lower()
    return f"assets/cluster/{key.replace('_', '-')}{'.jpg' if suffix == '.jpeg' else suffix}"
