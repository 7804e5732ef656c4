"""The map page as built: two SVG maps from the shipped outlines, members of one city on one marker,
member-only events only in the members' edition, and the same bytes on every build."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_example, run_build

MEMBERS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "members").glob("*.yml"))}


def place_of(slug: str, member: dict) -> tuple[str, str]:
    """What the test takes for one place: the country and the city, else the member itself."""
    return (member["country"], member["city"]) if member.get("city") else (member["country"], f"member:{slug}")


def svgs(html: str) -> dict[str, str]:
    """The page's maps by their title's id (region, europe)."""
    return {m.group(1): m.group(0) for m in re.finditer(r'<svg class="cs-map__svg".*?<title id="cs-map-(\w+)-title">.*?</svg>', html, re.S)}


@pytest.fixture(scope="module")
def map_html(example_site: Path) -> str:
    return (example_site / "map" / "index.html").read_text(encoding="utf-8")


def test_both_maps_are_static_svg_with_a_title_a_description_and_the_outlines(map_html: str) -> None:
    maps = svgs(map_html)
    assert set(maps) == {"region", "europe"}
    for svg in maps.values():
        assert re.search(r'<title id="cs-map-\w+-title">\S', svg) and re.search(r'<desc id="cs-map-\w+-desc">\S', svg)
        assert 'data-country="RO"' in svg, "Romania's outline is drawn"
    assert 'data-country="NO"' in maps["europe"] and 'data-country="NO"' not in maps["region"], "the region's map is a window onto the region"
    assert "Map of North-East Romania" in maps["region"], "the profile's region names the regional map"
    # Nothing in the drawings leaves the site: links are relative or to the page itself.
    for href in re.findall(r'href="([^"]*)"', "".join(maps.values())):
        assert href.startswith(("../", "#")), href


def test_members_in_one_city_share_one_marker_that_counts_them(map_html: str) -> None:
    located = {slug: m for slug, m in MEMBERS.items() if m.get("location")}
    places = Counter(place_of(slug, m) for slug, m in located.items())
    assert max(places.values()) > 1, "the example has cities with several members"
    europe = svgs(map_html)["europe"]
    markers = re.findall(r'<a href="([^"]*)" class="cs-marker( cs-marker--group)?" data-cs-marker.*?</a>', europe, re.S)
    assert len(markers) == len(places), "one marker per place"
    groups = re.findall(r'data-cs-group data-place="[^"]+" data-label="([^"]+)">.*?<text[^>]*>(\d+)</text>', europe, re.S)
    expected = {f"{city}, " for (country, city), n in places.items() if n > 1}
    assert {label.split(", ")[0] + ", " for label, _ in groups} == expected
    assert sorted(int(n) for _, n in groups) == sorted(n for n in places.values() if n > 1)
    singles = {href for href, group in markers if not group}
    alone = {slug for slug, m in located.items() if places[place_of(slug, m)] == 1}
    assert singles == {f"../members/{slug}/" for slug in alone}, "a member alone in its place is linked from its marker"


def test_members_without_a_location_are_listed_as_not_on_the_map(map_html: str) -> None:
    missing = [m["name"] for m in MEMBERS.values() if not m.get("location")]
    assert missing, "the example has a member without a location"
    section = map_html.split("Not on the map</h2>", 1)[1].split("</ul>", 1)[0]
    for name in missing:
        assert name in section
    listed = map_html.split("data-cs-list>", 1)[1].split("</ul>", 1)[0]
    assert listed.count("<li") == len(MEMBERS) - len(missing)


def test_member_only_events_reach_the_members_edition_map_only(tmp_path: Path) -> None:
    private = yaml.safe_load((REPO / "example-private/events/members-strategy-meeting-2026.yml").read_text(encoding="utf-8"))
    assert private["audience"] == ["members"] and "lat" in private["location"]
    copy_example(tmp_path)
    for edition in ("public", "members"):
        result = run_build(tmp_path, env={"CLUSTERSITE_EDITION": edition})
        assert result.returncode == 0, result.stderr
    public = (tmp_path / "site/map/index.html").read_text(encoding="utf-8")
    members = (tmp_path / "site-members/map/index.html").read_text(encoding="utf-8")
    assert "members-strategy-meeting-2026" not in public and private["title"].replace("'", "&#39;") not in public
    assert "members-strategy-meeting-2026" in members


def test_two_builds_draw_the_same_bytes(example_site: Path, tmp_path: Path) -> None:
    copy_example(tmp_path)
    result = run_build(tmp_path)
    assert result.returncode == 0, result.stderr
    for path in ("map/index.html", "assets/clustersite-map.js", "assets/clustersite-map.css"):
        assert (tmp_path / "site" / path).read_bytes() == (example_site / path).read_bytes(), path
