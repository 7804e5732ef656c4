"""Moving a single-repository site's non-public data into the private folder.

A site that keeps everything in one repository (as every site did before the private folder
existed) has member-only events, opportunities, issues and pages, contacts without consent
and `internal:` notes in it. `clustersite migrate-private` moves each of them to its
mirrored place in the private folder:

- a member's `internal:` block and every contact without `public: true` move, as text (with
  the comments written above them), to `<private_dir>/members/<slug>.yml`;
- an event, opportunity, issue or page for members alone moves as a whole file, with the
  files only it uses (images, attachments).

Member files are edited by hand, so they are changed as text, not rewritten from data: every
other line stays as it was. Each change is checked before anything is written: the new
files must read back as exactly the old data, split in two; otherwise that file is left
alone and reported. Private files are written before public ones are changed, so an
interrupted run leaves data in both places, never in neither. A second run finds nothing
left to move.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .sources.newsletter import split_front_matter
from .yamlfile import LineDict, LineList, YamlProblem, parse_yaml

_LINKS = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|\b(?:src|href)=[\"']?([^\"'\s>]+)", re.IGNORECASE | re.MULTILINE)


@dataclass
class Plan:
    """What a migration writes, moves and removes, and what it left alone and why."""

    private_writes: dict[Path, str] = field(default_factory=dict)
    """New or extended overlays in the private folder, with their whole new text."""
    public_writes: dict[Path, str] = field(default_factory=dict)
    """Member files without what moved out, with their whole new text."""
    moves: dict[Path, Path] = field(default_factory=dict)
    """Whole files moving from the public repository into the private folder."""
    steps: list[str] = field(default_factory=list)
    """One line per moved piece of data, for the editor."""
    refused: list[str] = field(default_factory=list)


def plan_migration(root: Path, options: Any, docs_dir: Path) -> Plan:
    """Everything that must move, without changing a file."""
    private = root / options.private_dir
    plan = Plan()
    _plan_members(root, root / options.members_dir, private / options.members_dir, plan)
    for folder, what in ((options.events_dir, "an event"), (options.opportunities_dir, "an opportunity")):
        for path in sorted((root / folder).glob("*.y*ml")) if (root / folder).is_dir() else []:
            data = _yaml(path)
            if isinstance(data, dict) and _members_only(data.get("audience")):
                _move_file(root, path, private / path.relative_to(root), plan, f"{what} for members only")
    _plan_content(root, docs_dir, private, plan)
    return plan


def apply(plan: Plan) -> None:
    """Write the private side first, then change the public side: never a moment without the data."""
    for source, target in plan.moves.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, source.read_bytes())
    for writes in (plan.private_writes, plan.public_writes):
        for path, text in writes.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, text.encode("utf-8"))
    for source in plan.moves:
        source.unlink()


def _write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.migrating")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _yaml(path: Path) -> Any:
    try:
        return parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return None


def _members_only(audience: Any) -> bool:
    return isinstance(audience, list) and bool(audience) and all(group == "members" for group in audience)


def _move_file(root: Path, source: Path, target: Path, plan: Plan, why: str) -> None:
    if target.exists() and target.read_bytes() != source.read_bytes():
        plan.refused.append(f"{_display(source, root)}: {_display(target, root)} exists with other content: merge the two by hand")
        return
    plan.moves[source] = target
    plan.steps.append(f"{_display(source, root)} → {_display(target, root)} ({why})")


# --------------------------------------------------------------------------- member files


def _plan_members(root: Path, folder: Path, private_folder: Path, plan: Plan) -> None:
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        try:
            data = parse_yaml(text)
        except YamlProblem as problem:
            if re.search(r"^(internal|contacts)\s*:", text, re.M):
                plan.refused.append(f"{_display(path, root)}:{problem.line}: not valid YAML: fix it, then run the migration again")
            continue
        if not isinstance(data, LineDict):
            continue
        target = private_folder / path.name
        try:
            public, private, steps = split_member(text, data)
        except ValueError as problem:
            plan.refused.append(f"{_display(path, root)}: {problem}: move it by hand")
            continue
        if not steps:
            continue
        if target.exists():
            existing = _yaml(target)
            if not isinstance(existing, dict) or any(key in existing for key in parse_yaml(private) or {}):
                plan.refused.append(f"{_display(path, root)}: {_display(target, root)} already has these keys: merge them by hand")
                continue
            private = target.read_text(encoding="utf-8").rstrip("\n") + "\n" + private
        else:
            private = f"# Members-only contacts and office-internal notes for members/{path.name}: never in the public repository.\n" + private
        if not _verified(data, public, private):
            plan.refused.append(f"{_display(path, root)}: could not move the data as text without changing it: move it by hand to {_display(target, root)}")
            continue
        plan.private_writes[target] = private
        plan.public_writes[path] = public
        plan.steps += [f"{_display(path, root)}:{line} {what} → {_display(target, root)}" for line, what in steps]


def split_member(text: str, data: LineDict) -> tuple[str, str, list[tuple[int, str]]]:
    """(the public file's new text, the overlay's text, [(line, what moved)]) for one member file.

    A key's block moves with the comment lines written directly above it.
    """
    lines = text.splitlines(keepends=True)
    starts = sorted(data.key_lines.values())
    moved: set[int] = set()  # 0-based line indexes leaving the public file
    private_parts: list[str] = []
    steps: list[tuple[int, str]] = []

    contacts = data.get("contacts")
    if isinstance(contacts, LineList) and contacts:
        key_line = data.key_lines["contacts"]
        if any(item_line == key_line for item_line in contacts.item_lines):
            raise ValueError("contacts are written on one line ([…])")
        block_end = _block_end(lines, key_line, starts)
        leaving = [index for index, contact in enumerate(contacts) if not (isinstance(contact, dict) and contact.get("public") is True)]
        if leaving:
            bounds = [_with_comments_above(lines, line - 1, key_line) for line in contacts.item_lines] + [block_end]
            items: list[str] = []
            for index in leaving:
                start, end = bounds[index], _trim_blank(lines, bounds[index], bounds[index + 1])
                items += lines[start:end]
                moved.update(range(start, end))
                steps.append((contacts.item_lines[index], f"contacts[{index}] (no `public: true`)"))
            if len(leaving) == len(contacts):
                start = _with_comments_above(lines, key_line - 1, 0)
                moved.update(range(start, _trim_blank(lines, key_line - 1, block_end)))
            private_parts.append("contacts:\n" + _ensure_newline("".join(items)))
    if "internal" in data.key_lines:
        key_line = data.key_lines["internal"]
        start = _with_comments_above(lines, key_line - 1, 0)
        end = _trim_blank(lines, start, _block_end(lines, key_line, starts))
        private_parts.append(_ensure_newline("".join(lines[start:end])))
        moved.update(range(start, end))
        steps.append((key_line, "internal"))
    public = "".join(line for index, line in enumerate(lines) if index not in moved)
    return public, "".join(private_parts), steps


def _block_end(lines: list[str], key_line: int, starts: list[int]) -> int:
    """The 0-based index after a top-level key's block: where the next key's comments begin."""
    following = [line for line in starts if line > key_line]
    end = following[0] - 1 if following else len(lines)
    return _with_comments_above(lines, end, key_line) if following else end


def _with_comments_above(lines: list[str], index: int, floor: int) -> int:
    """The first line of the comments written directly above line `index` (0-based), not above `floor`."""
    while index - 1 >= floor and lines[index - 1].lstrip().startswith("#") and not lines[index - 1].startswith("# yaml-language-server"):
        index -= 1
    return index


def _trim_blank(lines: list[str], start: int, end: int) -> int:
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _ensure_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _verified(data: LineDict, public: str, private: str) -> bool:
    """Whether the two new texts read back as exactly the old data, split in two."""
    try:
        new_public, new_private = _plain(parse_yaml(public)), _plain(parse_yaml(private))
    except YamlProblem:
        return False
    if not isinstance(new_public, dict) or not isinstance(new_private, dict):
        return False
    old = _plain(data)
    contacts = old.pop("contacts", [])
    internal = old.pop("internal", None)
    kept = [contact for contact in contacts if isinstance(contact, dict) and contact.get("public") is True]
    expected_public = {**old, **({"contacts": kept} if kept else {})}
    leaving = [contact for contact in contacts if contact not in kept]
    if new_public != expected_public:
        return False
    if internal is not None and new_private.get("internal") != internal:
        return False
    return not leaving or new_private.get("contacts") == leaving


# --------------------------------------------------------------------------- pages and issues


def _front_matter(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        yaml_text, _ = split_front_matter(text)
        return parse_yaml(yaml_text) if yaml_text else None
    except (OSError, UnicodeDecodeError, YamlProblem):
        return None


def linked_files(text: str, src_uri: str, docs_dir: Path) -> set[str]:
    """The files in docs_dir (not pages) a page or issue shows or links, as docs_dir paths."""
    found = set()
    base = PurePosixPath(src_uri).parent
    for match in _LINKS.finditer(text):
        target = next(group for group in match.groups() if group is not None).split("#")[0].split("?")[0]
        if not target or target.lower().endswith(".md") or re.match(r"^[a-z][a-z0-9+.-]*:|^/", target, re.IGNORECASE):
            continue
        parts: list[str] = []
        for part in (base / target).parts:
            if part == "..":
                if parts:
                    parts.pop()
            elif part != ".":
                parts.append(part)
        uri = "/".join(parts)
        if uri and (docs_dir / uri).is_file():
            found.add(uri)
    return found


def _plan_content(root: Path, docs_dir: Path, private: Path, plan: Plan) -> None:
    try:
        mirror = private / docs_dir.resolve().relative_to(root.resolve())
    except ValueError:
        mirror = private / "content"
    pages = sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []
    leaving: list[Path] = []
    used_by_public: set[str] = set()
    used_by_leaving: set[str] = set()
    for path in pages:
        src_uri = path.relative_to(docs_dir).as_posix()
        meta = _front_matter(path)
        links = linked_files(path.read_text(encoding="utf-8", errors="replace"), src_uri, docs_dir)
        if isinstance(meta, dict) and _members_only(meta.get("audience")):
            leaving.append(path)
            used_by_leaving |= links
            image = meta.get("image")
            if isinstance(image, str) and (path.parent / image).is_file():
                used_by_leaving.add((path.parent / image).resolve().relative_to(docs_dir.resolve()).as_posix())
        else:
            used_by_public |= links
            image = meta.get("image") if isinstance(meta, dict) else None
            if isinstance(image, str) and (path.parent / image).is_file():
                used_by_public.add((path.parent / image).resolve().relative_to(docs_dir.resolve()).as_posix())
    for path in leaving:
        _move_file(root, path, mirror / path.relative_to(docs_dir), plan, "for members only")
    for uri in sorted(used_by_leaving - used_by_public):
        _move_file(root, docs_dir / uri, mirror / uri, plan, "used only by pages for members")
