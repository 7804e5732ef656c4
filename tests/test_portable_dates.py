"""Dates on pages come from Babel, not the platform's strftime: `%-d` fails on Windows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from clustersite.i18n import Language
from clustersite.models.event import Event
from clustersite.sources.events import EventRecord
from clustersite.structure.events import when_text

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "clustersite"


def record(start: dt.date | dt.datetime, end: dt.date | dt.datetime | None) -> EventRecord:
    event = Event.model_validate({"title": "T", "type": "workshop", "start": start.isoformat(), "summary": "S", "online": "https://meet.example.org/x"})
    return EventRecord("t", event, "events/t.yml", "Europe/Bucharest", start, end)


def test_no_platform_specific_strftime_directive_anywhere_in_the_plugin() -> None:
    """glibc's `%-d`/`%-m` padding flags raise ValueError on Windows, where editors run `mkdocs serve`."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".html", ".jinja") and path.is_file():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if re.search(r"%[-#][a-zA-Z]", line):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []


def test_dates_read_as_before_without_leading_zeros() -> None:
    """CLDR's English (Europe) patterns through clustersite.i18n: no leading zeros, no platform strftime."""
    zone = ZoneInfo("Europe/Bucharest")
    english = Language("en")
    assert when_text(record(dt.date(2026, 3, 5), None), english) == "Thu, 5 Mar 2026"
    assert when_text(record(dt.date(2026, 3, 5), dt.date(2026, 3, 6)), english) == "5–6 Mar 2026"
    assert when_text(record(dt.date(2026, 3, 31), dt.date(2026, 4, 1)), english) == "31 Mar\u2009–\u20091 Apr 2026"  # CLDR's thin spaces
    assert when_text(record(dt.date(2026, 12, 31), dt.date(2027, 1, 1)), english) == "31 Dec 2026\u2009–\u20091 Jan 2027"
    start = dt.datetime(2026, 7, 2, 9, 30, tzinfo=zone)
    assert when_text(record(start, None), english) == "Thu, 2 Jul 2026, 09:30 EEST"
    assert when_text(record(start, start + dt.timedelta(hours=8)), english) == "Thu, 2 Jul 2026, 09:30–17:30 EEST"
    assert when_text(record(start, dt.datetime(2026, 11, 3, 8, 0, tzinfo=zone)), english) == "2 Jul 2026, 09:30 – 3 Nov 2026, 08:00 EET"
