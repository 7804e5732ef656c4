"""Every kind of bad member file gives one line naming file, line and field, with a fix."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import run_build

VALID = """\
name: Acme Imaging
type: sme
summary: Imaging software for hospitals.
country: RO
"""

CASES = [
    # (file content, expected error line)
    (VALID.replace("country: RO", "country: Norway"), 'members/acme.yml:4: country: "Norway" is not an ISO country code (did you mean "NO"?)'),
    (VALID.replace("country: RO", "country: ro"), 'members/acme.yml:4: country: "ro" is not an ISO country code (did you mean "RO"?)'),
    (VALID.replace("country: RO", "country: false"), 'members/acme.yml:4: country: False is not an ISO country code (quote it, e.g. country: "NO")'),
    (VALID + "websit: https://acme.example\n", 'members/acme.yml:5: websit: unknown key "websit" (did you mean "website"?)'),
    (VALID.replace("name: Acme Imaging\n", ""), "members/acme.yml:1: name: is required (add `name: …`)"),
    (VALID.replace("type: sme", "type: smee"), 'members/acme.yml:2: type: "smee" is not one of the allowed values (did you mean "sme"?)'),
    (VALID.replace("Imaging software for hospitals.", "x" * 281), "members/acme.yml:3: summary: is 281 characters long, at most 280 allowed (shorten it)"),
    (VALID + "website: javascript:alert(1)\n", 'members/acme.yml:5: website: "javascript:alert(1)" is not a web address (only http:// and https:// links are allowed, e.g. https://www.example.org)'),
    (VALID + "website: ftp://acme.example\n", 'members/acme.yml:5: website: "ftp://acme.example" is not a web address (only http:// and https:// links are allowed, e.g. https://www.example.org)'),
    (VALID + "joined: 2024-13-45\n", 'members/acme.yml:5: joined: expected a date (YYYY-MM-DD), got "2024-13-45" (month value is outside expected range of 1-12) (write it as YYYY-MM-DD, e.g. 2024-03-01)'),
    (VALID + "joined: 1 March 2024\n", 'members/acme.yml:5: joined: "1 March 2024" is not a date (write it as YYYY-MM-DD, e.g. 2024-03-01)'),
    (VALID + "technologies: [mri, petmri]\n", 'members/acme.yml:5: technologies: "petmri" is not a known technologies term (did you mean "pet-mri"?)'),
    (VALID + "technologies: mri\n", 'members/acme.yml:5: technologies: expected a list, got "mri" (write one `- item` per line)'),
    (VALID + "partners: [nobody]\n", 'members/acme.yml:5: partners[0]: "nobody" is not a member: there is no members/nobody.yml (remove this line if the member left the cluster; if its file was renamed, write the new name here and add `previous_slugs: [nobody]` to that file)'),
    (VALID + "partners: [acme]\n", "members/acme.yml:5: partners[0]: a member cannot be its own partner (remove this line)"),
    (VALID + "location: {lat: 95, lon: 27.6}\n", 'members/acme.yml:5: location.lat: "95" is out of range (input should be less than or equal to 90)'),
    (VALID + "contacts:\n  - name: Ana Pop\n    email: ana.example.org\n", 'members/acme.yml:7: contacts[0].email: "ana.example.org" is not an e-mail address (write it like name@example.org)'),
    (VALID + "contacts:\n  - name: Ana Pop\n    public: maybe\n", 'members/acme.yml:7: contacts[0].public: expected true or false, got "maybe" (write true or false)'),
    (VALID + "logo: ../../etc/passwd\n", 'members/acme.yml:5: logo: "../../etc/passwd" points outside the members folder (put the image in members/logos/ and write logos/<file>)'),
    (VALID + "logo: /etc/passwd.png\n", 'members/acme.yml:5: logo: "/etc/passwd.png" points outside the members folder (put the image in members/logos/ and write logos/<file>)'),
    (VALID + "logo: logos/missing.png\n", 'members/acme.yml:5: logo: the file "logos/missing.png" does not exist (add the image to the pull request or fix the path)'),
    (VALID + "name: Again\n", 'members/acme.yml:5: duplicate key "name" (first on line 1) (keep one of them; YAML would silently drop the other)'),
    ("- name: Acme\n", "members/acme.yml:1: the file must be a mapping of keys, not a list (start with `name: …` lines, not `- …`)"),
    (VALID.replace("Acme Imaging", "<script>alert(1)</script>"), 'members/acme.yml:1: name: "<script>" looks like HTML, which a name or title cannot contain (write plain text; a < before a space or digit, as in "doses < 1 mSv", is fine)'),
]


@pytest.mark.parametrize(("content", "expected"), CASES, ids=[c[1].split(": ", 2)[1] + ":" + str(i) for i, c in enumerate(CASES)])
def test_bad_member_file_gives_one_clear_line(site, content: str, expected: str) -> None:
    from clustersite.sources.members import load_members
    from clustersite.vocabularies import merge_vocabularies

    site.member("acme", content)
    _, errors = load_members(site.root / "members", site.root, {"vocabularies": merge_vocabularies({})})
    assert [str(error) for error in errors] == [expected]


def test_file_names_are_slugs(site) -> None:
    from clustersite.sources.members import load_members

    site.member("Acme", VALID)
    site.member("beta", VALID)
    site.write("members/beta.yaml", VALID)
    _, errors = load_members(site.root / "members", site.root, {})
    assert [str(e) for e in errors] == [
        'members/Acme.yml: the file name "Acme.yml" is not a valid slug (the slug is the permanent URL: rename it to "acme.yml")',
        'members/beta.yml: the slug "beta" is used twice (also members/beta.yaml) (rename or merge one of the two files)',
    ]


def test_a_member_file_name_that_is_a_looping_link_is_no_member_file(site) -> None:
    """As `Path.is_file` says of it: listing the folder must not fail on it (the repository scan reports it)."""
    from clustersite.sources.files import data_files

    site.member("acme", VALID)
    (site.root / "members" / "loop.yml").symlink_to("loop.yml")
    (site.root / "members" / "through.yml").symlink_to("acme.yml/child")
    found, errors = data_files(site.root / "members", site.root)
    assert list(found) == ["acme"] and errors == []


def test_symlinked_logo_out_of_the_repository_is_refused(site, tmp_path) -> None:
    from clustersite.sources.members import load_members

    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 10)
    (site.root / "members" / "logos").mkdir()
    (site.root / "members" / "logos" / "acme.png").symlink_to(outside)
    site.member("acme", VALID + "logo: logos/acme.png\n")
    _, errors = load_members(site.root / "members", site.root, {})
    assert [str(e) for e in errors] == ['members/acme.yml:5: logo: "logos/acme.png" points outside the members folder (commit the image itself, not a link to it)']


def test_a_linked_logo_folder_out_of_the_repository_is_refused_and_a_link_inside_is_followed(site, tmp_path) -> None:
    """A link in any part of the logo's path is resolved in full (sources.members._real_file)."""
    from clustersite.sources.members import load_members

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "acme.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 10)
    (site.root / "members" / "logos").symlink_to(outside, target_is_directory=True)
    (site.root / "members" / "images").mkdir()
    (site.root / "members" / "images" / "beta.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"1" * 10)
    (site.root / "members" / "images" / "alias.png").symlink_to("beta.png")
    site.member("acme", VALID + "logo: logos/acme.png\n")
    site.member("beta", VALID + "logo: images/alias.png\n")
    site.member("gamma", VALID + "logo: images\n")
    records, errors = load_members(site.root / "members", site.root, {})
    assert [str(e) for e in errors] == [
        'members/acme.yml:5: logo: "logos/acme.png" points outside the members folder (commit the image itself, not a link to it)',
        'members/gamma.yml:5: logo: "images" is not an SVG, PNG, JPEG or WebP image (convert the logo to SVG or PNG)',
    ]
    assert records["beta"].logo_path == (site.root / "members" / "images" / "beta.png").resolve()


def test_failed_build_reports_every_error_without_traceback_and_keeps_the_previous_site(site) -> None:
    site.member("good")
    assert run_build(site.root).returncode == 0
    before = sorted(p.relative_to(site.out) for p in site.out.rglob("*"))
    site.member("acme", VALID.replace("country: RO", "country: Norway"))
    site.member("beta", VALID + "partners: [acme, gamma]\n")
    result = run_build(site.root)
    assert result.returncode != 0
    assert 'members/acme.yml:4: country: "Norway" is not an ISO country code (did you mean "NO"?)' in result.stderr
    assert 'members/beta.yml:5: partners[1]: "gamma" is not a member' in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(site.out) for p in site.out.rglob("*")) == before, "the previous site is untouched"
    assert not (site.root / ".site.partial").exists(), "no half-written output is left behind"
    assert not (site.out / "members" / "beta").exists()


def test_a_second_build_at_the_same_time_stops_and_leaves_the_first_alone(site) -> None:
    """Two builds of one site would share its staging folder: the second must not empty the first's."""
    import fcntl
    import os

    site.member("good")
    assert run_build(site.root).returncode == 0
    before = sorted(p.relative_to(site.out) for p in site.out.rglob("*"))
    staging = site.root / ".site.partial"
    staging.mkdir()
    (staging / "index.html").write_text("the other build's page", encoding="utf-8")
    lock = os.open(site.root / ".site.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as the first build holds it
        site.member("beta")
        result = run_build(site.root)
    finally:
        os.close(lock)
    assert result.returncode != 0
    assert "site/: another build of this site is running (it holds .site.lock); wait for it to finish, then build again. The site was not changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert (staging / "index.html").read_text(encoding="utf-8") == "the other build's page", "the other build's files stay"
    assert sorted(p.relative_to(site.out) for p in site.out.rglob("*")) == before
    assert run_build(site.root).returncode == 0, "once the first build ends, the next one runs"
    assert (site.out / "members" / "beta" / "index.html").exists()


def test_a_file_system_without_locks_still_builds(site, monkeypatch) -> None:
    """Some network shares refuse flock: the build goes on unguarded (as on Windows) and says so."""
    import errno
    import io
    import logging

    from inprocess import build

    from clustersite import output

    def no_locks(descriptor: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(output.fcntl, "flock", no_locks)
    site.member("good")
    said = io.StringIO()
    handler = logging.StreamHandler(said)
    logger = output.log.logger  # the engine's plugin logger (mkdocs.plugins.… or properdocs.plugins.…)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        ok, log = build(site.root)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert ok, log
    assert ".site.lock: this file system cannot lock files (No locks available), so two builds at once are not prevented" in said.getvalue()
    assert (site.out / "members" / "good" / "index.html").exists()


def test_a_strict_build_that_warns_while_configuring_keeps_the_previous_site(site) -> None:
    """The example-address warning comes from on_config, before the build starts writing:
    strict mode aborts on it, so the site it built must not replace the published one."""
    site.member("good")
    assert run_build(site.root).returncode == 0
    before = {p.relative_to(site.out): p.read_bytes() for p in site.out.rglob("*") if p.is_file()}
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: https://cluster.example.org/", "site_url: https://example.org/"), encoding="utf-8")
    site.member("beta")
    result = run_build(site.root)
    assert result.returncode != 0
    assert "site_url: https://example.org/ is an example address" in result.stderr
    assert {p.relative_to(site.out): p.read_bytes() for p in site.out.rglob("*") if p.is_file()} == before, "the previous site is untouched"


def test_check_command_lists_all_errors_and_exits_1(site) -> None:
    site.member("acme", VALID.replace("country: RO", "country: Norway"))
    site.member("beta", VALID + "websit: https://beta.example\n")
    result = subprocess.run([sys.executable, "-m", "clustersite", "check"], cwd=site.root, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'members/acme.yml:4: country: "Norway" is not an ISO country code (did you mean "NO"?)',
        'members/beta.yml:5: websit: unknown key "websit" (did you mean "website"?)',
    ]
    assert "2 errors" in result.stderr


def test_check_command_annotates_a_pull_request(site) -> None:
    site.member("acme", VALID.replace("country: RO", "country: Norway"))
    result = subprocess.run([sys.executable, "-m", "clustersite", "check", "--format", "github"], cwd=site.root, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        '::error file=members/acme.yml,line=4,title=country::"Norway" is not an ISO country code (did you mean "NO"?)'
    ]


def test_bad_build_date_is_explained_not_a_traceback(site) -> None:
    site.member("acme", VALID)
    result = run_build(site.root, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode != 0
    assert 'SOURCE_DATE_EPOCH: "yesterday" is not a Unix timestamp' in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_mode_warning_keeps_the_previous_site(site) -> None:
    site.member("good")
    assert run_build(site.root).returncode == 0
    before = {p.relative_to(site.out): p.read_bytes() for p in site.out.rglob("*") if p.is_file()}
    site.member("late", name="Late Member")
    site.write("content/index.md", "# Test Cluster\n\nSee [the old page](missing.md).\n")
    result = run_build(site.root)
    assert result.returncode != 0 and "missing.md" in result.stderr
    after = {p.relative_to(site.out): p.read_bytes() for p in site.out.rglob("*") if p.is_file()}
    assert after == before, "a build that strict mode aborts publishes nothing"
    assert not list(site.root.glob(".site*"))
