"""`clustersite add member`: a new member organisation's file, members/<slug>.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..vocabularies import ORGANISATION_TYPES
from . import EXIT_CODES, config_option, load_site
from .adding import Ask, compact, fill, refuse_existing, schema_line, slug_for, write_validated, yaml_lines
from .values import COUNTRY, SLUG, URL, TermType, help_listing


@click.command("member", epilog=EXIT_CODES)
@config_option
@click.option("--name", help="The organisation's name, as it wants to be listed.")
@click.option("--type", "type_", metavar="TYPE", help=f"The kind of organisation, as code or label: {help_listing(ORGANISATION_TYPES)}.")
@click.option("--summary", help="One or two sentences, plain text, at most 280 characters.")
@click.option("--country", type=COUNTRY, help="Two-letter ISO country code, e.g. RO.")
@click.option("--city", help="The town or city.")
@click.option("--website", type=URL, help="https://… address of the organisation.")
@click.option("--technology", "technologies", multiple=True, metavar="TERM", help="A technology from the site's list (code or label); repeat it for several.")
@click.option("--role", "roles", multiple=True, metavar="TERM", help="A role along the value chain (code or label); repeat it for several.")
@click.option("--value-chain", "value_chain", multiple=True, metavar="TERM", help="A value-chain stage (code or label); repeat it for several.")
@click.option("--slug", type=SLUG, help="The file name and permanent address (default: made from the name).")
def command(config_file: str, name: str | None, type_: str | None, summary: str | None, country: str | None, city: str | None, website: str | None, technologies: tuple[str, ...], roles: tuple[str, ...], value_chain: tuple[str, ...], slug: str | None) -> None:
    """Create members/<slug>.yml for a new member organisation.

    In a terminal it also asks for the member's technologies, roles and value-chain stages,
    listing the site's terms with their labels: the directory's filters find members by them.

    \b
    Example:
      clustersite add member --name "Acme Imaging" --type "Research institute" --country RO \\
        --summary "Imaging software for hospitals." --technology mri --technology "Image analysis and AI"
    """
    from ..sitedata import load_vocabularies

    site = load_site(config_file)
    folder = site.root / site.options.members_dir
    vocabularies, _ = load_vocabularies(site.options)
    language = site.language()
    kinds = {"technologies": ("technology", "--technology"), "roles": ("role", "--role"), "value_chain": ("value-chain stage", "--value-chain")}
    terms = {key: TermType(vocabularies[key], what, language) for key, (what, _) in kinds.items()}
    organisation = TermType(vocabularies["type"], "organisation type", language)

    def claim(values: dict[str, Any]) -> tuple[str, Path]:
        chosen = slug_for(slug, values["name"], "--slug")
        refuse_existing(site, [folder / f"{chosen}.yml", folder / f"{chosen}.yaml"], chosen, "member")
        return chosen, folder / f"{chosen}.yml"

    type_ = organisation.given("--type", [type_])[0] if type_ else None
    chosen_terms = {key: terms[key].given(kinds[key][1], items) for key, items in (("technologies", technologies), ("roles", roles), ("value_chain", value_chain))}
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
    values = fill({"name": name, "type": type_, "summary": summary, "country": country, "city": city, "website": website, **chosen_terms}, asks, claim)
    slug, path = claim(values)
    data = compact({key: values[key] for key in ("name", "type", "summary", "country", "city", "website", "technologies", "roles", "value_chain")})
    body = "\n".join(yaml_lines(data)) + "\n"
    text = (
        schema_line(site, "member.schema.json", path)
        + f"# A member of the cluster. Its page: /members/{slug}/ (the file name is the permanent address).\n"
        + body
        + "# More keys (your editor completes them): description, region, location, joined, logo,\n"
        + "# identifiers, partners, contacts, internal.\n"
    )
    write_validated(site, path, text, body, data)
