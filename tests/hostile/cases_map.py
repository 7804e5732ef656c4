"""Hostile and broken input for the map: an event's coordinates (members' are in cases.py's model checks)."""

from __future__ import annotations

from .cases import VALID_EVENT, Case

PLACE = "location:\n  city: Iași\n  country: RO\n"


def event(id: str, place_lines: str) -> Case:
    return Case(f"event-{id}", "events/day.yml", VALID_EVENT + PLACE + place_lines)


CASES = [
    event("lat-without-lon", "  lat: 47.16\n"),
    event("lon-without-lat", "  lon: 27.58\n"),
    event("lat-out-of-range", "  lat: 147.16\n  lon: 27.58\n"),
    event("lon-not-a-number", "  lat: 47.16\n  lon: east\n"),
]
