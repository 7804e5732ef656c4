"""The member database's pages: one permanent page per member and the directory."""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..cache import render
from ..colours import TYPE_COLOURS
from ..connections import SIZE, ego_drawing
from ..i18n import Language
from ..markup import json_ld
from ..network.matching import memberships
from ..opendata.catalogue import PAGE_PATH
from ..opendata.exports import MEMBERS_CSV, MEMBERS_JSON
from ..sitedata import SiteData
from ..sources.members import MemberRecord
from . import GeneratedPage
from .home import cluster_id

SCHEMA_ORG_TYPES = {
    "university": "CollegeOrUniversity",
    "research-institute": "ResearchOrganization",
    "hospital": "Hospital",
    "public-authority": "GovernmentOrganization",
    "startup": "Corporation",
    "sme": "Corporation",
    "large-company": "Corporation",
    "patient-organisation": "NGO",
    "association": "NGO",
}


FACET_FOLD = 5
"""Terms a filter group shows before its "Show all" button: every group's heading stays within reach."""


def fold(text: str) -> str:
    """Lower-case text without accents, as the directory's search compares it."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def key_text(text: str) -> str:
    """Text as a key for URLs and ids: folded, letters and digits joined by hyphens (Iași → iasi)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def region_key(record: MemberRecord) -> str:
    return key_text(record.member.region or "")


@dataclass(frozen=True)
class Facet:
    """A filter of the directory: its URL parameter, label and (value, label, count) options."""

    param: str
    label: str
    options: list[tuple[str, str, int]]


def ranked_options(counts: Mapping[tuple[str, str], int]) -> list[tuple[str, str, int]]:
    """A filter's (value, label, count) options from counted (value, label) pairs: most first, then by label."""
    return sorted(((value, label, n) for (value, label), n in counts.items()), key=lambda o: (-o[2], o[1]))


@dataclass(frozen=True)
class SharedInputs:
    """The site-wide part of a member page's inputs (`MemberPages._member_inputs`)."""

    labels: dict[str, dict[str, str]]
    profile: Any
    network: Any
    edition: str
    site_url: str | None


class MemberPages:
    """Generates the member pages, the directory and the logos for one build."""

    def __init__(
        self,
        data: SiteData,
        config: MkDocsConfig,
        env: jinja2.Environment,
        *,
        language: Language,
        edition: str,
        events_by_member: dict[str, list[Any]] | None = None,
        opportunities_by_member: dict[str, list[Any]] | None = None,
    ) -> None:
        self.data = data
        self.language = language
        _ = language.gettext
        self.labels = {kind: language.labels(table) for kind, table in data.vocabularies.items()}
        """Every vocabulary's labels in the page's language."""
        self.config = config
        self.env = env
        self.edition = edition
        self.events_by_member = events_by_member or {}
        self.opportunities_by_member = opportunities_by_member or {}
        """Each member's open opportunities (`structure.opportunities`), listed on its page."""
        self.directory = GeneratedPage(
            _("Members"),
            "members/index.md",
            config,
            self._render_directory,
            meta={"description": html.escape(_("The cluster's member organisations: who does what in the region."), quote=True), "hide": ["navigation", "toc"], "search": {"exclude": True}},
            in_nav=True,
        )

    def files(self) -> list[File]:
        """Every file the member database adds to the site."""
        files = [self.directory.file]
        for record in self.data.members.values():
            member = record.member
            page = GeneratedPage(
                member.name,
                f"members/{record.slug}.md",
                self.config,
                partial(self._render_member, record),
                meta={"description": html.escape(member.summary, quote=True), "hide": ["navigation", "toc"]},
                inputs=self._member_inputs(record),
            )
            files.append(page.file)
            if record.logo_path and record.logo_url:
                files.append(File.generated(self.config, record.logo_url, abs_src_path=str(record.logo_path)))
        return files

    def _member_inputs(self, record: MemberRecord) -> tuple[Any, ...]:
        """What `_render_member` reads besides the page: a member page changes with these alone."""
        return (
            record,
            [self.data.members[slug] for slug in record.partners],
            self.events_by_member.get(record.slug, []),
            self.opportunities_by_member.get(record.slug, []),
            self.shared_inputs,
        )

    @functools.cached_property
    def shared_inputs(self) -> SharedInputs:
        """What every member page reads of the site: one object, so serve mode fingerprints it once per build, not per page."""
        return SharedInputs(self.labels, self.data.profile, self.data.network, self.edition, self.config.site_url)

    def _render_member(self, record: MemberRecord, page: GeneratedPage) -> str:
        member = record.member
        contacts = member.contacts if self.edition == "members" else member.public_contacts
        return render(
            self.env,
            "members/member.html",
            page=page,
            record=record,
            labels=self.labels,
            directory_url=page.relative(self.directory.url),
            contacts=contacts,
            office=self.data.profile.office if self.data.profile else None,
            partners=[self.data.members[slug] for slug in record.partners],
            network=ego_drawing(record, self.data.members) if record.partners else None,
            network_size=SIZE,
            type_colours=TYPE_COLOURS,
            events=self.events_by_member.get(record.slug, []),
            opportunities=self.opportunities_by_member.get(record.slug, []),
            also_member_of=memberships(member.identifiers, member.website, self.data.network),
            structured_data=json_ld(self._organization(record)),
        )

    def _organization(self, record: MemberRecord) -> dict[str, Any]:
        """schema.org data for search engines and other clusters' crawlers."""
        member = record.member
        site_url = (self.config.site_url or "").rstrip("/")
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": SCHEMA_ORG_TYPES.get(member.type, "Organization"),
            "name": member.name,
            "description": member.summary,
        }
        if site_url:
            data["@id"] = f"{site_url}/{record.url}"
        if member.website:
            data["url"] = member.website
        if record.logo_url and site_url:
            data["logo"] = f"{site_url}/{record.logo_url}"
        address = {"@type": "PostalAddress", "addressCountry": member.country}
        if member.city:
            address["addressLocality"] = member.city
        if member.region:
            address["addressRegion"] = member.region
        data["address"] = address
        if member.location:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": member.location.lat, "longitude": member.location.lon}
        same_as = []
        if member.identifiers:
            if member.identifiers.ror:
                same_as.append(f"https://ror.org/{member.identifiers.ror}")
            if member.identifiers.wikidata:
                same_as.append(f"https://www.wikidata.org/wiki/{member.identifiers.wikidata}")
            if member.identifiers.vat:
                data["vatID"] = member.identifiers.vat
            if member.identifiers.lei:
                data["leiCode"] = member.identifiers.lei
        if same_as:
            data["sameAs"] = same_as
        cluster: dict[str, Any] = {"@type": "Organization", "name": self.data.profile.name if self.data.profile else self.config.site_name}
        if site_url:
            cluster["@id"] = cluster_id(site_url)
            cluster["url"] = f"{site_url}/"
        data["memberOf"] = cluster
        if member.technologies:
            data["knowsAbout"] = [self.labels["technologies"][t] for t in member.technologies]
        return data

    @functools.cached_property
    def by_name(self) -> list[MemberRecord]:
        """The members in the order of their names, as the directory and the map list them (once per build)."""
        return sorted(self.data.members.values(), key=lambda r: fold(r.member.name))

    @functools.cached_property
    def shown_facets(self) -> list[Facet]:
        """The filters with something to choose, as the directory and the map show them (once per build).

        Terms are counted by value and labelled once each (a value has one label); regions are
        counted as (key, text) pairs, since two spellings of a region can share a key."""
        records = list(self.data.members.values())

        def labelled(values: Iterable[str], label: Callable[[str], str]) -> list[tuple[str, str, int]]:
            return ranked_options({(value, label(value)): n for value, n in Counter(values).items()})

        def terms(attribute: str) -> Iterable[str]:
            return chain.from_iterable(getattr(r.member, attribute) for r in records)

        _ = self.language.gettext
        labels = self.labels
        facets = [
            Facet("type", _("Organisation type"), labelled((r.member.type for r in records), labels["type"].__getitem__)),
            Facet("technology", _("Technology"), labelled(terms("technologies"), labels["technologies"].__getitem__)),
            Facet("role", _("Role"), labelled(terms("roles"), labels["roles"].__getitem__)),
            Facet("stage", _("Value chain"), labelled(terms("value_chain"), labels["value_chain"].__getitem__)),
            Facet("country", _("Country"), labelled((r.member.country for r in records), self.language.country_name)),
            Facet("region", _("Region"), ranked_options(Counter((region_key(r), r.member.region) for r in records if r.member.region))),
        ]
        return [facet for facet in facets if facet.options]

    def _render_directory(self, page: GeneratedPage) -> str:
        records = self.by_name
        return render(
            self.env,
            "members/directory.html",
            page=page,
            title=self.language.gettext("Members"),
            intro=self.language.ngettext(
                "%(count)d organisation along the value chain, from research to clinical use.",
                "%(count)d organisations along the value chain, from research to clinical use.",
                len(records),
            ) % {"count": len(records)},
            cards=[self.member_item("members/card.html", record, page) for record in records],
            facets=self.shown_facets,
            exports={"json": MEMBERS_JSON, "csv": MEMBERS_CSV, "page": PAGE_PATH.removesuffix("index.md")},
            network_url="network/" if self.data.network else None,
            map_url=page.relative("map/"),  # structure/map.py's page
            fold=FACET_FOLD,
            script_messages=self.script_messages(),
        )

    def member_item(self, template: str, record: MemberRecord, page: GeneratedPage, **extra: Any) -> Markup:
        """A member's card in the directory, or line in the map's list, rendered on its own: a save
        renders again only the items whose member (or `extra`) changed. Keyed by the page's URL
        (`page.link`), not by the page."""
        return Markup(render(  # noqa: S704 (the template escapes)
            self.env, template, link=page.link, record=record, type_label=self.labels["type"][record.member.type], region=region_key(record), **extra,
        ))

    def script_messages(self) -> dict[str, dict[str, str]]:
        """The filter script's words in the page's language (the directory and the map)."""
        return directory_messages(self.language)


def directory_messages(language: Language) -> dict[str, dict[str, str]]:
    """The words the directory's script rewrites as filters change; %(num)d stands for the number."""
    return {
        "count": language.plural_forms("%(num)d member", "%(num)d members"),
        "more": language.plural_forms("Show %(page)d more (%(num)d not shown)", "Show %(page)d more (%(num)d not shown)"),
        "active": language.plural_forms("(%(num)d active)", "(%(num)d active)"),
        # What found nothing: the words typed (%(query)s), the filters, or both.
        "typed_filtered": {"other": language.gettext("No member matches “%(query)s” with these filters.")},
        "typed": {"other": language.gettext("No member matches “%(query)s”.")},
        "filtered": {"other": language.gettext("No member matches these filters.")},
    }
