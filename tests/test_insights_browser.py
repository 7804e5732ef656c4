"""The connections graph by keyboard, and the value-chain matrix's links, in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import serve

pytestmark = pytest.mark.browser

FOCUSED_KEY = "() => document.activeElement && document.activeElement.getAttribute('data-key')"


def partners_of(example_site: Path) -> dict[str, set[str]]:
    """Each member's partners, from the open-data export (both directions, as the pages show them)."""
    export = json.loads((example_site / "members/members.json").read_text(encoding="utf-8"))
    return {member["slug"]: set(member["partners"]) for member in export["members"]}


def test_a_member_focused_by_keyboard_lights_its_partners_and_enter_opens_its_page(example_site: Path, page) -> None:
    partners = partners_of(example_site)
    names = {m["slug"]: m["name"] for m in json.loads((example_site / "members/members.json").read_text(encoding="utf-8"))["members"]}
    with serve(example_site) as base:
        page.goto(base + "connections/")
        page.wait_for_selector("[data-cs-graph][data-cs-ready]")
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate(FOCUSED_KEY):
                break
        key = page.evaluate(FOCUSED_KEY)
        assert key in partners, "Tab never reached a member of the graph"
        lit = set(page.eval_on_selector_all("[data-cs-graph] .cs-node.cs-lit", "els => els.map(e => e.getAttribute('data-key'))"))
        assert lit == partners[key] | {key}
        dimmed = page.eval_on_selector(f"[data-key='{sorted(set(partners) - partners[key] - {key})[0]}']", "el => getComputedStyle(el).opacity")
        assert float(dimmed) < 0.5
        lit_edges = page.eval_on_selector_all("[data-cs-graph] path.cs-lit", "els => els.map(e => [e.dataset.a, e.dataset.b].sort().join(' '))")
        assert sorted(lit_edges) == sorted(" ".join(sorted((key, other))) for other in partners[key])
        status = page.inner_text("[data-cs-graph-status]")
        assert names[key] in status and all(names[other] in status for other in partners[key])
        # The next member, by Tab: the light follows the focus.
        page.keyboard.press("Tab")
        following = page.evaluate(FOCUSED_KEY)
        assert following and following != key
        assert set(page.eval_on_selector_all("[data-cs-graph] .cs-node.cs-lit", "els => els.map(e => e.getAttribute('data-key'))")) == partners[following] | {following}
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/members/{following}/")
        assert page.locator("h1").first.inner_text() == names[following]


def test_a_value_chain_cell_opens_the_directory_with_both_filters_and_its_count(example_site: Path, page) -> None:
    with serve(example_site) as base:
        page.goto(base + "value-chain/")
        cells = page.locator("[data-cs-matrix] td a")
        assert cells.count() > 20
        for index in (0, cells.count() // 2, cells.count() - 1):
            page.goto(base + "value-chain/")
            cell = page.locator("[data-cs-matrix] td a").nth(index)
            count = int(cell.inner_text())
            href = cell.get_attribute("href") or ""
            cell.focus()
            page.keyboard.press("Enter")
            page.wait_for_url("**/members/?*")
            page.wait_for_selector("[data-cs-directory][data-cs-ready]")
            technology = href.split("technology=")[1].split("&")[0]
            stage = href.split("stage=")[1]
            assert page.is_checked(f"input[name=technology][value='{technology}']")
            assert page.is_checked(f"input[name=stage][value='{stage}']")
            checked = page.eval_on_selector_all("[data-cs-filters] input:checked", "els => els.length")
            assert checked == 2
            assert page.locator("[data-cs-list] > li").count() == count
            assert page.inner_text("[data-cs-result-count]") == (f"{count} member" if count == 1 else f"{count} members")
