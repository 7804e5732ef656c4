"""The member directory and the site with the keyboard alone, on a desktop and on a phone.

Every flow here presses keys only (Tab, Enter, Space), as a keyboard or switch user does,
and asserts what that user would see: where the focus is, that it is visible, what changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import serve

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}

FOCUSED = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), type: el.type || "", cls: el.className || "", text: (el.textContent || "").trim().slice(0, 60),
    value: el.value || "", id: el.id || "", ariaHidden: !!el.closest("[aria-hidden=true]"),
    width: box.width, height: box.height, left: box.left, right: box.right, top: box.top, bottom: box.bottom,
    outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth), boxShadow: style.boxShadow,
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, predicate, limit: int = 200, key: str = "Tab") -> dict:
    """Press Tab until the focused element satisfies `predicate`; every stop on the way is returned too."""
    for _ in range(limit):
        page.keyboard.press(key)
        element = focused(page)
        if predicate(element):
            return element
    raise AssertionError("the keyboard never reached the element")


def shows_focus(element: dict) -> bool:
    return (element["outline"] not in ("none", "") and element["outlineWidth"] >= 2) or element["boxShadow"] not in ("none", "")


def open_directory(chromium, base: str, device: dict, query: str = ""):
    context = chromium.new_context(**device)
    page = context.new_page()
    page.goto(base + "members/" + query)
    page.wait_for_selector("[data-cs-directory][data-cs-ready]")
    return context, page


def test_a_filter_checkbox_shows_the_focus_and_space_ticks_it(example_site: Path, chromium) -> None:
    with serve(example_site) as base:
        context, page = open_directory(chromium, base, DESKTOP)
        box = tab_to(page, lambda e: e["type"] == "checkbox")
        assert shows_focus(box), f"a focused checkbox is visible: {box}"
        before = page.text_content("[data-cs-result-count]")
        page.keyboard.press("Space")
        assert page.is_checked(f"[data-cs-facet] input[value='{box['value']}']")
        assert page.text_content("[data-cs-result-count]") != before
        assert f"={box['value']}" in page.url
        context.close()


def test_the_skip_link_leads_from_the_search_box_to_the_first_result(example_site: Path, chromium) -> None:
    with serve(example_site) as base:
        context, page = open_directory(chromium, base, DESKTOP)
        tab_to(page, lambda e: e["type"] == "search" and "cs" not in e["cls"] and e["tag"] == "input" and page.evaluate("document.activeElement.matches('[data-cs-query]')"))
        page.keyboard.type("ultrasound")
        page.keyboard.press("Tab")
        skip = focused(page)
        assert skip["text"] == "Skip the filters to the results", skip
        assert skip["width"] > 0 and 0 <= skip["top"] < 800 and shows_focus(skip), "the skip link appears where the keyboard is"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        first = focused(page)
        assert "cs-card__link" in first["cls"], f"the next stop after skipping is the first result, not a filter: {first}"
        assert first["text"].endswith(page.text_content("[data-cs-list] > li:first-child .cs-card__name"))
        context.close()


def test_a_facet_group_shows_a_few_terms_then_all_of_them_and_fewer_again(example_site: Path, chromium) -> None:
    with serve(example_site) as base:
        context, page = open_directory(chromium, base, DESKTOP)
        group = "[data-cs-facet=technology]"
        terms = page.locator(f"{group} li")
        visible = lambda: sum(terms.nth(i).is_visible() for i in range(terms.count()))  # noqa: E731
        assert terms.count() > 5 and visible() == 5, "a group shows its first five terms"
        button = tab_to(page, lambda e: e["text"].startswith("Show all") and page.evaluate("!!document.activeElement.closest('[data-cs-facet=technology]')"))
        assert shows_focus(button)
        assert page.get_attribute(f"{group} [data-cs-facet-more]", "aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert visible() == terms.count()
        assert page.get_attribute(f"{group} [data-cs-facet-more]", "aria-expanded") == "true"
        # A term beyond the first five, ticked, stays in view when the group folds again.
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Space")
        ticked = focused(page)["value"]
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.text_content(f"{group} [data-cs-facet-more]").startswith("Show all")
        assert visible() == 6 and page.is_visible(f"{group} input[value='{ticked}']")
        context.close()


def test_on_a_phone_the_filters_are_a_drawer_that_counts_the_active_ones(example_site: Path, chromium) -> None:
    with serve(example_site) as base:
        context, page = open_directory(chromium, base, PHONE)
        assert not page.is_visible("[data-cs-facet]"), "the filters do not stand between the search box and the results"
        first_card = page.locator("[data-cs-list] > li").first.bounding_box()
        assert first_card is not None and first_card["y"] < 844, "the first result is on the first screen"
        toggle = tab_to(page, lambda e: e["text"].startswith("Filters"))
        assert shows_focus(toggle) and toggle["text"] == "Filters"
        page.keyboard.press("Enter")
        assert page.is_visible("[data-cs-facet=type]")
        assert page.get_attribute("[data-cs-drawer]", "aria-expanded") == "true"
        tab_to(page, lambda e: e["type"] == "checkbox")
        page.keyboard.press("Space")
        tab_to(page, lambda e: e["type"] == "checkbox")
        page.keyboard.press("Space")
        assert page.text_content("[data-cs-drawer]").strip() == "Filters (2 active)"
        # Closed again, the count still says that filters narrow the list.
        tab_to(page, lambda e: e["text"].startswith("Filters"), key="Shift+Tab")
        page.keyboard.press("Enter")
        assert not page.is_visible("[data-cs-facet=type]")
        assert page.text_content("[data-cs-drawer]").strip() == "Filters (2 active)"
        context.close()


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["1280x800", "phone"])
def test_every_filter_is_reached_by_scrolling_the_page_not_a_box(example_site: Path, chromium, device: dict) -> None:
    """No element of the filters scrolls on its own; each group's heading comes into view with the page."""
    with serve(example_site) as base:
        context, page = open_directory(chromium, base, device)
        if page.is_visible("[data-cs-drawer]"):
            page.click("[data-cs-drawer]")
        boxes = page.eval_on_selector_all(
            "[data-cs-filters], [data-cs-filters] *",
            "els => els.filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 1).map(e => e.className || e.tagName)",
        )
        assert boxes == [], f"filters that scroll inside a box: {boxes}"
        legends = page.locator("[data-cs-facet] legend")
        assert legends.count() == 6
        height = device["viewport"]["height"]
        for index in range(legends.count()):
            legend = legends.nth(index)
            legend.evaluate("e => e.scrollIntoView({block: 'center'})")
            box = legend.bounding_box()
            assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= height, f"{legend.text_content()} is in view"
            assert legend.evaluate("e => { const b = e.getBoundingClientRect(); const hit = document.elementFromPoint(b.left + 4, b.top + b.height / 2); return e.contains(hit); }"), f"{legend.text_content()} is not covered"
        context.close()


def test_the_empty_result_says_what_found_nothing_right_below_the_count(example_site: Path, chromium) -> None:
    with serve(example_site) as base:
        context, page = open_directory(chromium, base, DESKTOP)
        tab_to(page, lambda e: page.evaluate("document.activeElement.matches('[data-cs-query]')"))
        page.keyboard.type("zzzq")
        assert page.text_content("[data-cs-empty]").strip() == "No member matches \u201czzzq\u201d. Clear the search and filters."
        count = page.locator("[data-cs-result-count]").bounding_box()
        empty = page.locator("[data-cs-empty]").bounding_box()
        assert count and empty and 0 <= empty["y"] - (count["y"] + count["height"]) < 40, "the message is right below the count"
        page.fill("[data-cs-query]", "")
        page.goto(base + "members/?type=hospital&technology=photoacoustics")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        if page.is_visible("[data-cs-empty]"):
            assert page.text_content("[data-cs-empty-text]") == "No member matches these filters."
        page.goto(base + "members/?search=zzzq&type=hospital")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        assert page.text_content("[data-cs-empty-text]") == "No member matches \u201czzzq\u201d with these filters."
        context.close()


def test_without_javascript_the_intro_promises_no_search(example_site: Path, chromium) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve(example_site) as base:
        page.goto(base + "members/")
        intro = page.inner_text(".cs-lead")
        assert "organisations along the value chain" in intro and "Search" not in intro and "filter" not in intro
    context.close()
    with serve(example_site) as base:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(base + "members/")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        assert "Search and filter them" in page.inner_text(".cs-lead")
        context.close()


@pytest.mark.parametrize("path", ["", "members/", "events/", "newsletter/2026-02-funding-and-paediatric-mri/", "members/nordsonic/"])
def test_every_tab_stop_is_visible_where_it_is(example_site: Path, chromium, path: str) -> None:
    """No invisible tab stop (such as a palette radio hidden from view): each is on screen and marked."""
    with serve(example_site) as base:
        context = chromium.new_context(**DESKTOP)
        page = context.new_page()
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        seen = 0
        for _ in range(60):
            page.keyboard.press("Tab")
            element = focused(page)
            if element["tag"] == "body":
                break
            seen += 1
            where = f"tab stop {seen} on /{path}: {element}"
            assert not element["ariaHidden"], where
            assert element["width"] >= 1 and element["height"] >= 1, where
            assert element["right"] > 0 and element["left"] < 1280, where
        assert seen > 3
        context.close()
