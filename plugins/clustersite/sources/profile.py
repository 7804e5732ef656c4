"""Reading the cluster's profile and checking what it points to (members, pages)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..models.profile import ClusterProfile
from ..validation import validate
from ..yamlfile import locate, read_yaml_file
from .assets import AssetProblem
from .brand import BRAND_IMAGES, BrandImage, resolve_brand_image
from .files import display_path
from .references import listed, unknown


def load_profile(
    path: Path, root: Path, docs_dir: Path, member_slugs: set[str], members_folder: str = "members", context: dict[str, Any] | None = None
) -> tuple[ClusterProfile | None, list[SourceError]]:
    display = display_path(path, root)
    if not path.is_file():
        return None, [SourceError(display, 0, "", "the cluster profile is missing", "create it: name, region, country, mission, focus, office, entry_points")]
    data, errors = read_yaml_file(path, display)
    if data is None:
        return None, errors
    for index, slug, line in listed(data, "featured"):
        if slug not in member_slugs:
            errors.append(unknown("member", slug, member_slugs, source=display, line=line, field=f"featured[{index}]", folder=members_folder))
    profile, problems = validate(ClusterProfile, data, display, context)
    errors += problems
    if profile is None:
        return None, errors
    for group in ("members", "community", "public"):
        entry = getattr(profile.entry_points, group)
        if not (docs_dir / entry.page).is_file():
            errors.append(SourceError(display, locate(data, ("entry_points", group, "page")), f"entry_points.{group}.page", f'"{entry.page}" is not a page in {docs_dir.name}/', "create the page or fix the path"))
    for key in BRAND_IMAGES:
        value = getattr(profile, key)
        if value:
            try:
                resolve_brand_image(key, value, path.parent)
            except AssetProblem as problem:
                errors.append(SourceError(display, locate(data, (key,)), key, problem.message, problem.hint))
    return profile, errors


def brand_images(profile: ClusterProfile | None, folder: Path) -> list[BrandImage]:
    """The profile's images, checked (load_profile has reported any problem before); `folder` holds cluster.yml."""
    if profile is None:
        return []
    return [resolve_brand_image(key, getattr(profile, key), folder) for key in BRAND_IMAGES if getattr(profile, key)]
