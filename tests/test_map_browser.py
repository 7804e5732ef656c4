"""The map page in a real browser: a shared filtered link, grouped markers, keyboard, no JavaScript."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browser import SHOTS, serve
from conftest import REPO

pytestmark = pytest.mark.browser

MEMBERS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "members").glob("*.yml"))}
LOCATED = {slug: m for slug, m in MEMBERS.items() if m.get("location")}


def city(member: dict) -> str | None:
    return member.get("city")


def visible_markers(page, svg: str) -> dict[str, str]:
    """The markers a visitor sees on one map: the link's name (its <title>) by marker, '' for a single member."""
    return page.eval_on_selector_all(
        f"svg[aria-labelledby^=cs-map-{svg}] [data-cs-marker]",
        """els => Object.fromEntries(els.filter(e => getComputedStyle(e).display !== 'none')
            .map(e => [e.getAttribute('data-place') + '|' + e.getAttribute('href'), e.hasAttribute('data-cs-group') ? e.querySelector('text').textContent : '']))""",
    )


def test_a_shared_filtered_link_shows_the_markers_of_the_matching_members(example_site: Path, page) -> None:
    outside: list[str] = []
    with serve(example_site) as base:
        page.on("request", lambda request: outside.append(request.url) if urlsplit(request.url).hostname != "127.0.0.1" else None)
        page.goto(base + "map/?type=sme&type=startup&technology=mri")
        page.wait_for_selector("[data-cs-map][data-cs-map-ready]")
        matching = {s: m for s, m in LOCATED.items() if m["type"] in ("sme", "startup") and "mri" in m.get("technologies", [])}
        assert 0 < len(matching) < len(LOCATED), "the filter leaves some members out"
        per_city = Counter(city(m) for m in matching.values() if city(m))
        all_per_city = Counter(city(m) for m in LOCATED.values() if city(m))

        markers = visible_markers(page, "europe")
        groups = {key.split("|")[0]: int(n) for key, n in markers.items() if n}
        singles = {key.split("|")[1] for key, n in markers.items() if not n}
        # A city with several members keeps one marker, counting the matching ones; a member alone in its city links to its page.
        assert sorted(groups.values()) == sorted(n for c, n in per_city.items() if all_per_city[c] > 1)
        assert singles == {f"../members/{s}/" for s, m in matching.items() if not city(m) or all_per_city[city(m)] == 1}
        assert len(markers) == len(per_city) + sum(1 for m in matching.values() if not city(m))
        # The list beside the map says the same.
        listed = page.eval_on_selector_all("[data-cs-list] > li a.cs-card__link", "els => els.map(e => e.getAttribute('href'))")
        assert sorted(listed) == sorted(f"../members/{s}/" for s in matching)
        assert page.is_checked("[data-cs-facet=type] input[value=sme]") and page.is_checked("[data-cs-facet=technology] input[value=mri]")

        # A filter changed on the page changes the markers and the link to share.
        page.uncheck("[data-cs-facet=technology] input[value=mri]")
        wider = {s for s, m in LOCATED.items() if m["type"] in ("sme", "startup")}
        assert sum(int(n) if n else 1 for n in visible_markers(page, "europe").values()) == len(wider)
        assert "technology=mri" not in page.url and "type=sme" in page.url
        directory = page.get_attribute("a[data-cs-keep-filters]", "href")
        assert "/members/?" in directory and "type=sme" in directory, "the link to the directory keeps the filters"
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "map-filtered.png"), full_page=True)
    assert outside == [], f"requests to other hosts: {outside}"


def test_a_city_marker_lists_its_members_and_the_keyboard_reaches_it(example_site: Path, page) -> None:
    biggest, count = Counter(city(m) for m in LOCATED.values() if city(m)).most_common(1)[0]
    assert count > 1
    with serve(example_site) as base:
        page.goto(base + "map/")
        page.wait_for_selector("[data-cs-map][data-cs-map-ready]")
        marker = f"svg[aria-labelledby^=cs-map-region] [data-cs-group][data-label^='{biggest},']"
        page.focus(marker)
        assert page.evaluate("document.activeElement.getAttribute('data-label')").startswith(biggest)
        page.keyboard.press("Enter")
        popup = page.locator("[data-cs-map-popup]")
        assert popup.is_visible()
        names = popup.locator("a").all_text_contents()
        assert sorted(names) == sorted(m["name"] for m in LOCATED.values() if city(m) == biggest)
        assert f"{biggest}" in popup.locator("[data-cs-map-popup-title]").text_content()
        page.keyboard.press("Escape")
        assert not popup.is_visible()
        assert page.evaluate("document.activeElement.getAttribute('data-label')").startswith(biggest), "focus returns to the marker"
        # Every marker is a tab stop: Tab from the search box reaches the first marker before the list.
        tab_stops = page.evaluate("Array.from(document.querySelectorAll('[data-cs-marker]')).filter(e => e.tabIndex >= 0).length")
        assert tab_stops == page.locator("[data-cs-marker]").count()


def test_without_javascript_the_maps_are_a_picture_and_the_list_is_whole(example_site: Path, chromium) -> None:
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        with serve(example_site) as base:
            page.goto(base + "map/")
            assert page.locator("svg.cs-map__svg").count() == 2
            for box in page.eval_on_selector_all("svg.cs-map__svg", "els => els.map(e => e.getBoundingClientRect().width)"):
                assert 280 < box <= 390, "each map fills the phone's width"
            places = {(m["country"], city(m) or slug) for slug, m in LOCATED.items()}
            assert page.locator("svg[aria-labelledby^=cs-map-europe] [data-cs-marker]").count() == len(places)
            assert page.locator("[data-cs-list] > li").count() == len(LOCATED)
            assert page.locator("form[data-cs-filters]").is_hidden(), "no filters that cannot work"
            page.screenshot(path=str(SHOTS / "map-no-javascript.png"), full_page=True)
    finally:
        context.close()
