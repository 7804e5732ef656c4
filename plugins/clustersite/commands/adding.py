"""`clustersite add`: the group, and what its commands share to write a new file that is valid from the start.

Each `add` command (`add_member.py`, `add_event.py`, `add_newsletter.py`) asks for what is
missing (`Ask`, `fill`), writes YAML that reads back exactly as given (`yaml_lines`), and
keeps the file only when the build's own loader accepts it (`write_validated`).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml

from ..errors import DataError, SourceError
from . import EXIT_CODES, Refused, SiteContext
from .values import TermType, slugify


@click.group("add", epilog=EXIT_CODES)
def command() -> None:
    """Create a new member, event, opportunity or newsletter issue file.

    Give the values as options, or run the command in a terminal and it asks for what is
    missing. The new file is checked exactly as the build checks it before it is kept,
    and an existing file is never overwritten.
    """


def interactive() -> bool:
    """Whether a person is typing: only then does a command ask for what is missing."""
    return sys.stdin is not None and sys.stdin.isatty()


def tier_folder(site: SiteContext, public: Path, audience: list[str]) -> Path:
    """Where a new file goes: for members alone, the same place in the private folder."""
    if audience != ["members"]:
        return public
    try:
        return site.root / site.options.private_dir / public.resolve().relative_to(site.root)
    except ValueError:
        return site.root / site.options.private_dir / public.name


# --------------------------------------------------------------------------- writing YAML

_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$")
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_scalar(value: str) -> str:
    """`value` as YAML that every reader takes as this exact text: plain when safe, else quoted.

    Safe means both our strict loader and a YAML 1.1 reader (PyYAML, editors' tools) read
    it back as the same text; `NO`, `12:30`, `yes` or `a: b` are quoted.
    """
    from ..yamlfile import YamlProblem, parse_yaml

    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if _DATE_LIKE.match(value):
        return value
    try:
        plain = value == value.strip() and "\n" not in value and yaml.safe_load(f"k: {value}") == {"k": value} and parse_yaml(f"k: {value}") == {"k": value}
    except (yaml.YAMLError, YamlProblem):
        plain = False
    if plain:
        return value
    # A JSON string is a YAML double-quoted string; escape what YAML reads as a line break or refuses raw.
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(value, ensure_ascii=False))


def yaml_lines(data: dict[str, Any], indent: str = "") -> list[str]:
    """Block-style YAML of strings, lists of slugs (in flow style) and nested mappings."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines += yaml_lines(value, indent + "  ")
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(yaml_scalar(item) for item in value)}]")
        else:
            lines.append(f"{indent}{key}: {yaml_scalar(value)}")
    return lines


def _as_text(value: Any) -> Any:
    """`value` as the strict loader reads it back: numbers are text until a model converts them."""
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop what was left empty, so the file holds only what the editor gave."""
    result = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = compact(value)
        if value not in (None, "", [], {}, ()):
            result[key] = list(value) if isinstance(value, tuple) else value
    return result


# --------------------------------------------------------------------------- asking for values


@dataclass
class Ask:
    """One value of a new file: its option, what to ask, whether it is required."""

    key: str
    prompt: str
    required: bool = True
    type: Any = None
    default: Any = None
    multiple: bool = False


def fill(values: dict[str, Any], asks: list[Ask], claim: Callable[[dict[str, Any]], Any] | None = None) -> dict[str, Any]:
    """The given values, plus, in a terminal, the answers for the missing ones.

    All options given (or a script without a terminal): nothing is asked. A required value
    missing without a terminal is a usage error that names every missing option. `claim`
    runs as soon as the first value (the name or title) is known, so that a taken slug is
    refused before the editor types everything else.
    """
    missing = [ask for ask in asks if ask.required and not values.get(ask.key)]
    if not missing:
        return values
    if not interactive():
        names = ", ".join(f"--{ask.key.replace('_', '-')}" for ask in missing)
        raise click.UsageError(f"missing {names} (or run the command in a terminal to be asked)")
    click.echo("Leave an optional value empty to skip it.", err=True)
    for index, ask in enumerate(asks):
        if not values.get(ask.key):
            values[ask.key] = _ask(ask)
        if index == 0 and claim is not None:
            claim(values)
    return values


def _ask(ask: Ask) -> Any:
    label = ask.prompt + ("" if ask.required else " (optional)")
    if isinstance(ask.type, TermType):
        click.echo(f"{ask.prompt}:\n{ask.type.listing()}", err=True)
    if ask.multiple and isinstance(ask.type, TermType):
        label += " (numbers, labels or codes; separate with commas)"
        while True:
            answer = click.prompt(label, default="", show_default=False, err=True)
            try:
                return ask.type.convert_many(str(answer))
            except click.BadParameter as error:
                click.secho(f"Error: {error.message}", fg="red", err=True)
    if ask.multiple:
        choices = ask.type.choices if isinstance(ask.type, click.Choice) else None
        if choices:
            label += f" ({', '.join(choices)}; separate with commas)"
        while True:
            answer = click.prompt(label, default=ask.default if ask.default is not None else ("" if not ask.required else None), show_default=bool(ask.default), err=True)
            items = [item.strip() for item in str(answer).split(",") if item.strip()]
            try:
                return [ask.type.convert(item, None, None) if ask.type else item for item in items]
            except click.BadParameter as error:
                click.secho(f"Error: {error.message}", fg="red", err=True)
    if ask.required:
        return click.prompt(label, type=ask.type, default=ask.default, err=True)
    while True:
        answer = click.prompt(label, default="", show_default=False, err=True).strip()
        if not answer or ask.type is None:
            return answer
        try:
            return ask.type.convert(answer, None, None)
        except click.BadParameter as error:
            click.secho(f"Error: {error.message}", fg="red", err=True)


# --------------------------------------------------------------------------- new files


def schema_line(site: SiteContext, schema_name: str, target: Path) -> str:
    """`# yaml-language-server: $schema=…` for `target`, when the plugin writes that schema."""
    from ..schema import SCHEMA_FILES

    if schema_name not in SCHEMA_FILES:
        return ""
    relative = os.path.relpath(site.root / site.options.schema_dir / schema_name, target.parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}\n"


def refuse_existing(site: SiteContext, candidates: Iterable[Path], slug: str, kind: str) -> None:
    for path in candidates:
        if path.exists():
            raise Refused(
                f'{site.display(path)} already exists: the slug "{slug}" is taken by another {kind}. '
                "Edit that file, or choose another slug with --slug."
            )


def write_validated(site: SiteContext, path: Path, text: str, yaml_text: str, intended: dict[str, Any], edition: str | None = None) -> None:
    """Write `text` to `path` and keep it only if the site's loader finds no error in it.

    `yaml_text` is the file's YAML (all of it, or the front matter), read back first to
    make sure it says exactly `intended`.

    The check is the build's own (`load_site_data`), so partners, organisers and
    vocabularies are checked against the rest of the site exactly as a build would. An
    invalid result is removed again: nothing invalid is left behind. Errors elsewhere in
    the site are mentioned, not blamed on the new file.
    """
    from ..yamlfile import parse_yaml

    if parse_yaml(yaml_text) != _as_text(intended):  # our own writer must say exactly what it was given
        raise Refused(f"{site.display(path)}: could not write the values faithfully; please report this")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise Refused(f"{site.display(path)} already exists; nothing was changed") from None
    display = site.display(path)
    try:
        site.data(edition)
        problems: list[SourceError] = []
    except DataError as error:
        problems = error.errors
    own = [problem for problem in problems if problem.path == display or display.endswith("/" + problem.path)]
    if own:
        path.unlink()
        for problem in own:
            click.secho(str(problem), fg="red", err=True)
        raise Refused(f"{display} was not written: fix the values above and run the command again")
    click.secho(f"created {display}", fg="green")
    others = len(problems) - len(own)
    if others:
        click.secho(f"note: the site has {others} other error(s) in other files; `clustersite check` lists them", fg="yellow", err=True)


def slug_for(given: str | None, text: str, option: str) -> str:
    slug = given or slugify(text)
    if not slug:
        raise click.UsageError(f"cannot make a file name from {text!r}: give one with {option}")
    return slug
