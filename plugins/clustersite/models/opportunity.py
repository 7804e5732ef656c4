"""An opportunity, as one `opportunities/<slug>.yml` file describes it: a job, a funding call,
or a cooperation offer or request between organisations (the partner search).

The four kinds share their common fields (:class:`OpportunityBase`) and differ in the rest;
`kind:` chooses the model (:data:`Opportunity`, a union discriminated on it). The loader
(:mod:`clustersite.sources.opportunities`) reads `kind:` first and validates the file against
that kind's model alone, so an editor's error names the field as written, never the union's
branch. Checks that compare fields (a deadline after posting, an offer's 12-month limit) run
in the loader, with the line of each field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..i18n import N_
from .fields import AUDIENCES, Audience, CountryCode, DataModel, Date, Email, Line, Markdown, PlainText, PreviousSlugs, Slug, Title, WebUrl, fail, vocabulary_terms

OpportunityKind = Literal["job", "call", "offer", "request"]
OpportunityStatus = Literal["open", "filled", "withdrawn"]
EmploymentType = Literal["full-time", "part-time", "contract", "temporary", "internship", "volunteer", "other"]
Cooperation = Literal["commercial", "technical", "research", "licensing", "joint-venture", "subcontracting", "financial"]
SalaryPeriod = Literal["hour", "month", "year"]

KINDS: dict[str, str] = {
    "job": N_("Job"),
    "call": N_("Funding call"),
    "offer": N_("Cooperation offer"),
    "request": N_("Cooperation request"),
}
"""Each kind's label, in the order the board lists them."""

KIND_PLURALS: dict[str, str] = {
    "job": N_("Jobs"),
    "call": N_("Funding calls"),
    "offer": N_("Cooperation offers"),
    "request": N_("Cooperation requests"),
}

STATUS_LABELS: dict[str, str] = {"open": N_("Open"), "filled": N_("Filled"), "withdrawn": N_("Withdrawn")}

EMPLOYMENT_TYPES: dict[str, str] = {
    "full-time": N_("Full-time"),
    "part-time": N_("Part-time"),
    "contract": N_("Contract"),
    "temporary": N_("Temporary"),
    "internship": N_("Internship"),
    "volunteer": N_("Volunteer"),
    "other": N_("Other"),
}

COOPERATION_TYPES: dict[str, str] = {
    "commercial": N_("Commercial agreement"),
    "technical": N_("Technical cooperation"),
    "research": N_("Research and development cooperation"),
    "licensing": N_("Licence agreement"),
    "joint-venture": N_("Joint venture"),
    "subcontracting": N_("Subcontracting or outsourcing"),
    "financial": N_("Financial agreement"),
}
"""The partnership types of Enterprise Europe Network's partnering profiles."""

SALARY_PERIODS: dict[str, str] = {"hour": N_("per hour"), "month": N_("per month"), "year": N_("per year")}

Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. EUR or RON")]
Amount = Annotated[Decimal, Field(ge=0, le=10**12, decimal_places=2)]


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise fail(f'"{value}" is listed twice', "list it once")
        seen.add(value)
    return values


class JobPlace(DataModel):
    """Where a job is done in person."""

    address: Line | None = Field(default=None, description="Street and number")
    postal_code: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$", description="The postal code, e.g. 700115")] | None = None
    city: Line = Field(description="The town or city")
    region: Line | None = Field(default=None, description="The region, e.g. North-East")
    country: CountryCode = Field(description='ISO 3166-1 alpha-2 code, e.g. RO, DE or "NO" for Norway')


class Salary(DataModel):
    """The pay offered: one amount, or a range."""

    min: Amount = Field(description="The lowest amount (or the only one)")
    max: Amount | None = Field(default=None, description="The highest amount of a range")
    currency: Currency
    period: SalaryPeriod = Field(description="hour, month or year")


class Budget(DataModel):
    """A call's budget: the total, or what one project may get."""

    amount: Amount = Field(description="The amount, e.g. 2000000")
    currency: Currency
    per_project: bool = Field(default=False, description="true when the amount is the most one project may get, not the call's total")


class OpportunityBase(DataModel):
    """What every opportunity has."""

    title: Title = Field(description="The opportunity's title; editing it keeps its URL and feed identity")
    summary: Annotated[PlainText, Field(max_length=280)] = Field(description="One or two sentences, plain text, at most 280 characters")
    description: Markdown | None = Field(default=None, description="The details, in Markdown")
    members: list[Slug] = Field(default_factory=list, description="Slugs of the members it belongs to; empty means the cluster office")
    technologies: Annotated[list[str], vocabulary_terms("technologies")] = Field(default_factory=list, description="Technologies it concerns")
    audience: list[Audience] = Field(default_factory=lambda: list(AUDIENCES), min_length=1, description="Who it is for; `[members]` alone keeps it out of the public site")
    posted: Date = Field(description="When it was published, YYYY-MM-DD")
    status: OpportunityStatus = Field(default="open", description="open, or filled/withdrawn to close it before its date: keep the file so its page stays")
    previous_slugs: PreviousSlugs = Field(default_factory=list)

    @field_validator("audience", "members")
    @classmethod
    def _unique_lists(cls, values: list[str]) -> list[str]:
        return _unique(values)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class Job(OpportunityBase):
    """A job or traineeship at a member (the region's job pool)."""

    kind: Literal["job"] = Field(description="job")
    employment_type: Annotated[list[EmploymentType], Field(min_length=1)] = Field(description="full-time, part-time, contract, temporary, internship, volunteer or other")
    place: JobPlace | None = Field(default=None, description="Where the work is done in person")
    remote: bool = Field(default=False, description="true when the work can be done from elsewhere")
    remote_countries: list[CountryCode] = Field(default_factory=list, description="For remote work: the countries applicants may live in (ISO codes)")
    valid_through: Date = Field(description="The last day to apply, YYYY-MM-DD")
    apply_url: WebUrl | None = Field(default=None, description="Where to apply (http or https)")
    apply_email: Email | None = Field(default=None, description="Or the address applications go to")
    salary: Salary | None = Field(default=None, description="Optional: the pay offered")

    @field_validator("employment_type", "remote_countries")
    @classmethod
    def _unique_terms(cls, values: list[str]) -> list[str]:
        return _unique(values)

    @property
    def closes(self) -> dt.date:
        """The last day it is open (inclusive), whatever its status."""
        return self.valid_through


class Call(OpportunityBase):
    """A funding call the office advises on (Horizon Europe, national and regional programmes)."""

    kind: Literal["call"] = Field(description="call")
    funder: Line = Field(description="Who funds it, e.g. European Commission")
    programme: Line = Field(description="The programme, e.g. Horizon Europe, Cluster 1: Health")
    deadlines: Annotated[list[Date], Field(min_length=1)] = Field(description="The submission deadline(s), YYYY-MM-DD, earliest first")
    budget: Budget | None = Field(default=None, description="The money available")
    eligibility: Annotated[PlainText, Field(max_length=500)] | None = Field(default=None, description="Who may apply, plain text")
    link: WebUrl = Field(description="The call's official page")

    @property
    def closes(self) -> dt.date:
        return max(self.deadlines)


class Partnering(OpportunityBase):
    """A cooperation offer or request, as in Enterprise Europe Network's partnering profiles."""

    cooperation: Annotated[list[Cooperation], Field(min_length=1)] = Field(description="The partnership sought: " + ", ".join(COOPERATION_TYPES))
    expires: Date = Field(description="The last day it is shown, at most 12 months after `posted` (as Enterprise Europe Network's profiles)")
    contact: Email | None = Field(default=None, description="Optional: who to write to; else the members' pages and the office")

    @field_validator("cooperation")
    @classmethod
    def _unique_cooperation(cls, values: list[str]) -> list[str]:
        return _unique(values)

    @property
    def closes(self) -> dt.date:
        return self.expires


class Offer(Partnering):
    """A technology, product or service a member offers to partners."""

    kind: Literal["offer"] = Field(description="offer")


class Request(Partnering):
    """A technology, partner or service a member is looking for."""

    kind: Literal["request"] = Field(description="request")


Opportunity = Annotated[Job | Call | Offer | Request, Field(discriminator="kind")]
"""Any opportunity; `kind` says which model validates it (the JSON Schema's `oneOf`)."""

MODELS: dict[str, type[Job | Call | Offer | Request]] = {"job": Job, "call": Call, "offer": Offer, "request": Request}
