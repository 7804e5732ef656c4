"""Two editions from one repository: nothing for members alone in the public one."""

from __future__ import annotations

from pathlib import Path

from conftest import run_build
from outputs import all_output, files_containing

MARKERS = {
    "page": "Zqmemberpage",
    "page-nav": "Zqmembernavtitle",
    "issue": "Zqmemberissue",
    "event": "Zqmemberevent",
    "contact": "Zqprivatecontact",
}
NEVER = "Zqinternalfee"


def plant(site) -> None:
    site.member("acme", f"""\
        name: Acme Imaging
        type: sme
        summary: Imaging software for hospitals.
        country: RO
        contacts:
          - name: {MARKERS["contact"]} Person
            email: private@acme.example
        internal:
          fee: {NEVER}
    """)
    site.write("content/members-only.md", f"---\naudience: [members]\ntitle: {MARKERS['page-nav']}\n---\n# Meeting notes\n\n{MARKERS['page']} minutes.\n")
    site.write("content/newsletter/2027-01-internal.md", f"---\ntitle: Internal news {MARKERS['issue']}\ndate: 2027-01-10\naudience: [members]\nsummary: For members.\n---\n\nBody {MARKERS['issue']}.\n")
    site.write("content/newsletter/2027-02-public.md", "---\ntitle: Public news\ndate: 2027-02-10\nsummary: For all.\n---\n\nHello everyone.\n")
    site.write("events/general-assembly.yml", f"""\
        title: General assembly {MARKERS["event"]}
        type: member-meeting
        start: 2027-06-01T10:00
        location: {{venue: Office, city: Iasi, country: RO}}
        summary: The members' yearly meeting.
        audience: [members]
        organisers: [acme]
    """)
    mkdocs = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs = mkdocs.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      edition: !ENV [CLUSTERSITE_EDITION, public]\n")
    mkdocs = mkdocs.replace("  - Members: members/index.md\n", "  - Members: members/index.md\n  - Internal: members-only.md\n  - Newsletter: newsletter/index.md\n  - Events: events/index.md\n")
    (site.root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")


def test_public_edition_contains_no_byte_of_member_only_content(site) -> None:
    plant(site)
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    output = all_output(site.out)
    assert any(name.endswith(".ics") for name in output) and any(name.endswith("rss.xml") for name in output)
    for place, marker in {**MARKERS, "internal": NEVER}.items():
        assert files_containing(site.out, marker) == [], f"{place} leaked into the public edition"
    assert files_containing(site.out, "Public news"), "public content is there"
    assert not (site.root / "site-members").exists()


def test_members_edition_has_everything_for_members_but_never_internal_notes(site) -> None:
    plant(site)
    result = run_build(site.root, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode == 0, result.stderr
    members_site = site.root / "site-members"
    assert not site.out.exists(), "the members' edition never overwrites the public site"
    found = {place: files_containing(members_site, marker) for place, marker in MARKERS.items()}
    assert all(found.values()), found
    assert any(name.endswith(".ics") for name in found["event"]), "member-only events are in the members' calendar"
    assert any(name.endswith(".xml") or name.endswith(".json") for name in found["issue"]), "and member issues in its feeds"
    assert files_containing(members_site, NEVER) == []


def test_example_editions_say_which_they_are(example_site: Path, tmp_path: Path) -> None:
    from conftest import copy_example

    assert "md-banner" not in (example_site / "index.html").read_text(encoding="utf-8"), "no empty banner in public"
    copy_example(tmp_path)
    result = run_build(tmp_path, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site-members" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Members' edition.</strong> This site contains information for members" in home
