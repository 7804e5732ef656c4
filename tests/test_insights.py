"""The connections, value-chain and figures pages, and figures/figures.json, checked against the data.

Every count here is computed by the test itself from the example's files (read with PyYAML,
not the plugin's loaders), so a figure the plugin gets wrong cannot pass.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import REPO, build_ok, copy_example, run_build
from sitefactory import MEMBER

from clustersite.colours import TYPE_COLOURS, WHITE, contrast
from clustersite.connections import GRAPH_LIMIT, member_drawing
from clustersite.sources.members import MemberRecord
from clustersite.vocabularies import ORGANISATION_TYPES


def members_data() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((REPO / "members").glob("*.yml"))}


def partner_pairs(members: dict[str, dict]) -> dict[tuple[str, str], int | None]:
    """Each partnership once, named by either side, with the earlier `since` of the two."""
    pairs: dict[tuple[str, str], int | None] = {}
    for slug, data in members.items():
        for entry in data.get("partners") or []:
            other, since = (entry, None) if isinstance(entry, str) else (entry["member"], entry.get("since"))
            key = (min(slug, other), max(slug, other))
            known = pairs.get(key)
            pairs[key] = since if known is None else (known if since is None else min(known, since))
    return pairs


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def public(audience: list[str] | None) -> bool:
    return audience is None or any(group != "members" for group in audience)


def by_year(years: list[int]) -> dict[str, int]:
    counts = Counter(years)
    return {str(year): counts.get(year, 0) for year in range(min(counts), max(counts) + 1)} if counts else {}


def test_the_figures_file_matches_counts_made_from_the_data_files(example_site: Path) -> None:
    figures = json.loads((example_site / "figures/figures.json").read_text(encoding="utf-8"))
    members = members_data()
    pairs = partner_pairs(members)
    events = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((REPO / "events").glob("*.yml"))]
    issues = [front_matter(path) for path in sorted((REPO / "content/newsletter").glob("*.md")) if path.name != "index.md"]

    assert figures["format"] == "clustersite-figures" and figures["edition"] == "public"
    assert figures["members"] == len(members)
    assert figures["members_by_type"] == dict(Counter(m["type"] for m in members.values()))
    assert figures["members_by_country"] == dict(Counter(m["country"] for m in members.values()))
    assert figures["members_joined_per_year"] == by_year([int(str(m["joined"])[:4]) for m in members.values() if m.get("joined")])
    assert figures["connections"] == len(pairs)
    assert figures["connections_per_year"] == by_year([since for since in pairs.values() if since is not None])
    assert figures["connections_per_year"], "the example gives some partnerships a since: year"
    across = Counter(frozenset((members[a]["type"], members[b]["type"])) for a, b in pairs)
    assert {frozenset(item["types"]): item["connections"] for item in figures["connections_across_types"]} == dict(across)
    connected = {slug for pair in pairs for slug in pair}
    assert figures["members_without_connection"] == len(set(members) - connected)
    # The public edition counts public events and issues only; a cancelled event was not held.
    held = [e for e in events if public(e.get("audience")) and e.get("status") != "cancelled"]
    assert figures["events_per_year"] == by_year([int(str(e["start"])[:4]) for e in held])
    assert figures["newsletter_issues_per_year"] == by_year([int(str(i["date"])[:4]) for i in issues if public(i.get("audience"))])


def test_member_only_events_and_issues_count_in_the_members_edition_only(example_site: Path, tmp_path: Path) -> None:
    public_figures = json.loads((example_site / "figures/figures.json").read_text(encoding="utf-8"))
    copy_example(tmp_path)
    result = run_build(tmp_path, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode == 0, result.stderr
    members_figures = json.loads((tmp_path / "site-members/figures/figures.json").read_text(encoding="utf-8"))
    private_events = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "example-private/events").glob("*.yml"))]
    private_issues = [front_matter(p) for p in sorted((REPO / "example-private/content/newsletter").glob("*.md"))]
    assert private_events and private_issues
    assert sum(members_figures["events_per_year"].values()) == sum(public_figures["events_per_year"].values()) + sum(1 for e in private_events if e.get("status") != "cancelled")
    assert sum(members_figures["newsletter_issues_per_year"].values()) == sum(public_figures["newsletter_issues_per_year"].values()) + len(private_issues)
    assert members_figures["edition"] == "members"


def test_the_figures_page_shows_the_same_numbers_in_its_tables(example_site: Path) -> None:
    figures = json.loads((example_site / "figures/figures.json").read_text(encoding="utf-8"))
    page = (example_site / "figures/index.html").read_text(encoding="utf-8")
    for chart, key in (("joined", "members_joined_per_year"), ("events", "events_per_year"), ("issues", "newsletter_issues_per_year"), ("connections", "connections_per_year")):
        section = page.split(f'data-cs-chart="{chart}"')[1].split("</section>")[0]
        rows = dict(re.findall(r'<tr><th scope="row">(\d{4})</th><td>(\d+)</td></tr>', section))
        assert {year: int(n) for year, n in rows.items()} == figures[key], chart
        assert "<svg" in section and section.count("<rect") == len(figures[key])
    assert 'href="figures.json"' in page


def test_the_connections_page_counts_lists_and_draws_every_partnership(example_site: Path) -> None:
    members = members_data()
    pairs = partner_pairs(members)
    page = unescape((example_site / "connections/index.html").read_text(encoding="utf-8"))
    assert f"The members named {len(pairs)} partnerships" in page
    svg = page.split("data-cs-graph", 1)[1].split("</svg>")[0]
    drawn = {tuple(sorted(edge)) for edge in re.findall(r'data-a="([^"]+)" data-b="([^"]+)"', svg)}
    assert drawn == set(pairs)
    for slug in {s for pair in pairs for s in pair}:
        node = re.search(rf'data-key="{slug}" data-name="[^"]*" data-partners="([^"]*)"', svg)
        assert node, slug
        assert set(node.group(1).split()) == {b if a == slug else a for a, b in pairs if slug in (a, b)}
    table = page.split('id="cs-across"')[1].split("</table>")[0]
    assert sum(int(n) for n in re.findall(r"<td>(\d+)</td>", table)) == len(pairs)
    assert "data-cs-messages" in svg and 'role="group" aria-label="Partnerships between' in page


def test_a_member_without_partners_is_listed_and_since_is_shown_on_both_sides(site) -> None:
    site.member("alpha", MEMBER.format(name="Alpha Imaging") + "partners: [{member: beta, since: 2021}]\n")
    site.member("beta", MEMBER.format(name="Beta Scanners").replace("type: sme", "type: hospital"))
    site.member("gamma", MEMBER.format(name="Gamma Labs").replace("type: sme", "type: university") + "partners: [beta]\n")
    site.member("delta", MEMBER.format(name="Delta Alone"))
    out = build_ok(site)
    page = unescape((out / "connections/index.html").read_text(encoding="utf-8"))
    unconnected = page.split("data-cs-unconnected>")[1].split("</ul>")[0]
    assert "Delta Alone" in unconnected and "Alpha" not in unconnected and "Beta" not in unconnected
    assert "The members named 2 partnerships" in page
    assert re.search(r"SME ↔ Hospital or clinic</th><td>1<", page) and re.search(r"University ↔ Hospital or clinic</th><td>1<", page)
    beta = unescape((out / "members/beta/index.html").read_text(encoding="utf-8"))
    assert "Alpha Imaging</span></a> <span class=\"cs-since\">since 2021</span>" in beta
    assert "Gamma Labs</span></a></li>" in beta  # no since: none shown
    assert beta.count('class="cs-graph cs-graph--ego"') == 1
    assert 'class="cs-graph cs-graph--ego"' not in (out / "members/delta/index.html").read_text(encoding="utf-8")
    figures = json.loads((out / "figures/figures.json").read_text(encoding="utf-8"))
    assert figures["connections_per_year"] == {"2021": 1}
    assert figures["members_without_connection"] == 1
    # Rebuilt, the new pages and the data are the same bytes.
    first = {p: (out / p).read_bytes() for p in ("connections/index.html", "value-chain/index.html", "figures/index.html", "figures/figures.json", "members/beta/index.html")}
    again = build_ok(site)
    assert {p: (again / p).read_bytes() for p in first} == first


def test_the_value_chain_matrix_counts_members_with_both_and_links_both_filters(example_site: Path) -> None:
    members = members_data()
    page = unescape((example_site / "value-chain/index.html").read_text(encoding="utf-8"))
    cells = re.findall(r'<a href="\.\./members/\?technology=([a-z0-9-]+)&stage=([a-z0-9-]+)" aria-label="[^"]*">(\d+)</a>', page)
    assert len(cells) > 20
    for technology, stage, count in cells:
        expected = sum(1 for m in members.values() if technology in (m.get("technologies") or []) and stage in (m.get("value_chain") or []))
        assert int(count) == expected, (technology, stage)
    # Every (technology, stage) pair some member has is a linked cell.
    pairs = {(t, s) for m in members.values() for t in m.get("technologies") or [] for s in m.get("value_chain") or []}
    assert {(t, s) for t, s, _ in cells} == pairs


def test_type_colours_cover_every_type_and_reach_aa_on_the_page() -> None:
    assert set(TYPE_COLOURS) == set(ORGANISATION_TYPES)
    assert len(set(TYPE_COLOURS.values())) == len(TYPE_COLOURS)
    for kind, colour in TYPE_COLOURS.items():
        assert contrast(colour, WHITE) >= 4.5, kind


def records(count: int) -> dict[str, MemberRecord]:
    """`count` members in a chain of partnerships, their types in turn."""
    from clustersite.models.member import Member

    types = list(ORGANISATION_TYPES)
    result = {}
    for index in range(count):
        slug = f"m{index:05d}"
        member = Member(name=f"Member {index}", type=types[index % len(types)], summary="A member.", country="RO")  # type: ignore[arg-type]
        result[slug] = MemberRecord(slug, member, f"members/{slug}.yml", partners=[f"m{i:05d}" for i in (index - 1, index + 1) if 0 <= i < count])
    return result


@pytest.mark.parametrize("count", [GRAPH_LIMIT, GRAPH_LIMIT + 1])
def test_beyond_the_limit_the_graph_draws_types_not_members(count: int) -> None:
    from clustersite.connections import connections

    members = records(count)
    drawing = member_drawing(members, connections(members))
    if count <= GRAPH_LIMIT:
        assert not drawing.aggregated and len(drawing.nodes) == count
    else:
        assert drawing.aggregated and {node.key for node in drawing.nodes} == set(ORGANISATION_TYPES)
        assert all(edge.a in ORGANISATION_TYPES and edge.b in ORGANISATION_TYPES for edge in drawing.edges)


def test_with_more_members_than_the_limit_the_page_draws_types(site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past GRAPH_LIMIT the drawing's points are types linking to the filtered directory (limit lowered to 2 here)."""
    import clustersite.connections

    monkeypatch.setattr(clustersite.connections, "GRAPH_LIMIT", 2)
    site.member("alpha", MEMBER.format(name="Alpha Imaging") + "partners: [beta, gamma]\n")
    site.member("beta", MEMBER.format(name="Beta Scanners").replace("type: sme", "type: hospital"))
    site.member("gamma", MEMBER.format(name="Gamma Labs").replace("type: sme", "type: university"))
    from inprocess import build

    ok, log = build(site.root)
    assert ok, log
    page = unescape((site.out / "connections/index.html").read_text(encoding="utf-8"))
    svg = page.split("data-cs-graph", 1)[1].split("</svg>")[0]
    assert "data-cs-aggregated" in svg
    assert set(re.findall(r'data-key="([^"]+)"', svg)) == {"sme", "hospital", "university"}
    assert 'href="../members/?type=hospital"' in svg
    assert 'id="cs-who"' not in page and "SME ↔ Hospital or clinic</th><td>1<" in page
