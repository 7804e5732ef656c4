"""Reading `opportunities/*.yml` into opportunity models: jobs, calls, offers and requests.

`kind:` is read first and chooses the model, so every other error names its field as the
editor wrote it. The checks that compare fields (dates after posting, an offer's 12 months,
a job's place or remote work, a way to apply) run here with the line of each field, and
every `members:` entry must name a member file (the references machinery of
:mod:`clustersite.sources.references`, so a member that left is one error for all files).

What is open is decided from the build date (`builddate`), as for events: an opportunity
is open until the end of its last day (a job's `valid_through`, a call's last deadline, an
offer's or request's `expires`) unless its `status` closed it earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import SourceError, did_you_mean
from ..i18n import N_
from ..models.fields import in_edition
from ..models.opportunity import KINDS, MODELS, Call, Job, Offer, Request
from ..validation import validate
from ..yamlfile import locate, read_yaml_file
from .files import data_files, display_path
from .parsed import NO_CACHE, ParsedFiles, inputs_key
from .references import listed, previous_slug_errors, unknown
from .tiers import PUBLIC, Tier

AnyOpportunity = Job | Call | Offer | Request

RESERVED_SLUGS = {"index", "feeds"}
"""`opportunities/index` is the board; `opportunities/feeds/` holds its feeds and calendar."""

CLOSED_REASONS = {"open": N_("This opportunity closed on %(date)s."), "filled": N_("This position has been filled."), "withdrawn": N_("This opportunity has been withdrawn.")}


@dataclass(frozen=True)
class OpportunityRecord:
    """A validated opportunity with where it came from."""

    slug: str
    opportunity: AnyOpportunity
    source: str

    @property
    def kind(self) -> str:
        return self.opportunity.kind

    @property
    def kind_label(self) -> str:
        return KINDS[self.opportunity.kind]

    @property
    def url(self) -> str:
        """The permanent, site-relative URL of its page: it stays once the opportunity closes."""
        return f"opportunities/{self.slug}/"

    @property
    def closes(self) -> dt.date:
        """Its last open day (inclusive), from its dates alone."""
        return self.opportunity.closes

    def is_open(self, today: dt.date) -> bool:
        """Open on `today` (the build date): not filled or withdrawn, and its last day not over."""
        return self.opportunity.status == "open" and self.closes >= today

    def next_deadline(self, today: dt.date) -> dt.date:
        """A call's next deadline on `today` (its last one once all are past); else its closing day."""
        if isinstance(self.opportunity, Call):
            return next((day for day in sorted(self.opportunity.deadlines) if day >= today), self.closes)
        return self.closes

    def closed_reason(self) -> str:
        """The message (to translate) that a closed opportunity's page shows."""
        return CLOSED_REASONS[self.opportunity.status]

    def feed_id(self, host: str) -> str:
        """Its permanent ID in every feed: an RFC 4151 tag URI of the host, the posting date and its first slug.

        Made only of what never changes once it is out, as the newsletter's IDs: a corrected
        title or text keeps it, and a renamed file keeps it through `previous_slugs:`.
        """
        first = (self.opportunity.previous_slugs or [self.slug])[0]
        return f"tag:{host},{self.opportunity.posted.isoformat()}:opportunities/{first}"


def load_opportunities(
    folder: Path,
    root: Path,
    *,
    member_slugs: Iterable[str],
    members_folder: str = "members",
    context: dict[str, Any] | None = None,
    tier: Tier = PUBLIC,
    parsed: ParsedFiles = NO_CACHE,
) -> tuple[dict[str, OpportunityRecord], list[SourceError]]:
    """All opportunities of `folder` by slug, in slug order, and every error in their files.

    One for members alone belongs in the private folder, and one there is for members alone.
    `parsed` keeps each file's YAML and model between serve mode's rebuilds.
    """
    files, errors = data_files(folder, root)
    members = set(member_slugs)
    records: dict[str, OpportunityRecord] = {}
    claimed: dict[str, str] = {}
    inputs = inputs_key(context)
    for slug, path in files.items():
        display = display_path(path, root)
        if slug in RESERVED_SLUGS:
            errors.append(SourceError(display, 0, "", f'the slug "{slug}" is reserved for the opportunities board', f"rename the file, e.g. to {slug}-opportunity{path.suffix}"))
            continue
        data, read_problems, validated, invalid = parsed.get("opportunity", path, f"{display}\0{inputs}", partial(_parse, path, display, context))
        errors += read_problems
        if data is None:
            continue
        errors += previous_slug_errors(data, display, slug, files, claimed)
        for index, member, line in listed(data, "members"):  # checked even when other fields are wrong
            if member not in members:
                errors.append(unknown("member", member, members, source=display, line=line, field=f"members[{index}]", folder=members_folder))
        errors += invalid
        if validated is None:
            continue
        opportunity, problems = tier.audience(validated, data, display)
        errors += problems
        problems = _compare(opportunity, data, display)
        errors += problems
        if not problems:
            records[slug] = OpportunityRecord(slug, opportunity, display)
    return records, errors


def _parse(path: Path, display: str, context: dict[str, Any] | None) -> tuple[Any, tuple[SourceError, ...], AnyOpportunity | None, tuple[SourceError, ...]]:
    """One opportunity file alone: its YAML, the errors in reading it, its model (of the kind it names) and the errors in validating it."""
    data, problems = read_yaml_file(path, display)
    if data is None:
        return None, tuple(problems), None, ()
    model = _model_for(data, display)
    if isinstance(model, SourceError):
        return data, tuple(problems), None, (model,)
    validated, invalid = validate(model, data, display, context)
    return data, tuple(problems), validated, tuple(invalid)


def _model_for(data: Any, display: str) -> type[AnyOpportunity] | SourceError:
    """The model `kind:` names, or the one error that says what to write."""
    choices = ", ".join(KINDS)
    if not isinstance(data, dict):
        return SourceError(display, getattr(data, "line", 1) or 1, "", "the file must be a mapping of keys", "start with `kind: job` (or call, offer, request) and `title: …` lines")
    kind = data.get("kind")
    if kind is None:
        return SourceError(display, 1, "kind", "is required", f"add `kind: …`, one of: {choices}")
    if isinstance(kind, str) and kind.strip() in MODELS:
        return MODELS[kind.strip()]
    hint = (did_you_mean(kind, list(KINDS)) if isinstance(kind, str) else "") or f"choose one of: {choices}"
    shown = f'"{str(kind)[:40]}"' if isinstance(kind, str) else "a list" if isinstance(kind, list) else "a mapping" if isinstance(kind, dict) else str(kind).lower()
    return SourceError(display, locate(data, ("kind",)), "kind", f"{shown} is not a kind of opportunity", hint)


def _compare(opportunity: AnyOpportunity, data: Any, display: str) -> list[SourceError]:
    """The checks that compare one field with another, each at the line of the field to fix."""
    errors: list[SourceError] = []
    posted = opportunity.posted

    def error(key: tuple[Any, ...], field: str, message: str, hint: str) -> None:
        errors.append(SourceError(display, locate(data, key), field, message, hint))

    if isinstance(opportunity, Job):
        if opportunity.valid_through < posted:
            error(("valid_through",), "valid_through", f"{opportunity.valid_through.isoformat()} is before the job was posted ({posted.isoformat()})", "the last day to apply comes after `posted`")
        if opportunity.place is None and not opportunity.remote:
            error(("kind",), "place", "a job needs its place or remote work", "add `place:` with city and country, or `remote: true`")
        if opportunity.remote and not opportunity.remote_countries:
            error(("remote",), "remote_countries", "a remote job needs the countries applicants may live in", "add e.g. `remote_countries: [RO, MD]`: search engines list remote jobs by them")
        if opportunity.remote_countries and not opportunity.remote:
            error(("remote_countries",), "remote_countries", "lists countries for remote work, but the job is not remote", "add `remote: true`, or remove `remote_countries`")
        if opportunity.apply_url is None and opportunity.apply_email is None:
            error(("kind",), "apply_url", "a job needs a way to apply", "add `apply_url: https://…` or `apply_email: jobs@…`")
        salary = opportunity.salary
        if salary is not None and salary.max is not None and salary.max < salary.min:
            error(("salary", "max"), "salary.max", f"{salary.max} is less than the minimum {salary.min}", "write the lowest amount as `min` and the highest as `max`")
    elif isinstance(opportunity, Call):
        for index, day in enumerate(opportunity.deadlines):
            if day < posted:
                error(("deadlines", index), f"deadlines[{index}]", f"{day.isoformat()} is before the call was posted ({posted.isoformat()})", "check the year; a deadline comes after `posted`")
        if list(opportunity.deadlines) != sorted(set(opportunity.deadlines)):
            error(("deadlines",), "deadlines", "must be listed earliest first, each once", "sort the deadlines and remove any repeated one")
    else:
        if opportunity.expires < posted:
            error(("expires",), "expires", f"{opportunity.expires.isoformat()} is before it was posted ({posted.isoformat()})", "`expires` is the last day it is shown, after `posted`")
        elif opportunity.expires > (latest := one_year_after(posted)):
            error(("expires",), "expires", f"{opportunity.expires.isoformat()} is more than 12 months after it was posted ({posted.isoformat()})", f"an offer or request runs at most 12 months: write {latest.isoformat()} or earlier, and post it again if it is still current")
    return errors


def one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def edition_opportunities(records: Iterable[OpportunityRecord], edition: str) -> list[OpportunityRecord]:
    """The opportunities that belong in `edition`, newest posted first."""
    return sorted((r for r in records if in_edition(r.opportunity.audience, edition)), key=lambda r: (-r.opportunity.posted.toordinal(), r.slug))


def open_opportunities(records: Iterable[OpportunityRecord], today: dt.date, kinds: Iterable[str] | None = None) -> list[OpportunityRecord]:
    """Those open on `today` (of `kinds`, if given), in the order given: the board, the feeds, the lists."""
    wanted = set(kinds) if kinds is not None else set(KINDS)
    return [r for r in records if r.kind in wanted and r.is_open(today)]
