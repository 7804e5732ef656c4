"""The member directory and the map page in Chromium: time to interactive, filter latency and bytes transferred.

The built site is served from a local http.server; requests to other hosts (Material's
web fonts) are blocked, as they would only measure the network. Times come from the page's
own clock (performance.now(), event.timeStamp), not from the driver's round trips:

- ready: from navigation start until the directory's script sets `data-cs-ready` on
  `[data-cs-directory]` (a MutationObserver installed before the page's scripts run); the map
  page (`map/`) runs the same script, and its markers are drawn by then;
- keystroke / facet: from the keydown (or the click) event's timestamp until the directory
  dispatches `clustersite:update`, the end of its update (the script time; on the map page
  the map's own listener on the page has run by then), and until the frame after it (script,
  style, layout and paint);
- bytes: every resource the page loaded, gzip-compressed (level 6, as web servers do), in kB
  of 1,000 bytes: the strict reading of the 500 KB target.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import statistics
import threading
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

OBSERVE_READY = """
window.__cs = {ready: null, samples: []};
new MutationObserver(() => {
  if (window.__cs.ready === null && document.querySelector('[data-cs-directory][data-cs-ready]')) {
    window.__cs.ready = performance.now();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-cs-ready']});
"""

OBSERVE_UPDATES = """
() => {
  const count = document.querySelector('[data-cs-result-count]');
  let started = null;
  const start = (event) => { started = event.timeStamp; };
  document.addEventListener('keydown', start, true);
  document.addEventListener('click', start, true);
  document.addEventListener('clustersite:update', () => {
    if (started === null) return;
    const t0 = started, script = performance.now() - t0;
    started = null;
    requestAnimationFrame(() => setTimeout(() => {
      window.__cs.samples.push({script, frame: performance.now() - t0, text: count.textContent});
    }, 0));
  });
}
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


INJECT_CSS = """
(css => new MutationObserver((records, observer) => {
  if (!document.head) return;
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
  observer.disconnect();
}).observe(document, {childList: true, subtree: true}))(%s);
"""


def measure(site: Path, members: int, *, path: str = "members/", loads: int = 3, extra_css: str = "", extra_script: str = "") -> dict[str, Any]:
    """Open `path` (the directory, or the map: `map/`) `loads` times (cold cache each time), then type and click in it.

    `extra_css` is added to the page before it renders, and `extra_script` runs before the
    page's own scripts: ways to try a fix without a rebuild.
    """
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    url = f"{base}/{path}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ready_times, dom_times, load_times = [], [], []
            resources: dict[str, tuple[int, int, str]] = {}
            for attempt in range(loads):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
                page = context.new_page()
                page.add_init_script(OBSERVE_READY)
                if extra_css:
                    page.add_init_script(INJECT_CSS % json.dumps(extra_css))
                if extra_script:
                    page.add_init_script(extra_script)
                if attempt == 0:
                    page.on("response", lambda response: _record(response, resources))
                page.goto(url, wait_until="load")
                page.wait_for_function("window.__cs.ready !== null", timeout=60_000)
                timing = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0]; return {dom: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }")
                ready_times.append(page.evaluate("window.__cs.ready"))
                dom_times.append(timing["dom"])
                load_times.append(timing["load"])
                if attempt == 0:
                    page.wait_for_load_state("networkidle")
                if attempt < loads - 1:
                    context.close()
            keystrokes = _keystrokes(page)
            facets = _facet_clicks(page)
            context.close()
            browser.close()
    finally:
        server.shutdown()
    total_raw = sum(raw for raw, _, _ in resources.values())
    total_gzip = sum(packed for _, packed, _ in resources.values())
    return {
        "members": members,
        "page": path,
        "ready_ms": statistics.median(ready_times),
        "dom_content_loaded_ms": statistics.median(dom_times),
        "load_ms": statistics.median(load_times),
        "keystroke": _summary(keystrokes),
        "facet": _summary(facets),
        "bytes_raw": total_raw,
        "bytes_gzip": total_gzip,
        "resources": {url.replace(base, ""): {"raw": raw, "gzip": packed, "type": kind} for url, (raw, packed, kind) in sorted(resources.items(), key=lambda item: -item[1][1])},
    }


def _record(response: Any, resources: dict[str, tuple[int, int, str]]) -> None:
    try:
        body = response.body()
    except Exception:  # noqa: BLE001 - a blocked or aborted request transferred nothing
        return
    resources[response.url] = (len(body), len(gzip.compress(body, 6)), response.request.resource_type)


def _wait_sample(page: Any, before: int) -> bool:
    try:
        page.wait_for_function(f"window.__cs.samples.length > {before}", timeout=3000)
        return True
    except Exception:  # noqa: BLE001 - no update: no sample
        return False


def _settle(page: Any) -> None:
    """Wait until the page has drawn two frames: scrolling done by the driver is not timed."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _keystrokes(page: Any) -> list[dict[str, float]]:
    """Type and erase words one key at a time; each key is a sample."""
    page.evaluate(OBSERVE_UPDATES)
    box = page.locator("[data-cs-query]")
    box.click()
    _settle(page)
    samples_before = page.evaluate("window.__cs.samples.length")
    for word in ("suceava", "pet", "iasi", "radiology"):
        for key in list(word) + ["Backspace"] * len(word):
            before = page.evaluate("window.__cs.samples.length")
            page.keyboard.press(key)
            _wait_sample(page, before)
    return page.evaluate(f"window.__cs.samples.slice({samples_before})")


def _facet_clicks(page: Any) -> list[dict[str, float]]:
    """Tick and untick the first two options of each facet."""
    samples_before = page.evaluate("window.__cs.samples.length")
    facets = page.locator("[data-cs-facet]")
    for facet in range(facets.count()):
        boxes = facets.nth(facet).locator("input:visible")
        for index in range(min(2, boxes.count())):
            box = boxes.nth(index)
            for _ in range(2):  # tick, then untick
                box.scroll_into_view_if_needed()
                _settle(page)
                before = page.evaluate("window.__cs.samples.length")
                box.click()
                _wait_sample(page, before)
    return page.evaluate(f"window.__cs.samples.slice({samples_before})")


def _summary(samples: list[dict[str, float]]) -> dict[str, float]:
    if not samples:
        return {"count": 0}
    script = sorted(s["script"] for s in samples)
    frame = sorted(s["frame"] for s in samples)
    return {
        "count": len(samples),
        "script_median_ms": statistics.median(script),
        "script_max_ms": script[-1],
        "frame_median_ms": statistics.median(frame),
        "frame_max_ms": frame[-1],
    }


PAGE_NAMES = {"members/": "directory page", "map/": "map page"}


def table(result: dict[str, Any]) -> str:
    """The browser measurements as a Markdown table, with the targets."""
    key, facet = result["keystroke"], result["facet"]

    def row(label: str, summary: dict[str, float]) -> str:
        if not summary.get("count"):
            return f"| {label} | no update observed | | < 50 ms |"
        return (f"| {label} ({summary['count']} samples) | median {summary['script_median_ms']:.1f} ms, max {summary['script_max_ms']:.1f} ms | "
                f"median {summary['frame_median_ms']:.1f} ms, max {summary['frame_max_ms']:.1f} ms | < 50 ms |")

    top = ", ".join(f"{url} {values['gzip'] / 1000:.0f} kB" for url, values in list(result["resources"].items())[:4])
    return "\n".join([
        f"| {PAGE_NAMES.get(result.get('page', 'members/'), result.get('page'))}, {result['members']:,} members | script | to the next frame | target |",
        "| --- | --- | --- | --- |",
        f"| time to interactive (`data-cs-ready`) | {result['ready_ms']:.0f} ms | DOMContentLoaded {result['dom_content_loaded_ms']:.0f} ms, load {result['load_ms']:.0f} ms | |",
        row("keystroke → updated list", key),
        row("facet click → updated list", facet),
        f"| bytes transferred (gzip) | {result['bytes_gzip'] / 1000:.0f} kB ({result['bytes_raw'] / 1000:.0f} kB raw, {len(result['resources'])} requests) | largest: {top} | < 500 kB |",
    ])


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Measure the member directory of a built site in Chromium.")
    parser.add_argument("site", type=Path, help="the built site folder (with members/index.html)")
    parser.add_argument("--members", type=int, default=0)
    parser.add_argument("--page", default="members/", help="the page to open: members/ (the directory) or map/")
    parser.add_argument("--extra-css", default="", help="CSS added to the page, to try a fix without a rebuild")
    parser.add_argument("--extra-script", default="", help="JavaScript run before the page's scripts, to try a fix without a rebuild")
    args = parser.parse_args()
    outcome = measure(args.site, args.members, path=args.page, extra_css=args.extra_css, extra_script=args.extra_script)
    print(table(outcome))
    print(json.dumps({k: v for k, v in outcome.items() if k != "resources"}, indent=2))
