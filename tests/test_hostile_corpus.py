"""The hostile-input corpus: each bad file fails with its exact one-line error, never a traceback,
and leaves no partial output behind (the previous site stays as it was)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile import CASES, EXPECTED, Case
from inprocess import build
from sitefactory import Site


def test_corpus_is_large_and_complete() -> None:
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)
    assert set(EXPECTED) == {case.id for case in CASES}, "every case has its expected error"


def build_errors(log: str) -> list[str]:
    """The lines of the errors a build logged, without the closing count: what it refused."""
    lines: list[str] = []
    in_error = False
    for line in log.splitlines():
        if line.startswith(("ERROR - ", "WARNING - ", "INFO - ", "DEBUG - ")):
            in_error = line.startswith("ERROR - ")
            line = line.removeprefix("ERROR - ")
        if in_error and line and not line.startswith("clustersite:"):
            lines.append(line)
    return lines


def make_site(tmp_path: Path, case: Case) -> Site:
    site = Site.create(tmp_path / "site")
    site.member("valid-member")
    for relative, data in case.extra + ((case.path, case.content),):
        site.write(relative, data)
    for relative, target in case.symlinks:
        link = site.root / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(target)
    return site


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case_fails_check_and_build_with_its_one_line_error(tmp_path: Path, case: Case) -> None:
    from clustersite.commands import main

    site = make_site(tmp_path, case)
    previous = site.out
    previous.mkdir()
    (previous / "index.html").write_text("the site as it was deployed", encoding="utf-8")

    cwd = os.getcwd()
    os.chdir(site.root)
    try:
        result = CliRunner().invoke(main, ["check"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), "no traceback"
    errors = [line for line in result.output.splitlines() if not line.startswith("clustersite:")]
    assert errors == [EXPECTED[case.id]]

    ok, log = build(site.root)
    assert not ok
    assert build_errors(log) == errors, "the build refuses exactly what check reports"
    assert "Traceback" not in log
    assert [p.name for p in previous.iterdir()] == ["index.html"], "the previous site is untouched"
    assert not list(site.root.glob(".site*")), "no partial output is left"
