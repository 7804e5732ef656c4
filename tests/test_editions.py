"""Two editions, two tiers: the public repository holds only public data, and the public
edition never opens the private folder; the members' edition merges the two."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENGINE, run_build
from outputs import all_output, files_containing

MARKERS = {
    "page": "Zqmemberpage",
    "page-title": "Zqmembernavtitle",
    "page-attachment": "Zqpageattachment",
    "issue": "Zqmemberissue",
    "issue-image": "Zqissueimage",
    "event": "Zqmemberevent",
    "contact": "Zqprivatecontact",
    "contact-email": "zqprivate@acme.example",
    "opportunity": "Zqmemberopportunity",
}
NEVER = "Zqinternalfee"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def plant(site) -> None:
    """Public data in the public repository; a marker in every private place of `private/`."""
    site.member("acme", """\
        name: Acme Imaging
        type: sme
        summary: Imaging software for hospitals.
        country: RO
        contacts:
          - name: Public Person
            email: public@acme.example
            public: true
    """)
    site.write("private/members/acme.yml", f"""\
        # Members-only contacts and the office's notes
        contacts:
          - name: {MARKERS["contact"]} Person
            email: {MARKERS["contact-email"]}
        internal:
          fee: {NEVER}
    """)
    site.write("private/content/members-only.md", f"---\ntitle: {MARKERS['page-title']}\n---\n# Meeting notes\n\n{MARKERS['page']} minutes, [the slides](files/slides.pdf).\n")
    site.write("private/content/files/slides.pdf", f"%PDF-1.4 {MARKERS['page-attachment']}".encode())
    site.write("private/content/newsletter/2027-01-internal.md", f"---\ntitle: Internal news {MARKERS['issue']}\ndate: 2027-01-10\nsummary: For members.\nimage: images/internal.png\nimage_alt: A chart\n---\n\nBody {MARKERS['issue']}.\n")
    site.write("private/content/newsletter/images/internal.png", PNG + MARKERS["issue-image"].encode())
    site.write("content/newsletter/2027-02-public.md", "---\ntitle: Public news\ndate: 2027-02-10\nsummary: For all.\n---\n\nHello everyone.\n")
    site.write("private/events/general-assembly.yml", f"""\
        title: General assembly {MARKERS["event"]}
        type: member-meeting
        start: 2027-06-01T10:00
        location: {{venue: Office, city: Iasi, country: RO}}
        summary: The members' yearly meeting.
        organisers: [acme]
    """)
    site.write("private/opportunities/travel-grant.yml", f"""\
        kind: call
        title: Travel grant {MARKERS["opportunity"]}
        summary: Stand space for member SMEs.
        members: [acme]
        posted: 2026-11-01
        funder: The cluster
        programme: Members' fund
        deadlines: [2027-03-31]
        link: https://members.cluster.example.org/fund/
    """)
    mkdocs = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs = mkdocs.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      edition: !ENV [CLUSTERSITE_EDITION, public]\n")
    mkdocs = mkdocs.replace("  - Members: members/index.md\n", "  - Members: members/index.md\n  - Newsletter: newsletter/index.md\n  - Events: events/index.md\n")
    (site.root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")


def test_public_edition_contains_no_byte_of_member_only_content(site) -> None:
    plant(site)
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    output = all_output(site.out)
    assert any(name.endswith(".ics") for name in output) and any(name.endswith("rss.xml") for name in output)
    for place, marker in {**MARKERS, "internal": NEVER}.items():
        assert files_containing(site.out, marker) == [], f"{place} leaked into the public edition"
    assert files_containing(site.out, "Public news") and files_containing(site.out, "Public Person"), "public content is there"
    assert not (site.root / "site-members").exists()


def test_members_edition_merges_the_private_folder_but_never_internal_notes(site) -> None:
    plant(site)
    result = run_build(site.root, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode == 0, result.stderr
    members_site = site.root / "site-members"
    assert not site.out.exists(), "the members' edition never overwrites the public site"
    found = {place: files_containing(members_site, marker) for place, marker in MARKERS.items()}
    assert all(found.values()), found
    assert "members-only/index.html" in found["page"], "a private page is published at its mirrored address"
    assert "files/slides.pdf" in found["page-attachment"] and "newsletter/images/internal.png" in found["issue-image"]
    assert any(name.endswith(".ics") for name in found["event"]), "private events are in the members' calendar"
    assert any(name.endswith(".xml") or name.endswith(".json") for name in found["issue"]), "and private issues in its feeds"
    assert {"opportunities/travel-grant/index.html", "opportunities/index.html", "opportunities/rss.xml", "opportunities/deadlines.ics", "members/acme/index.html"} <= set(found["opportunity"]), (
        "a member-only opportunity has its page, and is on the board, in the feeds, the deadline calendar and its member's page"
    )
    acme = (members_site / "members/acme/index.html").read_text(encoding="utf-8")
    assert "Public Person" in acme and MARKERS["contact"] in acme, "the overlay adds to the member's public file"
    assert files_containing(members_site, NEVER) == []
    landing = (members_site / "for-members/index.html").read_text(encoding="utf-8")
    assert f'href="../members-only/">{MARKERS["page-title"]}</a>' in landing, "the members' landing page lists the private page, by its title"


def _public_output(site) -> dict[str, bytes]:
    if site.out.exists():
        import shutil

        shutil.rmtree(site.out)
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    return all_output(site.out)


def test_public_edition_never_opens_the_private_folder(site) -> None:
    """Missing, unreadable, full of invalid files, or present: the public site is byte-identical."""
    plant(site)
    private = site.root / "private"
    present = _public_output(site)

    hidden = site.root.parent / "private-away"
    private.rename(hidden)
    assert _public_output(site) == present, "missing"
    hidden.rename(private)

    broken = site.root / "private/members/nobody.yml"
    broken.write_text("name: [unclosed\n\tcontacts: {", encoding="utf-8")
    (site.root / "private/events/bad.yml").write_text("title: 3\nstart: never\n", encoding="utf-8")
    assert _public_output(site) == present, "present with files that fail validation"

    private.chmod(0)
    try:
        assert _public_output(site) == present, "unreadable"
    finally:
        private.chmod(0o755)


def test_public_build_makes_no_file_access_below_the_private_folder(site, tmp_path: Path) -> None:
    """Root reads an unreadable folder anyway: so watch every open, listing and stat through Python's audit hooks."""
    plant(site)
    log = tmp_path / "accesses.json"
    script = f"""
import json, os, sys
private = {str((site.root / "private").resolve())!r}
seen = []
def hook(event, args):
    if event in ("open", "os.listdir", "os.scandir", "os.walk", "pathlib.Path.glob", "pathlib.Path.rglob", "os.chdir", "shutil.copyfile", "os.rename"):
        path = args[0] if args else None
        if isinstance(path, (str, bytes, os.PathLike)):
            text = os.fsdecode(path)
            if os.path.abspath(text).startswith(private):
                seen.append([event, text])
sys.addaudithook(hook)
sys.argv = ["{ENGINE}", "build", "--strict"]
import runpy
try:
    runpy.run_module("{ENGINE}", run_name="__main__")
except SystemExit as done:
    code = done.code
else:
    code = 0
json.dump({{"code": code, "seen": seen}}, open({str(log)!r}, "w"))
"""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    result = subprocess.run([sys.executable, "-c", script], cwd=site.root, capture_output=True, text=True, env=environ, timeout=600)
    report = json.loads(log.read_text(encoding="utf-8"))
    assert report["code"] in (0, None), result.stderr
    assert report["seen"] == [], "the public edition touched the private folder"
    # the hook does see the private folder when the members' edition reads it
    environ["CLUSTERSITE_EDITION"] = "members"
    subprocess.run([sys.executable, "-c", script], cwd=site.root, capture_output=True, text=True, env=environ, timeout=600)
    assert json.loads(log.read_text(encoding="utf-8"))["seen"], "the hook sees reads of the private folder"


def test_members_edition_needs_its_private_folder(site) -> None:
    plant(site)
    (site.root / "private").rename(site.root.parent / "elsewhere")
    result = run_build(site.root, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode != 0
    assert re.search(r'mkdocs.yml(:\d+)?: private_dir: the private folder "private" does not exist', result.stderr)


def test_a_private_file_that_links_outside_the_private_folder_fails_the_members_build(site, tmp_path: Path) -> None:
    plant(site)
    outside = tmp_path / "secret.txt"
    outside.write_text("Zqoutsidesecret", encoding="utf-8")
    (site.root / "private/content/files/leak.txt").symlink_to(outside)
    result = run_build(site.root, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode != 0
    assert "private/content/files/leak.txt: path: points outside the private folder (commit the file itself, not a link to it)" in result.stderr
    assert not (site.root / "site-members").exists()


@pytest.mark.parametrize("relative", ["private/content/newsletter/2027-02-public.md", "private/events/taken.yml"])
def test_a_private_file_may_not_take_a_public_address(site, relative: str) -> None:
    plant(site)
    if relative.endswith(".yml"):
        event = (site.root / "private/events/general-assembly.yml").read_text(encoding="utf-8")
        site.write("events/taken.yml", event.replace("organisers: [acme]\n", "audience: [community]\n"))
        site.write(relative, event)
        expected = "private/events/taken.yml: the public repository has an event named taken too (events/taken.yml)"
    else:
        site.write(relative, "---\ntitle: Twin\ndate: 2027-02-11\n---\nTwin.\n")
        expected = "private/content/newsletter/2027-02-public.md: the public repository has content/newsletter/2027-02-public.md too"
    result = run_build(site.root, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode != 0
    assert expected in result.stderr


def test_example_editions_say_which_they_are(example_site: Path, tmp_path: Path) -> None:
    from conftest import copy_example

    assert "md-banner" not in (example_site / "index.html").read_text(encoding="utf-8"), "no empty banner in public"
    copy_example(tmp_path)
    result = run_build(tmp_path, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site-members" / "index.html").read_text(encoding="utf-8")
    # The banner's words are the catalogue's, escaped by the theme (an apostrophe as &#39;).
    assert "<strong>Members' edition.</strong> This site contains information for members" in html.unescape(home)
    assert (tmp_path / "site-members/member-services/index.html").is_file(), "the example's private page"
