"""The homepage: mission, three doors, live figures, events and the latest newsletter."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from browser import SHOTS, follow, serve
from conftest import REPO

MEMBERS = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "members").glob("*.yml"))]
PROFILE = yaml.safe_load((REPO / "cluster.yml").read_text(encoding="utf-8"))


def figures(html: str) -> dict[str, int]:
    return {label: int(value) for label, value in re.findall(r'<li data-figure="([^"]+)"><a [^>]*><span class="cs-figure__value">(\d+)</span>', html)}


def test_figures_equal_counts_from_the_yaml(example_site: Path) -> None:
    shown = figures((example_site / "index.html").read_text(encoding="utf-8"))
    types = Counter(m["type"] for m in MEMBERS)
    assert shown == {
        "Members": len(MEMBERS),
        "Start-ups": types["startup"],
        "SMEs": types["sme"],
        "Large companies": types["large-company"],
        "Research institutes": types["research-institute"],
        "Universities": types["university"],
        "Hospitals": types["hospital"],
        "Others": sum(types[t] for t in ("public-authority", "investor", "association", "patient-organisation", "other")),
        "Countries": len({m["country"] for m in MEMBERS}),
        "Technologies": len({t for m in MEMBERS for t in m.get("technologies", [])}),
    }


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_homepage_shows_every_group_its_way_in(example_site: Path, chromium, width: int) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    with serve(example_site) as base:
        page.goto(base)
        assert page.is_visible(f"text={PROFILE['mission']['en']}")  # the default language's: the build is English
        doors = page.locator(".cs-door")
        assert doors.count() == 3
        for group in ("members", "community", "public"):
            assert page.locator(f".cs-door--{group}").is_visible()
        assert page.locator("[data-figure=Members] .cs-figure__value").text_content() == str(len(MEMBERS))
        assert page.locator(".cs-home__events li").count() >= 1, "upcoming events are listed"
        assert page.locator(".cs-home__issue h3 a").count() == 1, "the latest newsletter is shown"
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"home-{width}.png"), full_page=True)
        # Each door leads to its group's page in one click.
        follow(page, page.locator(".cs-door--public"))
        assert page.url == base + "for-public/"
        assert page.is_visible("h1:has-text('For the region and careers')")
    context.close()
