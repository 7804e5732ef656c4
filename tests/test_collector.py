"""The plugin raises the collector's young threshold only while a build runs, and puts back what it found."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from inprocess import build
from sitefactory import Site

from clustersite.collector import YOUNG_THRESHOLD, BuildCollector


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
