"""Broken partnerships: a `since:` that is no year, an unknown key, a partner that does not exist, in the long form."""

from __future__ import annotations

from .cases import VALID_MEMBER, Case, member, with_key

BETA = ("members/beta.yml", VALID_MEMBER.replace("Acme Imaging", "Beta Imaging"))

CASES: list[Case] = [
    member("partner-since-not-a-year", with_key("partners: [{member: beta, since: last-year}]"), BETA),
    member("partner-since-bool", with_key("partners:\n  - member: beta\n    since: true"), BETA),
    member("partner-since-far-past", with_key("partners: [{member: beta, since: 1066}]"), BETA),
    member("partner-since-date", with_key("partners: [{member: beta, since: 2021-05-01}]"), BETA),
    member("partner-long-form-unknown", with_key("partners: [{member: betta, since: 2021}]"), BETA),
    member("partner-long-form-self", with_key("partners: [{member: acme, since: 2021}]"), BETA),
    member("partner-long-form-unknown-key", with_key("partners: [{member: beta, year: 2021}]"), BETA),
    member("partner-long-form-twice", with_key("partners: [beta, {member: beta, since: 2021}]"), BETA),
]
