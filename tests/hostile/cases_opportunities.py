"""Broken and hostile opportunity files (jobs, calls, offers, requests): each fails `clustersite
check` and the build with one line naming the file, the line and the field."""

from __future__ import annotations

from .cases import Case
from .cases_private import MEMBERS_EDITION

VALID_JOB = """\
kind: job
title: Imaging engineer
summary: Build imaging software.
members: [valid-member]
posted: 2026-11-01
employment_type: [full-time]
place: {city: Iași, country: RO}
valid_through: 2026-12-31
apply_url: https://jobs.example.org/imaging
"""

VALID_CALL = """\
kind: call
title: Health call
summary: Money for imaging research.
posted: 2026-10-01
funder: European Commission
programme: Horizon Europe
deadlines: [2027-02-10]
link: https://ec.europa.eu/calls/health
"""

VALID_OFFER = """\
kind: offer
title: Probe for licensing
summary: A photoacoustic probe to license.
members: [valid-member]
posted: 2026-09-01
cooperation: [licensing]
expires: 2027-08-31
"""


def job(id: str, content: str, *extra: tuple[str, str | bytes]) -> Case:
    return Case(f"opportunity-{id}", "opportunities/engineer.yml", content, tuple(extra))


CASES: list[Case] = [
    job("kind-missing", VALID_JOB.replace("kind: job\n", "")),
    job("kind-typo", VALID_JOB.replace("kind: job", "kind: jobs")),
    job("kind-list", VALID_JOB.replace("kind: job", "kind: [job]")),
    job("field-of-another-kind", VALID_JOB + "deadlines: [2027-01-10]\n"),
    job("title-script", VALID_JOB.replace("Imaging engineer", "<script>alert(1)</script>")),
    job("summary-too-long", VALID_JOB.replace("Build imaging software.", "x" * 281)),
    job("description-nested-too-deep", VALID_JOB + "description: |\n  " + "> - " * 1000 + "done\n"),
    job("apply-key-typo", VALID_JOB.replace("apply_url:", "apply_urls:")),
    job("apply-url-javascript", VALID_JOB.replace("https://jobs.example.org/imaging", "javascript:alert(1)")),
    job("apply-url-credentials", VALID_JOB.replace("https://jobs.example.org/imaging", "https://jobs.example.org:x@evil.example/")),
    job("no-way-to-apply", VALID_JOB.replace("apply_url: https://jobs.example.org/imaging\n", "")),
    job("no-place-not-remote", VALID_JOB.replace("place: {city: Iași, country: RO}\n", "")),
    job("remote-without-countries", VALID_JOB.replace("place: {city: Iași, country: RO}\n", "remote: true\n")),
    job("employment-type-unknown", VALID_JOB.replace("[full-time]", "[fulltime]")),
    job("valid-through-before-posted", VALID_JOB.replace("valid_through: 2026-12-31", "valid_through: 2025-12-31")),
    job("valid-through-not-a-date", VALID_JOB.replace("valid_through: 2026-12-31", "valid_through: end of December")),
    job("posted-year-9999", VALID_JOB.replace("posted: 2026-11-01", "posted: 9999-11-01")),
    job("salary-range-reversed", VALID_JOB + "salary: {min: 5000, max: 4000, currency: EUR, period: month}\n"),
    job("salary-currency-lowercase", VALID_JOB + "salary: {min: 5000, currency: eur, period: month}\n"),
    job("technology-unknown", VALID_JOB + "technologies: [mri, fmri]\n"),
    job("member-unknown", VALID_JOB.replace("members: [valid-member]", "members: [valid-membr]")),
    job("member-missing", VALID_JOB.replace("members: [valid-member]", "members: [left-the-cluster]")),
    job("members-only-in-public-repository", VALID_JOB + "audience: [members]\n"),
    Case("opportunity-call-deadline-before-posted", "opportunities/health.yml", VALID_CALL.replace("[2027-02-10]", "[2026-02-10]")),
    Case("opportunity-call-deadlines-unsorted", "opportunities/health.yml", VALID_CALL.replace("[2027-02-10]", "[2027-09-10, 2027-02-10]")),
    Case("opportunity-call-no-link", "opportunities/health.yml", VALID_CALL.replace("link: https://ec.europa.eu/calls/health\n", "")),
    Case("opportunity-call-budget-text", "opportunities/health.yml", VALID_CALL + "budget: {amount: two million, currency: EUR}\n"),
    Case("opportunity-offer-over-twelve-months", "opportunities/probe.yml", VALID_OFFER.replace("expires: 2027-08-31", "expires: 2027-09-02")),
    Case("opportunity-offer-no-expiry", "opportunities/probe.yml", VALID_OFFER.replace("expires: 2027-08-31\n", "")),
    Case("opportunity-offer-cooperation-unknown", "opportunities/probe.yml", VALID_OFFER.replace("[licensing]", "[friendship]")),
    Case("opportunity-request-contact-not-email", "opportunities/probe.yml", VALID_OFFER.replace("kind: offer", "kind: request") + "contact: https://example.org/form\n"),
    Case("opportunity-reserved-slug", "opportunities/feeds.yml", VALID_OFFER),
    Case("opportunity-link-out-of-the-repository", "opportunities/valid.yml", VALID_CALL, symlinks=(("opportunities/passwd.yml", "/etc/passwd"),)),
    Case("opportunity-private-for-the-public", "private/opportunities/grant.yml", VALID_CALL + "audience: [members, public]\n", (MEMBERS_EDITION,)),
]
