"""Reading a partner cluster's members export: untrusted input, validated whole or refused.

The same checks run when `clustersite network pull` downloads an export and when the
build reads `network/<cluster>.json`, since that file may also arrive in a pull request.
An export must be JSON of at most MAX_BYTES, of format `clustersite-members` and version 1,
and valid against this site's model of it (`opendata.models.MembersExport`): every text has
a length limit and no control characters, every address is http(s). Fields a newer
version 1 added are dropped. Names and summaries stay text: every template escapes them.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from ..opendata.models import EXPORT_VERSION, LINE_PATTERN, NAME_PATTERN, TEXT_PATTERN, URL_PATTERN, MembersExport
from ..validation import describe, explain, field_name

MAX_BYTES = 5_000_000
"""The largest export accepted: about 10,000 members with long summaries."""


PATTERN_MESSAGES = {
    NAME_PATTERN: "{value} looks like HTML or holds a control character, which a name cannot",
    LINE_PATTERN: "{value} holds a control character",
    TEXT_PATTERN: "{value} holds a control character",
    URL_PATTERN: "{value} is not an http(s) address",
}
"""What a refused pattern means, for the lines that name a partner's mistake."""


class ExportRefused(Exception):
    """An export that is not a valid members export: `field` and `message` say why, `hint` what to do."""

    def __init__(self, field: str, message: str, hint: str) -> None:
        super().__init__(f"{field}: {message} ({hint})" if field else f"{message} ({hint})")
        self.field, self.message, self.hint = field, message, hint


def read_export(raw: bytes) -> MembersExport:
    """The validated export in `raw`, or ExportRefused with the first problem."""
    if len(raw) > MAX_BYTES:
        raise ExportRefused("", f"is larger than {MAX_BYTES // 1_000_000} MB", "a members export is far smaller: ask the partner cluster what its address serves")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ExportRefused("", "is not JSON text in UTF-8", "check the export's address: it should end in members.json") from None
    if not isinstance(document, dict):
        raise ExportRefused("", "is not a members export (not a JSON object)", "check the export's address: it should end in members.json")
    if document.get("format") != "clustersite-members":
        raise ExportRefused("format", f"is {str(document.get('format'))[:40]!r}, not 'clustersite-members'", "check the export's address: it should end in members.json")
    if document.get("version") != EXPORT_VERSION:
        raise ExportRefused(
            "version", f"{str(document.get('version'))[:10]} is not supported (this clustersite reads version {EXPORT_VERSION})", "upgrade clustersite, or ask the partner for a version 1 export",
        )
    try:
        return MembersExport.model_validate(document)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        message, _ = explain(MembersExport, first)
        if first["type"] == "string_pattern_mismatch":
            value = describe(first.get("input"))[:120]
            message = PATTERN_MESSAGES.get((first.get("ctx") or {}).get("pattern", ""), f"{value} is not in the expected form").format(value=value)
        raise ExportRefused(field_name(first["loc"]), message[:200], "the export does not follow the members schema: tell the partner's cluster office") from None


def canonical(export: MembersExport) -> str:
    """The export as this site stores it in network/: only the fields it knows, keys sorted."""
    return json.dumps(export.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
