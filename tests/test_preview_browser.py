"""The editor's preview in a real `mkdocs serve` (or `properdocs serve`): errors show in the browser.

A failed build used to make the server hold every request until the data was fixed: the
browser waited forever with nothing drawn. In serve mode the plugin now builds a site
whose every page lists the errors, which the open tab reloads into, and out of again.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ENGINE
from sitefactory import Site

BROKEN = """\
name: Acme Imaging
type: sme
summary: Imaging software for hospitals.
country: Norway
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(root: Path) -> Iterator[str]:
    """`mkdocs serve` (or `properdocs serve`) of `root` on a free loopback port, stopped afterwards."""
    port = free_port()
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    log = (root / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", ENGINE, "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"], cwd=root, stdout=log, stderr=subprocess.STDOUT, env=environ
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, (root / "serve.log").read_text()
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  (the test's own mkdocs serve on 127.0.0.1)
        return response.read().decode()


@pytest.mark.browser
def test_an_open_tab_shows_the_errors_and_reloads_into_the_page_once_fixed(site: Site, page) -> None:
    member = site.member("acme", name="Acme Imaging")
    with served(site.root) as url:
        page.goto(url + "members/acme/")
        assert page.locator("h1").first.inner_text() == "Acme Imaging"

        member.write_text(BROKEN, encoding="utf-8")
        error = page.locator("[data-cs-error]")
        error.first.wait_for(timeout=60_000)  # the open tab reloaded by itself
        assert error.count() == 1
        text = error.first.inner_text()
        assert "members/acme.yml:4" in text and "country" in text and '"Norway" is not an ISO country code' in text
        assert 'did you mean "NO"?' in text
        # Every page of the site, and one that does not exist, answers at once with the errors.
        for path in ("", "members/", "events/", "for-members/", "no-such-page/"):
            assert "members/acme.yml:4" in fetch_any(url + path)

        member.write_text(BROKEN.replace("Norway", "NO"), encoding="utf-8")
        page.locator("h1", has_text="Acme Imaging").wait_for(timeout=60_000)  # and reloaded again, into the page
        assert page.locator("[data-cs-error]").count() == 0
        assert "Acme Imaging" in fetch(url + "members/")


@pytest.mark.browser
def test_a_site_broken_from_the_start_is_served_as_its_errors(site: Site, page) -> None:
    site.member("acme", BROKEN)
    site.write("events/kick-off.yml", "title: Kick-off\ntype: meeting\nstart: 2027-01-10\nsummary: First meeting.\n")
    with served(site.root) as url:
        page.goto(url + "members/acme/")
        texts = page.locator("[data-cs-error]").all_inner_texts()
        assert any(text.startswith("members/acme.yml:4 country:") for text in texts), texts
        assert any(text.startswith("events/kick-off.yml:2 type:") for text in texts), texts
        assert "members/acme.yml:4" in fetch(url + "events/kick-off/")


def fetch_any(url: str) -> str:
    """The body of `url`, also when the server answers with an error status (the 404 page)."""
    try:
        return fetch(url)
    except urllib.error.HTTPError as error:
        return error.read().decode()


def test_each_save_of_a_page_or_a_data_file_rebuilds_the_site_once(site: Site) -> None:
    """The plugin watches docs_dir and the data folders in place of MkDocs' half-second poll of
    docs_dir (watching.py): a save is found once, by one watcher, and the page shows it."""
    site.member("acme", name="Acme Imaging")
    site.write("content/news.md", "# News\n\nFirst.\n")
    with served(site.root) as url:
        log = site.root / "serve.log"

        def rebuilds() -> int:
            return log.read_text(encoding="utf-8", errors="replace").count("Detected file changes")

        def wait_for(path: str, text: str) -> None:
            deadline = time.monotonic() + 60
            while text not in fetch_any(url + path):
                assert time.monotonic() < deadline, log.read_text(encoding="utf-8", errors="replace")
                time.sleep(0.05)

        before = rebuilds()
        (site.root / "content" / "news.md").write_text("# News\n\nSecond.\n", encoding="utf-8")
        wait_for("news/", "Second.")
        site.member("acme", name="Acme Diagnostics")
        wait_for("members/acme/", "Acme Diagnostics")
        (site.root / "network").mkdir(exist_ok=True)
        (site.root / "network" / "README.md").write_text("Other clusters' exports.\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while rebuilds() < before + 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.5)  # MkDocs' own poll would have found the page's save by now, too
        assert rebuilds() == before + 3, log.read_text(encoding="utf-8", errors="replace")
