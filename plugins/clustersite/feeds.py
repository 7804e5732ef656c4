"""The site's feeds: RSS 2.0 and Atom (made with feedgen) and JSON Feed 1.1.

The newsletter's and the opportunities' feeds are written here, the same way
(`FeedSite.write`): the three formats side by side in one folder, each linking itself and
the page it belongs to, in the edition's language, by the site. Feed readers and
RSS-to-e-mail services (Mailchimp RSS campaigns, Buttondown…) read these. Two rules follow
from how those services work: an item's ID never changes (a new ID is a new issue, sent
again to every subscriber), and the same content gives the same bytes (no wall clock: the
feed's date is its newest item's, so a rebuild changes nothing a service could notice).
Every URL in a feed is absolute.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator
from mkdocs.config.defaults import MkDocsConfig

from .errors import DataError
from .options import site_url_error

FORMATS = {
    "rss": ("rss.xml", "application/rss+xml", "RSS"),
    "atom": ("atom.xml", "application/atom+xml", "Atom"),
    "json": ("feed.json", "application/feed+json", "JSON Feed"),
}
"""Feed format → (file name, media type, label)."""

GENERATOR = "clustersite"


@dataclass(frozen=True)
class FeedItem:
    """One item (a newsletter issue, an opportunity) as every feed format carries it; every URL is absolute."""

    id: str
    url: str
    title: str
    published: dt.datetime
    updated: dt.datetime
    summary: str | None
    content_html: str
    image_url: str | None = None


@dataclass(frozen=True)
class FeedInfo:
    """The feed itself: its title, the page it belongs to, and its own URL per format."""

    title: str
    description: str
    home_url: str
    self_urls: dict[str, str]
    """Format (rss, atom, json) → the absolute URL the feed is published at."""
    language: str
    author: str
    updated: dt.datetime
    """The newest item's date (or update): never the time of the build."""


@dataclass(frozen=True)
class FeedSite:
    """What every feed of one edition in one language shares, and the one way to write a feed."""

    config: MkDocsConfig
    """The MkDocs configuration: the site's name (the feeds' author) and address."""
    language: str
    """The edition's language code, the feeds' language."""
    id_host: str
    """The host in every item's ID: the public site's, in both editions, so an ID never depends on where it is read."""
    zone: dt.tzinfo
    """The site's time zone: an item dated by a day is dated at that day's midnight there."""
    prefix: str = ""
    """`feeds/<token>/` when the members' feeds and calendars have unguessable addresses (see `feedaddress`)."""

    @classmethod
    def of(cls, config: MkDocsConfig, *, language: str, identity_url: str, timezone: str, prefix: str = "") -> FeedSite:
        return cls(config, language, urlsplit(identity_url).hostname or "localhost", ZoneInfo(timezone), prefix)

    @property
    def site_url(self) -> str:
        """The edition's address, ending in '/'."""
        return (self.config.site_url or "").rstrip("/") + "/"

    def require_site_url(self) -> None:
        """Refuse to build without `site_url`: a feed needs absolute links."""
        if not urlsplit(self.site_url).netloc:
            raise DataError([site_url_error(self.config)])

    def absolute(self, url: str) -> str:
        return urljoin(self.site_url, url)

    def path(self, folder: str, kind: str) -> str:
        """The feed of format `kind` in `folder` (below the members' secret prefix, if any)."""
        return f"{self.prefix}{folder}/{FORMATS[kind][0]}"

    def alternates(self, folder: str, title: str) -> list[tuple[str, str, str]]:
        """(title, media type, path) of each feed in `folder`, for a page's `<link rel="alternate">`: "Title (RSS)"."""
        return [(f"{title} ({label})", media_type, self.path(folder, kind)) for kind, (_name, media_type, label) in FORMATS.items()]

    def midnight(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(0), self.zone)

    def write(self, folder: str, *, title: str, description: str, home_url: str, items: list[FeedItem], fallback: dt.datetime) -> dict[str, str]:
        """Path → text of the feed in every format in `folder`, newest item first.

        `home_url` is the site-relative URL of the page the feed belongs to; the feed's date
        is its newest item's, or `fallback` (the edition's newest, never the clock) when it
        has none.
        """
        info = FeedInfo(
            title=title,
            description=description,
            home_url=self.absolute(home_url),
            self_urls={kind: self.absolute(self.path(folder, kind)) for kind in FORMATS},
            language=self.language,
            author=self.config.site_name,
            updated=max((item.updated for item in items), default=fallback),
        )
        return {self.path(folder, kind): _render(kind, info, items) for kind in FORMATS}


def _render(kind: str, info: FeedInfo, items: list[FeedItem]) -> str:
    """The feed of format `kind` (rss, atom or json), newest item first."""
    if kind == "json":
        return _json_feed(info, items)
    return _xml_feed(kind, info, items)


def _xml_feed(kind: str, info: FeedInfo, items: list[FeedItem]) -> str:
    feed = FeedGenerator()
    feed.id(info.self_urls["atom"])
    feed.title(info.title)
    feed.subtitle(info.description)  # the RSS <description> as well
    feed.link(href=info.self_urls[kind], rel="self", type=FORMATS[kind][1])  # atom:link rel=self in RSS too
    feed.link(href=info.home_url, rel="alternate", type="text/html")  # last: feedgen makes it the RSS <link>
    feed.language(info.language)
    feed.author({"name": info.author})
    feed.generator(GENERATOR)
    feed.updated(info.updated)
    feed.lastBuildDate(info.updated)
    feed.pubDate(info.updated)
    for item in items:
        entry = feed.add_entry(order="append")
        entry.id(item.id)  # also the RSS <guid isPermaLink="false">
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.published(item.published)  # the RSS <pubDate> as well
        entry.updated(item.updated)
        if item.summary:
            entry.summary(item.summary)  # RSS <description>; the full text goes to content:encoded
        entry.content(item.content_html, type="html" if kind == "atom" else None)
    data = feed.atom_str(pretty=True) if kind == "atom" else feed.rss_str(pretty=True)
    return data.decode("utf-8")


def _json_feed(info: FeedInfo, items: list[FeedItem]) -> str:
    """A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1)."""
    document: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.self_urls["json"],
        "description": info.description,
        "language": info.language,
        "authors": [{"name": info.author}],
    }
    entries = []
    for item in items:
        entry: dict[str, object] = {"id": item.id, "url": item.url, "title": item.title, "content_html": item.content_html}
        if item.summary:
            entry["summary"] = item.summary
        if item.image_url:
            entry["image"] = item.image_url
        entry["date_published"] = item.published.isoformat()
        entry["date_modified"] = item.updated.isoformat()
        entries.append(entry)
    document["items"] = entries
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
