"""The build's notion of "today", pinnable so that two builds of the same repository match."""

from __future__ import annotations

import datetime as dt
import os

from .errors import DataError, SourceError


def build_date(pinned: str | dt.date | None = None) -> dt.date:
    """`pinned` (YYYY-MM-DD), else SOURCE_DATE_EPOCH (reproducible-builds.org), else today (UTC)."""
    if isinstance(pinned, dt.date) and not isinstance(pinned, dt.datetime):  # mkdocs.yml reads an unquoted date as a date
        return pinned
    if pinned:
        try:
            return dt.date.fromisoformat(str(pinned))
        except ValueError:
            raise ValueError(f'mkdocs.yml: build_date: "{pinned}" is not a date (write it as YYYY-MM-DD, or remove it)') from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            problem = SourceError("SOURCE_DATE_EPOCH", 0, "", f'"{epoch}" is not a Unix timestamp', "set it to whole seconds, e.g. $(git log -1 --format=%ct)")
            raise DataError([problem]) from None
    return dt.datetime.now(dt.UTC).date()
