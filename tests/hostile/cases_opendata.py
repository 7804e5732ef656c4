"""Hostile and mistaken open data: a licence the plugin cannot name, a partner cluster written wrong,
and partner exports in network/ (a pull request can commit them: the build validates them again)."""

from __future__ import annotations

import json

from sitefactory import MKDOCS_YML

from .cases import Case
from .cases_options import options

PARTNER = "{slug: cluster-a, name: Cluster A, site: 'https://a.example.org/', export: 'https://a.example.org/members/members.json'}"
WITH_PARTNER = MKDOCS_YML.replace("  - cluster:\n", f"  - cluster:\n      network: [{PARTNER}]\n")
SITE = "https://a.example.org/"


def export(**changes: object) -> str:
    """A valid members export of one member, with `changes` to the member (or, for `version`, to the document)."""
    member = {"slug": "acme", "url": SITE + "members/acme/", "name": "Acme Imaging", "type": "sme", "summary": "Imaging software.", "country": "RO"}
    document: dict[str, object] = {
        "format": "clustersite-members", "version": changes.pop("version", 1), "generated": "2026-11-20",
        "licence": {"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        "schema_url": SITE + "data/schema/members-1.json", "vocabularies": {}, "members": [{**member, **changes}],
    }
    return json.dumps(document)


def network_file(id: str, content: str | bytes) -> Case:
    return Case(f"opendata-network-{id}", "network/cluster-a.json", content, (("mkdocs.yml", WITH_PARTNER),))


CASES: list[Case] = [
    options("opendata-licence-unknown", "licence: CC-BY-5.0"),
    options("opendata-licence-not-text", "licence: [CC-BY-4.0]"),
    options("opendata-export-contacts-yes-text", 'export_contacts: "yes"'),
    options("opendata-network-ftp-export", "network: [{slug: a, name: A, site: 'https://a.example.org/', export: 'ftp://a.example.org/members.json'}]"),
    options("opendata-network-no-slug", "network: [{name: A, site: 'https://a.example.org/', export: 'https://a.example.org/members/members.json'}]"),
    options("opendata-network-twice", f"network: [{PARTNER}, {PARTNER}]"),
    Case("opendata-generated-catalogue", "content/data/catalog.jsonld", "{}\n"),
    network_file("script-in-name", export(name="<script>alert(1)</script>")),
    network_file("javascript-url", export(url="javascript:alert(document.cookie)")),
    network_file("version-2", export(version=2)),
    network_file("not-json", "<html>502 Bad Gateway</html>"),
    network_file("long-summary", export(summary="x" * 5000)),
    network_file("oversized", b'{"members": ["' + b"x" * 5_000_001 + b'"]}'),
    Case("opendata-network-link-out", "network/readme.txt", "a partner export is a file, not a link\n", (("mkdocs.yml", WITH_PARTNER),), (("network/cluster-a.json", "/etc/passwd"),)),
]
