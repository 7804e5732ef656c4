"""The connections, value-chain and figures pages at scale: transfer size and the graph's response.

    .venv/bin/python benchmarks/insights.py [--members 5000] [--workdir benchmarks/work/insights]

Generates the benchmark's data set (generate.py, seed 2024) with N members, builds it with
clustersite, serves it on loopback and opens each new page in Chromium (requests to other
hosts aborted). For each page, and for the member directory as the baseline of the same run:

- bytes: every resource the page loaded, gzip level 6, in kB of 1,000 bytes;
- response: on the connections page, from the keydown of a Tab that moves the focus to the
  next point of the graph until the graph shows it lit (the script's work), and until the
  frame after it; on the directory, the same for a click on a type filter (its
  `clustersite:update`). Medians and maxima of 20 samples each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from browser import ARGS, CHROMIUM, serve  # noqa: E402

PAGES = ["members/", "connections/", "value-chain/", "figures/"]

OBSERVE = """
window.__cs = {samples: [], started: null};
document.addEventListener('keydown', e => { window.__cs.started = e.timeStamp; }, true);
document.addEventListener('click', e => { window.__cs.started = e.timeStamp; }, true);
function __csDone() {
  const t0 = window.__cs.started;
  if (t0 === null) return;
  window.__cs.started = null;
  const script = performance.now() - t0;
  requestAnimationFrame(() => setTimeout(() => window.__cs.samples.push({script, frame: performance.now() - t0}), 0));
}
document.addEventListener('clustersite:update', __csDone);
new MutationObserver(records => {
  if (records.some(r => r.target.classList && r.target.classList.contains('cs-lit'))) __csDone();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['class']});
"""


def summary(samples: list[dict[str, float]]) -> dict[str, float]:
    script = sorted(s["script"] for s in samples)
    frame = sorted(s["frame"] for s in samples)
    return {"count": len(samples), "script_median_ms": round(statistics.median(script), 1), "script_max_ms": round(script[-1], 1),
            "frame_median_ms": round(statistics.median(frame), 1), "frame_max_ms": round(frame[-1], 1)}


def wait_sample(page: Any, before: int) -> None:
    page.wait_for_function(f"window.__cs.samples.length > {before}", timeout=5000)


def measure(site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    results: dict[str, Any] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for path in PAGES:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
                page = context.new_page()
                page.add_init_script(OBSERVE)
                sizes: dict[str, tuple[int, int]] = {}

                def record(response: Any, sizes: dict[str, tuple[int, int]] = sizes) -> None:
                    try:
                        body = response.body()
                    except Exception:  # noqa: BLE001 - an aborted request transferred nothing
                        return
                    sizes[response.url] = (len(body), len(gzip.compress(body, 6)))

                page.on("response", record)
                page.goto(f"{base}/{path}", wait_until="load")
                page.wait_for_load_state("networkidle")
                page.remove_listener("response", record)  # what the page loads, not what a focus or click fetches later
                html = sizes.get(f"{base}/{path}", (0, 0))
                entry: dict[str, Any] = {
                    "kB_gzip_total": round(sum(p for _, p in sizes.values()) / 1000, 1),
                    "kB_gzip_html": round(html[1] / 1000, 1),
                    "kB_raw_html": round(html[0] / 1000, 1),
                }
                if path == "connections/":
                    entry["aggregated"] = page.evaluate("document.querySelector('[data-cs-graph]').hasAttribute('data-cs-aggregated')")
                    page.wait_for_selector("[data-cs-graph][data-cs-ready]")
                    page.focus("[data-cs-graph] [data-key]")
                    nodes = page.evaluate("document.querySelectorAll('[data-cs-graph] [data-key]').length")
                    for _ in range(20):
                        before = page.evaluate("window.__cs.samples.length")
                        page.keyboard.press("Tab" if page.evaluate("document.activeElement.nextElementSibling !== null") else "Shift+Tab")
                        wait_sample(page, before)
                        time.sleep(0.05)
                    entry["nodes"] = nodes
                    entry["focus"] = summary(page.evaluate("window.__cs.samples"))
                if path == "members/":
                    page.wait_for_selector("[data-cs-directory][data-cs-ready]")
                    box = page.locator("[data-cs-facet=type] input").first
                    for _ in range(20):
                        before = page.evaluate("window.__cs.samples.length")
                        box.click()
                        wait_sample(page, before)
                        time.sleep(0.05)
                    entry["filter"] = summary(page.evaluate("window.__cs.samples"))
                results[path] = entry
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / "work" / "insights")
    parser.add_argument("--no-build", action="store_true", help="measure the site already built in the work dir")
    args = parser.parse_args()
    site = args.workdir / f"ours-{args.members}"
    if not args.no_build:
        site.mkdir(parents=True, exist_ok=True)
        generate.write_ours(generate.generate_data(args.members), site)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml")], check=True)
        print(f"built {args.members} members in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(json.dumps({"members": args.members, "pages": measure(site / "site")}, indent=1))


if __name__ == "__main__":
    main()
