"""The cluster in figures: the counts funders ask for, computed from the data of one edition.

The same numbers feed the charts of the figures page and its open-data file,
`figures/figures.json`, so the picture, its table and the data never disagree. Everything
counted is public in the public edition: members (all public), their partnerships, and the
events and issues the edition publishes (member-only ones only in the members' edition).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .connections import Connection, across_types
from .sources.events import EventRecord
from .sources.members import MemberRecord
from .sources.newsletter import IssueRecord
from .vocabularies import ORGANISATION_TYPES

FIGURES_PATH = "figures/figures.json"
FIGURES_FORMAT = "clustersite-figures"
FIGURES_VERSION = 1


@dataclass(frozen=True)
class Figures:
    """Counts keyed by codes (type, ISO country, year): labels are the page's business."""

    members: int
    by_type: dict[str, int]
    by_country: dict[str, int]
    joined_per_year: dict[int, int]
    connections: int
    connections_per_year: dict[int, int]
    connections_across_types: list[tuple[str, str, int]]
    unconnected: int
    events_per_year: dict[int, int]
    issues_per_year: dict[int, int]


def _by_count(counts: Counter[str]) -> dict[str, int]:
    """Most first, then by code: the order a bar chart reads best in."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _by_year(years: Iterable[int]) -> dict[int, int]:
    """Every year from the first to the last, empty years as 0: a gap in a time series is a zero, not a missing bar."""
    counts = Counter(years)
    if not counts:
        return {}
    return {year: counts.get(year, 0) for year in range(min(counts), max(counts) + 1)}


def compute(members: Mapping[str, MemberRecord], links: list[Connection], events: Iterable[EventRecord], issues: Iterable[IssueRecord]) -> Figures:
    """The figures of one edition (pass that edition's events and issues)."""
    types = Counter(record.member.type for record in members.values())
    order = list(ORGANISATION_TYPES)
    return Figures(
        members=len(members),
        by_type=dict(sorted(types.items(), key=lambda item: (-item[1], order.index(item[0])))),
        by_country=_by_count(Counter(record.member.country for record in members.values())),
        joined_per_year=_by_year(record.member.joined.year for record in members.values() if record.member.joined),
        connections=len(links),
        connections_per_year=_by_year(link.since for link in links if link.since is not None),
        connections_across_types=across_types(members, links),
        unconnected=sum(1 for record in members.values() if not record.partners),
        # An event counts in the year it starts; a cancelled one was never held.
        events_per_year=_by_year(record.start_date.year for record in events if record.event.status != "cancelled"),
        issues_per_year=_by_year(record.date.year for record in issues),
    )


def figures_json(figures: Figures, site_url: str, edition: str) -> str:
    """The open-data file: keys sorted, years as text keys (JSON has no other), byte-identical across rebuilds."""

    def years(counts: dict[int, int]) -> dict[str, int]:
        return {str(year): n for year, n in counts.items()}

    document: dict[str, Any] = {
        "format": FIGURES_FORMAT,
        "version": FIGURES_VERSION,
        "site": site_url or None,
        "edition": edition,
        "members": figures.members,
        "members_by_type": figures.by_type,
        "members_by_country": figures.by_country,
        "members_joined_per_year": years(figures.joined_per_year),
        "connections": figures.connections,
        "connections_per_year": years(figures.connections_per_year),
        "connections_across_types": [{"types": [a, b], "connections": n} for a, b, n in figures.connections_across_types],
        "members_without_connection": figures.unconnected,
        "events_per_year": years(figures.events_per_year),
        "newsletter_issues_per_year": years(figures.issues_per_year),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
