"""Reading `members/*.yml` into :class:`Member` models and checking them against each other."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import SourceError, did_you_mean
from ..models.fields import SLUG_PATTERN
from ..models.member import Member, MemberOverlay
from ..validation import validate
from ..yamlfile import LineList, locate, read_yaml_file
from .assets import AssetProblem, relative_path
from .files import data_files, display_path
from .logos import LOGO_RULES, resolve_logo
from .parsed import NO_CACHE, ParsedFiles, inputs_key
from .references import listed, previous_slug_errors, unknown
from .tiers import PUBLIC, Tier


@dataclass
class MemberRecord:
    """A validated member with where it came from: its slug, file and logo."""

    slug: str
    member: Member
    source: str
    logo_path: Path | None = None
    partners: list[str] = field(default_factory=list)
    """Partners in both directions: a connection named by either side is shown on both."""
    since: dict[str, int] = field(default_factory=dict)
    """The year each connection began, by partner, where either side's file gives one (the earlier if both do)."""

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
        """A colour for the placeholder, stable for the slug (not Python's salted hash).

        Blues, teals, violets and reds only: yellow and olive hues read as dated and dirty.
        """
        return TILE_HUES[int(hashlib.sha1(self.slug.encode(), usedforsecurity=False).hexdigest()[:4], 16) % len(TILE_HUES)]


TILE_HUES = (175, 190, 205, 220, 235, 250, 265, 280, 300, 320, 340, 355, 10)
"""The hues of the initials tiles (clustersite.css draws them dark on a light tint: 6.3:1 or more for these)."""


def load_members(
    members_dir: Path, root: Path, context: dict[str, Any], tier: Tier = PUBLIC, parsed: ParsedFiles = NO_CACHE
) -> tuple[dict[str, MemberRecord], list[SourceError]]:
    """All members by slug, in slug order, and every error found in their files.

    Their files are public: a contact without `public: true` and `internal:` notes are
    errors that say where in the private folder they belong. `parsed` keeps each file's
    YAML and model between serve mode's rebuilds; the checks across files run every time.
    """
    files, errors = data_files(members_dir, root)
    records: dict[str, MemberRecord] = {}
    folder = display_path(members_dir, root)
    claimed: dict[str, str] = {}
    inputs = inputs_key(context)
    real_dir = members_dir.resolve()
    for slug, path in files.items():
        display = display_path(path, root)
        data, problems, member, invalid = parsed.get("member", path, f"{display}\0{inputs}", partial(_parse, path, display, context))
        errors += problems
        if data is None:
            continue
        for index, partner, line in _partner_references(data):  # checked even when other fields are wrong
            if partner == slug:
                errors.append(SourceError(display, line, f"partners[{index}]", "a member cannot be its own partner", "remove this line"))
            elif partner not in files:
                errors.append(unknown("member", partner, files, source=display, line=line, field=f"partners[{index}]", folder=folder))
        errors += previous_slug_errors(data, display, slug, files, claimed)
        errors += invalid
        if member is None:
            continue
        errors += _not_public(member, data, display, tier)
        record = MemberRecord(slug, member, display)
        if member.logo:
            try:
                record.logo_path = _logo(member.logo, members_dir, real_dir, parsed)
            except AssetProblem as problem:
                errors.append(SourceError(display, locate(data, ("logo",)), "logo", problem.message, problem.hint))
        records[slug] = record
    _link_partners(records)
    return records, errors


def _parse(path: Path, display: str, context: dict[str, Any]) -> tuple[Any, tuple[SourceError, ...], Member | None, tuple[SourceError, ...]]:
    """One member file alone: its YAML, the errors in reading it, its model and the errors in validating it."""
    data, problems = read_yaml_file(path, display)
    member, invalid = validate(Member, data, display, context) if data is not None else (None, [])
    return data, tuple(problems), member, tuple(invalid)


def _logo(value: str, members_dir: Path, real_dir: Path, parsed: ParsedFiles) -> Path:
    """`resolve_logo`, kept while the logo's bytes are the same: the SVG check parses every logo.

    Only a logo that is a file inside the members folder is looked up in the cache (keyed by
    the file it resolves to, so a changed link is a new key); anything else is checked as it is.
    `real_dir` is `members_dir` resolved, once for all members.
    """
    try:
        real = _real_file(relative_path(value, LOGO_RULES).parts, members_dir, real_dir)
    except (AssetProblem, OSError, RuntimeError):
        return resolve_logo(value, members_dir)
    if real is None:
        return resolve_logo(value, members_dir)
    result = parsed.get("logo", real, value, partial(_checked_logo, value, members_dir))
    if isinstance(result, AssetProblem):
        raise result
    return result


def _real_file(parts: tuple[str, ...], members_dir: Path, real_dir: Path) -> Path | None:
    """`members_dir/parts` resolved, if it is a regular file inside the folder; None to let `resolve_logo` decide.

    Where no part below the folder is a link, the file's real path is the folder's plus the
    parts: two `lstat`s for `logos/acme.svg`, where `Path.resolve` takes one per part of the
    whole absolute path (2,000 logos on every save). A link anywhere is resolved in full.
    """
    current = str(members_dir)
    for index, part in enumerate(parts):
        current = os.path.join(current, part)
        mode = os.lstat(current).st_mode
        if stat.S_ISLNK(mode):
            real = (members_dir / Path(*parts)).resolve(strict=True)
            return real if real.is_relative_to(real_dir) and real.is_file() else None
        if index == len(parts) - 1:
            return real_dir.joinpath(*parts) if stat.S_ISREG(mode) else None
    return None


def _checked_logo(value: str, members_dir: Path) -> Path | AssetProblem:
    try:
        return resolve_logo(value, members_dir)
    except AssetProblem as problem:
        return problem


def _not_public(member: Member, data: Any, display: str, tier: Tier) -> list[SourceError]:
    errors = []
    for index, contact in enumerate(member.contacts):
        if not contact.public:
            errors.append(tier.not_public(
                display, locate(data, ("contacts", index)), f"contacts[{index}]", " (no `public: true`)",
                "or add `public: true` if this person agreed to be listed on the public site",
            ))
    if member.internal is not None:
        errors.append(tier.not_public(display, locate(data, ("internal",)), "internal"))
    return errors


def merge_overlays(folder: Path, root: Path, members: dict[str, MemberRecord], public_slugs: set[str], tier: Tier) -> list[SourceError]:
    """Add each `<private_dir>/members/<slug>.yml` to that member's public file, for the members' edition.

    An overlay holds members-only contacts and `internal:` notes; a key the public file
    holds is public data and belongs there, and an overlay without a public file is an error.
    """
    files, errors = data_files(folder, root)
    public_keys = set(Member.model_fields) - set(MemberOverlay.model_fields)
    for slug, path in files.items():
        display = display_path(path, root)
        public_file = tier.counterpart(display)
        if slug not in public_slugs:
            hint = did_you_mean(slug, public_slugs) or "an overlay adds to a member's public file: add that file first, or fix this file's name"
            errors.append(SourceError(display, 0, "", f"there is no {public_file} for this overlay", hint))
            continue
        data, problems = read_yaml_file(path, display)
        errors += problems
        if problems:
            continue
        moved = [key for key in data if key in public_keys] if isinstance(data, dict) else []
        for key in moved:
            errors.append(SourceError(display, locate(data, (key,)), str(key), f"is public data: move it to {public_file}", "an overlay holds only contacts for members and internal notes"))
        if moved:
            continue
        overlay, problems = validate(MemberOverlay, data, display)
        errors += problems
        if overlay is None:
            continue
        for index, contact in enumerate(overlay.contacts):
            if contact.public:
                errors.append(SourceError(
                    display, locate(data, ("contacts", index, "public")), f"contacts[{index}].public",
                    f"a contact for the public site belongs in {public_file}: move it there", "contacts in the private folder are shown to members only",
                ))
        record = members.get(slug)
        if record is not None:
            member = record.member
            record.member = member.model_copy(update={"contacts": [*member.contacts, *overlay.contacts], "internal": overlay.internal})
    return errors


def _partner_references(data: Any) -> Iterator[tuple[int, str, int]]:
    """(index, slug, line) of each partner as written: `- acme` or `- {member: acme, since: 2021}`."""
    yield from listed(data, "partners")
    items = data.get("partners") if isinstance(data, dict) else None
    if isinstance(items, LineList):
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("member"), str) and re.match(SLUG_PATTERN, item["member"].strip()):
                yield index, item["member"].strip(), items.item_lines[index]


def _link_partners(records: dict[str, MemberRecord]) -> None:
    """Make each connection visible from both sides (the slugs were checked while reading)."""
    links: dict[str, set[str]] = {slug: set() for slug in records}
    since: dict[str, dict[str, int]] = {slug: {} for slug in records}
    for slug, record in records.items():
        for partnership in record.member.partners:
            partner = partnership.member
            if partner in records and partner != slug:
                links[slug].add(partner)
                links[partner].add(slug)
                if partnership.since is not None:
                    year = min(partnership.since, since[slug].get(partner, partnership.since))
                    since[slug][partner] = since[partner][slug] = year
    for slug, record in records.items():
        record.partners = sorted(links[slug])
        record.since = dict(sorted(since[slug].items()))
