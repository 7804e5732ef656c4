"""`clustersite migrate-private`: a single-repository site's non-public data moves to the private
folder, as text with its comments, checked, and a second run changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from conftest import run_build
from outputs import files_containing

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

ACME = """\
# yaml-language-server: $schema=../schemas/member.schema.json
name: Acme Imaging
type: sme
summary: Imaging software for hospitals.
country: RO
# Our people. Ask before adding anyone!
contacts:
  - name: Public Person        # agreed on 2025-01-10
    email: public@acme.example
    public: true
  # The CEO did not agree to be listed publicly.
  - name: Zqceo Person
    role: Chief executive
    email: ceo@acme.example
  - name: Second Public
    public: true
  - name: Zqcfo Person
    public: false
website: https://acme.example
# Office notes: fee agreed at the 2024 assembly.
internal:
  fee: 1200   # EUR
  status: paid
# Technologies we work on.
technologies: [mri]
"""

BETA = """\
name: Beta Labs
type: university
summary: Research.
country: RO
contacts:
  - name: Zqonly Private
    email: only@beta.example
internal: {fee: 0}
"""


def today_layout(site) -> None:
    """A site as every site was before the private folder: everything in one repository."""
    site.member("acme", ACME)
    site.member("beta", BETA)
    site.member("gamma")
    site.write("events/assembly.yml", "title: Zqassembly\ntype: member-meeting\nstart: 2027-06-01\nonline: https://meet.example.org/a\nsummary: Members.\naudience: [members]\n")
    site.write("events/fair.yml", "title: Fair\ntype: fair\nstart: 2027-06-02\nonline: https://meet.example.org/f\nsummary: All.\n")
    call = "kind: call\ntitle: {title}\nsummary: Money.\nmembers: [acme]\nposted: 2026-11-01\nfunder: The cluster\nprogramme: Fund\ndeadlines: [2027-03-31]\nlink: https://cluster.example.org/fund/\n"
    site.write("opportunities/travel-grant.yml", call.format(title="Zqgrant") + "audience: [members]\n")
    site.write("opportunities/open-call.yml", call.format(title="Open call"))
    site.write("content/newsletter/images/shared.png", PNG)
    site.write("content/newsletter/images/budget.png", PNG)
    site.write("content/newsletter/files/budget.pdf", "%PDF-1.4 Zqbudget")
    site.write("content/newsletter/2027-01-briefing.md", "---\ntitle: Zqbriefing\ndate: 2027-01-02\naudience: [members]\nimage: images/budget.png\nimage_alt: Budget\n---\n![shared](images/shared.png) [budget](files/budget.pdf)\n")
    site.write("content/newsletter/2027-02-news.md", "---\ntitle: News\ndate: 2027-02-02\n---\n![shared](images/shared.png)\n")
    site.write("content/minutes.md", "---\naudience: [members]\n---\n# Zqminutes\n\n[slides](files/slides.pdf)\n")
    site.write("content/files/slides.pdf", "%PDF-1.4 Zqslides")


def migrate(site, *args: str):
    from clustersite.commands import main

    cwd = os.getcwd()
    os.chdir(site.root)
    try:
        return CliRunner().invoke(main, ["migrate-private", *args], catch_exceptions=False)
    finally:
        os.chdir(cwd)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_today_layout_fails_the_build_until_migrated(site) -> None:
    today_layout(site)
    result = run_build(site.root)
    assert result.returncode == 1
    assert "members/acme.yml:12: contacts[1]: not public data (no `public: true`): move it to private/members/acme.yml" in result.stderr
    assert "content/minutes.md:2: audience: not public data (for members only): move it to private/content/minutes.md" in result.stderr
    assert "opportunities/travel-grant.yml:10: audience: not public data (for members only): move it to private/opportunities/travel-grant.yml" in result.stderr


def test_dry_run_lists_every_move_and_changes_nothing(site) -> None:
    today_layout(site)
    before = snapshot(site.root)
    result = migrate(site, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would move members/acme.yml:12 contacts[1] (no `public: true`) → private/members/acme.yml" in result.output
    assert "would move members/acme.yml:21 internal → private/members/acme.yml" in result.output
    assert "would move events/assembly.yml → private/events/assembly.yml (an event for members only)" in result.output
    assert "would move opportunities/travel-grant.yml → private/opportunities/travel-grant.yml (an opportunity for members only)" in result.output
    assert "open-call" not in result.output and "fair" not in result.output, "what is not for members alone stays"
    assert "would move content/newsletter/files/budget.pdf → private/content/newsletter/files/budget.pdf (used only by pages for members)" in result.output
    assert "content/newsletter/images/shared.png" not in result.output, "a file a public issue uses stays"
    assert snapshot(site.root) == before


def test_migration_moves_blocks_with_their_comments_and_loses_nothing(site) -> None:
    from clustersite.yamlfile import parse_yaml

    today_layout(site)
    old_acme = parse_yaml(ACME)
    result = migrate(site)
    assert result.exit_code == 0, result.output

    assert (site.root / "members/acme.yml").read_text() == """\
# yaml-language-server: $schema=../schemas/member.schema.json
name: Acme Imaging
type: sme
summary: Imaging software for hospitals.
country: RO
# Our people. Ask before adding anyone!
contacts:
  - name: Public Person        # agreed on 2025-01-10
    email: public@acme.example
    public: true
  - name: Second Public
    public: true
website: https://acme.example
# Technologies we work on.
technologies: [mri]
"""
    assert (site.root / "private/members/acme.yml").read_text() == """\
# Members-only contacts and office-internal notes for members/acme.yml: never in the public repository.
contacts:
  # The CEO did not agree to be listed publicly.
  - name: Zqceo Person
    role: Chief executive
    email: ceo@acme.example
  - name: Zqcfo Person
    public: false
# Office notes: fee agreed at the 2024 assembly.
internal:
  fee: 1200   # EUR
  status: paid
"""
    beta = (site.root / "members/beta.yml").read_text()
    assert "contacts" not in beta and "internal" not in beta and "Zqonly" not in beta, "all contacts gone: the key goes too"
    for moved in ("private/events/assembly.yml", "private/opportunities/travel-grant.yml", "private/content/newsletter/2027-01-briefing.md", "private/content/newsletter/images/budget.png",
                  "private/content/newsletter/files/budget.pdf", "private/content/minutes.md", "private/content/files/slides.pdf"):
        assert (site.root / moved).is_file(), moved
        assert not (site.root / moved.removeprefix("private/")).exists(), moved
    assert (site.root / "content/newsletter/images/shared.png").is_file()
    assert (site.root / "opportunities/open-call.yml").is_file()

    # The members' edition has exactly the old data, the public one none of the private data.
    from mkdocs.config import load_config

    from clustersite.sitedata import load_site_data

    config = load_config(str(site.root / "mkdocs.yml"))
    data = load_site_data(config.plugins["cluster"].config, site.root, Path(config.docs_dir), edition="members")
    acme = data.members["acme"].member
    assert sorted(c.name for c in acme.contacts) == sorted(c["name"] for c in old_acme["contacts"])
    assert acme.internal == dict(old_acme["internal"])
    assert data.members["beta"].member.internal == {"fee": "0"}
    assert "assembly" in data.events and any(r.stem == "2027-01-briefing" for r in data.newsletter)
    assert {"travel-grant", "open-call"} <= set(data.opportunities)

    assert run_build(site.root).returncode == 0
    for marker in ("Zqceo", "Zqcfo", "Zqonly", "Zqassembly", "Zqbriefing", "Zqminutes", "Zqbudget", "Zqslides", "Zqgrant"):
        assert files_containing(site.out, marker) == [], marker
    from inprocess import build

    ok, log = build(site.root, edition="members")
    assert ok, log
    for marker in ("Zqceo", "Zqcfo", "Zqonly", "Zqassembly", "Zqbriefing", "Zqminutes", "Zqbudget", "Zqslides", "Zqgrant"):
        assert files_containing(site.root / "site-members", marker), marker


def test_running_it_twice_is_harmless(site) -> None:
    today_layout(site)
    assert migrate(site).exit_code == 0
    after_first = snapshot(site.root)
    second = migrate(site)
    assert second.exit_code == 0
    assert "nothing to move" in second.output
    assert snapshot(site.root) == after_first


def test_what_it_cannot_move_faithfully_is_left_alone_and_reported(site) -> None:
    site.member("flow", "name: Flow\ntype: sme\nsummary: S.\ncountry: RO\ncontacts: [{name: Zqflow}]\n")
    site.member("acme", "name: Acme\ntype: sme\nsummary: S.\ncountry: RO\ninternal:\n  fee: 1\n")
    site.write("private/members/acme.yml", "internal:\n  fee: 2\n")
    before = snapshot(site.root)
    result = migrate(site)
    assert result.exit_code == 1
    assert "left alone: members/flow.yml: contacts are written on one line ([…]): move it by hand" in result.output
    assert "left alone: members/acme.yml: private/members/acme.yml already has these keys: merge them by hand" in result.output
    assert snapshot(site.root) == before, "no data lost, nothing half-moved"


def test_the_example_was_migrated_and_stays_so(tmp_path: Path) -> None:
    from conftest import copy_example

    copy_example(tmp_path)
    from sitefactory import Site

    result = migrate(Site(tmp_path))
    assert result.exit_code == 0 and "nothing to move" in result.output, result.output


def test_on_the_example_as_it_was_it_makes_exactly_the_committed_split(tmp_path: Path) -> None:
    """Today's example layout (before the private folder), from git history: migrating it gives the committed files."""
    import io
    import subprocess
    import tarfile

    from conftest import REPO

    first = subprocess.run(["git", "log", "--format=%H", "--diff-filter=A", "--", "example-private/members"], cwd=REPO, capture_output=True, text=True)
    commits = first.stdout.split()
    if first.returncode != 0 or not commits:
        import pytest

        pytest.skip("no git history here (a shallow checkout)")
    before = f"{commits[-1]}~1"
    archive = subprocess.run(["git", "archive", before, "mkdocs.yml", "cluster.yml", "members", "events", "content", "overrides", "schemas"], cwd=REPO, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp_path, filter="data")
    mkdocs = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(mkdocs.replace("      edition: !ENV", "      private_dir: example-private\n      edition: !ENV"), encoding="utf-8")
    from sitefactory import Site

    result = migrate(Site(tmp_path))
    assert result.exit_code == 0, result.output
    split = commits[-1]  # the commit that made the split: migrating the layout just before it gives exactly its files
    for folder in ("members", "events", "example-private/members", "example-private/events", "example-private/content/newsletter"):
        made = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in sorted((tmp_path / folder).rglob("*")) if p.is_file()}
        listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", split, "--", folder], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
        committed = {path: subprocess.run(["git", "show", f"{split}:{path}"], cwd=REPO, capture_output=True, check=True).stdout for path in listed}
        assert made == committed, folder
