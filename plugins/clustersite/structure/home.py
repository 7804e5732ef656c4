"""The homepage and the three audience landing pages, rendered from the site's data.

The homepage's Markdown (content/index.md) stays the office's to write; the plugin puts
the hero, the three entry points, the figures, upcoming events, the latest newsletter and
featured members around it. Figures are computed from the member files on every build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..i18n import N_, Language
from ..markup import json_ld
from ..models.fields import in_edition
from ..models.profile import ClusterProfile
from ..sitedata import SiteData
from ..sources.members import MemberRecord
from ..sources.pages import PageInfo
from ..vocabularies import TYPE_GROUPS

COMPANY_FIGURES = {"startup": N_("Start-ups"), "sme": N_("SMEs"), "large-company": N_("Large companies")}
"""The homepage counts companies by size, each under its own plural."""


@dataclass(frozen=True)
class IssueSummary:
    """A newsletter issue as the homepage and landing pages list it."""

    title: str
    url: str
    date: dt.date
    summary: str | None
    audience: tuple[str, ...]


def cluster_id(site_url: str) -> str:
    """The @id of the cluster's Organization: member pages' `memberOf` and events' organizer point at it."""
    return f"{site_url.rstrip('/')}/#organization"


def cluster_structured_data(profile: ClusterProfile, site_name: str, site_url: str) -> list[dict[str, Any]]:
    """schema.org Organization and WebSite of the cluster itself, for the homepage.

    The fields Google reads for an organisation (name, url, description, email, telephone,
    address, sameAs, foundingDate) as far as the profile has them.
    """
    home = site_url.rstrip("/") + "/" if site_url else ""
    organization: dict[str, Any] = {"@context": "https://schema.org", "@type": "Organization", "name": profile.name, "description": profile.mission}
    if home:
        organization["@id"] = cluster_id(home)
        organization["url"] = home
    if profile.short_name:
        organization["alternateName"] = profile.short_name
    office = profile.office
    if office.email:
        organization["email"] = office.email
    if office.phone:
        organization["telephone"] = office.phone
    address: dict[str, Any] = {"@type": "PostalAddress", "addressRegion": profile.region, "addressCountry": profile.country}
    if office.address:
        address["streetAddress"] = office.address
    organization["address"] = address
    organization["areaServed"] = profile.region
    if profile.founded:
        organization["foundingDate"] = str(profile.founded)
    if profile.social:
        links = [link for link in profile.social.model_dump().values() if link]
        if links:
            organization["sameAs"] = links
    website: dict[str, Any] = {"@context": "https://schema.org", "@type": "WebSite", "name": site_name}
    if home:
        website["@id"] = f"{home}#website"
        website["url"] = home
        website["publisher"] = {"@id": cluster_id(home)}
    return [organization, website]


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    link: str


def member_figures(data: SiteData, language: Language) -> list[Figure]:
    """Members by type, as clusters report them: companies by size, then research and others."""
    counts: dict[str, int] = {}
    for record in data.members.values():
        counts[record.member.type] = counts.get(record.member.type, 0) + 1
    _ = language.gettext
    figures = [Figure(_("Members"), len(data.members), "members/")]
    for group, types in TYPE_GROUPS.items():
        total = sum(counts.get(t, 0) for t in types)
        link = "members/?" + "&".join(f"type={t}" for t in types)
        if group == "Companies":
            for kind in types:
                figures.append(Figure(_(COMPANY_FIGURES[kind]), counts.get(kind, 0), f"members/?type={kind}"))
        else:
            figures.append(Figure(_(group), total, link))
    figures.append(Figure(_("Countries"), len({r.member.country for r in data.members.values()}), "members/"))
    figures.append(Figure(_("Technologies"), len({t for r in data.members.values() for t in r.member.technologies}), "members/"))
    return figures


def featured_members(data: SiteData, today: dt.date, count: int = 6) -> list[MemberRecord]:
    """The profile's choice, or a selection that changes weekly and is the same in every build of that week."""
    if data.profile and data.profile.featured:
        return [data.members[slug] for slug in data.profile.featured if slug in data.members]
    year, week, _ = today.isocalendar()
    seed = f"{year}-W{week:02d}"
    ranked = sorted(data.members.values(), key=lambda r: hashlib.sha256(f"{seed}:{r.slug}".encode()).hexdigest())
    return sorted(ranked[:count], key=lambda r: r.member.name.lower())


class HomePages:
    """Renders the homepage body and the lists appended to audience landing pages."""

    def __init__(
        self,
        data: SiteData,
        env: jinja2.Environment,
        *,
        language: Language,
        edition: str,
        today: dt.date,
        upcoming_events: Callable[[int | None], list[Any]],
        latest_issues: Callable[[], list[Any]],
        opportunities: Any = None,
        pages: dict[str, PageInfo],
        newsletter_dir: str,
        site_name: str = "",
        site_url: str = "",
    ) -> None:
        self.data = data
        self.language = language
        self.env = env
        self.edition = edition
        self.today = today
        self.upcoming_events = upcoming_events
        self.latest_issues = latest_issues
        self.opportunities = opportunities
        """The edition's `OpportunityPages`: the newest for the homepage, each group's for its landing page."""
        self.pages = pages
        self.site_name = site_name
        self.site_url = site_url
        self.newsletter_url = newsletter_dir.strip("/") + "/"

    def render_home(self, page: Page, body: str, files: Files) -> str:
        def link(url: str) -> str:
            return get_relative_url(url, page.url or ".")

        profile = self.data.profile
        doors = []
        if profile:
            for group in ("members", "community", "public"):
                entry = getattr(profile.entry_points, group)
                target = files.get_file_from_path(entry.page)
                doors.append({"group": group, "entry": entry, "url": link(target.url) if target else ""})
        return self.env.get_template("home/home.html").render(
            page=page,
            profile=profile,
            link=link,
            doors=doors,
            figures=member_figures(self.data, self.language),
            events=self.upcoming_events(4),
            issues=self.latest_issues()[:1],
            opportunities=self.opportunities.newest(3) if self.opportunities else [],
            featured=featured_members(self.data, self.today),
            labels={kind: self.language.labels(table) for kind, table in self.data.vocabularies.items()},
            body=Markup(body),  # noqa: S704 -- the page as MkDocs rendered it, sanitised by the plugin unless in trusted_dirs
            edition=self.edition,
            hero_image=link(self.data.brand["hero_image"]) if "hero_image" in self.data.brand else None,
            newsletter_url=self.newsletter_url,
        ) + (
            "".join(json_ld(item) for item in cluster_structured_data(profile, self.site_name, self.site_url)) if profile else ""
        )

    def render_landing(self, page: Page, body: str, group: str, files: Files) -> str:
        def link(url: str) -> str:
            return get_relative_url(url, page.url or ".")

        pages = []
        for file in files.documentation_pages():
            info = self.pages.get(file.src_uri)
            if info is None or not info.chosen or info.landing or file.page is page or file.inclusion.is_excluded():
                continue
            if group in info.audience and in_edition(info.audience, self.edition) and file.src_uri != "index.md":
                # A page later in the nav is not read yet: its front-matter title or first heading
                # stands in. Titles reach the theme escaped and the template escapes them again.
                read = html.unescape(file.page.title) if file.page is not None and file.page.title else ""
                pages.append({"url": file.url, "title": read or info.title or file.name.replace("-", " ").capitalize()})
        events = [e for e in self.upcoming_events(None) if group in e.event.audience][:5]
        issues = [i for i in self.latest_issues() if group in getattr(i, "audience", ())][:3]
        return self.env.get_template("home/landing.html").render(
            page=page,
            body=Markup(body),  # noqa: S704 -- sanitised like the homepage's body
            group=group,
            link=link,
            pages=pages,
            events=events,
            opportunities=self.opportunities.for_group(group) if self.opportunities else [],
            issues=issues,
        )
