"""A member or event that left or was renamed, old addresses, and `check` listing every error at once."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from click.testing import CliRunner
from conftest import build_ok, run_build
from sitefactory import MEMBER, Site

from clustersite.commands import main


def check(site: Site, *args: str, env: dict[str, str] | None = None):
    old = Path.cwd()
    os.chdir(site.root)
    try:
        return CliRunner().invoke(main, ["check", *args], catch_exceptions=False, env=env)
    finally:
        os.chdir(old)


def partners_of(slug: str, count: int, site: Site) -> None:
    for index in range(count):
        site.member(f"member-{index:02d}", MEMBER.format(name=f"Member {index}") + f"partners: [{slug}]\n")


def test_a_deleted_member_named_by_eleven_others_is_one_error_naming_its_file_and_both_fixes(site: Site) -> None:
    site.member("nistru-medical-university")  # a near neighbour, which a "did you mean" would wrongly suggest
    partners_of("nistru-medical-universit", 11, site)
    result = check(site)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "nistru" in line]
    assert len(lines) == 1, result.output
    line = lines[0]
    assert line.startswith('members/member-00.yml:5: partners[0]: "nistru-medical-universit" is not a member: there is no members/nistru-medical-universit.yml, and 11 files name it')
    assert "members/member-10.yml:5" in line
    assert "did you mean" not in line
    assert "remove these lines if the member left the cluster" in line and "previous_slugs: [nistru-medical-universit]" in line


def test_a_typo_in_one_place_still_gets_did_you_mean(site: Site) -> None:
    site.member("acme-imaging")
    site.member("beta", MEMBER.format(name="Beta") + "partners: [acme-imagin]\n")
    result = check(site)
    assert 'members/beta.yml:5: partners[0]: "acme-imagin" is not a member (did you mean "acme-imaging"?)' in result.output


def test_a_file_deleted_in_git_gets_no_did_you_mean(site: Site) -> None:
    """One reference, a near neighbour, but git knows the file was a member: it left, it is no typo."""
    site.member("acme-imaging")
    site.member("acme-imagine")
    site.member("beta", MEMBER.format(name="Beta") + "partners: [acme-imagine]\n")
    git = ["git", "-c", "user.name=Office", "-c", "user.email=office@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=site.root, check=True)
    subprocess.run([*git, "add", "."], cwd=site.root, check=True)
    subprocess.run([*git, "commit", "-qm", "members"], cwd=site.root, check=True)
    subprocess.run([*git, "rm", "-q", "members/acme-imagine.yml"], cwd=site.root, check=True)
    subprocess.run([*git, "commit", "-qm", "Acme Imagine left"], cwd=site.root, check=True)
    commit = subprocess.run(["git", "log", "-1", "--format=%h"], cwd=site.root, capture_output=True, text=True, check=True).stdout.strip()
    result = check(site)
    assert f'members/beta.yml:5: partners[0]: "acme-imagine" is not a member: members/acme-imagine.yml was deleted in commit {commit} (remove this line' in result.output
    assert "did you mean" not in result.output


def test_references_to_a_renamed_member_name_its_new_name(site: Site) -> None:
    site.member("copou-university", MEMBER.format(name="Copou University") + "previous_slugs: [copou-medical-university]\n")
    site.member("beta", MEMBER.format(name="Beta") + "partners: [copou-medical-university]\n")
    site.write("events/day.yml", "title: Day\ntype: workshop\nstart: 2026-05-12\nsummary: S.\nonline: https://meet.example.org/day\norganisers: [copou-medical-university]\n")
    result = check(site)
    assert result.exit_code == 1
    assert (
        'events/day.yml:6: organisers[0]: "copou-medical-university" was renamed to "copou-university" '
        '(members/copou-university.yml lists it under previous_slugs) (write "copou-university" here and in members/beta.yml:5)'
    ) in result.output
    assert result.output.count("copou-medical-university") == 1 + result.output.count("previous_slugs") - 1


def test_an_old_name_that_a_live_file_uses_is_refused(site: Site) -> None:
    site.member("acme")
    site.member("beta", MEMBER.format(name="Beta") + "previous_slugs: [acme]\n")
    site.member("gamma", MEMBER.format(name="Gamma") + "previous_slugs: [old-gamma]\n")
    site.member("delta", MEMBER.format(name="Delta") + "previous_slugs: [old-gamma]\n")
    result = check(site)
    assert 'members/beta.yml:5: previous_slugs[0]: "acme" is the name of a file that exists (an old name must be free: remove it here, or rename the other file)' in result.output
    assert 'members/gamma.yml:5: previous_slugs[0]: "old-gamma" is also an old name of members/delta.yml' in result.output


def test_old_addresses_redirect_to_the_new_ones(site: Site) -> None:
    site.member("copou-university", MEMBER.format(name="Copou University") + "previous_slugs: [copou-medical-university]\n")
    site.write("events/imaging-day-2026.yml", "title: Imaging Day\ntype: workshop\nstart: 2026-05-12\nsummary: S.\nonline: https://meet.example.org/day\nprevious_slugs: [imaging-days]\n")
    site.write("content/newsletter/2026-02-funding.md", "---\ntitle: Funding\ndate: 2026-02-03\nprevious_slugs: [2026-02-calls]\n---\nText.\n")
    out = build_ok(site)
    for old, new in (("members/copou-medical-university", "members/copou-university/"), ("events/imaging-days", "events/imaging-day-2026/"), ("newsletter/2026-02-calls", "newsletter/2026-02-funding/")):
        page = (out / old / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url=../../{new}">' in page
        assert f'<link rel="canonical" href="https://cluster.example.org/{new}">' in page
        assert f'<a href="../../{new}">' in page
        assert "<script" not in page
        assert (out / new / "index.html").is_file()
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "copou-medical-university" not in sitemap
    calendar = (out / "events" / "events.ics").read_text(encoding="utf-8")
    assert "UID:imaging-days@cluster.example.org" in calendar  # calendars that subscribed before the rename update the event


def test_check_lists_every_error_of_a_file_in_one_run(site: Site) -> None:
    site.member("acme")
    site.member(
        "beta",
        "name: Beta\ntype: sme\nsummary: " + "x" * 300 + "\ncountry: RO\ntechnologies: [not-a-term]\npartners: [acme-imaging-co]\n",
    )
    site.member("gamma", "name: Gamma\nname: Again\ntype: smee\nsummary: S.\ncountry: RO\npartners: [nobody-here]\n")
    result = check(site)
    out = result.output
    assert "members/beta.yml:3: summary: is 300 characters long" in out
    assert 'members/beta.yml:5: technologies: "not-a-term" is not a known technologies term' in out
    assert 'members/beta.yml:6: partners[0]: "acme-imaging-co" is not a member' in out
    assert 'members/gamma.yml:2: duplicate key "name" (first on line 1)' in out
    assert 'members/gamma.yml:3: type: "smee" is not one of the allowed values' in out
    assert 'members/gamma.yml:6: partners[0]: "nobody-here" is not a member' in out
    assert "clustersite: 6 errors." in out
    result = run_build(site.root)  # the build refuses the same
    assert result.returncode != 0 and 'members/gamma.yml:2: duplicate key "name"' in result.stderr and "members/gamma.yml:3: type:" in result.stderr


def test_github_format_writes_every_error_to_the_job_summary_and_says_annotations_were_cut(site: Site, tmp_path: Path) -> None:
    for index in range(12):
        site.member(f"m{index:02d}", MEMBER.format(name=f"M {index}").replace("type: sme", "type: smee"))
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = check(site, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 12
    assert "::warning title=clustersite check::GitHub shows only the first 10 of these 12 errors as annotations" in result.output
    table = summary.read_text(encoding="utf-8")
    assert table.startswith("earlier step\n## clustersite check: 12 errors\n")
    rows = [line for line in table.splitlines() if line.startswith("| members/")]
    assert len(rows) == 12
    assert rows[0] == '| members/m00.yml | 2 | type | "smee" is not one of the allowed values | did you mean "sme"? |'
