"""The build's notion of "today", pinnable so that two builds of the same repository match."""

from __future__ import annotations

import datetime as dt
import os


def build_date(pinned: str | None = None) -> dt.date:
    """`pinned` (YYYY-MM-DD), else SOURCE_DATE_EPOCH (reproducible-builds.org), else today (UTC)."""
    if pinned:
        return dt.date.fromisoformat(pinned)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()
