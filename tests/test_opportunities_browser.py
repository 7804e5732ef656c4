"""The opportunities board in a real browser: the directory's filters on another list, and a shared filtered URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import SHOTS, serve

pytestmark = pytest.mark.browser


def visible(page) -> list[str]:
    return sorted(page.eval_on_selector_all("[data-cs-list] > li", "els => els.map(e => e.getAttribute('data-slug'))"))


def test_the_board_filters_by_kind_technology_and_deadline_and_a_shared_url_reopens_it(example_site: Path, page) -> None:
    with serve(example_site) as base:
        page.goto(base + "opportunities/")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        everything = visible(page)
        assert len(everything) == 9, "the open opportunities on the build date"

        page.check("[data-cs-facet=kind] input[value=job]")
        jobs = visible(page)
        assert jobs == ["ai-radiology-engineer-medrix", "radiochemist-tracerlab", "remote-dicom-developer-neurovox"]
        assert page.text_content("[data-cs-result-count]") == "3 opportunities"
        page.check("[data-cs-facet=place] input[value=remote]")
        assert visible(page) == ["remote-dicom-developer-neurovox"]
        page.uncheck("[data-cs-facet=place] input[value=remote]")
        page.check("[data-cs-facet=technology] input[value=pacs]")
        assert visible(page) == ["ai-radiology-engineer-medrix", "remote-dicom-developer-neurovox"]
        page.check("[data-cs-facet=kind] input[value=call]")
        filtered = visible(page)
        assert filtered == ["ai-radiology-engineer-medrix", "remote-dicom-developer-neurovox"], "no open call is about PACS"
        assert int(page.text_content("[data-cs-facet=kind] input[value=call] ~ [data-cs-count]")) == 0
        assert "kind=job" in page.url and "kind=call" in page.url and "technology=pacs" in page.url

        shared = page.url
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "opportunities-filtered.png"))
        page.goto(base)
        page.goto(shared)
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        assert page.is_checked("[data-cs-facet=kind] input[value=job]") and page.is_checked("[data-cs-facet=technology] input[value=pacs]")
        assert visible(page) == filtered

        page.goto(base + "opportunities/?deadline=quarter")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        assert visible(page) == [
            "ai-radiology-engineer-medrix", "horizon-europe-health-imaging-2027", "north-east-regional-programme-innovation-2027", "offer-cyclotron-beam-time", "radiochemist-tracerlab",
        ], (
            "what closes within 3 months of the build date (2026-11-18)"
        )
