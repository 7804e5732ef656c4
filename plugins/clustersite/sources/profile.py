"""Reading the cluster's profile and checking what it points to (members, pages)."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..models.profile import ClusterProfile
from ..validation import validate
from ..yamlfile import locate, read_yaml_file
from .files import display_path
from .references import listed, unknown


def load_profile(path: Path, root: Path, docs_dir: Path, member_slugs: set[str], members_folder: str = "members") -> tuple[ClusterProfile | None, list[SourceError]]:
    display = display_path(path, root)
    if not path.is_file():
        return None, [SourceError(display, 0, "", "the cluster profile is missing", "create it: name, region, country, mission, focus, office, entry_points")]
    data, errors = read_yaml_file(path, display)
    if data is None:
        return None, errors
    for index, slug, line in listed(data, "featured"):
        if slug not in member_slugs:
            errors.append(unknown("member", slug, member_slugs, source=display, line=line, field=f"featured[{index}]", folder=members_folder))
    profile, problems = validate(ClusterProfile, data, display)
    errors += problems
    if profile is None:
        return None, errors
    for group in ("members", "community", "public"):
        entry = getattr(profile.entry_points, group)
        if not (docs_dir / entry.page).is_file():
            errors.append(SourceError(display, locate(data, ("entry_points", group, "page")), f"entry_points.{group}.page", f'"{entry.page}" is not a page in {docs_dir.name}/', "create the page or fix the path"))
    return profile, errors
