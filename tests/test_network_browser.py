"""The Network page in a real browser: the directory's search across clusters, the cluster as a filter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import serve
from conftest import REPO

pytestmark = pytest.mark.browser

PARTNER = json.loads((REPO / "network" / "pannonia-imaging.json").read_text(encoding="utf-8"))


def visible_links(page) -> list[str]:
    return page.eval_on_selector_all("[data-cs-list] > li:not([hidden]) a.cs-card__link", "els => els.map(e => e.href)")


def test_the_cluster_filter_and_the_search_span_every_cluster(example_site: Path, page) -> None:
    own = len(list((REPO / "members").glob("*.yml")))
    with serve(example_site) as base:
        page.goto(base + "network/")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        assert len(visible_links(page)) == own + len(PARTNER["members"])
        page.check("[data-cs-facet=cluster] input[value=pannonia-imaging]")
        assert sorted(visible_links(page)) == sorted(member["url"] for member in PARTNER["members"]), "each links to its own cluster's site"
        assert page.text_content("[data-cs-result-count]") == f"{len(PARTNER['members'])} members"
        assert "cluster=pannonia-imaging" in page.url
        page.uncheck("[data-cs-facet=cluster] input[value=pannonia-imaging]")
        page.fill("[data-cs-query]", "szeged")
        page.wait_for_function("document.querySelectorAll('[data-cs-list] > li:not([hidden])').length === 1")
        assert visible_links(page) == ["https://pannonia-imaging.example.org/members/szeged-imaging-clinic/"]
        assert page.locator(".cs-partner", has_text="Pannonia Imaging Network").count() == 1


def test_a_member_of_two_clusters_says_so(example_site: Path, page) -> None:
    with serve(example_site) as base:
        page.goto(base + "members/alfold-radiochemistry-institute/")
        also = page.locator(".cs-member__also")
        assert also.text_content().strip() == "Also a member of Pannonia Imaging Network."
        assert also.locator("a").get_attribute("href") == "https://pannonia-imaging.example.org/members/alfold-radiochemistry/"
