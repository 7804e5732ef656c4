"""The map page: the members, and the events that have a place, on the region's and Europe's map.

Drawn at build time as SVG from the outlines in `clustersite.maps`, so the page is a picture
without JavaScript and sends no request to another host. With JavaScript, the directory's own
filter code (assets/clustersite.js) filters the list of members below the maps and keeps the
state in the URL; assets/clustersite-map.js shows the markers of the members it matched.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .. import maps
from ..cache import render
from ..i18n import Language
from ..sitedata import SiteData
from ..sources.events import EventRecord
from . import GeneratedPage
from .members import FACET_FOLD, MemberPages, fold, key_text

MAP_PATH = "map/index.md"
MAP_ASSETS = ("clustersite-map.css", "clustersite-map.js")
"""Published with the site, loaded by the map page only (see MapPage.head)."""


@dataclass
class Place:
    """Where a marker goes: one member or event, or all of those in one city."""

    key: str
    label: str
    city: str | None = None
    point: tuple[int, int] = (0, 0)
    items: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Marker:
    """A place drawn on one map, in the SVG's coordinates."""

    place: Place
    x: int
    y: int


@dataclass(frozen=True)
class Drawing:
    """One map: its view, its countries' outlines and its markers."""

    view: maps.View
    countries: list[tuple[str, str]]
    members: list[Marker]
    events: list[Marker]
    outside: int
    """Members on the map of Europe whom this view leaves out."""

    @property
    def member_count(self) -> int:
        return sum(len(marker.place.items) for marker in self.members)


def place_key(country: str, city: str | None, fallback: str) -> str:
    """A place's key in URLs and ids: the country and the city, folded, or one member's or event's own."""
    return f"{country.lower()}-{key_text(city)}" if city and key_text(city) else fallback


def group(
    items: list[Any], located: list[tuple[int, int]], key: Callable[[Any], str], label: Callable[[Any], str], city: Callable[[Any], str | None]
) -> list[Place]:
    """Items in the same place share one marker, at the mean of their points."""
    places: dict[str, Place] = {}
    sums: dict[str, tuple[int, int]] = {}
    for item, point in zip(items, located, strict=True):
        place = places.setdefault(key(item), Place(key(item), label(item), city(item)))
        place.items.append(item)
        sx, sy = sums.get(place.key, (0, 0))
        sums[place.key] = (sx + point[0], sy + point[1])
    for place in places.values():
        sx, sy = sums[place.key]
        place.point = (round(sx / len(place.items)), round(sy / len(place.items)))
    return sorted(places.values(), key=lambda p: (fold(p.label), p.key))


class MapPage:
    """Generates the map page of one build, in the build's language and edition."""

    def __init__(
        self,
        data: SiteData,
        config: MkDocsConfig,
        env: jinja2.Environment,
        *,
        language: Language,
        directory: MemberPages,
        events: list[EventRecord],
    ) -> None:
        self.data = data
        self.config = config
        self.env = env
        self.language = language
        self.directory = directory
        self.events = events
        _ = language.gettext
        self.page = GeneratedPage(
            _("Map of members"),
            MAP_PATH,
            config,
            self._render,
            meta={"description": html.escape(_("Where the cluster's members are, and where its events take place."), quote=True), "hide": ["navigation", "toc"], "search": {"exclude": True}},
        )

    def files(self) -> list[File]:
        return [self.page.file]

    def head(self) -> dict[str, str]:
        """The map page's own style sheet, in its <head>: no other page loads it."""
        href = html.escape(self.page.relative(f"assets/{MAP_ASSETS[0]}"), quote=True)
        return {self.page.file.src_uri: f'<link rel="stylesheet" href="{href}">'}

    def _place_label(self, city: str | None, country: str) -> str:
        return ", ".join(part for part in (city, self.language.country_name(country)) if part)

    def _render(self, page: GeneratedPage) -> str:
        _ = self.language.gettext
        records = self.directory.by_name
        located = [r for r in records if r.member.location]
        points = maps.project([(r.member.location.lat, r.member.location.lon) for r in located if r.member.location])
        europe = maps.europe()
        on_map = [(r, p) for r, p in zip(located, points, strict=True) if europe.contains(p)]
        mapped = {r.slug for r, _ in on_map}
        off_map = [r for r in records if r.slug not in mapped]
        member_places = group(
            [r for r, _ in on_map],
            [p for _, p in on_map],
            key=lambda r: place_key(r.member.country, r.member.city, f"member-{r.slug}"),
            label=lambda r: self._place_label(r.member.city, r.member.country),
            city=lambda r: r.member.city,
        )
        placed_events = [e for e in self.events if e.event.in_person and e.event.location and e.event.location.lat is not None]
        event_points = maps.project([(e.event.location.lat, e.event.location.lon) for e in placed_events if e.event.location and e.event.location.lat is not None and e.event.location.lon is not None])
        event_on_map = [(e, p) for e, p in zip(placed_events, event_points, strict=True) if europe.contains(p)]
        event_places = group(
            [e for e, _ in event_on_map],
            [p for _, p in event_on_map],
            key=lambda e: place_key(e.event.location.country, e.event.location.city, f"event-{e.slug}"),
            label=lambda e: self._place_label(e.event.location.city, e.event.location.country),
            city=lambda e: e.event.location.city,
        )
        placed = {e.slug for e, _ in event_on_map}
        unplaced_events = [e for e in self.events if e.event.in_person and e.slug not in placed]
        profile = self.data.profile
        home = [p for r, p in on_map if profile and r.member.country == profile.country] or [p for _, p in on_map]
        regional = maps.region(home)
        drawings = {"region": self._draw(regional, member_places, event_places), "europe": self._draw(europe, member_places, event_places)}
        # The list follows the places, each one's members by name: the first carries the place's anchor.
        listed = [r for place in member_places for r in place.items]
        items = [
            self.directory.member_item("members/map_item.html", record, page, first=index == 0, place_key=place.key, place_label=place.label)
            for place in member_places
            for index, record in enumerate(place.items)
        ]
        messages = self.directory.script_messages()
        return render(
            self.env,
            "members/map.html",
            page=page,
            title=_("Map of members"),
            intro=self.language.ngettext(
                "%(count)d member organisation on the map, and the upcoming events that have a place.",
                "%(count)d member organisations on the map, and the upcoming events that have a place.",
                len(on_map),
            ) % {"count": len(on_map)},
            region_name=profile.region if profile and profile.region else "",
            drawings=drawings,
            items=items,
            off_map=off_map,
            event_places=event_places,
            unplaced_events=unplaced_events,
            records=listed,
            facets=self.directory.shown_facets,
            fold=FACET_FOLD,
            directory_url=page.relative(self.directory.directory.url),
            script_url=page.relative(f"assets/{MAP_ASSETS[1]}"),
            event_date=lambda e: self.language.date(e.start_date),
            script_messages=messages,
            map_messages={
                "place": self.language.plural_forms("%(place)s: %(num)d member", "%(place)s: %(num)d members"),
            },
        )

    def _draw(self, view: maps.View, member_places: list[Place], event_places: list[Place]) -> Drawing:
        def markers(places: list[Place]) -> list[Marker]:
            return [Marker(p, *maps.svg_point(p.point)) for p in places if view.contains(p.point)]

        shown = markers(member_places)
        outside = sum(len(p.items) for p in member_places) - sum(len(m.place.items) for m in shown)
        return Drawing(view, view.paths(), shown, markers(event_places), outside)
