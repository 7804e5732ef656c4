"""Reading newsletter issues: the front matter of `content/newsletter/*.md`, validated early.

MkDocs reads a page's front matter only when it renders the page, with YAML 1.1 rules
(`title: NO` becomes false) and without line numbers. The plugin reads every issue's
front matter itself, with the strict loader, before MkDocs reads any page, so that a
broken issue fails the build at once with `file:line: field: message (hint)` among all
the site's other errors, and the pages, feeds and e-mails all use the same typed values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.utils import is_markdown_file

from ..errors import SourceError
from ..models.fields import in_edition
from ..models.newsletter import Issue
from ..nesting import nesting_error
from ..validation import validate
from ..yamlfile import MAX_FILE_BYTES, YamlProblem, locate, parse_yaml
from .assets import AssetProblem, AssetRules, relative_path, resolve_asset
from .files import data_files, display_path
from .parsed import NO_CACHE, ParsedFiles
from .references import listed, unknown
from .tiers import PUBLIC, Tier
from .tree import scan_tree

MAX_IMAGE_BYTES = 1024 * 1024
NAME_IDS_FROM = dt.date(2026, 11, 23)
"""Issues dated from this day on get feed IDs made of their first file name instead of their
number, so that adding a number later does not change the ID; older issues keep the IDs
they were published with."""
RESERVED_STEMS = {"index", "members", "community", "public", "images", "rss", "atom", "feed"}
"""Names the archive and the feeds use inside the newsletter folder."""

_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n(.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.DOTALL)
_IMAGE_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".gif": (b"GIF87a", b"GIF89a")}


@dataclass
class IssueRecord:
    """A validated issue with where it came from and what it uses."""

    stem: str
    issue: Issue
    source: str
    """The file as editors see it, e.g. content/newsletter/2025-03-spring.md."""
    src_uri: str
    """The file inside docs_dir, as MkDocs names it, e.g. newsletter/2025-03-spring.md."""
    body: str
    """The Markdown below the front matter."""
    image_uri: str | None = None
    """The issue's image inside docs_dir, e.g. newsletter/images/pet-ct.png."""
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each front-matter key, for errors found after validation."""

    @property
    def date(self) -> dt.date:
        return self.issue.date

    @property
    def sort_key(self) -> tuple[dt.date, int, str]:
        """Oldest first; issues of one day by number, then by file name."""
        return (self.issue.date, self.issue.number or 0, self.stem)

    def in_edition(self, edition: str) -> bool:
        return in_edition(self.issue.audience, edition)

    def feed_id(self, host: str) -> str:
        """The permanent ID of the issue in every feed (Atom id, RSS guid, JSON Feed id).

        An RSS-to-e-mail service sends an item again when its ID changes, so the ID is made
        only of what never changes once an issue is out (RFC 4151 tag URIs): the site's
        host, the issue's date and the issue's first file name,
        `tag:host,2026-12-01:newsletter/2026-12-winter`. Adding or correcting a `number:`,
        the title or the text keeps it; a renamed file keeps it through `previous_slugs:`
        (the oldest name is the first). An explicit `id:` keeps an old ID when a published
        date has to be corrected.

        Issues dated before NAME_IDS_FROM were published with IDs made of the date and the
        number (`…:newsletter/12`, or `…:newsletter` without a number) and keep them.
        """
        return self.issue.id or f"tag:{host},{self.issue.date.isoformat()}:{self._id_path}"

    @property
    def first_name(self) -> str:
        """The file name the issue was first published under (without .md)."""
        return (self.issue.previous_slugs or [self.stem])[0]

    @property
    def _id_path(self) -> str:
        if self.issue.date < NAME_IDS_FROM:
            return "newsletter" + (f"/{self.issue.number}" if self.issue.number is not None else "")
        return f"newsletter/{self.first_name}"

    @property
    def id_key(self) -> str:
        """What the feed ID is made of, without the host: two issues may not share it."""
        return self.issue.id or f"{self.issue.date.isoformat()}:{self._id_path}"


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(the YAML block including its opening `---` line, the Markdown body).

    Keeping the opening `---` in the YAML text makes the parser count lines as the file
    does, so errors name the editor's line numbers.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text
    return text[: match.end(1)] if match.group(1) is not None else "", text[match.end() :]


def load_newsletter(
    folder: Path,
    root: Path,
    docs_dir: Path,
    *,
    member_slugs: set[str],
    event_slugs: set[str],
    tier: Tier = PUBLIC,
    folders: dict[str, str] | None = None,
    parsed: ParsedFiles = NO_CACHE,
) -> tuple[list[IssueRecord], list[SourceError]]:
    """All issues in `folder` (inside docs_dir), oldest first, and every error in them.

    An issue for members alone belongs in the private folder, and one there is for members alone.
    """
    files, errors = data_files(folder, root, suffixes=(".md",))
    errors += _stray_pages(folder, root)
    records: list[IssueRecord] = []
    claimed: dict[str, str] = {}
    for stem, path in files.items():
        display = display_path(path, root)
        if stem in RESERVED_STEMS:
            errors.append(SourceError(display, 0, "", f'the name "{path.name}" is used by the archive or the feeds', "rename the file, e.g. to <date>-<topic>.md"))
            continue
        record, problems = _read_issue(path, display, folder, docs_dir, {"member": member_slugs, "event": event_slugs}, folders or {"member": "members", "event": "events"}, tier, parsed)
        problems += _previous_stems(record, files, claimed)
        errors += problems
        if record is not None:
            records.append(record)
    records.sort(key=lambda record: record.sort_key)
    errors += unique_ids(records)
    return records, errors


def _parse_issue(path: Path, display: str) -> tuple[Any, str, tuple[SourceError, ...], Issue | None, tuple[SourceError, ...]]:
    """One issue file alone: its front matter (None if unreadable), its body, the errors in reading it, its model and the errors in validating it."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, "", (SourceError(display, 1, "", f"the issue is over the {MAX_FILE_BYTES // 1024} KB limit", "an issue is a few KB of text; put images in images/"),), None, ()
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return None, "", (SourceError(display, line, "", "the file is not valid UTF-8", "save it with UTF-8 encoding"),), None, ()
    except OSError as error:
        return None, "", (SourceError(display, 0, "", f"cannot read the file: {error.strerror}", "check that it exists and is readable"),), None, ()
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    too_deep = nesting_error(text, display)
    if too_deep is not None:  # Python-Markdown would crash on it with a traceback
        return None, "", (too_deep,), None, ()
    yaml_text, body = split_front_matter(text)
    if yaml_text is None:
        return None, "", (SourceError(display, 1, "", "the issue has no front matter", "start the file with a `---` line, `title: …` and `date: YYYY-MM-DD`, and a closing `---` line"),), None, ()
    duplicates: list[YamlProblem] = []
    try:
        data = parse_yaml(yaml_text, duplicates)
    except YamlProblem as problem:
        return None, "", (SourceError(display, problem.line, "", problem.message, problem.hint),), None, ()
    if data is None:
        return None, "", (SourceError(display, 1, "", "the front matter is empty", "add at least `title: …` and `date: YYYY-MM-DD` between the `---` lines"),), None, ()
    issue, invalid = validate(Issue, data, display)
    return data, body, tuple(SourceError(display, problem.line, "", problem.message, problem.hint) for problem in duplicates), issue, tuple(invalid)


def _read_issue(
    path: Path, display: str, folder: Path, docs_dir: Path, known: dict[str, set[str]], folders: dict[str, str], tier: Tier, parsed: ParsedFiles
) -> tuple[IssueRecord | None, list[SourceError]]:
    data, body, problems, issue, invalid = parsed.get("issue", path, display, partial(_parse_issue, path, display))
    errors = list(problems)
    if data is None:
        return None, errors
    for key, kind in (("members", "member"), ("events", "event")):  # checked even when other fields are wrong
        for index, slug, line in listed(data, key):
            if slug not in known[kind]:
                errors.append(unknown(kind, slug, known[kind], source=display, line=line, field=f"{key}[{index}]", folder=folders[kind]))
    errors += invalid
    if issue is None:
        return None, errors
    issue, audience_problems = tier.audience(issue, data, display)
    errors += audience_problems
    stem = path.stem
    src_uri = path.relative_to(docs_dir).as_posix()
    record = IssueRecord(stem, issue, display, src_uri, body, lines=dict(getattr(data, "key_lines", {})))
    if issue.image:
        try:
            record.image_uri = _check_image(issue.image, folder, docs_dir)
        except AssetProblem as problem:
            errors.append(SourceError(display, locate(data, ("image",)), "image", problem.message, problem.hint))
    return (record if not errors else None), errors



def _stray_pages(folder: Path, root: Path) -> list[SourceError]:
    """Markdown pages in the newsletter folder that are not issues: refused, never published as plain pages.

    MkDocs would render `newsletter/2024/briefing.md` or `newsletter/briefing.markdown` as an
    ordinary page, without the issue's checks and without its audience: a members-only issue
    there would reach the public site. Sub-folders hold only the issues' images and attachments.
    """
    errors = []
    for path in scan_tree(folder, root)[0]:  # into linked folders, as MkDocs
        relative = path.relative_to(folder)
        if not is_markdown_file(path.name) or any(part.startswith(".") for part in relative.parts):
            continue
        display = display_path(path, root)
        if len(relative.parts) > 1:
            errors.append(SourceError(display, 0, "", "an issue must be directly in the newsletter folder", f"move it to {display_path(folder, root)}/{path.stem}.md; sub-folders hold only images and attachments"))
        elif path.suffix != ".md":
            errors.append(SourceError(display, 0, "", f'an issue must be a .md file, not "{path.suffix}"', f"rename it to {path.stem}.md"))
    return errors


IMAGE_RULES = AssetRules(
    signatures=_IMAGE_SIGNATURES,
    max_bytes=MAX_IMAGE_BYTES,
    outside="is not inside the newsletter folder",
    place_hint="put the image in the newsletter's images/ folder and write images/<file>",
    size_hint="export it at 1200 px wide or compress it: it is sent in every e-mail",
)


def _check_image(value: str, folder: Path, docs_dir: Path) -> str:
    """The image's path inside docs_dir, checked to be a real image in the newsletter folder."""
    if "://" in value:
        raise AssetProblem(f'"{value}" {IMAGE_RULES.outside}', IMAGE_RULES.place_hint)
    resolve_asset(value, folder, IMAGE_RULES)
    return (folder / relative_path(value, IMAGE_RULES)).relative_to(docs_dir).as_posix()


def _previous_stems(record: IssueRecord | None, files: dict[str, Path], claimed: dict[str, str]) -> list[SourceError]:
    """An issue's old file names must be free: their redirect pages may not replace a live page."""
    if record is None:
        return []
    errors = []
    line = record.lines.get("previous_slugs", 1)
    for old in record.issue.previous_slugs:
        if old == record.stem or old in files or old in RESERVED_STEMS:
            errors.append(SourceError(record.source, line, "previous_slugs", f'"{old}" is the name of a file that exists', "an old name must be free: remove it here, or rename the other file"))
        elif claimed.setdefault(old, record.source) != record.source:
            errors.append(SourceError(record.source, line, "previous_slugs", f'"{old}" is also an old name of {claimed[old]}', "an old address can redirect to one place only: remove it from one of the two files"))
    return errors


def unique_ids(records: list[IssueRecord]) -> list[SourceError]:
    """Two issues with one feed ID would be one item to feed readers: the second would vanish."""
    errors = []
    seen: dict[str, IssueRecord] = {}
    for record in records:
        first = seen.setdefault(record.id_key, record)
        if first is not record:
            key = "id" if record.issue.id else "number" if record.issue.number is not None else "date"
            hint = "every issue needs its own id" if key == "id" else "give the issues of one day different numbers (`number: …`), or one of them an `id:`"
            errors.append(SourceError(record.source, record.lines.get(key, 1), key, f"gives the same feed ID as {first.source}", hint))
    return errors
