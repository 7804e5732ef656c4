"""Serving a built site on loopback and opening it in Debian's chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = Path(__file__).resolve().parent / "screenshots"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """No request log: a failing test's output shows its assertion, not hundreds of GET lines."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def follow(page, link) -> None:
    """Click a link and wait until the page it leads to has loaded.

    A click returns once the navigation has started, while the old page may still be
    showing: asserting on the page straight after it races against the browser.
    """
    before = page.url
    link.click()
    page.wait_for_url(lambda url: url != before)


def answer_for_site_url(page, directory: Path, site_url: str) -> None:
    """Answer the page's requests to the site's public address from the build, as its host would.

    Absolute links (feeds, calendars, e-mail images) point at `site_url`, which this
    machine cannot reach.
    """

    def from_the_build(route) -> None:
        target = directory / urlsplit(route.request.url).path.lstrip("/")
        target = target / "index.html" if target.is_dir() else target
        route.fulfill(path=str(target)) if target.is_file() else route.fulfill(status=404)

    page.route(site_url + "**", from_the_build)


@contextlib.contextmanager
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
