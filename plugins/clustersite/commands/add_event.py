"""`clustersite add event`: a new event's file, events/<slug>.yml (or the private folder's, for members alone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..models.event import EVENT_TYPES
from ..models.fields import AUDIENCES
from . import EXIT_CODES, adding, config_option, load_site
from .adding import Ask, compact, fill, refuse_existing, schema_line, slug_for, tier_folder, write_validated, yaml_lines
from .values import COUNTRY, SLUG, URL, WHEN, TermType, help_listing


@click.command("event", epilog=EXIT_CODES)
@config_option
@click.option("--title", help="The event's name.")
@click.option("--type", "type_", metavar="TYPE", help=f"The kind of event, as code or label: {help_listing(EVENT_TYPES)}.")
@click.option("--start", type=WHEN, help="YYYY-MM-DD (all day) or YYYY-MM-DDTHH:MM, in the site's time zone.")
@click.option("--end", type=WHEN, help="The last day or the end time, like --start.")
@click.option("--venue", help="The building or room.")
@click.option("--city", help="The town or city of the venue.")
@click.option("--country", type=COUNTRY, help="Two-letter ISO country code of the venue.")
@click.option("--online", type=URL, help="https://… address where the event is held online.")
@click.option("--summary", help="One or two sentences, plain text, at most 280 characters.")
@click.option("--audience", type=click.Choice(AUDIENCES), multiple=True, help="Who it is for; repeat it for several. members alone: written to the private folder, for the members' edition only.  [default: all three]")
@click.option("--organiser", "organisers", type=SLUG, multiple=True, help="A member organising it (its file name); repeat it for several.")
@click.option("--registration", type=URL, help="https://… address where people register.")
@click.option("--slug", type=SLUG, help="The file name and permanent address (default: made from the title).")
def command(config_file: str, title: str | None, type_: str | None, start: str | None, end: str | None, venue: str | None, city: str | None, country: str | None, online: str | None, summary: str | None, audience: tuple[str, ...], organisers: tuple[str, ...], registration: str | None, slug: str | None) -> None:
    """Create events/<slug>.yml for a new event.

    \b
    Example:
      clustersite add event --title "PET-MRI Workshop" --type workshop \\
        --start 2026-05-12T09:30 --end 2026-05-12T17:00 --city Iași --country RO \\
        --summary "Hands-on session on hybrid imaging." --audience community --audience public
    """
    site = load_site(config_file)
    kind = TermType(EVENT_TYPES, "event type", site.language())
    type_ = kind.given("--type", [type_])[0] if type_ else None
    asks = [
        Ask("title", "Title"),
        Ask("type", "Type", type=kind),
        Ask("start", "Start (YYYY-MM-DD or YYYY-MM-DDTHH:MM)", type=WHEN),
        Ask("end", "End", required=False, type=WHEN),
        Ask("summary", "Summary (one or two sentences)"),
        Ask("venue", "Venue", required=False),
        Ask("city", "City", required=False),
        Ask("country", "Country code", required=False, type=COUNTRY),
        Ask("online", "Online address", required=False, type=URL),
        Ask("audience", "Audience", type=click.Choice(AUDIENCES), multiple=True, default=", ".join(AUDIENCES)),
        Ask("organisers", "Organising members (file names)", required=False, type=SLUG, multiple=True),
        Ask("registration", "Registration address", required=False, type=URL),
    ]
    public_folder = site.root / site.options.events_dir
    folders = [public_folder, tier_folder(site, public_folder, ["members"])]

    def claim(values: dict[str, Any]) -> tuple[str, Path]:
        chosen = slug_for(slug, values["title"], "--slug")
        refuse_existing(site, [folder / f"{chosen}{suffix}" for folder in folders for suffix in (".yml", ".yaml")], chosen, "event")
        return chosen, tier_folder(site, public_folder, values.get("audience") or []) / f"{chosen}.yml"

    values = fill(
        {"title": title, "type": type_, "start": start, "end": end, "venue": venue, "city": city, "country": country, "online": online, "summary": summary, "audience": list(audience), "organisers": list(organisers), "registration": registration},
        [ask for ask in asks if ask.key != "audience"] if audience or not adding.interactive() else asks,
        claim,
    )
    if (values["venue"] or values["city"] or values["country"]) and not (values["city"] and values["country"]):
        raise click.UsageError("a venue needs --city and --country")
    if not (values["city"] or values["online"]):
        raise click.UsageError("say where it happens: --city and --country for a venue, or --online URL")
    slug, path = claim(values)
    data = compact(
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
        schema_line(site, "event.schema.json", path)
        + f"# An event. Its page: /events/{slug}/ (the file name is the permanent address).\n"
        + body
        + "# More keys: status (scheduled, cancelled, postponed, moved-online), description (Markdown),\n"
        + "# timezone, image. Keep the file when an event is cancelled: set status: cancelled.\n"
    )
    write_validated(site, path, text, body, data, "members" if values["audience"] == ["members"] else None)
