"""Open data: the public member directory as one JSON file other clusters' sites can reuse.

Clusters of clusters (national alliances, networks) aggregate their members' directories;
a documented, stable export saves them scraping pages. It holds exactly what the public
pages show: no contact without consent, nothing from `internal:`.

Every language's text is kept, not only the build's: `summary` is the site's default
language's text (what readers of version 1 have always read), `summary_by_language` the
text per language (`languages` lists the site's, the default first).
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from .cache import memo
from .sitedata import SiteData
from .sources.members import MemberRecord

EXPORT_PATH = "members/members.json"
EXPORT_VERSION = 1


def member_export(data: SiteData, site_url: str, edition: str, env: Any = None) -> str:
    """The JSON text of the export: members in slug order, keys sorted, so rebuilds match.

    With the plugin's template environment, serve mode keeps each member's entry while the
    member's record is the same (`cache.memo`).
    """
    base = site_url.rstrip("/")
    members = [memo(env, "export:member", (record, base, edition), partial(_entry, record, base, edition)) for record in data.members.values()]
    document = {
        "format": "clustersite-members",
        "version": EXPORT_VERSION,
        "cluster": data.profile.name if data.profile else None,
        "site": site_url or None,
        "languages": list(data.languages),
        "vocabularies": {kind: data.vocabularies[kind] for kind in ("type", "roles", "technologies", "value_chain")},
        "members": members,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _entry(record: MemberRecord, base: str, edition: str) -> dict[str, Any]:
    member = record.member
    entry = member.model_dump(mode="json", exclude_none=True, exclude={"internal", "contacts", "logo", "description", "partners"})
    entry["summary"] = member.summary.texts[member.summary.default]
    entry["summary_by_language"] = dict(member.summary.texts)
    entry["slug"] = record.slug
    entry["url"] = f"{base}/{record.url}" if base else record.url
    entry["partners"] = record.partners
    contacts = member.contacts if edition == "members" else member.public_contacts
    if contacts:
        entry["contacts"] = [c.model_dump(mode="json", exclude_none=True, exclude={"public"}) for c in contacts]
    if record.logo_url:
        entry["logo"] = f"{base}/{record.logo_url}" if base else record.logo_url
    return entry
