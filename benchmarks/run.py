"""Run the benchmark: build generated sites with clustersite and its alternatives, side by side.

For every N it generates one data set (benchmarks/generate.py) and builds, each in a fresh
process whose wall time and peak RSS are measured (os.wait4 gives each child's own
rusage):

- ours            clustersite's full build of the site (`mkdocs build --strict`);
- floor           plain MkDocs + Material on equivalent hand-written Markdown pages, out of the nav;
- floor-nav       the same with every member page in the nav (small N only: it is quadratic);
- ours-newsletter clustersite building only the N/20 newsletter issues;
- blog            Material's blog plugin + mkdocs-rss-plugin on the same issues;
- hugo            Hugo building the member pages from generated content.

Then it opens the directory page and the map page of the site with `--browser-size` members in
Chromium (benchmarks/browser.py), and with `--profile N` profiles our build at N with pyinstrument.
It prints a Markdown table and writes the results as JSON. Timings are never asserted:
this is a benchmark, not a test.

    python benchmarks/run.py                        # N = 100, 1000, 5000, 20000 (~15 min)
    python benchmarks/run.py --sizes 100,1000 --no-browser
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

HUGO = os.environ.get("HUGO", shutil.which("hugo") or "/usr/bin/hugo")
PYTHON = sys.executable
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000", "PYTHONHASHSEED": "0"}


@dataclass
class Measurement:
    n: int
    kind: str
    seconds: float
    peak_rss_mb: float
    pages: int
    ok: bool
    runs: list[float]
    """Every build's seconds; `seconds` is the fastest (the least disturbed by other load)."""

    @property
    def per_page_ms(self) -> float:
        return 1000 * self.seconds / self.pages if self.pages else float("nan")


def command(kind: str, site: Path) -> list[str]:
    if kind == "hugo":
        return [HUGO, "--quiet", "--source", str(site), "--destination", str(site / "site")]
    strict = ["--strict"] if kind in ("ours", "ours-newsletter", "floor", "floor-nav") else []
    return [PYTHON, "-m", "mkdocs", "build", *strict, "-f", str(site / "mkdocs.yml")]


def run_measured(cmd: list[str], cwd: Path, log: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and exit code of one child process and its children."""
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **BUILD_ENV})
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode  # ru_maxrss is in KB on Linux


def count_pages(output: Path) -> int:
    """Pages a visitor can open: index.html files (not the 404 page, nor e-mail versions of issues)."""
    return sum(1 for _ in output.rglob("index.html"))


def build_once(kind: str, site: Path, n: int, logs: Path) -> tuple[float, float, bool]:
    """Build `site` from scratch once: (seconds, peak RSS in MB, success)."""
    shutil.rmtree(site / "site", ignore_errors=True)
    log = logs / f"{n}-{kind}.log"
    seconds, rss, code = run_measured(command(kind, site), site, log)
    if code != 0:
        print(f"    {kind} failed (exit {code}), see {log}:\n" + "\n".join(log.read_text(errors="replace").splitlines()[-8:]), file=sys.stderr)
    return seconds, rss, code == 0


def profile(site: Path, out: Path) -> Path:
    """Our build at one N under pyinstrument: where the time goes, as a tree and flat (and HTML)."""
    shutil.rmtree(site / "site", ignore_errors=True)
    session = out / "profile.pyisession"
    pyinstrument = [PYTHON, "-m", "pyinstrument"]
    subprocess.run([*pyinstrument, "--renderer", "session", "--outfile", str(session), "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml")],
                   cwd=site, env={**os.environ, **BUILD_ENV}, check=True)
    text = out / "profile.txt"
    subprocess.run([*pyinstrument, f"--load={session}", "--renderer", "text", "-p", "processor_options.filter_threshold=0.01", "--outfile", str(text)], check=True)
    subprocess.run([*pyinstrument, f"--load={session}", "--renderer", "text", "-p", "flat=true", "--outfile", str(out / "profile-flat.txt")], check=True)
    subprocess.run([*pyinstrument, f"--load={session}", "--renderer", "html", "--outfile", str(out / "profile.html")], check=True)
    return text


def machine() -> dict[str, str]:
    """What the numbers were measured on: they only compare within one run."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-rss-plugin", "pydantic", "jinja2", "markdown", "pyyaml", "playwright"):
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:  # noqa: BLE001 - a missing package is reported as such
            versions[package] = "not installed"
    try:
        hugo = subprocess.run([HUGO, "version"], capture_output=True, text=True).stdout.split()[1]
    except (OSError, IndexError):
        hugo = "not installed"
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip() if Path("/usr/bin/chromium").exists() else "not installed"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": f"{mem_kb / 1024 / 1024:.1f} GB",
        "python": platform.python_version(),
        "os": platform.platform(),
        **versions,
        "hugo": hugo,
        "chromium": chromium,
    }


def ratio(a: Measurement | None, b: Measurement | None) -> str:
    if not a or not b or not a.ok or not b.ok or not b.seconds:
        return "–"
    return f"{a.seconds / b.seconds:.2f}"


def table(results: list[Measurement]) -> str:
    """The build table: one row per build, with our time as a ratio to the floor and the blog."""
    by = {(m.n, m.kind): m for m in results}
    rows = ["| N | build | pages | seconds | ms / page | peak RSS (MB) | ours ÷ this (time) | ours ÷ this (per page) |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for m in results:
        ours = by.get((m.n, "ours-newsletter" if m.kind in ("blog", "ours-newsletter") else "ours"))
        if m.ok:
            per_page = f"{ours.per_page_ms / m.per_page_ms:.2f}" if ours and ours.ok and m is not ours else "–"
            cells = [f"{m.pages}", f"{m.seconds:.2f}", f"{m.per_page_ms:.2f}", f"{m.peak_rss_mb:.0f}", ratio(ours, m) if m is not ours else "–", per_page]
        else:
            cells = ["–", "failed", "–", "–", "–", "–"]
        rows.append(f"| {m.n:,} | {m.kind} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000,20000", help="comma-separated numbers of members")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / "work", help="where the sites are generated and built (git-ignored)")
    parser.add_argument("--kinds", default="ours,floor,floor-nav,ours-newsletter,blog,hugo")
    parser.add_argument("--in-nav-max", type=int, default=1000, help="largest N for the in-nav floor (quadratic)")
    parser.add_argument("--repeat", type=int, default=0, help="builds per measurement (default: 3 up to N=1000, else 1)")
    parser.add_argument("--browser-size", type=int, default=5000, help="members on the directory page measured in Chromium")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--profile", type=int, default=0, help="profile our build at this N with pyinstrument")
    parser.add_argument("--keep", action="store_true", help="keep the generated and built sites (about 40 KB per page)")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    args = parser.parse_args()

    sizes = [int(size) for size in args.sizes.split(",")]
    kinds = args.kinds.split(",")
    args.workdir.mkdir(parents=True, exist_ok=True)
    logs = args.workdir / "logs"
    logs.mkdir(exist_ok=True)
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), flush=True)

    results: list[Measurement] = []
    browser_site: Path | None = None
    for n in sizes:
        content = generate.generate_data(n)
        todo = [kind for kind in kinds if not (kind == "floor-nav" and n > args.in_nav_max)]
        for kind in todo:
            site = args.workdir / str(n) / kind
            shutil.rmtree(site, ignore_errors=True)
            generate.WRITERS[kind](content, site)
        runs: dict[str, list[tuple[float, float, bool]]] = {kind: [] for kind in todo}
        # Rounds over all contenders rather than one contender's repeats in a row, so that
        # a burst of load on a shared machine does not fall on one of them only.
        for _ in range(args.repeat or (3 if n <= 1000 else 1)):
            for kind in todo:
                if all(ok for _, _, ok in runs[kind]):
                    runs[kind].append(build_once(kind, args.workdir / str(n) / kind, n, logs))
        for kind in todo:
            site = args.workdir / str(n) / kind
            ok = all(ok for _, _, ok in runs[kind])
            seconds = min(s for s, _, _ in runs[kind]) if ok else float("nan")
            measurement = Measurement(n, kind, seconds, max(r for _, r, _ in runs[kind]), count_pages(site / "site") if ok else 0, ok, [s for s, _, _ in runs[kind]])
            results.append(measurement)
            print(f"N={n:>6} {kind:<16} {measurement.seconds:8.2f} s  {measurement.pages:6} pages  {measurement.per_page_ms:6.2f} ms/page  {measurement.peak_rss_mb:6.0f} MB", flush=True)
            if kind == "ours" and n == args.browser_size:
                browser_site = site / "site"
            elif not args.keep:
                shutil.rmtree(site / "site", ignore_errors=True)
        if args.profile == n and "ours" in kinds:
            report = profile(args.workdir / str(n) / "ours", args.workdir)
            print(f"profile of our build at N={n}: {report} (and profile-flat.txt, profile.html)", flush=True)

    browser = browser_map = None
    if not args.no_browser:
        if browser_site is None:
            site = args.workdir / str(args.browser_size) / "ours"
            shutil.rmtree(site, ignore_errors=True)
            generate.write_ours(generate.generate_data(args.browser_size), site)
            code = run_measured(command("ours", site), site, logs / f"{args.browser_size}-ours-browser.log")[2]
            browser_site = site / "site" if code == 0 else None
        if browser_site is not None:
            import browser as browser_module

            browser = browser_module.measure(browser_site, args.browser_size)
            # The map page in the same run: the directory's numbers are its baseline.
            browser_map = browser_module.measure(browser_site, args.browser_size, path="map/")

    if not args.keep:  # the generated sources: a few hundred MB at 20,000 members
        for n in {*sizes, args.browser_size}:
            shutil.rmtree(args.workdir / str(n), ignore_errors=True)

    print("\n" + table(results))
    for measured in (browser, browser_map):
        if measured:
            print("\n" + browser_module.table(measured))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "builds": [asdict(m) | {"per_page_ms": m.per_page_ms} for m in results], "browser": browser, "browser_map": browser_map}, indent=2, default=str), encoding="utf-8")
    print(f"\nlogs: {logs}")
    if args.json:
        print(f"results: {args.json}")


if __name__ == "__main__":
    main()
