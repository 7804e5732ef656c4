"""The plugin's options in mkdocs.yml: checked at their lines by the build and by `clustersite check`
alike, the options README documents accepted as written, and `mkdocs gh-deploy` publishing the site.

The hostile corpus (`tests/hostile/cases_options.py`) holds one case per kind of mistake;
these tests cover what a single case cannot: a build without --strict, the members' edition,
the line of an option the text also names elsewhere, and deployment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENGINE, REPO, run_build
from sitefactory import MKDOCS_YML, Site
from test_hostile_corpus import build_errors

from clustersite.schema import write_schemas
from clustersite.vocabularies import merge_vocabularies


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clustersite", "check"], cwd=root, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)


def build(root: Path, *args: str, strict: bool = True) -> subprocess.CompletedProcess[str]:
    if strict:
        return run_build(root, *args)
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    return subprocess.run([sys.executable, "-m", ENGINE, "build", *args], cwd=root, capture_output=True, text=True, env=environ, timeout=600)


def logged_errors(stderr: str) -> list[str]:
    """The error lines of a build's log, as `mkdocs build` prints them (`ERROR    -  …`)."""
    return build_errors(re.sub(r"^(ERROR|WARNING|INFO|DEBUG)\s+-\s+", r"\1 - ", stderr, flags=re.M))


def test_a_typo_in_an_option_fails_even_without_strict(site: Site) -> None:
    """MkDocs alone only warns about an unknown plugin option, and the default stays in force."""
    site.write("mkdocs.yml", MKDOCS_YML.replace("      timezone: Europe/Bucharest\n", "      time_zone: Europe/Bucharest\n"))
    result = build(site.root, strict=False)
    expected = 'mkdocs.yml:9: time_zone: unknown option (did you mean "timezone"?)'
    assert result.returncode != 0
    assert logged_errors(result.stderr) == [expected]
    assert not (site.root / "site").exists(), "nothing was published"
    checked = check(site.root)
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [expected]


def test_an_option_written_twice_is_named_with_both_lines(site: Site) -> None:
    """YAML keeps the last value: an editor who changes the first sees nothing happen (the example once had this)."""
    site.write("mkdocs.yml", MKDOCS_YML.replace("      members_site_url:", "      timezone: Europe/Berlin\n      members_site_url:"))
    expected = "mkdocs.yml:10: timezone: is written twice (first on line 9), and only the last one counts (keep one of them)"
    result = build(site.root, strict=False)
    assert result.returncode != 0
    assert logged_errors(result.stderr) == [expected]
    checked = check(site.root)
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [expected]


def test_the_line_comes_from_the_parser_not_from_the_text(site: Site) -> None:
    """`timezone:` also appears in `extra:` and in a comment before the plugin's own option."""
    text = MKDOCS_YML.replace("\nsite_url:", "\n# timezone: set below\nextra:\n  timezone: shown in the footer\nsite_url:").replace(
        "timezone: Europe/Bucharest", "timezone: Europe/Bucharets"
    )
    site.write("mkdocs.yml", text)
    line = text.splitlines().index("      timezone: Europe/Bucharets") + 1
    expected = f'mkdocs.yml:{line}: timezone: "Europe/Bucharets" is not a known time zone (did you mean "Europe/Bucharest"?)'
    assert check(site.root).stdout.splitlines() == [expected]
    assert logged_errors(build(site.root).stderr) == [expected]


def test_options_in_the_mapping_form_of_plugins_have_their_lines(site: Site) -> None:
    site.write("mkdocs.yml", MKDOCS_YML.split("plugins:")[0] + "plugins:\n  search: {}\n  cluster:\n    timezone: Europe/Bucharest\n    edition: member\n")
    expected = 'mkdocs.yml:10: edition: "member" is not one of the allowed values (did you mean "members"?)'
    assert check(site.root).stdout.splitlines() == [expected]
    assert logged_errors(build(site.root).stderr) == [expected]


def test_the_options_readme_documents_build_and_check_clean(site: Site) -> None:
    """README's options block as written: `!ENV`, an unquoted build_date, extra vocabulary terms."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Plugin options\n\n```yaml\n(.*?)```", readme, re.S).group(1)
    site.write("mkdocs.yml", MKDOCS_YML.split("plugins:")[0] + block)
    match = re.search(r"vocabularies:.*\n\s+technologies: \{(\S+): ([^}]+)\}", block)
    write_schemas(site.root / "schemas", merge_vocabularies({"technologies": {match.group(1): match.group(2)}}))
    site.member("valid-member")
    result = check(site.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert build(site.root).returncode == 0


def test_check_reports_what_only_the_members_edition_refuses(site: Site) -> None:
    """events/members.ics is generated in the members' edition alone: a page there breaks only that build."""
    site.write("mkdocs.yml", MKDOCS_YML.replace("  - cluster:\n", "  - cluster:\n      edition: !ENV [CLUSTERSITE_EDITION, public]\n"))
    site.member("valid-member")
    site.write("content/events/members.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    expected = "content/events/members.ics: this path is generated by clustersite (rename or remove the file)"
    assert build(site.root).returncode == 0
    members = run_build(site.root, env={"CLUSTERSITE_EDITION": "members"})
    assert members.returncode != 0
    assert logged_errors(members.stderr) == [expected]
    result = check(site.root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected]


@pytest.mark.parametrize("languages", ["", "[en, ro]"])
def test_gh_deploy_pushes_the_built_site(site: Site, tmp_path: Path, languages: str) -> None:
    """`mkdocs gh-deploy` publishes site_dir after the build: the staged folder has moved into place by then,
    with every language's tree in it."""
    site.member("valid-member")
    if languages:
        site.write("mkdocs.yml", MKDOCS_YML.replace("      timezone: Europe/Bucharest\n", f"      timezone: Europe/Bucharest\n      languages: {languages}\n"))
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1795000000",
        "GIT_AUTHOR_NAME": "Cluster office",
        "GIT_AUTHOR_EMAIL": "office@cluster.example.org",
        "GIT_COMMITTER_NAME": "Cluster office",
        "GIT_COMMITTER_EMAIL": "office@cluster.example.org",
    }
    remote = tmp_path / "remote.git"
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run([*git, "init", "-q"], cwd=site.root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=site.root, check=True)
    subprocess.run(["git", "commit", "-qm", "The site"], cwd=site.root, check=True, env=env)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=site.root, check=True)
    result = subprocess.run(
        [sys.executable, "-m", ENGINE, "gh-deploy", "--strict", "--remote-name", "origin", "--no-history"],
        cwd=site.root, capture_output=True, text=True, env=env, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    listing = subprocess.run(["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"], capture_output=True, text=True, check=True).stdout.split()
    assert {"index.html", "members/index.html", "members/valid-member/index.html", "sitemap.xml", "assets/clustersite.js"} <= set(listing)
    assert ({"ro/index.html", "ro/members/valid-member/index.html", "ro/sitemap.xml"} <= set(listing)) == bool(languages)
    home = subprocess.run(["git", "--git-dir", str(remote), "show", "gh-pages:index.html"], capture_output=True, text=True, check=True).stdout
    assert "Test Cluster" in home
    assert (site.root / "site" / "index.html").is_file(), "the built site stays in site_dir"


def test_other_commands_refuse_to_work_with_a_mistaken_option(site: Site) -> None:
    """`add` and `schema` would write files from options the build refuses: configuration error, exit 2."""
    site.write("mkdocs.yml", MKDOCS_YML.replace("  - cluster:\n", "  - cluster:\n      vocabularies:\n        technology: {x: X}\n"))
    for args in (["schema"], ["add", "member", "--name", "Acme", "--type", "sme", "--summary", "Imaging.", "--country", "RO"]):
        result = subprocess.run([sys.executable, "-m", "clustersite", *args], cwd=site.root, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
        assert result.returncode == 2, result.stderr
        assert 'mkdocs.yml:10: vocabularies.technology: unknown vocabulary (did you mean "technologies"?)' in result.stderr
        assert "Traceback" not in result.stderr
    assert not (site.root / "members" / "acme.yml").exists()


def test_a_mkdocs_yml_mkdocs_cannot_read_is_a_configuration_error_not_a_traceback(site: Site) -> None:
    site.write("mkdocs.yml", MKDOCS_YML.replace("  - cluster:\n", "  - cluster:\n      build_date: 2026-13-01\n"))
    result = check(site.root)
    assert result.returncode == 2
    assert "mkdocs.yml: cannot be read: month must be in 1..12" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_wrong_source_date_epoch_is_one_line_in_the_build_and_in_check(site: Site) -> None:
    site.member("valid-member")
    expected = 'SOURCE_DATE_EPOCH: "yesterday" is not a Unix timestamp (set it to whole seconds, e.g. $(git log -1 --format=%ct))'
    assert logged_errors(run_build(site.root, env={"SOURCE_DATE_EPOCH": "yesterday"}).stderr) == [expected]
    result = subprocess.run([sys.executable, "-m", "clustersite", "check"], cwd=site.root, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected]
