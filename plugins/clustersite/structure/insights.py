"""Seeing the cluster: the connections between members, the value chain and the cluster in figures.

Three pages and one open-data file, drawn at build time as SVG from the templates (no
charting library): the templates write only what the data says, escaped like every other
page, in the page's language, with the same bytes on every rebuild; a Python charting
library would embed its own ids, fonts and version stamps, and a browser library would
mean a script from another host or a large bundle on every visit.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..cache import render
from ..colours import TYPE_COLOURS
from ..connections import SIZE, Connection, connections, member_drawing, unconnected
from ..figures import FIGURES_PATH, Figures, compute, figures_json
from ..i18n import Language
from ..sitedata import SiteData
from ..sources.events import EventRecord
from ..sources.newsletter import IssueRecord
from . import GeneratedPage

CONNECTIONS_URI = "connections/index.md"
VALUE_CHAIN_URI = "value-chain/index.md"
FIGURES_URI = "figures/index.md"


class InsightPages:
    """The connections, value-chain and figures pages of one build, in its language and edition."""

    def __init__(
        self,
        data: SiteData,
        config: MkDocsConfig,
        env: jinja2.Environment,
        *,
        language: Language,
        edition: str,
        events: Iterable[EventRecord],
        issues: Iterable[IssueRecord],
    ) -> None:
        self.data = data
        self.config = config
        self.env = env
        self.language = language
        self.edition = edition
        self.events = list(events)
        self.issues = list(issues)
        self.links: list[Connection] = connections(data.members)
        self.labels = {kind: language.labels(table) for kind, table in data.vocabularies.items()}
        _ = language.gettext

        def page(title: str, uri: str, body: Callable[[GeneratedPage], str], description: str) -> GeneratedPage:
            return GeneratedPage(title, uri, config, body, meta={"description": html.escape(description, quote=True), "hide": ["navigation", "toc"]})

        self.connections_page = page(_("Connections"), CONNECTIONS_URI, self._render_connections, _("Who works with whom among the cluster's members."))
        self.value_chain_page = page(_("Value chain"), VALUE_CHAIN_URI, self._render_value_chain, _("Which technologies the members bring to each stage of the value chain."))
        self.figures_page = page(_("The cluster in figures"), FIGURES_URI, self._render_figures, _("Members, connections, events and newsletter issues, counted from the cluster's data."))

    def files(self) -> list[File]:
        """The three pages and the figures' open-data file."""
        figures = File.generated(self.config, FIGURES_PATH, content=figures_json(self.figures, self.config.site_url or "", self.edition))
        return [self.connections_page.file, self.value_chain_page.file, self.figures_page.file, figures]

    @functools.cached_property
    def figures(self) -> Figures:
        """Counted once per build: the figures file, the figures page and the connections page show them."""
        return compute(self.data.members, self.links, self.events, self.issues)

    def nav(self, page: GeneratedPage) -> list[dict[str, str | bool]]:
        """The three pages' own links, so each reaches the others and the directory."""
        links: list[dict[str, str | bool]] = [{"title": self.language.gettext("Members"), "url": page.relative("members/"), "current": False}]
        for other in (self.connections_page, self.value_chain_page, self.figures_page):
            links.append({"title": html.unescape(other.title or ""), "url": page.relative(other.url), "current": other is page})
        return links

    def _render_connections(self, page: GeneratedPage) -> str:
        members = self.data.members
        language = self.language
        drawing = member_drawing(members, self.links)
        type_labels = self.labels["type"]
        return render(
            self.env,
            "insights/connections.html",
            page=page,
            nav=self.nav(page),
            drawing=drawing,
            size=SIZE,
            colours=TYPE_COLOURS,
            type_labels=type_labels,
            names={slug: record.member.name for slug, record in members.items()},
            connection_count=len(self.links),
            across=self.figures.connections_across_types,
            unconnected=sorted(unconnected(members), key=lambda r: (r.member.name.casefold(), r.slug)),
            records=sorted((r for r in members.values() if r.partners), key=lambda r: (r.member.name.casefold(), r.slug)),
            members=members,
            legend=[kind for kind in TYPE_COLOURS if any(r.member.type == kind for r in members.values())],
            script_messages={
                "partners": language.plural_forms("%(name)s works with %(num)d member: %(partners)s.", "%(name)s works with %(num)d members: %(partners)s."),
                "types": language.plural_forms("%(name)s: connections with %(num)d other type (%(partners)s).", "%(name)s: connections with %(num)d other types (%(partners)s)."),
            },
        )

    def _render_value_chain(self, page: GeneratedPage) -> str:
        members = self.data.members.values()
        stages = [stage for stage in self.data.vocabularies["value_chain"] if any(stage in r.member.value_chain for r in members)]
        technologies = [t for t in self.data.vocabularies["technologies"] if any(t in r.member.technologies for r in members)]
        counts: dict[tuple[str, str], int] = {}
        for record in members:
            for technology in record.member.technologies:
                for stage in record.member.value_chain:
                    counts[technology, stage] = counts.get((technology, stage), 0) + 1
        technologies.sort(key=lambda t: (-sum(counts.get((t, s), 0) for s in stages), self.labels["technologies"][t].casefold()))
        return render(
            self.env,
            "insights/value_chain.html",
            page=page,
            nav=self.nav(page),
            stages=stages,
            technologies=technologies,
            counts=counts,
            labels=self.labels,
            directory=page.relative("members/"),
        )

    def _render_figures(self, page: GeneratedPage) -> str:
        figures = self.figures
        country_name = self.language.country_name
        type_labels = self.labels["type"]
        _ = self.language.gettext
        charts = [
            {"id": "by-type", "title": _("Members by type"), "rows": [(type_labels[k], n, TYPE_COLOURS[k]) for k, n in figures.by_type.items()], "key": _("Type")},
            {"id": "by-country", "title": _("Members by country"), "rows": [(country_name(k), n, "") for k, n in figures.by_country.items()], "key": _("Country")},
            {"id": "joined", "title": _("New members per year"), "rows": [(str(y), n, "") for y, n in figures.joined_per_year.items()], "key": _("Year")},
            {"id": "connections", "title": _("New connections per year"), "rows": [(str(y), n, "") for y, n in figures.connections_per_year.items()], "key": _("Year")},
            {"id": "events", "title": _("Events per year"), "rows": [(str(y), n, "") for y, n in figures.events_per_year.items()], "key": _("Year")},
            {"id": "issues", "title": _("Newsletter issues per year"), "rows": [(str(y), n, "") for y, n in figures.issues_per_year.items()], "key": _("Year")},
        ]
        return render(
            self.env,
            "insights/figures.html",
            page=page,
            nav=self.nav(page),
            figures=figures,
            charts=[chart for chart in charts if chart["rows"]],
            data_url=page.relative(FIGURES_PATH),
            connections_url=page.relative(self.connections_page.url),
        )
