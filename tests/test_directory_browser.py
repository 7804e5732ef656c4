"""The member directory in a real browser: search, facets, live counts, shareable URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from browser import SHOTS, follow, serve
from conftest import REPO

pytestmark = pytest.mark.browser

MEMBERS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "members").glob("*.yml"))}


def visible_slugs(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-cs-list] > li:not([hidden]) a.cs-card__link", "els => els.map(e => e.getAttribute('href').replace(/\\/$/, ''))"
    )


def test_facets_filter_and_the_url_keeps_the_state(example_site: Path, page) -> None:
    with serve(example_site) as base:
        page.goto(base + "members/")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        assert len(visible_slugs(page)) == len(MEMBERS)

        page.evaluate("window.__updates = []; document.addEventListener('clustersite:update', e => __updates.push(e.detail.matches))")
        page.check("[data-cs-facet=type] input[value=sme]")
        smes = sorted(s for s, m in MEMBERS.items() if m["type"] == "sme")
        assert sorted(visible_slugs(page)) == smes
        assert page.evaluate("window.__updates") == [len(smes)], "other scripts learn that the list changed"
        page.check("[data-cs-facet=technology] input[value=mri]")
        expected = sorted(s for s in smes if "mri" in MEMBERS[s].get("technologies", []))
        assert sorted(visible_slugs(page)) == expected
        assert page.text_content("[data-cs-result-count]") == f"{len(expected)} members"
        assert "type=sme" in page.url and "technology=mri" in page.url

        # Live counts: the MRI count is the number of SMEs doing MRI; the SME count those doing MRI.
        mri_count = page.text_content("[data-cs-facet=technology] input[value=mri] ~ [data-cs-count]")
        assert int(mri_count) == len(expected)

        shared = page.url
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "directory-filtered.png"))
        page.goto(base)
        page.goto(shared)
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        assert page.is_checked("[data-cs-facet=type] input[value=sme]")
        assert page.is_checked("[data-cs-facet=technology] input[value=mri]")
        assert sorted(visible_slugs(page)) == expected


def test_search_box_matches_names_places_and_terms_without_accents(example_site: Path, page) -> None:
    with serve(example_site) as base:
        page.goto(base + "members/?search=iasi")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        in_iasi = {s for s, m in MEMBERS.items() if m.get("city") == "Iași"}
        assert in_iasi <= set(visible_slugs(page)), "searching 'iasi' finds members in Iași"
        page.fill("[data-cs-query]", "nordsonic")
        assert visible_slugs(page) == ["nordsonic"]
        assert "search=nordsonic" in page.url
        page.fill("[data-cs-query]", "Tracers and radiopharmaceuticals")
        tracers = {s for s, m in MEMBERS.items() if "tracers" in m.get("technologies", [])}
        assert tracers <= set(visible_slugs(page))
        page.fill("[data-cs-query]", "zzz-nothing-matches")
        assert visible_slugs(page) == []
        assert page.is_visible("[data-cs-empty]")
        page.evaluate("window.scrollTo(0, 0)")  # the sticky header covers what was scrolled under it
        page.click("[data-cs-empty] [data-cs-reset]")
        assert len(visible_slugs(page)) == len(MEMBERS)


def test_directory_works_without_javascript(example_site: Path, chromium) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve(example_site) as base:
        page.goto(base + "members/")
        assert len(visible_slugs(page)) == len(MEMBERS)
        assert not page.is_visible("[data-cs-filters]"), "filters that cannot work are not shown"
        follow(page, page.locator("text=Nordsonic"))
        assert page.url == base + "members/nordsonic/"
    context.close()


def test_member_page_links_to_filtered_directory(example_site: Path, page) -> None:
    with serve(example_site) as base:
        page.goto(base + "members/nordsonic/")
        follow(page, page.locator(".cs-facts a.cs-tag >> text=Ultrasound"))
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        assert page.is_checked("[data-cs-facet=technology] input[value=ultrasound]")
        assert "nordsonic" in visible_slugs(page)


def test_large_directory_shows_a_window_of_matches_and_more_on_request(site, page) -> None:
    from conftest import run_build

    for index in range(130):
        site.member(f"member-{index:03d}", f"name: Member {index:03d}\ntype: {'sme' if index % 2 else 'startup'}\nsummary: Imaging company number {index}.\ncountry: RO\n")
    assert run_build(site.root).returncode == 0
    html = (site.out / "members" / "index.html").read_text(encoding="utf-8")
    assert html.count('<li class="cs-card"') == 130, "without JavaScript every member is listed"
    with serve(site.out) as base:
        page.goto(base + "members/")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        assert len(visible_slugs(page)) == 120
        assert page.text_content("[data-cs-result-count]") == "130 members"
        page.click("[data-cs-more]")
        assert len(visible_slugs(page)) == 130
        assert not page.is_visible("[data-cs-more]")
        page.check("[data-cs-facet=type] input[value=sme]")
        assert len(visible_slugs(page)) == 65 and not page.is_visible("[data-cs-more]")
