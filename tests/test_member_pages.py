"""The member database as published: a permanent page per member, the directory, privacy."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import yaml
from conftest import REPO, run_build
from outputs import files_containing, unsafe_markup

MEMBER_FILES = sorted((REPO / "members").glob("*.yml"))


def test_every_member_has_a_permanent_page(example_site: Path) -> None:
    assert len(MEMBER_FILES) >= 40
    for path in MEMBER_FILES:
        page = example_site / "members" / path.stem / "index.html"
        assert page.is_file(), f"no page for {path.stem}"
        name = yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
        html = page.read_text(encoding="utf-8")
        assert f'<h1 class="cs-member__name" data-search-exclude>{_escape(name)}</h1>' in html


def test_example_covers_every_organisation_type() -> None:
    from clustersite.vocabularies import ORGANISATION_TYPES

    types = {yaml.safe_load(p.read_text(encoding="utf-8"))["type"] for p in MEMBER_FILES}
    assert types == set(ORGANISATION_TYPES)


def test_partners_link_both_ways(example_site: Path) -> None:
    declared = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")).get("partners", []) for p in MEMBER_FILES}
    # A partner is a slug or, with the year it began, {member: slug, since: year}.
    pairs = [(a, b if isinstance(b, str) else b["member"]) for a, partners in declared.items() for b in partners]
    assert pairs, "the example declares partnerships"
    for a, b in pairs:
        html_b = (example_site / "members" / b / "index.html").read_text(encoding="utf-8")
        html_a = (example_site / "members" / a / "index.html").read_text(encoding="utf-8")
        assert f'href="../{a}/"' in html_b, f"{b} does not link back to {a}"
        assert f'href="../{b}/"' in html_a


def test_member_page_has_organization_json_ld(example_site: Path) -> None:
    html = (example_site / "members" / "copou-medical-university" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "CollegeOrUniversity"
    assert data["name"] == "Copou University of Medicine and Pharmacy"
    assert data["@id"] == "https://carpathia-medimaging.example.org/members/copou-medical-university/"
    assert data["address"]["addressCountry"] == "RO"
    assert data["logo"].endswith("/members/copou-medical-university/logo.svg")
    assert (example_site / "members" / "copou-medical-university" / "logo.svg").is_file()


def test_member_without_logo_gets_initials(example_site: Path) -> None:
    html = (example_site / "members" / "anatomica-3d" / "index.html").read_text(encoding="utf-8")
    assert 'class="cs-logo cs-logo--lg cs-initials"' in html and ">A3</span>" in html


def test_directory_lists_every_member_without_javascript(example_site: Path) -> None:
    html = (example_site / "members" / "index.html").read_text(encoding="utf-8")
    assert html.count('<li class="cs-card"') == len(MEMBER_FILES)
    for path in MEMBER_FILES:
        assert f'href="{path.stem}/"' in html


def test_member_pages_are_in_search_index_and_sitemap(example_site: Path) -> None:
    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc for doc in index["docs"]}
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in MEMBER_FILES:
        member = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry = entries[f"members/{path.stem}/"]
        # Found by name, place and summary; the name once, as the entry's title (every page downloads the index).
        given = member["summary"]
        summary = html.escape(given["en"] if isinstance(given, dict) else given, quote=False)  # the default language's text
        assert entry["title"] == html.escape(member["name"], quote=True)
        assert summary in entry["text"] and member.get("city", "") in entry["text"]
        assert html.escape(member["name"], quote=False) not in entry["text"].replace(summary, "")
        assert "  " not in entry["text"]
        assert f"https://carpathia-medimaging.example.org/members/{path.stem}/" in sitemap


def test_private_contacts_and_internal_notes_appear_nowhere(site) -> None:
    public = """\
        name: Acme Imaging
        type: sme
        summary: Imaging software for hospitals.
        country: RO
        contacts:
          - name: Public Person
            email: public@acme.example
            public: true
    """
    private = """\
        contacts:
          - name: Zzprivatename Qqq
            role: Zzprivaterole
            email: zzprivate@acme.example
            phone: "+40 111 999 7777"
          - name: Zzsecondprivate
            public: false
        internal:
          fee: Zzfeemarker
          notes: Zzinternalnote
    """
    site.member("acme", public.rstrip(" ") + private.replace("        contacts:\n", ""))  # everything in the public file: refused
    refused = run_build(site.root)
    assert refused.returncode == 1
    consent = "(or add `public: true` if this person agreed to be listed on the public site)"
    assert f"members/acme.yml:9: contacts[1]: not public data (no `public: true`): move it to private/members/acme.yml {consent}" in refused.stderr
    assert f"members/acme.yml:13: contacts[2]: not public data (no `public: true`): move it to private/members/acme.yml {consent}" in refused.stderr
    assert "members/acme.yml:15: internal: not public data: move it to private/members/acme.yml\n" in refused.stderr
    site.member("acme", public)
    site.write("private/members/acme.yml", private)
    assert run_build(site.root).returncode == 0
    assert files_containing(site.out, "Public Person"), "the consenting contact is published"
    for marker in ("Zzprivatename", "Zzprivaterole", "zzprivate@acme.example", "999 7777", "Zzsecondprivate", "Zzfeemarker", "Zzinternalnote"):
        assert files_containing(site.out, marker) == [], marker


def test_text_from_yaml_cannot_inject_markup(site) -> None:
    site.member("acme", """\
        name: Acme & Sons "Imaging"
        type: sme
        summary: <script>alert('summary')</script> "quoted" <img src=x onerror=alert(1)>
        description: |
          Hello <script>alert('description')</script> <a href="javascript:alert(1)">click</a>
          <img src="x" onerror="alert(2)"> [link](javascript:alert(3)) <iframe src="https://evil.example"></iframe>
        city: <b onmouseover=alert(4)>Iasi</b>
        country: RO
        contacts:
          - name: <svg onload=alert(5)>
            role: '"><script>alert(6)</script>'
            public: true
    """)
    assert run_build(site.root).returncode == 0
    html = (site.out / "members" / "acme" / "index.html").read_text(encoding="utf-8")
    assert unsafe_markup(html) == []
    assert "<script>alert" not in html and "<iframe" not in html
    assert "&lt;script&gt;alert(&#39;summary&#39;)&lt;/script&gt;" in html
    assert '<meta name="description" content="&lt;script&gt;' in html
    assert "<title>Acme &amp; Sons &#34;Imaging&#34; - Test Cluster</title>" in html or "<title>Acme &amp; Sons &quot;Imaging&quot; - Test Cluster</title>" in html


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_the_markup_checker_catches_what_it_must() -> None:
    assert unsafe_markup('<img src=x onerror="alert(1)">')
    assert unsafe_markup('<a href=" JaVaScRiPt:alert(1)">x</a>')
    assert unsafe_markup("<script>alert(1)</script>")
    assert unsafe_markup('<iframe src="https://x.example"></iframe>')
    assert unsafe_markup("<p>&lt;img src=x onerror=alert(1)&gt;</p>") == []


def test_logos_are_described_once(example_site: Path) -> None:
    """Beside the name, as in the directory's cards, a logo is decorative; on the member's page it is described."""
    directory = (example_site / "members" / "index.html").read_text(encoding="utf-8")
    card_logos = re.findall(r'<img class="cs-logo cs-logo--md" src="([^"]+)" alt="([^"]*)"', directory)
    assert len(card_logos) == len([p for p in MEMBER_FILES if "logo:" in p.read_text(encoding="utf-8")])
    assert {alt for _, alt in card_logos} == {""}, "a screen reader would read each name twice"
    page = (example_site / "members" / "nordsonic" / "index.html").read_text(encoding="utf-8")
    assert '<img class="cs-logo cs-logo--lg" src="logo.svg" alt="Nordsonic AS logo"' in page
