"""`clustersite add opportunity`: a new job, funding call, or cooperation offer or request,
as opportunities/<slug>.yml (or the private folder's, for members alone)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from ..models.fields import AUDIENCES
from ..models.opportunity import COOPERATION_TYPES, EMPLOYMENT_TYPES, KINDS
from ..sources.opportunities import one_year_after
from . import EXIT_CODES, adding, config_option, load_site
from .adding import Ask, compact, fill, refuse_existing, schema_line, slug_for, tier_folder, write_validated, yaml_lines
from .values import COUNTRY, DATE, SLUG, URL, FieldType, TermType, help_listing

EMAIL = FieldType("e-mail", "fields.Email")

MORE_KEYS = {
    "job": "# More keys: description (Markdown), place: {address, postal_code, region}, salary: {min, max, currency, period},\n"
           "# status: filled or withdrawn to close it early (keep the file: its page stays, marked closed).\n",
    "call": "# More keys: description (Markdown), budget: {amount, currency, per_project}, eligibility, more deadlines\n"
            "# (earliest first), members (a member behind the call), status: withdrawn.\n",
    "offer": "# More keys: description (Markdown), contact (an e-mail address), status: withdrawn.\n"
             "# `expires` may be at most 12 months after `posted`: post it again if it is still current then.\n",
}
MORE_KEYS["request"] = MORE_KEYS["offer"]


@click.command("opportunity", epilog=EXIT_CODES)
@config_option
@click.option("--kind", metavar="KIND", help=f"What it is, as code or label: {help_listing(KINDS)}.")
@click.option("--title", help="The opportunity's title.")
@click.option("--summary", help="One or two sentences, plain text, at most 280 characters.")
@click.option("--member", "members", type=SLUG, multiple=True, help="A member it belongs to (its file name); repeat it for several. None: the cluster office.")
@click.option("--technology", "technologies", multiple=True, metavar="TERM", help="A technology from the site's list (code or label); repeat it for several.")
@click.option("--audience", type=click.Choice(AUDIENCES), multiple=True, help="Who it is for; repeat it for several. members alone: written to the private folder, for the members' edition only.  [default: all three]")
@click.option("--posted", type=DATE, help="Publication date, YYYY-MM-DD.  [default: today]")
@click.option("--employment-type", "employment_types", multiple=True, metavar="TERM", help=f"Jobs: {help_listing(EMPLOYMENT_TYPES)}; repeat it for several.")
@click.option("--city", help="Jobs: the town or city of the workplace.")
@click.option("--country", type=COUNTRY, help="Jobs: two-letter ISO country code of the workplace.")
@click.option("--remote-country", "remote_countries", type=COUNTRY, multiple=True, help="Jobs done remotely: a country applicants may live in; repeat it for several.")
@click.option("--valid-through", type=DATE, help="Jobs: the last day to apply, YYYY-MM-DD.")
@click.option("--apply-url", type=URL, help="Jobs: https://… address where people apply.")
@click.option("--apply-email", type=EMAIL, help="Jobs: or the address applications go to.")
@click.option("--funder", help="Calls: who funds it, e.g. European Commission.")
@click.option("--programme", help="Calls: the programme, e.g. Horizon Europe.")
@click.option("--deadline", "deadlines", type=DATE, multiple=True, help="Calls: a submission deadline, YYYY-MM-DD; repeat it for several.")
@click.option("--link", type=URL, help="Calls: https://… address of the call's official page.")
@click.option("--cooperation", multiple=True, metavar="TERM", help=f"Offers and requests: {help_listing(COOPERATION_TYPES)}; repeat it for several.")
@click.option("--expires", type=DATE, help="Offers and requests: the last day it is shown, at most 12 months after --posted.  [default: 12 months after it]")
@click.option("--slug", type=SLUG, help="The file name and permanent address (default: made from the title).")
def command(
    config_file: str, kind: str | None, title: str | None, summary: str | None, members: tuple[str, ...], technologies: tuple[str, ...], audience: tuple[str, ...],
    posted: str | None, employment_types: tuple[str, ...], city: str | None, country: str | None, remote_countries: tuple[str, ...], valid_through: str | None,
    apply_url: str | None, apply_email: str | None, funder: str | None, programme: str | None, deadlines: tuple[str, ...], link: str | None,
    cooperation: tuple[str, ...], expires: str | None, slug: str | None,
) -> None:
    """Create opportunities/<slug>.yml for a job, a funding call, or a cooperation offer or request.

    \b
    Examples:
      clustersite add opportunity --kind job --title "Radiographer (MRI)" \\
        --summary "Day shifts in a new 3 T MRI suite." --member ciric-oncology-institute \\
        --employment-type full-time --city Iași --country RO --valid-through 2027-01-31 \\
        --apply-url https://example.org/jobs/radiographer
      clustersite add opportunity --kind call --title "Eurostars 2027" --summary "R&D by SMEs." \\
        --funder Eureka --programme Eurostars --deadline 2027-03-12 --link https://example.org/eurostars
    """
    from ..sitedata import load_vocabularies

    site = load_site(config_file)
    language = site.language()
    vocabularies, _ = load_vocabularies(site.options)
    kinds = TermType(KINDS, "kind of opportunity", language)
    chosen_kind = kinds.given("--kind", [kind])[0] if kind else None
    if chosen_kind is None:
        if not adding.interactive():
            raise click.UsageError("missing --kind (job, call, offer or request; or run the command in a terminal to be asked)")
        click.echo(f"Kind:\n{kinds.listing()}", err=True)
        chosen_kind = click.prompt("Kind", type=kinds, err=True)
    technology = TermType(vocabularies["technologies"], "technology", language)
    employment = TermType(EMPLOYMENT_TYPES, "employment type", language)
    cooperating = TermType(COOPERATION_TYPES, "type of cooperation", language)
    given_terms = {
        "technologies": technology.given("--technology", technologies),
        "employment_type": employment.given("--employment-type", employment_types),
        "cooperation": cooperating.given("--cooperation", cooperation),
    }
    asks = [
        Ask("title", "Title"),
        Ask("summary", "Summary (one or two sentences)"),
        Ask("members", "Members it belongs to (file names)", required=False, type=SLUG, multiple=True),
        Ask("technologies", "Technologies", required=False, type=technology, multiple=True),
        Ask("audience", "Audience", type=click.Choice(AUDIENCES), multiple=True, default=", ".join(AUDIENCES)),
    ]
    if chosen_kind == "job":
        asks += [
            Ask("employment_type", "Employment type", type=employment, multiple=True),
            Ask("city", "City of the workplace (empty for remote work)", required=False),
            Ask("country", "Country code of the workplace", required=False, type=COUNTRY),
            Ask("valid_through", "Last day to apply (YYYY-MM-DD)", type=DATE),
            Ask("apply_url", "Where to apply (https://…)", required=False, type=URL),
            Ask("apply_email", "Or the e-mail address applications go to", required=False, type=EMAIL),
        ]
    elif chosen_kind == "call":
        asks += [
            Ask("funder", "Funder"),
            Ask("programme", "Programme"),
            Ask("deadlines", "Deadlines (YYYY-MM-DD, earliest first)", type=DATE, multiple=True),
            Ask("link", "The call's official page (https://…)", type=URL),
        ]
    else:
        asks += [Ask("cooperation", "Cooperation sought", type=cooperating, multiple=True)]
    public_folder = site.root / site.options.opportunities_dir
    folders = [public_folder, tier_folder(site, public_folder, ["members"])]

    def claim(values: dict[str, Any]) -> tuple[str, Path]:
        chosen = slug_for(slug, values["title"], "--slug")
        refuse_existing(site, [folder / f"{chosen}{suffix}" for folder in folders for suffix in (".yml", ".yaml")], chosen, "opportunity")
        return chosen, tier_folder(site, public_folder, values.get("audience") or []) / f"{chosen}.yml"

    given = {
        "title": title, "summary": summary, "members": list(members), "audience": list(audience), "city": city, "country": country,
        "valid_through": valid_through, "apply_url": apply_url, "apply_email": apply_email, "funder": funder, "programme": programme,
        "deadlines": list(deadlines), "link": link, **given_terms,
    }
    values = fill(given, [ask for ask in asks if not (ask.key == "audience" and (audience or not adding.interactive()))], claim)
    if chosen_kind == "job":
        if bool(values["city"]) != bool(values["country"]):
            raise click.UsageError("a workplace needs --city and --country")
        if not (values["city"] or remote_countries):
            raise click.UsageError("say where the work is done: --city and --country, or --remote-country for remote work")
        if not (values["apply_url"] or values["apply_email"]):
            raise click.UsageError("say how to apply: --apply-url or --apply-email")
    slug, path = claim(values)
    posted_day = posted or dt.date.today().isoformat()
    data: dict[str, Any] = {
        "kind": chosen_kind,
        "title": values["title"],
        "summary": values["summary"],
        "members": values["members"],
        "technologies": values["technologies"],
        "audience": values["audience"],
        "posted": posted_day,
    }
    if chosen_kind == "job":
        data |= {
            "employment_type": values["employment_type"],
            "place": {"city": values["city"], "country": values["country"]},
            "remote": True if remote_countries else None,
            "remote_countries": list(remote_countries),
            "valid_through": values["valid_through"],
            "apply_url": values["apply_url"],
            "apply_email": values["apply_email"],
        }
    elif chosen_kind == "call":
        data |= {"funder": values["funder"], "programme": values["programme"], "deadlines": values["deadlines"], "link": values["link"]}
    else:
        data |= {"cooperation": values["cooperation"], "expires": expires or one_year_after(dt.date.fromisoformat(posted_day)).isoformat()}
    data = compact(data)
    body = "\n".join(yaml_lines(data)) + "\n"
    text = (
        schema_line(site, "opportunity.schema.json", path)
        + f"# An opportunity. Its page: /opportunities/{slug}/ (the file name is the permanent address).\n"
        + body
        + MORE_KEYS[chosen_kind]
    )
    write_validated(site, path, text, body, data, "members" if values["audience"] == ["members"] else None)
