"""A member organisation, as one `members/<slug>.yml` file describes it."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from .fields import (
    FIRST_YEAR,
    LAST_YEAR,
    CountryCode,
    DataModel,
    Date,
    Email,
    Line,
    Local,
    LocalText,
    Markdown,
    Phone,
    PlainText,
    PreviousSlugs,
    Slug,
    Title,
    WebUrl,
    fail,
    vocabulary_terms,
)

OrganisationType = Literal[
    "startup",
    "sme",
    "large-company",
    "university",
    "research-institute",
    "hospital",
    "public-authority",
    "investor",
    "association",
    "patient-organisation",
    "other",
]


class Location(DataModel):
    """Where the member is, for a map: decimal degrees (WGS 84)."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Contact(DataModel):
    """A person to contact. Published only with `public: true`: their consent."""

    name: Line
    role: Line | None = None
    email: Email | None = None
    phone: Phone | None = None
    public: bool = Field(default=False, description="true only if this person agreed to be listed on the public site")


def _ror_id(value: Any) -> Any:
    """ROR's canonical form is the full URL (https://ror.org/05qwgg493): kept as its ID, 05qwgg493."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(?:(?:https?://)?(?:www\.)?ror\.org/)?(0[A-Za-z0-9]{6}[0-9]{2})/?\s*", value)
        if match:
            return match.group(1).lower()
    return value


class Identifiers(DataModel):
    """Identifiers in open registries, so other clusters' sites can match the member."""

    ror: Annotated[
        str,
        BeforeValidator(_ror_id),
        Field(pattern=r"^(?:https?://(?:www\.)?ror\.org/)?0[a-z0-9]{6}[0-9]{2}/?$", description="Research Organization Registry ID, e.g. 05qwgg493 or https://ror.org/05qwgg493"),
    ] | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$", description="Wikidata item, e.g. Q42")] | None = None
    vat: Annotated[str, Field(pattern=r"^[A-Z]{2}[0-9A-Z+*.]{2,13}$", description="EU VAT number, e.g. RO12345678")] | None = None
    lei: Annotated[str, Field(pattern=r"^[0-9A-Z]{18}[0-9]{2}$", description="Legal Entity Identifier")] | None = None


def _year(value: Any) -> Any:
    """A year as digits (the YAML reader keeps numbers as written): `true`, `2021-05` or `1066` is not one."""
    text = str(value).strip().lower()
    if isinstance(value, bool) or not re.fullmatch(r"\d{4}", text):
        raise fail(f'"{text}" is not a year', "write the year the partnership began, e.g. 2021")
    if not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise fail(f'"{text}" is outside the years {FIRST_YEAR}–{LAST_YEAR}', "write the year the partnership began, e.g. 2021")
    return int(text)


class Partnership(DataModel):
    """A connection to another member, and the year it began (for the connections per year)."""

    member: Slug = Field(description="The partner's file name (slug)")
    since: Annotated[int, BeforeValidator(_year), Field(ge=FIRST_YEAR, le=LAST_YEAR, json_schema_extra={"examples": [2021]})] | None = Field(
        default=None, description="The year the partnership began, e.g. 2021"
    )


def _short_partnership(value: Any) -> Any:
    """`partners: [acme]` is the short form of `partners: [{member: acme}]`: both stay valid."""
    return {"member": value} if isinstance(value, str) else value


PartnerEntry = Annotated[Partnership, BeforeValidator(_short_partnership, json_schema_input_type=Slug | Partnership)]


class Member(DataModel):
    """One member organisation of the cluster."""

    name: Title = Field(description="The organisation's name as it wants to be listed")
    type: OrganisationType = Field(description="The kind of organisation; the homepage's figures group by it")
    summary: Annotated[LocalText, Local(Annotated[PlainText, Field(max_length=280)])] = Field(
        description="One or two sentences, plain text, at most 280 characters; or one per language: {en: …, ro: …}"
    )
    description: Annotated[LocalText, Local(Markdown)] | None = Field(default=None, description="A longer presentation in Markdown; or one per language: {en: …, ro: …}")
    website: WebUrl | None = None
    careers: WebUrl | None = Field(default=None, description="Where the member lists its jobs: shown to job seekers in the region")
    country: CountryCode = Field(description='ISO 3166-1 alpha-2 code, e.g. RO, DE or "NO" for Norway')
    region: Line | None = None
    city: Line | None = None
    location: Location | None = None
    joined: Date | None = Field(default=None, description="The date the organisation joined the cluster")
    logo: Line | None = Field(default=None, description="Path of the logo image, relative to the members folder, e.g. logos/acme.svg")
    roles: Annotated[list[Slug], vocabulary_terms("roles")] = Field(default_factory=list)
    technologies: Annotated[list[Slug], vocabulary_terms("technologies")] = Field(default_factory=list)
    value_chain: Annotated[list[Slug], vocabulary_terms("value_chain")] = Field(default_factory=list)
    identifiers: Identifiers | None = None
    partners: list[PartnerEntry] = Field(
        default_factory=list, description="Other members this one works with: a slug, or {member: slug, since: year}"
    )
    contacts: list[Contact] = Field(default_factory=list)
    internal: dict[str, Any] | None = Field(default=None, description="The office's own notes (fee, status…): never published")
    previous_slugs: PreviousSlugs = Field(default_factory=list)

    @field_validator("partners")
    @classmethod
    def _unique_partners(cls, partners: list[Partnership]) -> list[Partnership]:
        if len({p.member for p in partners}) != len(partners):
            raise fail("a partner is listed twice", "list each partner once")
        return partners

    @property
    def public_contacts(self) -> list[Contact]:
        return [contact for contact in self.contacts if contact.public]


class MemberOverlay(DataModel):
    """What the private folder adds to a member's public file (`<private_dir>/members/<slug>.yml`).

    Contacts here are shown in the members' edition only; `internal:` in neither edition.
    Everything else about a member is public and stays in its public file.
    """

    contacts: list[Contact] = Field(default_factory=list, description="Contacts who agreed to be shown to members only")
    internal: dict[str, Any] | None = Field(default=None, description="The office's own notes (fee, status…): never published")
