"""Hostile and mistaken open-data settings: a licence the plugin cannot name, contacts opted in by a typo."""

from __future__ import annotations

from .cases import Case
from .cases_options import options

CASES: list[Case] = [
    options("opendata-licence-unknown", "licence: CC-BY-5.0"),
    options("opendata-licence-not-text", "licence: [CC-BY-4.0]"),
    options("opendata-export-contacts-yes-text", 'export_contacts: "yes"'),
    Case("opendata-generated-catalogue", "content/data/catalog.jsonld", "{}\n"),
]
