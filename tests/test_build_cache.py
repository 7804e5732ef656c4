"""Serve mode's cache keys: values that render differently never share a fingerprint.

A shared fingerprint would serve a stale page after a save, which the incremental tests
find only if their random edits happen to produce the two values; these pin the cases
where a value's type is all that tells it apart.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from markupsafe import Markup

from clustersite.cache import BuildCache


def test_values_that_differ_only_in_type_have_different_fingerprints() -> None:
    cache = BuildCache()
    kinds = [
        "1", Markup("1"), 1, 1.0, True, Decimal("1"), None, "None", "", b"", (), [], {}, ("1",), ["1"], {"1": 1}, {"1": "1"},
        {"1"}, ("<b>",), (Markup("<b>"),), [("a", "b")], [["a", "b"]], ("a", "b"), ("ab",), dt.date(2026, 1, 1),
    ]
    fingerprints = [cache.fingerprint(value) for value in kinds]
    assert len(set(fingerprints)) == len(kinds), [kinds[i] for i, f in enumerate(fingerprints) if fingerprints.count(f) > 1]


def test_equal_content_has_one_fingerprint_whichever_object_holds_it() -> None:
    cache = BuildCache()
    first = {"name": "Acme", "tags": ["pet-ct", "mri"], "since": (2021, None)}
    second = {"name": "".join(["Ac", "me"]), "tags": ["pet-ct", "mri"], "since": (2021, None)}
    assert cache.fingerprint(first) == cache.fingerprint(second)
    long = list(range(20))  # long containers are digested once per build and looked up by identity
    assert cache.fingerprint(("x", long)) == cache.fingerprint(("x", list(range(20))))
    assert cache.fingerprint(("x", long)) != cache.fingerprint(("x", list(range(21))))


def test_what_a_kept_result_was_made_of_is_kept_with_it() -> None:
    """A calendar's events are memoised inside the calendar's memo: a rebuild that takes the calendar
    from the cache keeps its events too, so the next one that changes one event renders only that one."""
    cache = BuildCache()
    computed: list[str] = []

    def event(name: str) -> str:
        return cache.memo("event", name, lambda: computed.append(name) or f"<{name}>")

    def calendar(names: tuple[str, ...]) -> str:
        return cache.memo("calendar", names, lambda: "".join(event(name) for name in names))

    cache.begin()
    assert calendar(("a", "b")) == "<a><b>" and computed == ["a", "b"]
    cache.begin()
    assert calendar(("a", "b")) == "<a><b>"  # taken whole: its events are not looked up
    cache.begin()
    assert calendar(("a", "b", "c")) == "<a><b><c>"
    assert computed == ["a", "b", "c"], "only the new event was rendered"
    cache.begin()
    cache.begin()  # a build that used nothing: everything is forgotten
    assert calendar(("a", "b")) == "<a><b>" and computed == ["a", "b", "c", "a", "b"]


def test_a_value_has_one_fingerprint_however_often_it_is_met_in_a_build() -> None:
    """Values fingerprinted once per build (a page's link, a model) are found again by identity: the bytes must not change."""
    import functools
    import posixpath

    cache = BuildCache()
    link = functools.partial(posixpath.join, "members")
    small = {"a": 1}
    first = [cache.fingerprint(value) for value in ([link], (link, small), {"link": link})]
    again = [cache.fingerprint(value) for value in ([link], (link, small), {"link": link})]
    assert first == again
    assert cache.fingerprint([link]) != cache.fingerprint([functools.partial(posixpath.join, "events")])
