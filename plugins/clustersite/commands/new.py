"""`clustersite new`: a new cluster's site, from the scaffold in `plugins/clustersite/scaffold/`."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import click

from . import EXIT_CODES, Refused, adding
from .adding import Ask, fill, yaml_scalar
from .values import COUNTRY, URL, ZONE, slugify
from .vendor import vendor_plugin

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


PLACEHOLDER_SITE_URL = "https://www.example.org/"


def _country_time_zone(country: str) -> str:
    """The country's time zone, asked for (or demanded as --timezone) when it has several."""
    from ..timezones import country_time_zones

    zones = country_time_zones(country, dt.date.today())
    if len(zones) == 1:
        return zones[0][0]
    listing = ", ".join(f"{zone} ({region})" if region else zone for zone, region in zones)
    if not zones:
        raise click.UsageError(f"tzdata knows no time zone for {country}: give one with --timezone, e.g. --timezone UTC")
    if not adding.interactive():
        raise click.UsageError(f"{country} has several time zones: choose one with --timezone ({listing})")
    click.echo(f"{country} has several time zones:\n" + "\n".join(f"  {number}. {zone}  {region}" for number, (zone, region) in enumerate(zones, start=1)), err=True)
    choice = click.prompt("Time zone of the cluster's events (number)", type=click.IntRange(1, len(zones)), err=True)
    return zones[choice - 1][0]


def members_address(site_url: str) -> str:
    """A first guess at the members' edition's address: `members.` and the site's host (www. dropped)."""
    parts = urlsplit(site_url)
    return urlunsplit((parts.scheme or "https", "members." + parts.netloc.removeprefix("www."), "/", "", ""))


@click.command("new", epilog=EXIT_CODES)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The cluster's name.  [default: made from the folder's name]")
@click.option("--country", type=COUNTRY, help="Two-letter ISO code of the cluster's country, e.g. RO.")
@click.option("--city", help="The city of the cluster's office.")
@click.option("--region", help="The cluster's region, e.g. North-East Romania.  [default: the country]")
@click.option("--timezone", type=ZONE, help="IANA time zone of event times, e.g. Europe/Bucharest.  [default: the country's; asked when it has several]")
@click.option("--site-url", type=URL, default=PLACEHOLDER_SITE_URL, show_default=True, help="The address the site will be published at (a strict build warns until it is set).")
def command(directory: Path, name: str | None, country: str | None, city: str | None, region: str | None, timezone: str, site_url: str) -> None:
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

    from ..schema import SCHEMA_FILES, write_schemas
    from ..vocabularies import merge_vocabularies

    target = directory.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise Refused(f"{directory} is not empty: choose a new folder (nothing was changed)")
    default_name = " ".join(word.capitalize() for word in re.split(r"[-_\s]+", target.name) if word) or "My Cluster"
    if name is None and adding.interactive():
        name = click.prompt("The cluster's name", default=default_name, err=True)
    values = fill({"country": country, "city": city}, [Ask("country", "Country code", type=COUNTRY), Ask("city", "City of the office")])
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
