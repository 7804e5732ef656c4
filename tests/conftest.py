"""Shared fixtures: which engine builds (MkDocs or ProperDocs), small sites, the example site.

`scripts/test` runs the suite once per engine with CLUSTERSITE_ENGINE set; under
ProperDocs, `mkdocs.*` imports are redirected to `properdocs.*` exactly as its CLI does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ENGINE = os.environ.get("CLUSTERSITE_ENGINE", "mkdocs")
if ENGINE == "properdocs":
    import properdocs.replacement  # noqa: F401  (redirects `import mkdocs` to properdocs)

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitefactory import Site  # noqa: E402


def run_build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` (or `properdocs build`) in `root`, as a user runs it."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", ENGINE, "build", "--strict", "-f", "mkdocs.yml", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=environ,
        timeout=600,
    )


def build_ok(site: Site, out: str = "site") -> Path:
    """Build a test site that must build; return its output folder (`site-members` for that edition)."""
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    return site.root / out


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright (installed by scripts/test)."""
    from browser import browser

    with browser() as instance:
        yield instance


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A small valid site in a temporary folder, to which a test adds its own files."""
    return Site.create(tmp_path / "site")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example site, built once (public edition); returns the output folder."""
    work = tmp_path_factory.mktemp("example")
    copy_example(work)
    result = run_build(work)
    assert result.returncode == 0, result.stderr
    return work / "site"


def copy_example(target: Path) -> None:
    """Copy the example site's sources (not its build output or virtualenvs) to `target`."""
    for name in ("mkdocs.yml", "cluster.yml"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, target / name)
    for name in ("content", "members", "events", "opportunities", "overrides", "schemas", "brand", "example-private"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, target / name)
