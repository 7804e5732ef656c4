"""The Network page: the partner clusters as profile cards, and one member search across all clusters.

It uses the member directory's interface (`members/finder.html`, `clustersite.js`) with the
cluster as a facet; each card links to the member's page on its own cluster's site. The
partners' data was validated when it was read (`sources.network`), and every text is
escaped by the template: a partner's export is untrusted.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..cache import render
from ..i18n import Language
from ..opendata.models import Member
from ..sitedata import SiteData
from ..sources.network import PartnerCluster
from . import GeneratedPage
from .members import FACET_FOLD, Facet, directory_messages, fold, ranked_options

PAGE_PATH = "network/index.md"


@dataclass(frozen=True)
class Card:
    """One member of any cluster of the network, as the search lists it."""

    cluster: str
    cluster_name: str
    url: str
    """Absolute for a partner's member (its page on its own site), site-relative for the site's own."""
    name: str
    type: str
    country: str
    city: str | None
    summary: str
    technologies: tuple[str, ...]
    own: bool


class NetworkPages:
    """Generates the Network page when the site has partner clusters."""

    def __init__(self, data: SiteData, config: MkDocsConfig, env: jinja2.Environment, *, language: Language) -> None:
        self.data = data
        self.config = config
        self.env = env
        self.language = language
        self.labels = {kind: language.labels(table) for kind, table in data.vocabularies.items()}
        self.own_name = data.profile.name if data.profile else config.site_name
        self.page = GeneratedPage(
            language.gettext("Network"),
            PAGE_PATH,
            config,
            self._render,
            meta={"description": html.escape(language.gettext("Our partner clusters and a search across all their members."), quote=True), "hide": ["navigation", "toc"], "search": {"exclude": True}},
        )

    def files(self) -> list[File]:
        return [self.page.file] if self.data.network else []

    def _label(self, kind: str, term: str, partner: PartnerCluster | None) -> str:
        """Our label (in the page's language) for a term we know, else the partner's (English), else the term."""
        if term in self.labels.get(kind, {}):
            return self.labels[kind][term]
        if partner is not None and partner.export is not None:
            return partner.export.vocabularies.get(kind, {}).get(term, term)
        return term

    def cards(self) -> list[Card]:
        cards = [
            Card("own", self.own_name, record.url, record.member.name, record.member.type, record.member.country, record.member.city, record.member.summary, tuple(record.member.technologies), True)
            for record in self.data.members.values()
        ]
        for cluster in self.data.network:
            members: list[Member] = list(cluster.export.members) if cluster.export else []
            cards += [
                Card(cluster.partner.slug, cluster.partner.name, m.url, m.name, m.type, m.country, m.city, m.summary, tuple(m.technologies), False)
                for m in members
            ]
        return sorted(cards, key=lambda card: (fold(card.name), card.cluster))

    def facets(self, cards: list[Card]) -> list[Facet]:
        _ = self.language.gettext
        partners = {cluster.partner.slug: cluster for cluster in self.data.network}

        def options(pairs: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
            return ranked_options(Counter(pairs))

        return [
            Facet("cluster", _("Cluster"), options([(card.cluster, card.cluster_name) for card in cards])),
            Facet("type", _("Organisation type"), options([(card.type, self._label("type", card.type, partners.get(card.cluster))) for card in cards])),
            Facet("technology", _("Technology"), options([(t, self._label("technologies", t, partners.get(card.cluster))) for card in cards for t in card.technologies])),
            Facet("country", _("Country"), options([(card.country, self.language.country_name(card.country)) for card in cards])),
        ]

    def _render(self, page: GeneratedPage) -> str:
        cards = self.cards()
        partners = {cluster.partner.slug: cluster for cluster in self.data.network}
        return render(
            self.env,
            "network/index.html",
            page=page,
            clusters=self.data.network,
            own_name=self.own_name,
            own_count=len(self.data.members),
            cards=cards,
            facets=[facet for facet in self.facets(cards) if facet.options],
            type_label=lambda card: self._label("type", card.type, partners.get(card.cluster)),
            fold=FACET_FOLD,
            script_messages=directory_messages(self.language),
        )
