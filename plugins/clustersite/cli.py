"""The `clustersite` command: start a site, add data files to it, check it, write its schemas.

Written for a cluster office's editors, not for developers: every command has `--help`,
asks for what is missing when it runs in a terminal (and says which option is missing
when it does not), never prints a traceback for a problem in the data, and colours its
output only on a terminal (`NO_COLOR` turns colour off).

Exit codes: 0 success; 1 the data has errors, or the command refused to overwrite
something; 2 the command was used wrongly or the site's configuration could not be read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
import time
import typing
import unicodedata
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import click
import yaml

from .errors import DataError, SourceError
from .vocabularies import ORGANISATION_TYPES as ORGANISATION_TYPE_LABELS

EXIT_CODES = "Exit codes: 0 success, 1 errors in the data or refused (nothing overwritten), 2 wrong usage or unreadable configuration."


class Refused(click.ClickException):
    """The command would overwrite something, or its result would not be valid: exit 1."""

    exit_code = 1


class ConfigProblem(click.ClickException):
    """mkdocs.yml cannot be read or lacks the plugin: exit 2, like wrong usage."""

    exit_code = 2


# --------------------------------------------------------------------------- the site


@dataclass
class SiteContext:
    """The site a command works on: its MkDocs configuration, the plugin's options, its folder."""

    config: Any
    options: Any
    root: Path

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    def display(self, path: Path) -> str:
        """A path as editors see it in the repository: relative, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def _load_site(config_file: str, *, check_options: bool = True) -> SiteContext:
    """The site's configuration from mkdocs.yml, validated by MkDocs itself and, unless
    `check_options` is False (`check` reports them itself), by the plugin (exit 2 on a problem)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    path = Path(config_file)
    if not path.is_file():
        raise click.UsageError(f"{config_file} not found: run this in the site's folder or pass --config-file")
    try:
        config = load_config(str(path))
    except ConfigurationError as error:
        raise ConfigProblem(f"{config_file}: {error}") from None
    except (yaml.YAMLError, ValueError) as error:  # MkDocs' YAML reading fails so on e.g. `build_date: 2026-13-01`
        raise ConfigProblem(f"{config_file}: cannot be read: {error}") from None
    plugin = config.plugins.get("cluster")
    if plugin is None:
        raise ConfigProblem(f"{config_file}: the `cluster` plugin is not listed under plugins:")
    if check_options:
        from .options import config_errors

        problems = config_errors(config, plugin.options_as_written, plugin.config)
        if problems:
            raise ConfigProblem("\n".join(map(str, problems)))
    return SiteContext(config, plugin.config, path.resolve().parent)


def _load_options(config_file: str) -> tuple[Any, Path]:
    """The plugin's options and the site's folder (what `check` and `schema` need)."""
    site = _load_site(config_file)
    return site.options, site.root


def _load_site_data(site: SiteContext, edition: str | None = None) -> Any:
    """Every data file of the site (of `edition`, the configured one by default), through the loader the build itself uses."""
    from .sitedata import load_site_data

    return load_site_data(site.options, site.root, site.docs_dir, edition)


def _tier_folder(site: SiteContext, public: Path, audience: list[str]) -> Path:
    """Where a new file goes: for members alone, the same place in the private folder."""
    if audience != ["members"]:
        return public
    try:
        return site.root / site.options.private_dir / public.resolve().relative_to(site.root)
    except ValueError:
        return site.root / site.options.private_dir / public.name


_NOUNS = {"members": ("member", "members"), "events": ("event", "events"), "newsletter": ("newsletter issue", "newsletter issues")}


def _summary(data: Any) -> str:
    """'20 members, 6 events, 1 newsletter issue' from the collections the site's data has."""
    parts = []
    for name, (one, many) in _NOUNS.items():
        value = getattr(data, name, None)
        if isinstance(value, (dict, list)):
            parts.append(f"{len(value)} {one if len(value) == 1 else many}")
    return ", ".join(parts)


def _interactive() -> bool:
    """Whether a person is typing: only then does a command ask for what is missing."""
    return sys.stdin is not None and sys.stdin.isatty()


config_option = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, metavar="FILE", help="The site's MkDocs configuration."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}, epilog=EXIT_CODES)
@click.version_option(package_name="clustersite")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Publish a cluster's member database, events and newsletter with MkDocs.

    \b
    Start a site:        clustersite new my-cluster
    Add a member:        clustersite add member --name "Acme Imaging" --type sme ...
    Check before a PR:   clustersite check
    """
    if os.environ.get("NO_COLOR"):
        ctx.color = False


# --------------------------------------------------------------------------- check, schema


@main.command(epilog=EXIT_CODES)
@config_option
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text", show_default=True, help="github prints GitHub Actions annotations on the pull request's lines.")
def check(config_file: str, output_format: str) -> None:
    """Validate every data file and report all errors at once.

    Each error names the file, the line and the field, and says how to fix it.
    """
    from .dryrun import dry_run
    from .schema import stale_schemas

    site = _load_site(config_file, check_options=False)
    options, root = site.options, site.root
    started = time.monotonic()
    if sys.stderr.isatty():
        click.echo("clustersite: checking the site's data…", err=True)
    data, errors = dry_run(Path(config_file))  # what the build of either edition would refuse
    if data is not None:
        stale = stale_schemas(root / options.schema_dir, data.vocabularies)
        errors = [
            SourceError(f"{options.schema_dir}/{name}", 0, "", "is out of date with the models and vocabularies", "run `clustersite schema` and commit the result")
            for name in stale
        ]
    if not errors:
        seconds = time.monotonic() - started
        click.secho(f"clustersite: all data is valid ({_summary(data)}).", fg="green")
        if sys.stderr.isatty():
            click.echo(f"clustersite: checked in {seconds:.1f} s.", err=True)
        return
    for error in errors:
        if output_format == "github":
            click.echo(error.github())
        click.echo(click.style(str(error), fg="red") if output_format == "text" else str(error), err=output_format == "github")
    noun = "error" if len(errors) == 1 else "errors"
    if output_format == "github":
        _github_summary(errors)
    click.secho(f"clustersite: {len(errors)} {noun}.", fg="red", err=True)
    sys.exit(1)


GITHUB_ANNOTATIONS_PER_STEP = 10
"""GitHub shows at most 10 error annotations of one step on a pull request and drops the rest silently."""


def _github_summary(errors: list[SourceError]) -> None:
    """Every error as a Markdown table in the job summary, and a note when annotations were cut."""
    if len(errors) > GITHUB_ANNOTATIONS_PER_STEP:
        note = (
            f"GitHub shows only the first {GITHUB_ANNOTATIONS_PER_STEP} of these {len(errors)} errors as annotations on the pull request; "
            "all of them are in this step's log and in the job summary"
        )
        click.echo(f"::warning title=clustersite check::{note}")  # warnings have their own limit, so this one shows
        click.echo(f"clustersite: {note}", err=True)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return

    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")

    noun = "error" if len(errors) == 1 else "errors"
    lines = [f"## clustersite check: {len(errors)} {noun}", "", "| file | line | field | problem | how to fix it |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {cell(e.path)} | {e.line or ''} | {cell(e.field)} | {cell(e.message)} | {cell(e.hint)} |" for e in errors]
    with open(summary, "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n\n")


@main.command("access-list", epilog=EXIT_CODES)
@config_option
@click.option("--format", "output_format", type=click.Choice(["lines", "cloudflare"]), default="lines", show_default=True, help="cloudflare: the include rules of a Cloudflare Access policy (JSON).")
def access_list(config_file: str, output_format: str) -> None:
    """Print the e-mail domains allowed through the members' edition's login.

    Read from the members' edition's data (it needs the private folder): every member's
    contacts whose address is at the member's own domain (its website's), and the office's.
    Addresses elsewhere (a mail provider would let in all its users) are left out and listed
    on stderr. Paste the result into the host's access policy, or let CI apply it.
    """
    from .access import allow_list

    site = _load_site(config_file)
    try:
        data = _load_site_data(site, "members")
    except DataError as error:
        for problem in error.errors:
            click.secho(str(problem), fg="red", err=True)
        sys.exit(1)
    allowed = allow_list(data)
    for note in allowed.left_out:
        click.secho(f"left out: {note}", fg="yellow", err=True)
    click.echo(allowed.cloudflare() if output_format == "cloudflare" else allowed.lines(), nl=False)


@main.command("migrate-private", epilog=EXIT_CODES)
@config_option
@click.option("--dry-run", is_flag=True, help="Only list what would move; change no file.")
def migrate_private(config_file: str, dry_run: bool) -> None:
    """Move the data that is not public into the private folder (the `private_dir` option).

    \b
    - a member's `internal:` notes and contacts without `public: true`
      → <private_dir>/members/<slug>.yml (as text, with their comments)
    - events, newsletter issues and pages for members only, and the files
      only they use → the same path inside <private_dir>/

    Every changed file is read back before it is written: it must hold exactly the old
    data, split in two, or that file is left alone and reported. Running it twice is
    harmless: the second run finds nothing left to move.
    """
    from .migrate import apply, plan_migration

    site = _load_site(config_file)
    plan = plan_migration(site.root, site.options, site.docs_dir)
    for step in plan.steps:
        click.echo(("would move " if dry_run else "moved ") + step)
    for problem in plan.refused:
        click.secho(f"left alone: {problem}", fg="yellow", err=True)
    if not plan.steps:
        click.secho("clustersite: nothing to move: the public repository holds only public data.", fg="green")
    elif dry_run:
        click.echo(f"clustersite: {len(plan.steps)} moves; nothing was changed (--dry-run).")
    else:
        apply(plan)
        click.secho(f"clustersite: moved {len(plan.steps)} pieces of data into {site.options.private_dir}/.", fg="green")
        click.echo(
            f"Keep {site.options.private_dir}/ out of the public repository (a checkout or submodule of the office's private repository), "
            "and remember that the public repository's history still holds what was there (see README, The private folder)."
        )
    if plan.refused:
        sys.exit(1)


@main.group(epilog=EXIT_CODES)
def network() -> None:
    """Partner clusters (the `network:` option in mkdocs.yml) and their members."""


@network.command("pull", epilog=EXIT_CODES)
@config_option
def network_pull(config_file: str) -> None:
    """Fetch each partner cluster's members export into network/<slug>.json.

    Run it by hand or in a scheduled CI job, then commit network/: the build never goes
    online and shows what was pulled last. Each export is checked (at most 5 MB, 20 seconds,
    http(s) only, JSON of the members format version 1, valid against its schema, every
    text limited in length and every address http(s)); a refused export is named with what
    is wrong, and the previous network/<slug>.json stays as it was.
    """
    from .network.pull import pull
    from .sources.network import partners_of

    site = _load_site(config_file)
    partners = partners_of(site.options.network)
    if not partners:
        raise Refused(f"{config_file}: network: lists no partner clusters (add `network: [{{slug: …, name: …, site: https://…, export: https://…/members/members.json}}]`)")
    errors = pull(partners, site.root / site.options.network_dir, site.root, click.echo)
    for error in errors:
        click.echo(click.style(str(error), fg="red"), err=True)
    if errors:
        noun = "export was" if len(errors) == 1 else "exports were"
        click.secho(f"clustersite: {len(errors)} {noun} refused.", fg="red", err=True)
        sys.exit(1)


@main.command(epilog=EXIT_CODES)
@config_option
def schema(config_file: str) -> None:
    """Write the JSON Schemas that editors' tools read.

    They are made from the models and the site's vocabularies; `check` fails while the
    committed copies are out of date.
    """
    from .schema import write_schemas
    from .sitedata import load_vocabularies

    options, root = _load_options(config_file)
    vocabularies, errors = load_vocabularies(options)
    if errors:
        raise Refused(DataError(errors).report())
    written = write_schemas(root / options.schema_dir, vocabularies)
    for path in written:
        click.echo(f"wrote {path.relative_to(root)}")
    if not written:
        click.echo("schemas are up to date")


@main.command(epilog=EXIT_CODES)
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
def offline(site_dir: Path, target: Path) -> None:
    """Copy a built site (SITE_DIR) to TARGET with links that work when opened from disk.

    A built site links to folders (members/acme/), which a web server answers with the
    folder's index.html, but a browser opening the files from disk shows a folder listing.
    The copy links to the index.html files. The pull request's preview is such a copy;
    the search still needs a web server (python3 -m http.server -d site).

    \b
    Example:
      mkdocs build --strict && clustersite offline site site-preview
    """
    from .offline import offline_copy

    if target.exists():
        raise Refused(f"{target} already exists: choose a new folder (nothing was changed)")
    count = offline_copy(site_dir, target)
    click.echo(f"wrote {target}: {count} pages link to index.html files; open {target / 'index.html'}")


# --------------------------------------------------------------------------- values editors type


_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "ı": "i", "&": " and "})


def slugify(text: str, max_length: int = 60) -> str:
    """A permanent, readable file name from a name: 'Clinica Sfântul Spiridon' → 'clinica-sfantul-spiridon'."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug


class SlugType(click.ParamType):
    name = "slug"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from .models.fields import SLUG_PATTERN

        if not re.match(SLUG_PATTERN, str(value)) or len(str(value)) > 80:
            suggestion = slugify(str(value))
            hint = f' (did you mean "{suggestion}"?)' if suggestion else ""
            self.fail(f'"{value}" is not a slug: use lower-case letters, digits and single hyphens{hint}', param, ctx)
        return str(value)


class CountryType(click.ParamType):
    name = "code"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        import pycountry

        code = str(value).strip()
        if len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()):
            return code.upper()
        try:
            suggestion = pycountry.countries.lookup(code).alpha_2
        except LookupError:
            suggestion = ""
        hint = f' (did you mean "{suggestion}"?)' if suggestion else " (e.g. RO, DE, NO)"
        self.fail(f'"{value}" is not a two-letter ISO country code{hint}', param, ctx)


class WhenType(click.ParamType):
    """A date (YYYY-MM-DD), or with `times` also a date-time (YYYY-MM-DDTHH:MM); kept as typed."""

    def __init__(self, times: bool) -> None:
        self.times = times
        self.name = "date-time" if times else "date"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = str(value).strip().replace(" ", "T", 1) if self.times else str(value).strip()
        formats = ["%Y-%m-%d"] + (["%Y-%m-%dT%H:%M"] if self.times else [])
        for form in formats:
            try:
                dt.datetime.strptime(text, form)
                return text
            except ValueError:
                pass
        example = "2026-05-12 or 2026-05-12T09:30" if self.times else "2026-05-12"
        self.fail(f'"{value}" is not a valid {self.name}: write e.g. {example}', param, ctx)


class WebUrlType(click.ParamType):
    name = "url"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = str(value).strip()
        if not re.match(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$", text):
            self.fail(f'"{value}" is not a web address: write it like https://www.example.org', param, ctx)
        return text


class TimeZoneType(click.ParamType):
    name = "zone"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        try:
            zoneinfo.ZoneInfo(str(value))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            self.fail(f'"{value}" is not a known time zone: use an IANA name such as Europe/Bucharest or UTC', param, ctx)
        return str(value)


class TermType(click.ParamType):
    """A term of one of the site's vocabularies, given by its code ("research-institute"), its
    label ("Research institute", any case) or, when asked in a terminal, its number in the list.

    The terms and labels come from `vocabularies`, the one source of truth, merged with the
    site's own terms.
    """

    name = "term"

    def __init__(self, terms: dict[str, str], what: str) -> None:
        self.terms = terms
        self.what = what

    def listing(self) -> str:
        """The terms as a numbered list of 'label (code)' lines, to choose from."""
        width = len(str(len(self.terms)))
        return "\n".join(f"  {number:>{width}}. {label} ({code})" for number, (code, label) in enumerate(self.terms.items(), start=1))

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from .errors import did_you_mean

        text = str(value).strip()
        if text in self.terms:
            return text
        by_label = {label.casefold(): code for code, label in self.terms.items()}
        if text.casefold() in by_label:
            return by_label[text.casefold()]
        if text.isdigit() and 1 <= int(text) <= len(self.terms):
            return list(self.terms)[int(text) - 1]
        hint = did_you_mean(text, [*self.terms, *self.terms.values()])
        self.fail(f'"{value}" is not a known {self.what}' + (f" ({hint})" if hint else f": use one of {', '.join(self.terms)}"), param, ctx)

    def convert_many(self, answer: str) -> list[str]:
        """Comma-separated terms; a label that itself holds a comma is recognised whole."""
        parts = [part.strip() for part in answer.split(",") if part.strip()]
        found: list[str] = []
        index = 0
        while index < len(parts):
            for end in range(len(parts), index, -1):  # the longest run of parts that names a term
                try:
                    term = self.convert(", ".join(parts[index:end]), None, None)
                except click.BadParameter:
                    if end == index + 1:
                        raise
                    continue
                if term not in found:
                    found.append(term)
                index = end
                break
        return found


SLUG, COUNTRY, DATE, WHEN, URL, ZONE = SlugType(), CountryType(), WhenType(False), WhenType(True), WebUrlType(), TimeZoneType()


def _literal_choices(model_path: str, model_name: str, field: str, fallback: Iterable[str]) -> list[str]:
    """The allowed values of a Literal field of a model, so the CLI and the loader agree."""
    try:
        module = __import__(f"clustersite.models.{model_path}", fromlist=[model_name])
        annotation = getattr(module, model_name).model_fields[field].annotation
        choices = list(typing.get_args(annotation))
        return [str(choice) for choice in choices if isinstance(choice, str)] or list(fallback)
    except (ImportError, AttributeError, KeyError):
        return list(fallback)


def _audiences() -> list[str]:
    from .models.fields import AUDIENCES

    return list(AUDIENCES)


TYPE_LABELS: dict[str, str] = dict(ORGANISATION_TYPE_LABELS)
"""Organisation types and their labels, from the vocabularies (the one source of truth)."""
EVENT_TYPES = _literal_choices("event", "Event", "type", ["conference", "workshop", "training", "get-together", "mission", "fair", "member-meeting", "webinar", "other"])


# --------------------------------------------------------------------------- writing YAML

_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$")
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_scalar(value: str) -> str:
    """`value` as YAML that every reader takes as this exact text: plain when safe, else quoted.

    Safe means both our strict loader and a YAML 1.1 reader (PyYAML, editors' tools) read
    it back as the same text; `NO`, `12:30`, `yes` or `a: b` are quoted.
    """
    from .yamlfile import YamlProblem, parse_yaml

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


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop what was left empty, so the file holds only what the editor gave."""
    result = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _compact(value)
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


def _fill(values: dict[str, Any], asks: list[Ask], claim: Callable[[dict[str, Any]], Any] | None = None) -> dict[str, Any]:
    """The given values, plus, in a terminal, the answers for the missing ones.

    All options given (or a script without a terminal): nothing is asked. A required value
    missing without a terminal is a usage error that names every missing option. `claim`
    runs as soon as the first value (the name or title) is known, so that a taken slug is
    refused before the editor types everything else.
    """
    missing = [ask for ask in asks if ask.required and not values.get(ask.key)]
    if not missing:
        return values
    if not _interactive():
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


def _schema_line(site: SiteContext, schema_name: str, target: Path) -> str:
    """`# yaml-language-server: $schema=…` for `target`, when the plugin writes that schema."""
    from .schema import SCHEMA_FILES

    if schema_name not in SCHEMA_FILES:
        return ""
    relative = os.path.relpath(site.root / site.options.schema_dir / schema_name, target.parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}\n"


def _refuse_existing(site: SiteContext, candidates: Iterable[Path], slug: str, kind: str) -> None:
    for path in candidates:
        if path.exists():
            raise Refused(
                f'{site.display(path)} already exists: the slug "{slug}" is taken by another {kind}. '
                "Edit that file, or choose another slug with --slug."
            )


def _write_validated(site: SiteContext, path: Path, text: str, yaml_text: str, intended: dict[str, Any], edition: str | None = None) -> None:
    """Write `text` to `path` and keep it only if the site's loader finds no error in it.

    `yaml_text` is the file's YAML (all of it, or the front matter), read back first to
    make sure it says exactly `intended`.

    The check is the build's own (`load_site_data`), so partners, organisers and
    vocabularies are checked against the rest of the site exactly as a build would. An
    invalid result is removed again: nothing invalid is left behind. Errors elsewhere in
    the site are mentioned, not blamed on the new file.
    """
    from .yamlfile import parse_yaml

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
        _load_site_data(site, edition)
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


def _slug_for(given: str | None, text: str, option: str) -> str:
    slug = given or slugify(text)
    if not slug:
        raise click.UsageError(f"cannot make a file name from {text!r}: give one with {option}")
    return slug


@main.group(epilog=EXIT_CODES)
def add() -> None:
    """Create a new member, event or newsletter issue file.

    Give the values as options, or run the command in a terminal and it asks for what is
    missing. The new file is checked exactly as the build checks it before it is kept,
    and an existing file is never overwritten.
    """


@add.command("member", epilog=EXIT_CODES)
@config_option
@click.option("--name", help="The organisation's name, as it wants to be listed.")
@click.option("--type", "type_", metavar="TYPE", help=f"The kind of organisation, as code or label: {', '.join(f'{code} ({label})' for code, label in TYPE_LABELS.items())}.")
@click.option("--summary", help="One or two sentences, plain text, at most 280 characters.")
@click.option("--country", type=COUNTRY, help="Two-letter ISO country code, e.g. RO.")
@click.option("--city", help="The town or city.")
@click.option("--website", type=URL, help="https://… address of the organisation.")
@click.option("--technology", "technologies", multiple=True, metavar="TERM", help="A technology from the site's list (code or label); repeat it for several.")
@click.option("--role", "roles", multiple=True, metavar="TERM", help="A role along the value chain (code or label); repeat it for several.")
@click.option("--value-chain", "value_chain", multiple=True, metavar="TERM", help="A value-chain stage (code or label); repeat it for several.")
@click.option("--slug", type=SLUG, help="The file name and permanent address (default: made from the name).")
def add_member(config_file: str, name: str | None, type_: str | None, summary: str | None, country: str | None, city: str | None, website: str | None, technologies: tuple[str, ...], roles: tuple[str, ...], value_chain: tuple[str, ...], slug: str | None) -> None:
    """Create members/<slug>.yml for a new member organisation.

    In a terminal it also asks for the member's technologies, roles and value-chain stages,
    listing the site's terms with their labels: the directory's filters find members by them.

    \b
    Example:
      clustersite add member --name "Acme Imaging" --type "Research institute" --country RO \\
        --summary "Imaging software for hospitals." --technology mri --technology "Image analysis and AI"
    """
    from .sitedata import load_vocabularies

    site = _load_site(config_file)
    folder = site.root / site.options.members_dir
    vocabularies, _ = load_vocabularies(site.options)
    kinds = {"technologies": ("technology", "--technology"), "roles": ("role", "--role"), "value_chain": ("value-chain stage", "--value-chain")}
    terms = {key: TermType(vocabularies[key], what) for key, (what, _) in kinds.items()}
    organisation = TermType(TYPE_LABELS, "organisation type")

    def claim(values: dict[str, Any]) -> tuple[str, Path]:
        chosen = _slug_for(slug, values["name"], "--slug")
        _refuse_existing(site, [folder / f"{chosen}.yml", folder / f"{chosen}.yaml"], chosen, "member")
        return chosen, folder / f"{chosen}.yml"

    def given(option: str, items: tuple[str, ...], kind: TermType) -> list[str]:
        try:
            return [kind.convert(item, None, None) for item in items]
        except click.BadParameter as error:
            raise click.BadParameter(error.message, param_hint=option) from None

    type_ = given("--type", (type_,), organisation)[0] if type_ else None
    chosen_terms = {key: given(kinds[key][1], items, terms[key]) for key, items in (("technologies", technologies), ("roles", roles), ("value_chain", value_chain))}
    asks = [
        Ask("name", "Organisation's name"),
        Ask("type", "Type", type=organisation),
        Ask("summary", "Summary (one or two sentences)"),
        Ask("country", "Country code", type=COUNTRY),
        Ask("city", "City", required=False),
        Ask("website", "Website", required=False, type=URL),
    ]
    # Asked only in a terminal, and only when none were given: a script gives what it has.
    asks += [Ask(key, label, required=False, type=terms[key], multiple=True) for key, label in (("technologies", "Technologies"), ("roles", "Roles"), ("value_chain", "Value-chain stages")) if not chosen_terms[key]]
    values = _fill({"name": name, "type": type_, "summary": summary, "country": country, "city": city, "website": website, **chosen_terms}, asks, claim)
    slug, path = claim(values)
    data = _compact({key: values[key] for key in ("name", "type", "summary", "country", "city", "website", "technologies", "roles", "value_chain")})
    body = "\n".join(yaml_lines(data)) + "\n"
    text = (
        _schema_line(site, "member.schema.json", path)
        + f"# A member of the cluster. Its page: /members/{slug}/ (the file name is the permanent address).\n"
        + body
        + "# More keys (your editor completes them): description, region, location, joined, logo,\n"
        + "# identifiers, partners, contacts, internal.\n"
    )
    _write_validated(site, path, text, body, data)


@add.command("event", epilog=EXIT_CODES)
@config_option
@click.option("--title", help="The event's name.")
@click.option("--type", "type_", type=click.Choice(EVENT_TYPES), help="The kind of event.")
@click.option("--start", type=WHEN, help="YYYY-MM-DD (all day) or YYYY-MM-DDTHH:MM, in the site's time zone.")
@click.option("--end", type=WHEN, help="The last day or the end time, like --start.")
@click.option("--venue", help="The building or room.")
@click.option("--city", help="The town or city of the venue.")
@click.option("--country", type=COUNTRY, help="Two-letter ISO country code of the venue.")
@click.option("--online", type=URL, help="https://… address where the event is held online.")
@click.option("--summary", help="One or two sentences, plain text, at most 280 characters.")
@click.option("--audience", type=click.Choice(_audiences()), multiple=True, help="Who it is for; repeat it for several. members alone: written to the private folder, for the members' edition only.  [default: all three]")
@click.option("--organiser", "organisers", type=SLUG, multiple=True, help="A member organising it (its file name); repeat it for several.")
@click.option("--registration", type=URL, help="https://… address where people register.")
@click.option("--slug", type=SLUG, help="The file name and permanent address (default: made from the title).")
def add_event(config_file: str, title: str | None, type_: str | None, start: str | None, end: str | None, venue: str | None, city: str | None, country: str | None, online: str | None, summary: str | None, audience: tuple[str, ...], organisers: tuple[str, ...], registration: str | None, slug: str | None) -> None:
    """Create events/<slug>.yml for a new event.

    \b
    Example:
      clustersite add event --title "PET-MRI Workshop" --type workshop \\
        --start 2026-05-12T09:30 --end 2026-05-12T17:00 --city Iași --country RO \\
        --summary "Hands-on session on hybrid imaging." --audience community --audience public
    """
    site = _load_site(config_file)
    asks = [
        Ask("title", "Title"),
        Ask("type", "Type", type=click.Choice(EVENT_TYPES)),
        Ask("start", "Start (YYYY-MM-DD or YYYY-MM-DDTHH:MM)", type=WHEN),
        Ask("end", "End", required=False, type=WHEN),
        Ask("summary", "Summary (one or two sentences)"),
        Ask("venue", "Venue", required=False),
        Ask("city", "City", required=False),
        Ask("country", "Country code", required=False, type=COUNTRY),
        Ask("online", "Online address", required=False, type=URL),
        Ask("audience", "Audience", type=click.Choice(_audiences()), multiple=True, default=", ".join(_audiences())),
        Ask("organisers", "Organising members (file names)", required=False, type=SLUG, multiple=True),
        Ask("registration", "Registration address", required=False, type=URL),
    ]
    public_folder = site.root / site.options.events_dir
    folders = [public_folder, _tier_folder(site, public_folder, ["members"])]

    def claim(values: dict[str, Any]) -> tuple[str, Path]:
        chosen = _slug_for(slug, values["title"], "--slug")
        _refuse_existing(site, [folder / f"{chosen}{suffix}" for folder in folders for suffix in (".yml", ".yaml")], chosen, "event")
        return chosen, _tier_folder(site, public_folder, values.get("audience") or []) / f"{chosen}.yml"

    values = _fill(
        {"title": title, "type": type_, "start": start, "end": end, "venue": venue, "city": city, "country": country, "online": online, "summary": summary, "audience": list(audience), "organisers": list(organisers), "registration": registration},
        [ask for ask in asks if ask.key != "audience"] if audience or not _interactive() else asks,
        claim,
    )
    if (values["venue"] or values["city"] or values["country"]) and not (values["city"] and values["country"]):
        raise click.UsageError("a venue needs --city and --country")
    if not (values["city"] or values["online"]):
        raise click.UsageError("say where it happens: --city and --country for a venue, or --online URL")
    slug, path = claim(values)
    data = _compact(
        {
            "title": values["title"],
            "type": values["type"],
            "start": values["start"],
            "end": values["end"],
            "location": {"venue": values["venue"], "city": values["city"], "country": values["country"]},
            "online": values["online"],
            "summary": values["summary"],
            "audience": values["audience"],
            "organisers": values["organisers"],
            "registration": values["registration"],
        }
    )
    body = "\n".join(yaml_lines(data)) + "\n"
    text = (
        _schema_line(site, "event.schema.json", path)
        + f"# An event. Its page: /events/{slug}/ (the file name is the permanent address).\n"
        + body
        + "# More keys: status (scheduled, cancelled, postponed, moved-online), description (Markdown),\n"
        + "# timezone, image. Keep the file when an event is cancelled: set status: cancelled.\n"
    )
    _write_validated(site, path, text, body, data, "members" if values["audience"] == ["members"] else None)


@add.command("newsletter", epilog=EXIT_CODES)
@config_option
@click.option("--title", help="The issue's headline.")
@click.option("--date", "date_", type=DATE, help="Publication date, YYYY-MM-DD.  [default: today]")
@click.option("--summary", help="One or two sentences for the archive, the feeds and the e-mail preview.")
@click.option("--audience", type=click.Choice(_audiences()), multiple=True, help="Who it is for; repeat it for several. members alone: written to the private folder, for the members' edition only.  [default: all three]")
@click.option("--number", type=click.IntRange(1), help="The issue's number, e.g. 12.")
@click.option("--slug", type=SLUG, help="The end of the file name (default: made from the title).")
def add_newsletter(config_file: str, title: str | None, date_: str | None, summary: str | None, audience: tuple[str, ...], number: int | None, slug: str | None) -> None:
    """Create <docs_dir>/newsletter/<date>-<slug>.md for a new newsletter issue.

    \b
    Example:
      clustersite add newsletter --title "Spring 2026" --date 2026-04-01 \\
        --summary "New members, the PET-MRI workshop and open calls."
    """
    site = _load_site(config_file)
    asks = [
        Ask("title", "Title"),
        Ask("date", "Date (YYYY-MM-DD)", type=DATE, default=dt.date.today().isoformat()),
        Ask("summary", "Summary (one or two sentences)", required=False),
        Ask("audience", "Audience", type=click.Choice(_audiences()), multiple=True, default=", ".join(_audiences())),
    ]
    public_folder = site.docs_dir / site.options.newsletter_dir
    folders = [public_folder, _tier_folder(site, public_folder, ["members"])]

    def claim(values: dict[str, Any]) -> str:
        """The slug, unless an issue of any date, in either tier, already ends with it."""
        chosen = _slug_for(slug, values["title"], "--slug")
        issues = [existing for folder in folders for existing in sorted(folder.glob("*.md"))]
        taken = [existing for existing in issues if re.sub(r"^\d{4}-\d{2}(-\d{2})?-", "", existing.stem) == chosen]
        _refuse_existing(site, taken, chosen, "newsletter issue")
        return chosen

    values = _fill(
        {"title": title, "date": date_, "summary": summary, "audience": list(audience)},
        [ask for ask in asks if ask.key != "audience"] if audience or not _interactive() else asks,
        claim,
    )
    values["date"] = values["date"] or dt.date.today().isoformat()
    slug = claim(values)
    members_only = values["audience"] == ["members"]
    path = _tier_folder(site, public_folder, values["audience"]) / f"{values['date']}-{slug}.md"
    _refuse_existing(site, [path], slug, "newsletter issue")
    data = _compact({"title": values["title"], "date": values["date"], "summary": values["summary"], "audience": values["audience"], "number": number})
    front = "\n".join(yaml_lines(data)) + "\n"
    text = (
        "---\n"
        + front
        + "---\n\n"
        + "Write the issue here, in Markdown. To show members and events under \"In this issue\",\n"
        + "add `members: [slug, …]` and `events: [slug, …]` to the front matter above.\n"
    )
    _write_validated(site, path, text, front, data, "members" if members_only else None)


# --------------------------------------------------------------------------- new site

SCAFFOLD_DOTFILES = {"gitignore": ".gitignore", "github": ".github"}
"""Top-level names stored without their dot: packaging globs skip dotted files and folders."""


def _scaffold_files() -> list[tuple[str, Any]]:
    """(relative path in the scaffold, resource) of every template file, sorted."""
    found: list[tuple[str, Any]] = []

    def walk(node: Any, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__":
                continue
            path = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, path + "/")
            else:
                found.append((path, child))

    walk(resources.files("clustersite").joinpath("scaffold"), "")
    return found


def _target_name(relative: str, context: dict[str, Any]) -> str:
    """The file's name in the new site: dotted names restored at the top and at the top of the private folder."""
    parts = relative.split("/")
    dotted = {0, 1} if parts[0] == "private" and len(parts) > 2 else {0}
    parts = [SCAFFOLD_DOTFILES.get(part, part) if index in dotted else part for index, part in enumerate(parts)]
    return "/".join(parts).removesuffix(".jinja").replace("__date__", context["today"])


def render_scaffold(target: Path, context: dict[str, Any], progress: Callable[[str], None] = lambda _: None) -> list[str]:
    """Write the scaffold into `target` (an empty folder); `*.jinja` files are templates."""
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)  # noqa: S701 (renders the new site's YAML and Markdown, not HTML; values pass the yaml filter)
    env.filters["yaml"] = yaml_scalar
    written = []
    for relative, resource in _scaffold_files():
        name = _target_name(relative, context)
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if relative.endswith(".jinja"):
            path.write_text(env.from_string(resource.read_text(encoding="utf-8")).render(context), encoding="utf-8", newline="\n")
        else:
            path.write_bytes(resource.read_bytes())
        written.append(name)
        progress(name)
    return written


VENDOR_DIR = Path("vendor") / "clustersite"
"""Where a site keeps its copy of the plugin, which its requirements.txt installs."""


def vendor_plugin(site_root: Path) -> Path:
    """Copy the running clustersite into `site_root`/vendor/clustersite/, as a folder pip installs.

    No package index has clustersite, so a site installs it from its own repository
    (`requirements.txt` names `./vendor/clustersite`): the same version everywhere, and its CI
    needs access to no other repository. The new copy is written beside the old one and then
    swapped in, so an interrupted upgrade leaves the old copy whole.
    """
    from importlib import metadata

    import jinja2

    target = site_root / VENDOR_DIR
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".clustersite-", dir=target.parent))
    previous = target.with_name(".clustersite-previous")
    try:
        package = resources.files("clustersite")

        def copy(node: Any, destination: Path) -> None:
            destination.mkdir(exist_ok=True)
            for child in node.iterdir():
                if child.name == "__pycache__" or child.name.endswith(".pyc"):
                    continue
                if child.is_dir():
                    copy(child, destination / child.name)
                else:
                    (destination / child.name).write_bytes(child.read_bytes())

        copy(package, staging / "clustersite")
        info = metadata.metadata("clustersite")
        template = jinja2.Environment(autoescape=False, keep_trailing_newline=True).from_string(  # noqa: S701 (writes TOML, strings through tojson)
            package.joinpath("templates", "vendor", "pyproject.toml.jinja").read_text(encoding="utf-8")
        )
        (staging / "pyproject.toml").write_text(
            template.render(
                version=info["Version"],
                summary=info["Summary"] or "",
                requires_python=info["Requires-Python"] or ">=3.11",
                requires=[requirement for requirement in metadata.requires("clustersite") or [] if "extra ==" not in requirement],
            ),
            encoding="utf-8",
            newline="\n",
        )
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


@main.command(epilog=EXIT_CODES)
@config_option
def vendor(config_file: str) -> None:
    """Copy this clustersite into the site's vendor/clustersite/, which requirements.txt installs.

    `clustersite new` does it for a new site. To upgrade a site: install the newer
    clustersite, run `clustersite vendor` in the site's folder, and commit vendor/.
    """
    from importlib import metadata

    root = Path(config_file).resolve().parent
    if not Path(config_file).is_file():
        raise click.UsageError(f"{config_file} not found: run this in the site's folder or pass --config-file")
    target = vendor_plugin(root)
    click.secho(f"copied clustersite {metadata.version('clustersite')} into {target.relative_to(root).as_posix()}/", fg="green")
    click.echo(f"  .venv/bin/pip install -r requirements.txt   # installs it; then commit {VENDOR_DIR.as_posix()}/")


PLACEHOLDER_SITE_URL = "https://www.example.org/"


def _country_time_zone(country: str) -> str:
    """The country's time zone, asked for (or demanded as --timezone) when it has several."""
    from .timezones import country_time_zones

    zones = country_time_zones(country, dt.date.today())
    if len(zones) == 1:
        return zones[0][0]
    listing = ", ".join(f"{zone} ({region})" if region else zone for zone, region in zones)
    if not zones:
        raise click.UsageError(f"tzdata knows no time zone for {country}: give one with --timezone, e.g. --timezone UTC")
    if not _interactive():
        raise click.UsageError(f"{country} has several time zones: choose one with --timezone ({listing})")
    click.echo(f"{country} has several time zones:\n" + "\n".join(f"  {number}. {zone}  {region}" for number, (zone, region) in enumerate(zones, start=1)), err=True)
    choice = click.prompt("Time zone of the cluster's events (number)", type=click.IntRange(1, len(zones)), err=True)
    return zones[choice - 1][0]


def members_address(site_url: str) -> str:
    """A first guess at the members' edition's address: `members.` and the site's host (www. dropped)."""
    parts = urlsplit(site_url)
    return urlunsplit((parts.scheme or "https", "members." + parts.netloc.removeprefix("www."), "/", "", ""))


@main.command(epilog=EXIT_CODES)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The cluster's name.  [default: made from the folder's name]")
@click.option("--country", type=COUNTRY, help="Two-letter ISO code of the cluster's country, e.g. RO.")
@click.option("--city", help="The city of the cluster's office.")
@click.option("--region", help="The cluster's region, e.g. North-East Romania.  [default: the country]")
@click.option("--timezone", type=ZONE, help="IANA time zone of event times, e.g. Europe/Bucharest.  [default: the country's; asked when it has several]")
@click.option("--site-url", type=URL, default=PLACEHOLDER_SITE_URL, show_default=True, help="The address the site will be published at (a strict build warns until it is set).")
def new(directory: Path, name: str | None, country: str | None, city: str | None, region: str | None, timezone: str, site_url: str) -> None:
    """Start a new cluster site in DIRECTORY (new or empty).

    The site holds mkdocs.yml, the cluster's profile (cluster.yml), one example member, event
    and newsletter issue, the editors' guide, JSON Schemas, theme overrides and GitHub
    Actions workflows (pull-request check and preview, publication to GitHub Pages). It
    builds at once with `mkdocs build --strict`.

    \b
    Example:
      clustersite new north-imaging --name "North Imaging Cluster" --country NO --city Trondheim
    """
    from importlib import metadata

    import pycountry

    from .schema import SCHEMA_FILES, write_schemas
    from .vocabularies import merge_vocabularies

    target = directory.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise Refused(f"{directory} is not empty: choose a new folder (nothing was changed)")
    default_name = " ".join(word.capitalize() for word in re.split(r"[-_\s]+", target.name) if word) or "My Cluster"
    if name is None and _interactive():
        name = click.prompt("The cluster's name", default=default_name, err=True)
    values = _fill({"country": country, "city": city}, [Ask("country", "Country code", type=COUNTRY), Ask("city", "City of the office")])
    timezone = timezone or _country_time_zone(values["country"])
    record = pycountry.countries.get(alpha_2=values["country"])  # CountryType checked the code
    country_name = getattr(record, "common_name", None) or getattr(record, "name", values["country"])
    today = dt.date.today()
    context = {
        "name": name or default_name,
        "slug": slugify(name or default_name) or "cluster",
        "country": values["country"],
        "country_name": country_name,
        "city": values["city"],
        "region": region or country_name,
        "mission": f"We connect the researchers, companies and hospitals of {region or country_name} so that better medical imaging reaches patients sooner.",
        "timezone": timezone,
        "site_url": site_url if site_url.endswith("/") else site_url + "/",
        "members_site_url": members_address(site_url),
        "today": today.isoformat(),
        "event_day": (today + dt.timedelta(days=60)).isoformat(),
        "year": today.year,
        "schemas": set(SCHEMA_FILES),
        "version": metadata.version("clustersite"),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".clustersite-new-", dir=target.parent))
    try:
        with click.progressbar(length=len(_scaffold_files()) + 1, label="Creating the site", file=sys.stderr, hidden=not sys.stderr.isatty()) as bar:
            render_scaffold(staging, context, progress=lambda _: bar.update(1))
            write_schemas(staging / "schemas", merge_vocabularies({}))
            vendor_plugin(staging)
            bar.update(1)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    click.secho(f"created the site {context['name']!r} in {directory}", fg="green")
    click.echo(
        "\nNext steps:\n"
        f"  cd {directory}\n"
        "  python3 -m venv .venv && .venv/bin/pip install -r requirements.txt\n"
        "  .venv/bin/mkdocs serve            # preview on http://127.0.0.1:8000/\n"
        "  .venv/bin/clustersite check       # what CI checks on every pull request\n"
        "Then edit cluster.yml, replace the example member, event and newsletter issue, set\n"
        "site_url in mkdocs.yml, and push to GitHub (README.md says how to publish)."
    )
    if context["site_url"] == PLACEHOLDER_SITE_URL:
        click.secho(
            f"\nsite_url is still {PLACEHOLDER_SITE_URL}: set it to the site's real address before you publish\n"
            "(a strict build warns until then: feed IDs and calendar UIDs are made from it).",
            fg="yellow",
        )
