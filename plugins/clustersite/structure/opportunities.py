"""The opportunities' pages, feeds and deadline calendar for one edition of the site.

A board of what is open (filtered like the member directory, by the same script, with its
state in the URL), one permanent page per opportunity, which stays once it closes, marked
closed, so that links do not break; RSS, Atom and JSON Feed of what is open, combined and
per kind, with IDs that never change; and an iCalendar file of the open calls' deadlines.
What is open is decided from the build date (`builddate`), as for events. Member-only
opportunities come from the private folder, so the public edition never has them.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from functools import partial
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..cache import memo, render
from ..calendars import CalendarSite, deadline_calendar
from ..feeds import FORMATS, FeedItem, FeedSite
from ..i18n import N_, Language
from ..markup import MarkdownRenderer, json_ld
from ..models.opportunity import COOPERATION_TYPES, EMPLOYMENT_TYPES, KIND_PLURALS, KINDS, SALARY_PERIODS, Call, Job, Partnering
from ..sitedata import SiteData
from ..sources.members import MemberRecord
from ..sources.opportunities import OpportunityRecord, edition_opportunities, open_opportunities
from . import GeneratedPage
from .home import cluster_id
from .members import FACET_FOLD, Facet

GOOGLE_EMPLOYMENT_TYPES = {
    "full-time": "FULL_TIME",
    "part-time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "internship": "INTERN",
    "volunteer": "VOLUNTEER",
    "other": "OTHER",
}
"""The editor's employment types as Google's job results name them."""

SALARY_UNITS = {"hour": "HOUR", "month": "MONTH", "year": "YEAR"}

DEADLINE_BUCKETS = (("2-weeks", 14, N_("Within 2 weeks")), ("month", 31, N_("Within a month")), ("quarter", 92, N_("Within 3 months")))
"""The board's deadline filter: how soon an opportunity closes, counted from the build date.
Cumulative, so "within a month" includes what closes within two weeks."""
LATER = ("later", N_("Later"))

REMOTE = "remote"

FOLDER = "opportunities"

FEED_TITLES = {
    None: N_("%(site)s: opportunities"),
    "job": N_("%(site)s: jobs"),
    "call": N_("%(site)s: funding calls"),
    "offer": N_("%(site)s: cooperation offers"),
    "request": N_("%(site)s: cooperation requests"),
}

LANDING_KINDS = {"public": ("job",), "members": ("call",), "community": ("offer", "request")}
"""What each landing page lists: jobs for the region, calls for members, the partner search for the community."""


@dataclass(frozen=True)
class BoardItem:
    """One opportunity as the board, the lists and the filters see it."""

    record: OpportunityRecord
    values: dict[str, list[str]]
    """Filter parameter → the values it matches (the card's data- attributes)."""
    where: str
    """Where, in words: the job's place, 'Remote', or the members' cities."""


class OpportunityPages:
    """Generates the board, the opportunity pages, the feeds and the deadline calendar of one edition."""

    def __init__(
        self,
        data: SiteData,
        config: MkDocsConfig,
        env: jinja2.Environment,
        *,
        language: Language,
        edition: str,
        today: dt.date,
        timezone: str,
        identity_url: str,
        feed_prefix: str = "",
    ) -> None:
        self.data = data
        self.config = config
        self.env = env
        self.language = language
        self.edition = edition
        self.today = today
        self.feeds = FeedSite.of(config, language=language.code, identity_url=identity_url, timezone=timezone, prefix=feed_prefix)
        _ = language.gettext
        self.labels = {kind: language.labels(table) for kind, table in data.vocabularies.items()}
        self.all = edition_opportunities(data.opportunities.values(), edition)
        """Every opportunity of the edition, open or closed, newest posted first: each has its page."""
        self.open = open_opportunities(self.all, today)
        """What the board, the feeds and the lists show."""
        self.site_url = self.feeds.site_url
        edition_url = self.site_url if config.site_url else ""
        identity = f"{identity_url.rstrip('/')}/" if identity_url else ""
        self.calendar_site = CalendarSite(
            name=config.site_name,
            url="" if edition == "members" and edition_url == identity else edition_url,
            timezone=timezone,
            stamp=dt.datetime.combine(today, dt.time(0), dt.UTC),
            site_url=identity,
            language=language,
        )
        self.board = GeneratedPage(
            _("Opportunities"),
            f"{FOLDER}/index.md",
            config,
            self._render_board,
            meta={
                "description": html.escape(_("Jobs, funding calls and cooperation offers and requests of %(site)s and its members.") % {"site": config.site_name}, quote=True),
                "hide": ["navigation", "toc"],
                "search": {"exclude": True},
            },
            in_nav=True,
        )

    # paths --------------------------------------------------------------------------------

    @staticmethod
    def feed_folder(kind: str | None) -> str:
        """`opportunities` (every kind) or `opportunities/feeds/job`."""
        return f"{FOLDER}/feeds/{kind}" if kind else FOLDER

    def feed_path(self, kind: str | None, fmt: str) -> str:
        return self.feeds.path(self.feed_folder(kind), fmt)

    @property
    def calendar_path(self) -> str:
        return f"{self.feeds.prefix}{FOLDER}/deadlines.ics"

    def announced(self) -> list[str]:
        """The paths the board's head announces (for the section sitemaps)."""
        return [self.feed_path(None, fmt) for fmt in FORMATS] + [self.calendar_path]

    # lists for other pages ----------------------------------------------------------------

    def by_member(self) -> dict[str, list[OpportunityRecord]]:
        """Each member's open opportunities, newest first, for the member pages."""
        found: dict[str, list[OpportunityRecord]] = {}
        for record in self.open:
            for slug in record.opportunity.members:
                found.setdefault(slug, []).append(record)
        return found

    def for_group(self, group: str, limit: int = 5) -> list[OpportunityRecord]:
        """What a landing page lists: jobs for the public, calls for members, offers and requests for the community."""
        return [r for r in self.open if r.kind in LANDING_KINDS[group] and group in r.opportunity.audience][:limit]

    def newest(self, limit: int = 3) -> list[OpportunityRecord]:
        """The newest open opportunities, for the homepage."""
        return self.open[:limit]

    def head(self) -> dict[str, str]:
        """The board's <head>: its combined feeds and the deadline calendar, for feed readers and calendars."""
        _ = self.language.gettext
        title = _(FEED_TITLES[None]) % {"site": self.config.site_name}
        links = [
            f'<link rel="alternate" type="{media_type}" title="{html.escape(feed_title, quote=True)}" href="{html.escape(self.absolute(path), quote=True)}">'
            for feed_title, media_type, path in self.feeds.alternates(self.feed_folder(None), title)
        ]
        calendar_title = _("%(site)s: deadlines of funding calls") % {"site": self.config.site_name}
        links.append(f'<link rel="alternate" type="text/calendar" title="{html.escape(calendar_title, quote=True)}" href="{html.escape(self.absolute(self.calendar_path), quote=True)}">')
        return {self.board.file.src_uri: "".join(links)}

    # files --------------------------------------------------------------------------------

    def files(self) -> list[File]:
        """Every file the opportunities add to the site."""
        if self.all:
            self.feeds.require_site_url()
        files = [self.board.file]
        for record in self.all:
            page = GeneratedPage(
                record.opportunity.title,
                f"{FOLDER}/{record.slug}.md",
                self.config,
                partial(self._render_opportunity, record),
                meta={"description": html.escape(record.opportunity.summary, quote=True), "hide": ["navigation", "toc"]},
                # What `_render_opportunity` reads besides the page (serve mode keeps the page while they are the same).
                inputs=(record, self._members(record), self.labels, self.today, self.site_url, self.calendar_site, self.feeds.zone, self.data.profile, self.edition),
            )
            files.append(page.file)
        _ = self.language.gettext
        site = {"site": self.config.site_name}
        # Never the clock: the newest posting of the edition (open or not), so a rebuild changes nothing.
        newest = self.feeds.midnight(max((r.opportunity.posted for r in self.all), default=self.today))
        for kind in (None, *KINDS):
            feeds = self.feeds.write(
                self.feed_folder(kind),
                title=_(FEED_TITLES[kind]) % site,
                description=_("Jobs, funding calls and cooperation offers and requests of %(site)s and its members.") % site,
                home_url=self.board.url,
                items=[self._feed_item(r) for r in self.open if kind is None or r.kind == kind],
                fallback=newest,
            )
            files += [File.generated(self.config, path, content=text) for path, text in feeds.items()]
        files.append(File.generated(self.config, self.calendar_path, content=self._deadlines()))
        return files

    def absolute(self, url: str) -> str:
        return self.feeds.absolute(url)

    # feeds and calendar -------------------------------------------------------------------

    def _feed_item(self, record: OpportunityRecord) -> FeedItem:
        opportunity = record.opportunity
        posted = self.feeds.midnight(opportunity.posted)
        url = self.absolute(record.url)
        content = self.env.get_template("opportunities/content.html").render(
            record=record, opportunity=opportunity, facts=self.facts(record), page_url=url, kind_label=self.language.gettext(record.kind_label),
        )
        return FeedItem(id=record.feed_id(self.feeds.id_host), url=url, title=opportunity.title, published=posted, updated=posted, summary=opportunity.summary, content_html=content)

    def _deadlines(self) -> bytes:
        calls = [r for r in self.open if isinstance(r.opportunity, Call)]
        _ = self.language.gettext
        site = {"site": self.config.site_name}
        name = _("%(site)s: deadlines of funding calls") % site
        description = _("Submission deadlines of the funding calls that %(site)s follows, with a reminder a week before.") % site
        return memo(
            self.env, "deadlines", (calls, self.calendar_site, name, description, self.feeds.id_host),
            lambda: deadline_calendar(calls, self.calendar_site, name=name, description=description, host=self.feeds.id_host, source=self.calendar_path),
        )

    # rendering ----------------------------------------------------------------------------

    def facts(self, record: OpportunityRecord) -> list[tuple[str, str]]:
        """(label, text) of the kind's own fields, as the page, the feeds and the board show them.

        Once closed, its status takes the place of its deadline: a job filled before its date
        must not still say "Apply by" a day to come, nor a past one, as if one could apply.
        """
        _ = self.language.gettext
        opportunity = record.opportunity
        date = self.language.date
        closed = None if record.is_open(self.today) else (_("Status"), self._closed_status(record))
        facts: list[tuple[str, str]] = []
        if isinstance(opportunity, Job):
            facts.append((_("Employment"), ", ".join(_(EMPLOYMENT_TYPES[t]) for t in opportunity.employment_type)))
            facts.append((_("Where"), self._where(record)))
            facts.append(closed or (_("Apply by"), date(opportunity.valid_through)))
            if opportunity.salary is not None:
                salary = opportunity.salary
                amount = f"{self._money(salary.min, salary.currency)}" + (f" – {self._money(salary.max, salary.currency)}" if salary.max is not None else "")
                facts.append((_("Salary"), f"{amount} {_(SALARY_PERIODS[salary.period])}"))
        elif isinstance(opportunity, Call):
            facts.append((_("Funder"), opportunity.funder))
            facts.append((_("Programme"), opportunity.programme))
            facts.append(closed or (self.language.ngettext("Submission deadline", "Submission deadlines", len(opportunity.deadlines)), ", ".join(date(day) for day in opportunity.deadlines)))
            if opportunity.budget is not None:
                budget = self._money(opportunity.budget.amount, opportunity.budget.currency)
                facts.append((_("Budget"), _("up to %(amount)s per project") % {"amount": budget} if opportunity.budget.per_project else budget))
            if opportunity.eligibility:
                facts.append((_("Who may apply"), opportunity.eligibility))
        elif isinstance(opportunity, Partnering):
            facts.append((_("Cooperation sought"), ", ".join(_(COOPERATION_TYPES[c]) for c in opportunity.cooperation)))
            facts.append(closed or (_("Shown until"), date(opportunity.expires)))
        return facts

    def _closed_status(self, record: OpportunityRecord) -> str:
        """A closed opportunity's status in a word: filled or withdrawn, else the day it closed."""
        _ = self.language.gettext
        if record.opportunity.status != "open":
            return _(record.opportunity.status_label)
        return _("Closed on %(date)s") % {"date": self.language.date(record.closes)}

    def _money(self, amount: Any, currency: str) -> str:
        import babel.numbers

        return babel.numbers.format_currency(amount, currency, locale=self.language.locale, format="¤#,##0", currency_digits=False)

    def _members(self, record: OpportunityRecord) -> list[MemberRecord]:
        return [self.data.members[slug] for slug in record.opportunity.members if slug in self.data.members]

    def _where(self, record: OpportunityRecord) -> str:
        _ = self.language.gettext
        opportunity = record.opportunity
        if isinstance(opportunity, Job):
            parts = []
            if opportunity.place is not None:
                parts.append(f"{opportunity.place.city}, {self.language.country_name(opportunity.place.country)}")
            if opportunity.remote:
                countries = ", ".join(self.language.country_name(code) for code in opportunity.remote_countries)
                parts.append(_("Remote (%(countries)s)") % {"countries": countries})
            return " · ".join(parts)
        cities = []
        for member in self._members(record):
            place = ", ".join(part for part in (member.member.city, self.language.country_name(member.member.country)) if part)
            if place not in cities:
                cities.append(place)
        return " · ".join(cities)

    def _item(self, record: OpportunityRecord) -> BoardItem:
        """The card's filter values: kind, technologies, its members' types, places, and how soon it closes."""
        opportunity = record.opportunity
        members = self._members(record)
        places: list[str] = []
        if isinstance(opportunity, Job):
            if opportunity.place is not None:
                places.append(opportunity.place.country)
            if opportunity.remote:
                places.append(REMOTE)
        else:
            places += [m.member.country for m in members]
        days = (record.next_deadline(self.today) - self.today).days
        deadline = [key for key, limit, _label in DEADLINE_BUCKETS if days <= limit] or [LATER[0]]
        return BoardItem(
            record,
            {
                "kind": [record.kind],
                "technology": list(opportunity.technologies),
                "type": list(dict.fromkeys(m.member.type for m in members)),
                "place": list(dict.fromkeys(places)),
                "deadline": deadline,
            },
            self._where(record),
        )

    def facets(self, items: list[BoardItem]) -> list[Facet]:
        """The board's filters, each value with how many open opportunities it matches."""
        _ = self.language.gettext

        def options(param: str, label_of: dict[str, str] | Any, order: list[str] | None = None) -> list[tuple[str, str, int]]:
            counts: dict[str, int] = {}
            for item in items:
                for value in item.values[param]:
                    counts[value] = counts.get(value, 0) + 1
            found = [(value, label_of(value) if callable(label_of) else label_of.get(value, value), n) for value, n in counts.items()]
            if order is not None:
                return sorted(found, key=lambda o: order.index(o[0]))
            return sorted(found, key=lambda o: (-o[2], o[1]))

        def place_label(value: str) -> str:
            return _("Remote") if value == REMOTE else self.language.country_name(value)

        deadline_labels = {key: _(label) for key, _limit, label in DEADLINE_BUCKETS} | {LATER[0]: _(LATER[1])}
        return [
            Facet("kind", _("Kind"), options("kind", {kind: _(label) for kind, label in KINDS.items()}, list(KINDS))),
            Facet("technology", _("Technology"), options("technology", self.labels["technologies"])),
            Facet("type", _("Organisation type"), options("type", self.labels["type"])),
            Facet("place", _("Place"), options("place", place_label)),
            Facet("deadline", _("Deadline"), options("deadline", deadline_labels, list(deadline_labels))),
        ]

    def _common(self, page: GeneratedPage) -> dict[str, Any]:
        return {
            "page": page,
            "labels": self.labels,
            "kind_plurals": self.language.labels(KIND_PLURALS),
            "board_url": page.relative(self.board.url),
            "today": self.today,
        }

    def _render_board(self, page: GeneratedPage) -> str:
        items = [self._item(record) for record in self.open]
        language = self.language
        return render(
            self.env,
            "opportunities/board.html",
            **self._common(page),
            items=items,
            facets=[facet for facet in self.facets(items) if facet.options],
            fold=FACET_FOLD,
            kinds=language.labels(KINDS),
            feeds=[(kind, language.gettext(KIND_PLURALS[kind]) if kind else language.gettext("Everything"), page.relative(self.feed_path(kind, "rss")), page.relative(self.feed_path(kind, "atom")), page.relative(self.feed_path(kind, "json"))) for kind in (None, *KINDS)],
            calendar_url=page.relative(self.calendar_path),
            calendar_webcal="webcal://" + self.absolute(self.calendar_path).split("://", 1)[1] if self.calendar_site.url else None,
            script_messages={
                "count": language.plural_forms("%(num)d opportunity", "%(num)d opportunities"),
                "more": language.plural_forms("Show %(page)d more (%(num)d not shown)", "Show %(page)d more (%(num)d not shown)"),
                "active": language.plural_forms("(%(num)d active)", "(%(num)d active)"),
                "typed_filtered": {"other": language.gettext("No opportunity matches “%(query)s” with these filters.")},
                "typed": {"other": language.gettext("No opportunity matches “%(query)s”.")},
                "filtered": {"other": language.gettext("No opportunity matches these filters.")},
            },
        )

    def _render_opportunity(self, record: OpportunityRecord, page: GeneratedPage) -> str:
        opportunity = record.opportunity
        is_open = record.is_open(self.today)
        structured = self.job_posting(record) if isinstance(opportunity, Job) else None
        return render(
            self.env,
            "opportunities/opportunity.html",
            **self._common(page),
            record=record,
            opportunity=opportunity,
            kind_label=self.language.gettext(record.kind_label),
            facts=self.facts(record),
            members=self._members(record),
            is_open=is_open,
            closed_text=self.language.gettext(record.closed_reason()) % {"date": self.language.date(record.closes)},
            structured_data=json_ld(structured) if structured else Markup(""),
        )

    def job_posting(self, record: OpportunityRecord) -> dict[str, Any] | None:
        """schema.org JobPosting with what Google's job results require and recommend, or None.

        Google asks that a job no longer open be expired: a job past its `valid_through`
        keeps its data with `validThrough` in the past; one filled or withdrawn earlier loses
        the JobPosting data (its `validThrough` would still lie ahead), and its page says why.
        """
        job = record.opportunity
        if not isinstance(job, Job) or job.status != "open":
            return None
        description = MarkdownRenderer()(job.description, record.source) if job.description else Markup("")
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": job.title,
            "description": f"<p>{html.escape(job.summary)}</p>{description}",
            "datePosted": job.posted.isoformat(),
            "validThrough": dt.datetime.combine(job.valid_through, dt.time(23, 59), self.feeds.zone).isoformat(timespec="minutes"),
            "employmentType": [GOOGLE_EMPLOYMENT_TYPES[t] for t in job.employment_type],
            "hiringOrganization": self._hiring_organization(record),
            "identifier": {"@type": "PropertyValue", "name": self.config.site_name, "value": record.slug},
        }
        if self.config.site_url:
            data["url"] = self.absolute(record.url)
        if job.place is not None:
            address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": job.place.city, "addressCountry": job.place.country}
            if job.place.address:
                address["streetAddress"] = job.place.address
            if job.place.region:
                address["addressRegion"] = job.place.region
            if job.place.postal_code:
                address["postalCode"] = job.place.postal_code
            data["jobLocation"] = {"@type": "Place", "address": address}
        if job.remote:
            data["jobLocationType"] = "TELECOMMUTE"
            data["applicantLocationRequirements"] = [{"@type": "Country", "name": code} for code in job.remote_countries]
        if job.salary is not None:
            value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": SALARY_UNITS[job.salary.period]}
            if job.salary.max is not None:
                value |= {"minValue": float(job.salary.min), "maxValue": float(job.salary.max)}
            else:
                value["value"] = float(job.salary.min)
            data["baseSalary"] = {"@type": "MonetaryAmount", "currency": job.salary.currency, "value": value}
        data["directApply"] = False  # applications go to the member's own page or address
        return data

    def _hiring_organization(self, record: OpportunityRecord) -> dict[str, Any]:
        """The first member it belongs to (its website and logo), else the cluster."""
        members = self._members(record)
        if not members:
            organization: dict[str, Any] = {"@type": "Organization", "name": self.data.profile.name if self.data.profile else self.config.site_name}
            if self.config.site_url:
                organization["@id"] = cluster_id(self.site_url)
                organization["sameAs"] = self.site_url
            return organization
        member = members[0]
        organization = {"@type": "Organization", "name": member.member.name}
        if self.config.site_url:
            organization["@id"] = self.absolute(member.url)
        if member.member.website:
            organization["sameAs"] = member.member.website
        if member.logo_url and self.config.site_url:
            organization["logo"] = self.absolute(member.logo_url)
        return organization
