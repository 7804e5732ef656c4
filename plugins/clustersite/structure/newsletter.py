"""The newsletter: archive, issue pages, feeds and e-mail files for one build.

Issues are Markdown pages MkDocs renders itself; the plugin only withholds the issues an
edition may not contain, gives each issue its header, "In this issue" links and
previous/next navigation, sanitises the HTML of the issue's text, and, once every page
is rendered (`on_env`), writes the feeds and e-mail files from that HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import groupby
from typing import Any
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..cache import memo, render
from ..email import GMAIL_CLIP_BYTES, render_email, size_bytes
from ..feeds import FORMATS, FeedItem, FeedSite
from ..i18n import N_, Language
from ..markup import sanitize_page_html
from ..models.fields import AUDIENCES
from ..sitedata import SiteData
from ..sources.newsletter import IssueRecord
from . import GeneratedPage

FEED_ITEMS = 20
"""Issues per feed, newest first: enough for any reader, small enough to fetch often."""

ARCHIVE_FEED_LABELS = {None: N_("All issues"), "members": N_("For members"), "community": N_("For the specialised community"), "public": N_("For the public")}
"""The archive's feed groups, one per audience."""
FEED_TITLES = {
    None: N_("%(site)s newsletter"),
    "members": N_("%(site)s newsletter for members"),
    "community": N_("%(site)s newsletter for the specialised community"),
    "public": N_("%(site)s newsletter for the public"),
}

_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_PERMALINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>[^<]*</a>')


def absolute_urls(content: str, base: str) -> str:
    """`content` with every href and src resolved against `base`, as feeds and e-mails need."""

    def resolve(match: re.Match[str]) -> str:
        url = urljoin(base, html.unescape(match.group(2)))
        return match.group(1) + html.escape(url, quote=True) + match.group(3)

    return _URL_ATTRIBUTE.sub(resolve, content)


@dataclass(frozen=True)
class Mention:
    """A member or event the issue is about, with its page's site-relative URL, if published."""

    kind: str
    title: str
    url: str | None


class Newsletter:
    """Builds the newsletter of one edition: call the methods from the plugin's hooks."""

    def __init__(
        self,
        data: SiteData,
        config: MkDocsConfig,
        env: jinja2.Environment,
        *,
        language: Language,
        edition: str,
        folder: str,
        timezone: str,
        identity_url: str,
        feed_prefix: str = "",
    ) -> None:
        self.data = data
        self.language = language
        _ = language.gettext
        self.config = config
        self.env = env
        self.edition = edition
        self.folder = folder.strip("/")
        self.feeds = FeedSite.of(config, language=language.code, identity_url=identity_url, timezone=timezone, prefix=feed_prefix)
        self.site_url = self.feeds.site_url
        self.issues: list[IssueRecord] = []
        """The issues of this edition, oldest first."""
        self.urls: dict[str, str] = {}
        self.by_source: dict[str, IssueRecord] = {}
        self.bodies: dict[str, Markup] = {}
        """Each issue's sanitised text as its page shows it, by src_uri: its feeds and e-mail show it too."""
        self.outputs: dict[str, File] = {}
        self.archive = GeneratedPage(
            _("Newsletter"),
            f"{self.folder}/index.md",
            config,
            self._render_archive,
            meta={
                "description": html.escape(_("Every issue of the %(site)s newsletter, newest first, and how to subscribe.") % {"site": config.site_name}, quote=True),
                "hide": ["navigation", "toc"],
                "search": {"exclude": True},  # the issues themselves are in the search index
            },
            in_nav=True,
        )

    # on_files -----------------------------------------------------------------------------

    def update_files(self, files: Files) -> list[File]:
        """Withhold what this edition may not contain; return the files the newsletter adds."""
        published = [record for record in self.data.newsletter if record.in_edition(self.edition)]
        for record in self.data.newsletter:
            file = files.get_file_from_path(record.src_uri)
            if file is not None and not record.in_edition(self.edition):
                files.remove(file)  # its images and attachments: published only if a page of the edition uses them (`published`)
        self.issues = []
        for record in published:
            file = files.get_file_from_path(record.src_uri)
            if file is None or file.inclusion.is_excluded():
                continue  # left out by exclude_docs or draft_docs
            file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from the archive, not the nav
            self.issues.append(record)
            self.urls[record.stem] = file.url
        self.by_source = {record.src_uri: record for record in self.issues}
        generated = [self.archive.file]
        if self.issues:
            self.feeds.require_site_url()
            paths = [self.feed_path(audience, kind) for audience in self.audiences() for kind in FORMATS]
            paths += [self.email_path(record) for record in self.issues]
            for path in paths:
                self.outputs[path] = File.generated(self.config, path, content="")
            generated += self.outputs.values()
        return generated

    def audiences(self) -> list[str | None]:
        """The combined feed (None) and one per audience this edition may contain."""
        return [None, *(group for group in AUDIENCES if group != "members" or self.edition == "members")]

    def feed_folder(self, audience: str | None) -> str:
        return f"{self.folder}/{audience}" if audience else self.folder

    def feed_path(self, audience: str | None, kind: str) -> str:
        return self.feeds.path(self.feed_folder(audience), kind)

    def email_path(self, record: IssueRecord) -> str:
        return f"{self.folder}/{record.stem}/email.html"

    def autodiscovery(self) -> list[dict[str, str]]:
        """The combined feeds, for the `<link rel="alternate">` tags in every page's head."""
        if not self.issues:
            return []
        title = self.language.gettext(FEED_TITLES[None]) % {"site": self.config.site_name}
        return [{"title": feed_title, "type": media_type, "path": path} for feed_title, media_type, path in self.feeds.alternates(self.feed_folder(None), title)]

    # pages --------------------------------------------------------------------------------

    def record_for(self, page: Page) -> IssueRecord | None:
        return self.by_source.get(page.file.src_uri)

    def page_markdown(self, page: Page) -> str | None:
        """The issue's body and validated front matter, in place of MkDocs' YAML 1.1 reading."""
        record = self.record_for(page)
        if record is None:
            return None
        issue = record.issue
        meta: dict[str, Any] = {"title": html.escape(issue.title, quote=True), "hide": ["navigation"]}
        if issue.summary:
            meta["description"] = html.escape(issue.summary, quote=True)
        page.meta = meta
        return record.body

    def page_content(self, content: str, page: Page, files: Files) -> str | None:
        """The issue page: header, the sanitised text, "In this issue", previous/next."""
        record = self.record_for(page)
        if record is None:
            return None
        body = sanitize_page_html(content, demote_h1=True)  # the issue's title is the page's only h1
        self.bodies[record.src_uri] = body
        return self.env.get_template("newsletter/issue.html").render(body=body, **self._page_parts(record, page, files))

    def page_inputs(self, page: Page, files: Files) -> dict[str, Any] | None:
        """What an issue's page is made of besides the site: its file as read, and what the plugin
        puts around its text (None for a page that is no issue, and for an issue naming an event
        the data does not hold, whose title is read from that event's page as it renders)."""
        record = self.record_for(page)
        if record is None or any(slug not in self.data.events for slug in record.issue.events):
            return None
        return self._page_parts(record, page, files)  # the record holds the issue's Markdown and front matter

    def _page_parts(self, record: IssueRecord, page: Page, files: Files) -> dict[str, Any]:
        """The issue template's values besides the issue's text."""
        index = self.issues.index(record)
        previous = self.issues[index - 1] if index > 0 else None
        following = self.issues[index + 1] if index + 1 < len(self.issues) else None

        def link(url: str | None) -> str | None:
            return get_relative_url(url, page.url) if url is not None else None

        image_file = files.get_file_from_path(record.image_uri) if record.image_uri else None
        return {
            "record": record,
            "issue": record.issue,
            "image_url": link(image_file.url) if image_file else None,
            "mentions": [Mention(m.kind, m.title, link(m.url)) for m in self.mentions(record, files)],
            "archive_url": link(self.archive.url),
            "email_url": link(self.email_path(record)),
            "previous": previous,
            "next": following,
            "previous_url": link(self.urls[previous.stem]) if previous else None,
            "next_url": link(self.urls[following.stem]) if following else None,
            "members_only": record.issue.members_only,
        }

    def mentions(self, record: IssueRecord, files: Files) -> list[Mention]:
        """The members and events the issue names, linked where this edition has their page."""
        found = []
        for slug in record.issue.members:
            member = self.data.members.get(slug)
            file = files.get_file_from_path(f"members/{slug}.md")
            found.append(Mention("member", member.member.name if member else slug, file.url if file else None))
        for slug in record.issue.events:
            file = files.get_file_from_path(f"events/{slug}.md") or files.get_file_from_path(f"events/{slug}/index.md")
            if file is None:
                continue  # not in this edition (an event for members only): name nothing
            event = self.data.events.get(slug)
            title = event.event.title if event is not None else html.unescape(file.page.title or slug) if file.page else slug
            found.append(Mention("event", title, file.url))
        return found

    def _render_archive(self, page: GeneratedPage) -> str:
        newest_first = list(reversed(self.issues))
        years = [(year, list(group)) for year, group in groupby(newest_first, key=lambda record: record.date.year)]
        feeds = []
        if self.issues:
            for audience in self.audiences():
                label = self.language.gettext(ARCHIVE_FEED_LABELS[audience])
                feeds.append((label, [(FORMATS[kind][2], page.relative(self.feed_path(audience, kind))) for kind in FORMATS]))
        return self.env.get_template("newsletter/archive.html").render(
            page=page,
            title=self.language.gettext("Newsletter"),
            site_name=self.config.site_name,
            years=years,
            urls={record.stem: page.relative(self.urls[record.stem]) for record in self.issues},
            feeds=feeds,
            edition=self.edition,
        )

    # on_env: feeds and e-mails, from the rendered issues ---------------------------------

    def write_outputs(self, files: Files) -> list[tuple[IssueRecord, int]]:
        """Fill in the feeds and e-mail files; return the issues whose e-mail is too large."""
        if not self.issues:
            return []
        items = {record.stem: self._feed_item(record, files) for record in self.issues}
        newest = max(item.updated for item in items.values())
        _ = self.language.gettext
        site = {"site": self.config.site_name}
        description = self.config.site_description or _("The newsletter of %(site)s.") % site
        for audience in self.audiences():
            chosen = [items[record.stem] for record in reversed(self.issues) if audience is None or audience in record.issue.audience][:FEED_ITEMS]
            feeds = self.feeds.write(
                self.feed_folder(audience), title=_(FEED_TITLES[audience]) % site, description=description, home_url=self.archive.url, items=chosen, fallback=newest,
            )
            for path, text in feeds.items():
                self.outputs[path].content_string = text
        too_large = []
        for record in self.issues:
            email = self._email(record, files)
            self.outputs[self.email_path(record)].content_string = email
            if size_bytes(email) > GMAIL_CLIP_BYTES:
                too_large.append((record, size_bytes(email)))
        return too_large

    def absolute(self, url: str) -> str:
        return self.feeds.absolute(url)

    def _content_parts(self, record: IssueRecord, files: Files) -> dict[str, Any]:
        """What the feeds and the e-mail show of an issue, with absolute URLs."""
        page_url = self.absolute(self.urls[record.stem])
        text = self.bodies.get(record.src_uri, Markup(""))
        body = memo(self.env, "issue:body", (text, page_url), lambda: absolute_urls(_PERMALINK.sub("", text), page_url))
        image_file = files.get_file_from_path(record.image_uri) if record.image_uri else None
        return {
            "record": record,
            "issue": record.issue,
            "page_url": page_url,
            "body": Markup(body),  # noqa: S704 (the sanitised issue body, its links made absolute)
            "image_url": self.absolute(image_file.url) if image_file else None,
            "mentions": [Mention(m.kind, m.title, self.absolute(m.url) if m.url else None) for m in self.mentions(record, files)],
        }

    def _feed_item(self, record: IssueRecord, files: Files) -> FeedItem:
        parts = self._content_parts(record, files)
        content = render(self.env, "newsletter/content.html", **parts)
        issue = record.issue
        published = self.feeds.midnight(issue.date)
        updated = self.feeds.midnight(issue.updated) if issue.updated else published
        return FeedItem(
            id=record.feed_id(self.feeds.id_host),
            url=parts["page_url"],
            title=issue.title,
            published=published,
            updated=updated,
            summary=issue.summary,
            content_html=memo(self.env, "issue:feed", (content, parts["page_url"]), lambda: absolute_urls(content, parts["page_url"])),
            image_url=parts["image_url"],
        )

    def _email(self, record: IssueRecord, files: Files) -> str:
        context = {
            **self._content_parts(record, files),
            "site_name": self.config.site_name,
            "site_url": self.site_url,
            "archive_url": self.absolute(self.archive.url),
            "feed_url": self.absolute(self.feed_path(None, "rss")),
            "copyright": self.config.copyright or "",
            "language": self.language.code,
            "colours": self.data.palette,
        }
        return memo(self.env, "email", context, lambda: render_email(self.env, **context))  # css-inline parses each e-mail
