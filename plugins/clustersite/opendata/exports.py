"""The exports' documents, built from the site's validated data through `opendata.models`.

Every export holds what the edition's pages show and less: nothing from `internal:`, no
member-only event or issue in the public edition, and contacts only where the site opts in
(`export_contacts`), and then only those who agreed to be listed publicly: consent to be
shown on the site is not consent to be copied into other sites and spreadsheets.

The exports are language-neutral: terms are codes (`sme`, `pet-ct`), countries ISO codes,
dates ISO 8601, the vocabularies' labels English; names and summaries as the members wrote
them. A site built once per language publishes the same bytes at the same address in every
build, so a reuser has one address per dataset, whatever language it reads the site in.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..models.fields import LocalText
from ..sitedata import SiteData
from ..sources.events import EventRecord
from ..sources.members import MemberRecord
from ..sources.newsletter import IssueRecord
from . import models
from .licences import LICENCES

MEMBERS_JSON = "members/members.json"
MEMBERS_CSV = "members/members.csv"
EVENTS_JSON = "events/events.json"
ISSUES_JSON = "issues.json"
"""Inside the newsletter's folder (the `newsletter_dir` option), beside its feeds."""


def schema_path(key: str, version: int = models.EXPORT_VERSION) -> str:
    """The stable, site-relative address of a dataset's JSON Schema, e.g. data/schema/members-1.json."""
    return f"data/schema/{key}-{version}.json"


@dataclass(frozen=True)
class ExportContext:
    """What every export is made from besides the data: where, when, for whom, under which licence."""

    data: SiteData
    site_url: str
    """The edition's absolute address, ending in /."""
    edition: str
    generated: dt.date
    licence: str
    contacts: bool
    """Whether the site opted in to exporting its members' public contacts."""

    def url(self, path: str) -> str:
        return self.site_url + path

    def header(self, key: str) -> dict[str, Any]:
        profile = self.data.profile
        return {
            "version": models.EXPORT_VERSION,
            "generated": self.generated,
            "licence": {"id": self.licence, "url": LICENCES[self.licence].url},
            "schema_url": self.url(schema_path(key)),
            "cluster": profile.name if profile else None,
            "site": self.site_url,
        }


def dump(document: BaseModel) -> str:
    """A document's JSON text: keys sorted, absent values left out, so rebuilds match byte for byte."""
    return dump_value(document.model_dump(mode="json", exclude_none=True))


def dump_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@dataclass(frozen=True)
class MemberExport:
    """One member's part of the members export, made once per member: serve mode keeps it while
    the member's inputs stay the same, so a save does not dump 2,000 members again."""

    entry: models.Member
    text: str
    """Its JSON object as the document's `members` list holds it (indented one level deeper)."""
    row: str
    """Its CSV line."""


def member_export(context: ExportContext, record: MemberRecord) -> MemberExport:
    """What the member's public page shows, validated against the export's model.

    It reads the record's member, slug, URL, partners and logo, and the context's address and
    `contacts`: the key serve mode memoises it by (`structure.opendata`).
    """
    member = record.member
    entry = member.model_dump(mode="json", exclude_none=True, exclude={"internal", "contacts", "logo", "description", "partners"})
    entry.update(slug=record.slug, url=context.url(record.url), partners=record.partners, **texts("summary", member.summary))
    if context.contacts and member.public_contacts:
        entry["contacts"] = [contact.model_dump(mode="json", exclude_none=True, exclude={"public"}) for contact in member.public_contacts]
    if record.logo_url:
        entry["logo"] = context.url(record.logo_url)
    model = models.Member.model_validate(entry)
    text = json.dumps(model.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=1, sort_keys=True)
    return MemberExport(model, _ITEM_INDENT + text.replace("\n", "\n" + _ITEM_INDENT), _csv_row(model))


_ITEM_INDENT = "  "
"""Where `dump` (indent=1) puts an item of the document's `members` list: two levels deep. A
JSON text holds no raw line break (json.dumps escapes them in strings), so each line is one."""

_PLACEHOLDER = "\x00clustersite-members-list\x00"


def members_document(context: ExportContext, members: list[MemberExport]) -> models.MembersExport:
    """Every member, in slug order, with what its public page shows (each validated by `member_export`)."""
    vocabularies = {kind: context.data.vocabularies[kind] for kind in ("type", "roles", "technologies", "value_chain")}
    return models.MembersExport.model_validate(
        {**context.header("members"), "format": "clustersite-members", "languages": list(context.data.languages), "vocabularies": vocabularies, "members": [m.entry for m in members]}
    )


def members_json(document: models.MembersExport, members: list[MemberExport]) -> str:
    """`dump(document)`, byte for byte, from the members' texts made once each."""
    head = document.model_dump(mode="json", exclude_none=True, exclude={"members"})
    text = dump_value({**head, "members": _PLACEHOLDER})
    marker = f'"members": {json.dumps(_PLACEHOLDER)}'
    if text.count(marker) != 1:
        return dump(document)  # cannot happen with validated data; the slow way is right anyway
    listing = "[\n" + ",\n".join(member.text for member in members) + "\n ]" if members else "[]"
    return text.replace(marker, f'"members": {listing}')


def default_text(value: Any) -> Any:
    """The default language's text: the same in every language's export."""
    return value.texts[value.default] if isinstance(value, LocalText) else value


def texts(field: str, value: str) -> dict[str, Any]:
    """A text as every language's build exports it: the default language's (what version 1
    always held), and each language's where the site gives it per language (`LocalText`)."""
    if not isinstance(value, LocalText):
        return {field: value}
    return {field: value.texts[value.default], f"{field}_by_language": dict(value.texts)}


def events_document(context: ExportContext, events: list[EventRecord]) -> models.EventsExport:
    """The edition's events, in the order of its calendars, times with their UTC offsets."""
    entries = []
    for record in events:
        event = record.event
        entry = event.model_dump(mode="json", exclude_none=True, include={"title", "type", "status", "location", "online", "summary", "audience", "registration", "organisers", "image", "currency"})
        entry.update(
            slug=record.slug,
            url=context.url(record.url),
            calendar=context.url(record.ics_url),
            all_day=record.all_day,
            start=record.start.isoformat(),
            end=record.end.isoformat() if record.end is not None else None,
            timezone=record.tzid,
            price=str(event.price) if event.price is not None else None,
            title=default_text(event.title),
            summary=default_text(event.summary),
        )
        if event.location is not None and event.location.venue and "location" in entry:
            entry["location"]["venue"] = default_text(event.location.venue)
        entries.append(entry)
    return models.EventsExport.model_validate({**context.header("events"), "format": "clustersite-events", "events": entries})


def issues_document(context: ExportContext, issues: list[IssueRecord], urls: dict[str, str], host: str) -> models.IssuesExport:
    """The edition's newsletter issues, oldest first, with the IDs their feeds give them."""
    entries = []
    for record in issues:
        issue = record.issue
        entry = issue.model_dump(mode="json", exclude_none=True, include={"title", "date", "updated", "number", "summary", "audience", "members", "events"})
        entry.update(slug=record.stem, url=context.url(urls[record.stem]), id=record.feed_id(host))
        entries.append(entry)
    return models.IssuesExport.model_validate({**context.header("issues"), "format": "clustersite-issues", "issues": entries})


CSV_COLUMNS = (
    "slug", "name", "type", "summary", "url", "website", "careers", "country", "region", "city", "lat", "lon", "joined",
    "roles", "technologies", "value_chain", "ror", "wikidata", "vat", "lei", "partners", "logo",
)
"""The members CSV's columns; like the JSON's fields, version 1 only ever adds columns, at the end."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""What makes a spreadsheet read a cell as a formula (OWASP's list, and their full-width forms)."""

_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs: OWASP's CSV-injection defence.

    A cell that begins like a formula gets a leading apostrophe, which spreadsheets read as
    "text follows" and do not show. Only a plain number (a negative latitude) is left as it is.
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def members_csv(members: list[MemberExport]) -> str:
    """The members export as one row per member (contacts stay in the JSON), for spreadsheets.

    With a byte-order mark, so that Excel reads the names' accents as UTF-8, and every cell
    quoted, as OWASP recommends.
    """
    return "\ufeff" + _csv_line(CSV_COLUMNS) + "".join(member.row for member in members)


def _csv_row(member: models.Member) -> str:
    identifiers = member.identifiers or models.Identifiers()
    row = {
        **member.model_dump(include={"slug", "name", "type", "summary", "url", "website", "careers", "country", "region", "city", "joined", "logo"}),
        "lat": member.location.lat if member.location else None,
        "lon": member.location.lon if member.location else None,
        "roles": " ".join(member.roles),
        "technologies": " ".join(member.technologies),
        "value_chain": " ".join(member.value_chain),
        "partners": " ".join(member.partners),
        **identifiers.model_dump(),
    }
    return _csv_line([safe_cell(row[column]) for column in CSV_COLUMNS])


def _csv_line(cells: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()


def schema_document(model: type[BaseModel], key: str, site_url: str) -> str:
    """A dataset's JSON Schema (draft 2020-12), generated from its model, with its own address as $id."""
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": site_url + schema_path(key), **schema}
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
