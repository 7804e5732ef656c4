"""Reading `members/*.yml` into :class:`Member` models and checking them against each other."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..models.member import Member
from ..validation import validate
from ..yamlfile import locate, read_yaml_file
from .assets import AssetProblem
from .files import data_files, display_path
from .logos import resolve_logo
from .references import listed, previous_slug_errors, unknown


@dataclass
class MemberRecord:
    """A validated member with where it came from: its slug, file and logo."""

    slug: str
    member: Member
    source: str
    logo_path: Path | None = None
    partners: list[str] = field(default_factory=list)
    """Partners in both directions: a connection named by either side is shown on both."""

    @property
    def url(self) -> str:
        """The permanent, site-relative URL of the member's page."""
        return f"members/{self.slug}/"

    @property
    def logo_url(self) -> str | None:
        return f"members/{self.slug}/logo{self.logo_path.suffix.lower()}" if self.logo_path else None

    @property
    def initials(self) -> str:
        """Up to two initials for the placeholder shown where a member has no logo."""
        words = [word for word in re.split(r"[\s\-–/&.,]+", self.member.name) if word and word[0].isalnum()]
        significant = [word for word in words if word[0].isupper() or word[0].isdigit()] or words
        return "".join(word[0] for word in significant[:2]).upper() or "?"

    @property
    def hue(self) -> int:
        """A colour for the placeholder, stable for the slug (not Python's salted hash)."""
        return int(hashlib.sha1(self.slug.encode(), usedforsecurity=False).hexdigest()[:4], 16) % 360


def load_members(members_dir: Path, root: Path, context: dict[str, Any]) -> tuple[dict[str, MemberRecord], list[SourceError]]:
    """All members by slug, in slug order, and every error found in their files."""
    files, errors = data_files(members_dir, root)
    records: dict[str, MemberRecord] = {}
    folder = display_path(members_dir, root)
    claimed: dict[str, str] = {}
    for slug, path in files.items():
        display = display_path(path, root)
        data, problems = read_yaml_file(path, display)
        errors += problems
        if data is None:
            continue
        for index, partner, line in listed(data, "partners"):  # checked even when other fields are wrong
            if partner == slug:
                errors.append(SourceError(display, line, f"partners[{index}]", "a member cannot be its own partner", "remove this line"))
            elif partner not in files:
                errors.append(unknown("member", partner, files, source=display, line=line, field=f"partners[{index}]", folder=folder))
        errors += previous_slug_errors(data, display, slug, files, claimed)
        member, problems = validate(Member, data, display, context)
        errors += problems
        if member is None:
            continue
        record = MemberRecord(slug, member, display)
        if member.logo:
            try:
                record.logo_path = resolve_logo(member.logo, members_dir)
            except AssetProblem as problem:
                errors.append(SourceError(display, locate(data, ("logo",)), "logo", problem.message, problem.hint))
        records[slug] = record
    _link_partners(records)
    return records, errors


def _link_partners(records: dict[str, MemberRecord]) -> None:
    """Make each connection visible from both sides (the slugs were checked while reading)."""
    links: dict[str, set[str]] = {slug: set() for slug in records}
    for slug, record in records.items():
        for partner in record.member.partners:
            if partner in records and partner != slug:
                links[slug].add(partner)
                links[partner].add(slug)
    for slug, record in records.items():
        record.partners = sorted(links[slug])
