"""WCAG 2.1 A and AA, measured: axe-core in Chromium on every page type of both editions.

axe-core (pinned in tests/node/package.json, installed by scripts/test) is injected into each
page as it renders at a phone's (390 px) and a desktop's (1280 px) width. The bar is zero
violations of any impact, including those the Material theme's defaults would cause: the site
fixes them with its palette and CSS, it does not exempt them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser import SHOTS, answer_for_site_url, serve
from conftest import copy_example, run_build
from node_validators import module_path

pytestmark = pytest.mark.browser

SITE_URL = "https://carpathia-medimaging.example.org/"
MEMBERS_SITE_URL = "https://members.carpathia-medimaging.example.org/"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"phone": 390, "desktop": 1280}

# Every page type; "#search" opens Material's search with a query typed in.
PAGES = {
    "homepage": "",
    "landing (members)": "for-members/",
    "landing (community)": "for-partners/",
    "landing (public)": "for-public/",
    "member directory": "members/",
    "connections": "connections/",
    "value chain": "value-chain/",
    "figures": "figures/",
    "member map": "map/",
    "member map, filtered, a city's list open": "map/?type=sme#open-a-city",
    "member with logo and contacts": "members/copou-medical-university/",
    "member without logo or contacts": "members/alfold-radiochemistry-institute/",
    "events index": "events/",
    "open data": "data/",
    "network": "network/",
    "upcoming event": "events/imaging-days-2027/",
    "past event": "events/imaging-days-2024/",
    "cancelled event": "events/paediatric-mri-workshop-2026/",
    "opportunities board": "opportunities/",
    "open job": "opportunities/ai-radiology-engineer-medrix/",
    "closed job": "opportunities/service-engineer-voltaris/",
    "funding call": "opportunities/horizon-europe-health-imaging-2027/",
    "newsletter archive": "newsletter/",
    "newsletter issue": "newsletter/2026-02-funding-and-paediatric-mri/",
    "content page": "contribute/",
    "editors' guide": "contribute/member-entry/",
    "404": "404.html",
    "search results": "#search",
}
MEMBERS_ONLY_PAGES = {
    "member-only issue": "newsletter/2026-05-members-briefing-strategy/",
    "member-only event": "events/members-strategy-meeting-2026/",
    "member-only opportunity": "opportunities/members-travel-grant-2027/",
}
EMAILS = {
    "public": ["newsletter/2026-02-funding-and-paediatric-mri/email.html"],
    "members": ["newsletter/2026-02-funding-and-paediatric-mri/email.html", "newsletter/2026-05-members-briefing-strategy/email.html"],
}


@pytest.fixture(scope="module")
def editions(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both editions of the example site, each built once."""
    work = tmp_path_factory.mktemp("members-edition")
    copy_example(work)
    result = run_build(work, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode == 0, result.stderr
    return {"public": example_site, "members": work / "site-members"}


def axe_violations(page) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A and AA rules on the page as it is; its violations, condensed."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(module_path("axe-core", "axe.min.js")))
    results = page.evaluate(
        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations",
        WCAG_21_AA,
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "nodes": [
                {"target": node["target"], "why": node["failureSummary"].splitlines()[-1].strip()}
                for node in violation["nodes"]
            ],
        }
        for violation in results
    ]


def open_page(page, base: str, path: str) -> None:
    if path.endswith("#search"):
        page.goto(base + path.removesuffix("#search"))
        page.wait_for_load_state("networkidle")
        page.keyboard.press("/")  # Material's shortcut opens the search
        page.keyboard.type("imaging")
        page.wait_for_selector(".md-search-result__item")
        # Material fades the search panel in (opacity, .15 s after .15 s): axe measuring halfway through
        # reads the highlighted words at 74 % opacity, a contrast no visitor sees once it has settled.
        page.wait_for_function("() => document.querySelector('.md-search').getAnimations({subtree: true}).every(a => a.playState !== 'running')")
        return
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    if path.removeprefix("ro/") in ("members/", "opportunities/"):
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
    if path.startswith("map/"):
        page.wait_for_selector("[data-cs-map][data-cs-map-ready]")
    if path.endswith("#open-a-city"):
        page.click("svg[aria-labelledby^=cs-map-region] [data-cs-group]:not(.cs-marker--off)")
        page.wait_for_selector("[data-cs-map-popup]:not([hidden])")


def report(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for violation in violations:
            lines.append(f"{where}: {violation['rule']} ({violation['impact']}), {len(violation['nodes'])} element(s)")
            lines += [f"    {node['target']}: {node['why']}" for node in violation["nodes"][:4]]
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(("edition", "language"), [("public", ""), ("members", ""), ("public", "ro/")], ids=["public", "members", "public-ro"])
def test_every_page_type_meets_wcag_21_aa(editions: dict[str, Path], chromium, edition: str, language: str, width: int) -> None:
    """Each page type in the default language, and in the second language (`ro/`), which a second build writes."""
    site = editions[edition]
    pages = {name: f"{language}{path}" for name, path in (PAGES | (MEMBERS_ONLY_PAGES if edition == "members" else {})).items()}
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    answer_for_site_url(page, site, MEMBERS_SITE_URL if edition == "members" else SITE_URL)
    found: dict[str, list[dict]] = {}
    counts: dict[str, int] = {}
    SHOTS.mkdir(exist_ok=True)
    with serve(site) as base:
        for name, path in pages.items():
            open_page(page, base, path)
            # Measure the header's tabs as a visitor sees them, not halfway through Material's fade-in.
            page.wait_for_function("() => [...document.querySelectorAll('.md-tabs__link')].every(t => t.getAnimations().every(a => a.playState !== 'running'))")
            violations = axe_violations(page)
            # For review by eye (tests/screenshots/ is git-ignored), after axe: a full-page shot resizes the
            # viewport, and Material fades its tabs out and in again when it does.
            page.screenshot(path=str(SHOTS / f"{edition}{language.strip('/') and '-'}{language.strip('/')}-{width}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.png"), full_page=not path.endswith("#search"))
            counts[name] = sum(len(v["nodes"]) for v in violations)
            if violations:
                found[name] = violations
        for path in EMAILS[edition]:
            path = language + path
            page.goto(base + path)
            violations = axe_violations(page)
            counts[path] = sum(len(v["nodes"]) for v in violations)
            if violations:
                found[path] = violations
    context.close()
    # The whole findings, for whoever fixes them (git-ignored)
    (SHOTS / f"axe-{edition}{language.strip('/') and '-'}{language.strip('/')}-{width}.json").write_text(json.dumps({"violating elements": counts, "violations": found}, indent=1), encoding="utf-8")
    assert found == {}, f"WCAG 2.1 AA violations in the {edition} edition ({language or 'default language'}) at {width} px:\n" + report(found)


def test_the_check_fails_on_a_planted_low_contrast_element(example_site: Path, page) -> None:
    """The measure can fail: light grey text planted on a page is reported, and nothing else is."""
    with serve(example_site) as base:
        page.goto(base + "contribute/")
        assert axe_violations(page) == []
        page.evaluate(
            "document.querySelector('.md-content h1').insertAdjacentHTML('afterend',"
            " '<p id=planted style=\"color:#b0b0b0;background:#fff\">Grey on white</p>')"
        )
        violations = axe_violations(page)
    assert [(v["rule"], [n["target"] for n in v["nodes"]]) for v in violations] == [("color-contrast", [["#planted"]])]


def test_members_only_markers_are_readable_on_one_line(editions: dict[str, Path], chromium) -> None:
    """The members' edition marks what is for members alone, at a readable size, never broken over lines."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    seen = 0
    with serve(editions["members"]) as base:
        for path in ("newsletter/", "events/", "newsletter/2026-05-members-briefing-strategy/", "members/iasi-cyclotron-centre/"):
            page.goto(base + path)
            badges = page.eval_on_selector_all(
                ".cs-badge--members",
                """els => els.map(e => { const b = e.getBoundingClientRect(); const s = getComputedStyle(e);
                   return {text: e.textContent, lines: e.getClientRects().length, height: b.height, right: b.right,
                           size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight)}; })""",
            )
            assert badges, f"/{path} marks its member-only content"
            for badge in badges:
                assert badge["text"] == "Members only"
                assert badge["size"] >= 12, f"readable: {badge} on /{path}"
                assert badge["lines"] == 1 and badge["height"] < 2 * badge["size"], f"on one line: {badge} on /{path}"
                assert badge["right"] <= 390, f"inside the screen: {badge} on /{path}"
            seen += len(badges)
    context.close()
    assert seen >= 4
