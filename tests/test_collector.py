"""The plugin raises the collector's young threshold only while a build runs, puts back what it found,
and in serve mode runs the full collection once the rebuild is over."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from inprocess import build
from sitefactory import Site

from clustersite import collector as collector_module
from clustersite.collector import DEFERRED_THRESHOLD, YOUNG_THRESHOLD, BuildCollector


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    found = gc.get_threshold()
    yield found
    gc.set_threshold(*found)


def test_a_build_raises_the_young_threshold_and_restores_it(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(700, 10, 10)
    collector = BuildCollector()
    collector.begin()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    collector.begin()  # another language's build inside the first: nothing to remember twice
    collector.end()
    assert gc.get_threshold() == (700, 10, 10)
    collector.end()
    assert gc.get_threshold() == (700, 10, 10)


def test_a_disabled_or_higher_threshold_is_left_as_it_was(thresholds: tuple[int, int, int]) -> None:
    for found in ((0, 10, 10), (50_000, 5, 5)):
        gc.set_threshold(*found)
        collector = BuildCollector()
        collector.begin()
        assert gc.get_threshold() == found
        collector.end()
        assert gc.get_threshold() == found


def test_builds_put_the_threshold_back_whether_they_pass_or_fail(tmp_path: Path, thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(700, 10, 10)
    site = Site.create(tmp_path / "site")
    site.member("acme", "name: Acme Imaging\ntype: sme\ncountry: RO\nwebsite: https://acme.example\nsummary: Imaging.\n")
    ok, log = build(site.root)
    assert ok, log
    assert gc.get_threshold() == (700, 10, 10)
    site.member("acme", "name: Acme Imaging\ntype: spaceship\n")
    ok, log = build(site.root)
    assert not ok and "acme.yml" in log
    assert gc.get_threshold() == (700, 10, 10)


def full_collections() -> int:
    return gc.get_stats()[2]["collections"]


def wait_for(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_serve_mode_runs_the_full_collection_after_the_build_not_during_it(thresholds: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector_module, "IDLE_SECONDS", 0.05)
    gc.set_threshold(700, 10, 10)
    collector = BuildCollector()
    collector.begin(serving=True)
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, DEFERRED_THRESHOLD)
    before = full_collections()
    collector.end(serving=True)
    # The young threshold is back at once; the full collection waits for the idle moment.
    assert gc.get_threshold() == (700, 10, DEFERRED_THRESHOLD)
    assert wait_for(lambda: gc.get_threshold() == (700, 10, 10)), "the thresholds were put back after the idle collection"
    assert full_collections() > before


def test_a_rebuild_that_starts_before_the_idle_moment_collects_as_cpython_would(thresholds: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Saves in quick succession: no full collection waits for a moment that never comes, so no garbage piles up."""
    monkeypatch.setattr(collector_module, "IDLE_SECONDS", 0.2)
    gc.set_threshold(700, 10, 10)
    collector = BuildCollector()
    collector.begin(serving=True)
    collector.end(serving=True)
    collector.begin(serving=True)  # the editor saved again before the idle moment
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    before = full_collections()
    time.sleep(0.4)
    assert full_collections() == before, "the cancelled idle collection did not run during the rebuild"
    collector.end(serving=True)
    assert gc.get_threshold() == (700, 10, DEFERRED_THRESHOLD)
    assert wait_for(lambda: gc.get_threshold() == (700, 10, 10))
    assert full_collections() > before


def test_a_second_plugin_instance_puts_back_the_interpreter_s_own_thresholds(thresholds: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """A build after a serve in one process: the second instance must not take the deferred thresholds for CPython's."""
    monkeypatch.setattr(collector_module, "IDLE_SECONDS", 0.05)
    gc.set_threshold(700, 10, 10)
    first, second = BuildCollector(), BuildCollector()
    first.begin(serving=True)
    first.end(serving=True)  # its full collection waits for the idle moment, with the deferred thresholds
    second.begin(serving=True)
    time.sleep(0.2)  # the first one's idle moment would have come by now
    second.end(serving=True)
    time.sleep(0.3)
    assert gc.get_threshold() == (700, 10, 10)
