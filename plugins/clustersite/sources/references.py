"""References between data files (partners, organisers, an issue's members and events) that lead nowhere.

A slug that names no file is either a typo or a member (or event) that left or was
renamed. The fix differs: a typo is corrected where it was typed, while a member that
left is removed from every list that names it, and a renamed one is written under its
new name. A "did you mean" hint is right only for a typo, so it is given only when one
file names the slug, the slug is a near-typo of an existing one, and git does not know the
file as deleted; everything else becomes ONE error per missing slug that names the
missing file, every place that names it, and both fixes. An old name kept in a file's
`previous_slugs:` is reported as renamed, with its new name.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess  # nosec B404: runs git with a fixed argument list, never a shell
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..models.fields import SLUG_PATTERN
from ..yamlfile import LineList

NOUNS = {"member": "a member", "event": "an event"}
TYPO_RATIO = 0.85
"""How alike a slug must be to an existing one to count as a typo of it: one or two
characters wrong in a typical slug. `nistru-medical-college` is not a typo of
`nistru-medical-university`."""


def listed(data: Any, key: str) -> Iterator[tuple[int, str, int]]:
    """(index, slug, line) of each slug in the raw list `data[key]`.

    Read from the YAML as written, so a reference is checked even when another field of
    the same file is invalid: an editor sees every problem of a file in one run.
    """
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, LineList):
        return
    for index, item in enumerate(items):
        if isinstance(item, str) and re.match(SLUG_PATTERN, item.strip()):
            yield index, item.strip(), items.item_lines[index]


def previous_slug_errors(data: Any, source: str, slug: str, live: Collection[str], claimed: dict[str, str]) -> list[SourceError]:
    """An old name in `previous_slugs:` that a live file (or another file's old name) still uses.

    Its redirect page would replace that file's page, or another redirect: refused.
    `claimed` maps each old slug seen so far to the file that lists it.
    """
    errors = []
    for index, old, line in listed(data, "previous_slugs"):
        field = f"previous_slugs[{index}]"
        if old == slug or old in live:
            errors.append(SourceError(source, line, field, f'"{old}" is the name of a file that exists', "an old name must be free: remove it here, or rename the other file"))
        elif claimed.setdefault(old, source) != source:
            errors.append(SourceError(source, line, field, f'"{old}" is also an old name of {claimed[old]}', "an old address can redirect to one place only: remove it from one of the two files"))
    return errors


def typo_of(slug: str, known: Iterable[str]) -> str:
    """The existing slug `slug` is a near-typo of, or ''."""
    matches = difflib.get_close_matches(slug, list(known), n=1, cutoff=TYPO_RATIO)
    return matches[0] if matches else ""


def unknown(kind: str, slug: str, known: Collection[str], *, source: str, line: int, field: str, folder: str) -> SourceError:
    """One place that names `slug`, which has no file in `folder`; `group_unknown` merges them per slug."""
    typo = typo_of(slug, known)
    if typo:
        return SourceError(source, line, field, f'"{slug}" is not {NOUNS[kind]}', f'did you mean "{typo}"?', reference=(kind, slug))
    return SourceError(
        source, line, field, f'"{slug}" is not {NOUNS[kind]}: there is no {folder}/{slug}.yml', _fix(kind, slug, folder, 1), reference=(kind, slug)
    )


def _fix(kind: str, slug: str, folder: str, count: int) -> str:
    """Both fixes: the missing file left (remove the references) or was renamed (write the new name)."""
    lines, where = ("this line", "here") if count == 1 else ("these lines", "in them")
    if kind == "event":
        return f"if the event's file was renamed, write the new name {where} and add `previous_slugs: [{slug}]` to that file; otherwise remove {lines}"
    return f"remove {lines} if the member left the cluster; if its file was renamed, write the new name {where} and add `previous_slugs: [{slug}]` to that file"


def group_unknown(
    errors: list[SourceError],
    *,
    renamed: Mapping[tuple[str, str], tuple[str, str]],
    folders: Mapping[str, str],
    deleted_in: Callable[[str], str] = lambda path: "",
) -> list[SourceError]:
    """`errors` with every reference to one missing slug merged into one error.

    `renamed` maps (kind, old slug) to (new slug, the file that lists the old one);
    `deleted_in(path)` names the commit that deleted a file, or ''.
    """
    groups: dict[tuple[str, str], list[SourceError]] = defaultdict(list)
    result = []
    for error in errors:
        if error.reference is None:
            result.append(error)
        else:
            groups[error.reference].append(error)
    for (kind, slug), found in groups.items():
        found.sort()
        first, others = found[0], found[1:]
        also = f" (also named in {', '.join(f'{e.path}:{e.line}' for e in others)})" if others else ""
        if (kind, slug) in renamed:
            new, where = renamed[(kind, slug)]
            where_too = f" and in {', '.join(f'{e.path}:{e.line}' for e in others)}" if others else ""
            result.append(replace(first, message=f'"{slug}" was renamed to "{new}" ({where} lists it under previous_slugs)', hint=f'write "{new}" here{where_too}', reference=None))
            continue
        path = f"{folders[kind]}/{slug}.yml"
        commit = deleted_in(path)
        if not others and not commit and first.hint.startswith("did you mean"):
            result.append(replace(first, reference=None))  # a typo, in one place
            continue
        gone = f"{path} was deleted in commit {commit}" if commit else f"there is no {path}"
        count = len(found)
        named = f", and {count} files name it" if count > 1 else ""
        result.append(replace(first, message=f'"{slug}" is not {NOUNS[kind]}: {gone}{named}{also}', hint=_fix(kind, slug, folders[kind], count), reference=None))
    return result


def git_deletions(root: Path) -> Callable[[str], str]:
    """`deleted_in(path)`: the short hash of the commit that deleted `path` in the site's git history, or ''.

    Without git or without the history (a shallow CI checkout), nothing is known and the
    errors fall back to "there is no …": never a wrong "did you mean".
    """
    git = shutil.which("git")

    def deleted_in(path: str) -> str:
        if git is None:
            return ""
        try:
            result = subprocess.run(  # nosec B603  # noqa: S603 (fixed arguments, no shell)
                [git, "log", "-1", "--diff-filter=D", "--format=%h", "--", path],
                cwd=root, capture_output=True, text=True, timeout=20, check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return result.stdout.strip() if result.returncode == 0 else ""

    return deleted_in
