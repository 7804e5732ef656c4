"""Opportunities (jobs, funding calls, cooperation offers and requests): loading and expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REPO

from clustersite.sources.files import data_files
from clustersite.sources.opportunities import OpportunityRecord, edition_opportunities, load_opportunities, open_opportunities
from clustersite.sources.tiers import Tier
from clustersite.vocabularies import merge_vocabularies

PINNED = dt.date(2026, 11, 18)
"""The tests' build date (SOURCE_DATE_EPOCH=1795000000)."""


def example() -> dict[str, OpportunityRecord]:
    members, _ = data_files(REPO / "members", REPO)
    records, errors = load_opportunities(REPO / "opportunities", REPO, member_slugs=members, context={"vocabularies": merge_vocabularies({})})
    assert errors == []
    return records


def test_the_example_has_every_kind_some_open_and_some_closed() -> None:
    records = example()
    assert len(records) >= 15
    assert {r.kind for r in records.values()} == {"job", "call", "offer", "request"}
    open_now = {r.slug for r in open_opportunities(records.values(), PINNED)}
    assert "ai-radiology-engineer-medrix" in open_now
    assert "imaging-phd-copou" not in open_now, "its valid_through (2026-11-10) is past"
    assert "service-engineer-voltaris" not in open_now, "filled before its date"
    assert "request-distributor-moldova-leinecoil" not in open_now, "expired after its 12 months"
    assert "pnrr-digital-health-2026" not in open_now, "its only deadline is past"
    assert 3 <= len(records) - len(open_now) <= 8


@pytest.mark.parametrize(
    ("today", "is_open"),
    [(dt.date(2027, 2, 9), True), (dt.date(2027, 2, 10), True), (dt.date(2027, 2, 11), True), (dt.date(2027, 9, 15), True), (dt.date(2027, 9, 16), False)],
)
def test_a_call_is_open_until_the_end_of_its_last_deadline(today: dt.date, is_open: bool) -> None:
    call = example()["horizon-europe-health-imaging-2027"]
    assert call.is_open(today) is is_open
    assert call.next_deadline(dt.date(2027, 2, 11)) == dt.date(2027, 9, 15), "after the first deadline, the second is next"


def test_an_offer_is_open_through_its_expiry_day_and_closed_the_day_after() -> None:
    offer = example()["offer-cyclotron-beam-time"]
    assert offer.is_open(dt.date(2027, 1, 31))
    assert not offer.is_open(dt.date(2027, 2, 1))


def test_feed_ids_are_made_of_what_never_changes() -> None:
    record = example()["radiochemist-tracerlab"]
    assert record.feed_id("www.example.org") == "tag:www.example.org,2026-10-20:opportunities/radiochemist-tracerlab"
    renamed = OpportunityRecord("gmp-radiochemist", record.opportunity.model_copy(update={"previous_slugs": ["radiochemist-tracerlab"], "title": "New title"}), "x")
    assert renamed.feed_id("www.example.org") == record.feed_id("www.example.org")


def test_member_only_opportunities_are_in_the_members_edition_alone() -> None:
    private = dict(example())
    members, _ = data_files(REPO / "members", REPO)
    extra, errors = load_opportunities(REPO / "example-private" / "opportunities", REPO, member_slugs=members, context={"vocabularies": merge_vocabularies({})}, tier=Tier(private=True, private_name="example-private"))
    assert errors == [] and extra
    private.update(extra)
    public = {r.slug for r in edition_opportunities(private.values(), "public")}
    members_edition = {r.slug for r in edition_opportunities(private.values(), "members")}
    assert set(extra) <= members_edition
    assert not set(extra) & public
