"""A new cluster office's first steps, as `clustersite new` prints them, on a clean computer:
the package builds as a wheel, installs into a fresh virtualenv outside the repository, and
the site it scaffolds installs with its own `requirements.txt`, builds strictly and checks clean.

Slow (two virtualenvs, packages from the package index pip is configured with), so it runs
once, on MkDocs, and only the parts a user runs: no import from this repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ENGINE, REPO

pytestmark = [
    pytest.mark.install,
    pytest.mark.skipif(ENGINE != "mkdocs", reason="installs the package itself; the engine does not matter"),
]


def run(*args: str | Path, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """A command as a user types it: no virtualenv of ours active, no terminal."""
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(NO_MKDOCS_2_WARNING="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    result = subprocess.run([str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result


def base_python() -> str:
    """The Python the test virtualenv was made from, so the new virtualenvs share nothing with it."""
    return getattr(sys, "_base_executable", None) or sys.executable


def test_wheel_installs_and_scaffolds_a_site_that_builds(tmp_path: Path) -> None:
    work = tmp_path / "office"  # outside the repository
    work.mkdir()
    assert not work.resolve().is_relative_to(REPO)

    # The package builds as a wheel, with its templates, scaffold and assets.
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", work / "dist", REPO, cwd=work)
    [wheel] = (work / "dist").glob("clustersite-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("clustersite/plugin.py", "clustersite/templates/members/member.html", "clustersite/scaffold/mkdocs.yml.jinja",
                   "clustersite/scaffold/github/workflows/publish.yml", "clustersite/assets/clustersite.js", "clustersite/templates/vendor/pyproject.toml.jinja"):
        assert needed in names, needed

    # Installed into a fresh virtualenv, the command starts a new site.
    run(base_python(), "-m", "venv", work / "tools", cwd=work)
    run(work / "tools/bin/python", "-m", "pip", "install", "--quiet", wheel, cwd=work)
    run(work / "tools/bin/clustersite", "new", "north-imaging", "--name", "North Imaging Cluster", "--country", "NO", "--city", "Trondheim",
        "--site-url", "https://north-imaging.example.no/", cwd=work)
    site = work / "north-imaging"

    # Step 2 of what `new` prints, exactly: the site installs its own copy of the plugin.
    run(base_python(), "-m", "venv", ".venv", cwd=site)
    run(site / ".venv/bin/pip", "install", "--quiet", "-r", "requirements.txt", cwd=site)
    installed = run(site / ".venv/bin/python", "-c", "import clustersite, sys; print(clustersite.__file__)", cwd=site).stdout.strip()
    assert Path(installed).resolve().is_relative_to((site / ".venv").resolve()), "installed from vendor/, not from this repository"

    checked = run(site / ".venv/bin/clustersite", "check", cwd=site)
    assert "all data is valid" in checked.stdout
    run(site / ".venv/bin/mkdocs", "build", "--strict", cwd=site)
    assert (site / "site/index.html").is_file()
    assert (site / "site/members/example-imaging/index.html").is_file()
