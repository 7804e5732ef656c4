"""`clustersite add newsletter`: a new issue, <docs_dir>/newsletter/<date>-<slug>.md (or the private folder's)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import click

from ..models.fields import AUDIENCES
from . import EXIT_CODES, adding, config_option, load_site
from .adding import Ask, compact, fill, refuse_existing, slug_for, tier_folder, write_validated, yaml_lines
from .values import DATE, SLUG


@click.command("newsletter", epilog=EXIT_CODES)
@config_option
@click.option("--title", help="The issue's headline.")
@click.option("--date", "date_", type=DATE, help="Publication date, YYYY-MM-DD.  [default: today]")
@click.option("--summary", help="One or two sentences for the archive, the feeds and the e-mail preview.")
@click.option("--audience", type=click.Choice(AUDIENCES), multiple=True, help="Who it is for; repeat it for several. members alone: written to the private folder, for the members' edition only.  [default: all three]")
@click.option("--number", type=click.IntRange(1), help="The issue's number, e.g. 12.")
@click.option("--slug", type=SLUG, help="The end of the file name (default: made from the title).")
def command(config_file: str, title: str | None, date_: str | None, summary: str | None, audience: tuple[str, ...], number: int | None, slug: str | None) -> None:
    """Create <docs_dir>/newsletter/<date>-<slug>.md for a new newsletter issue.

    \b
    Example:
      clustersite add newsletter --title "Spring 2026" --date 2026-04-01 \\
        --summary "New members, the PET-MRI workshop and open calls."
    """
    site = load_site(config_file)
    asks = [
        Ask("title", "Title"),
        Ask("date", "Date (YYYY-MM-DD)", type=DATE, default=dt.date.today().isoformat()),
        Ask("summary", "Summary (one or two sentences)", required=False),
        Ask("audience", "Audience", type=click.Choice(AUDIENCES), multiple=True, default=", ".join(AUDIENCES)),
    ]
    public_folder = site.docs_dir / site.options.newsletter_dir
    folders = [public_folder, tier_folder(site, public_folder, ["members"])]

    def claim(values: dict[str, Any]) -> str:
        """The slug, unless an issue of any date, in either tier, already ends with it."""
        chosen = slug_for(slug, values["title"], "--slug")
        issues = [existing for folder in folders for existing in sorted(folder.glob("*.md"))]
        taken = [existing for existing in issues if re.sub(r"^\d{4}-\d{2}(-\d{2})?-", "", existing.stem) == chosen]
        refuse_existing(site, taken, chosen, "newsletter issue")
        return chosen

    values = fill(
        {"title": title, "date": date_, "summary": summary, "audience": list(audience)},
        [ask for ask in asks if ask.key != "audience"] if audience or not adding.interactive() else asks,
        claim,
    )
    values["date"] = values["date"] or dt.date.today().isoformat()
    slug = claim(values)
    members_only = values["audience"] == ["members"]
    path = tier_folder(site, public_folder, values["audience"]) / f"{values['date']}-{slug}.md"
    refuse_existing(site, [path], slug, "newsletter issue")
    data = compact({"title": values["title"], "date": values["date"], "summary": values["summary"], "audience": values["audience"], "number": number})
    front = "\n".join(yaml_lines(data)) + "\n"
    text = (
        "---\n"
        + front
        + "---\n\n"
        + "Write the issue here, in Markdown. To show members and events under \"In this issue\",\n"
        + "add `members: [slug, …]` and `events: [slug, …]` to the front matter above.\n"
    )
    write_validated(site, path, text, front, data, "members" if members_only else None)
