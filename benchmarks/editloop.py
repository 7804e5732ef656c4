"""The editor's loop in `mkdocs serve`: from saving a file until the served page shows the change.

For each N it generates a site (generate.py), starts `mkdocs serve` (or `properdocs serve`)
on a free port of 127.0.0.1 and, in turn, saves a change to a member, an event and a
newsletter issue, adds a member and deletes it again. After each save it polls the page
the change shows on over HTTP, every 20 ms, until the page shows it (or, for the deleted
member, answers 404): that time is what an editor waits. Each change is made `--repeat`
times; the median counts. Before each save it waits `--pause` seconds (2 by default), as an
editor reads the page before the next change; the plugin runs the server's full garbage
collection in such a pause (collector.py), and `--pause 0` measures saves in quick succession.

The same run measures a baseline: the same server with clustersite's serve-mode cache
switched off (`uncached.py`), so every rebuild parses and renders the whole site as before
the cache. Compare the ratios: the machine is shared, and the seconds move with its load.

    python benchmarks/editloop.py --sizes 44,2000
    python benchmarks/editloop.py --sizes 20000 --repeat 1 --modes cached
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (found through the sys.path entry above)

ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000", "PYTHONHASHSEED": "0"}
CHANGES = ("edit member", "edit event", "edit issue", "add member", "delete member")


@dataclass
class Result:
    n: int
    mode: str
    change: str
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status_and_body(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:  # noqa: S310  (the benchmark's own server on 127.0.0.1)
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class Server:
    """`<engine> serve` of `site` on 127.0.0.1, with or without clustersite's cache."""

    def __init__(self, site: Path, engine: str, mode: str, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        runner = [sys.executable, str(HERE / "uncached.py"), engine] if mode == "uncached" else [sys.executable, "-m", engine]
        self.log = log.open("wb")
        started = time.monotonic()
        self.process = subprocess.Popen(
            [*runner, "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{self.port}"],
            cwd=site, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, **ENV},
        )
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: see {log}")
            try:
                status_and_body(self.url)
                break
            except OSError:
                time.sleep(0.1)
        self.startup = time.monotonic() - started

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def wait_until(url: str, shows, limit: float = 900) -> float:
    """Seconds from now until the page at `url` satisfies `shows(status, body)`."""
    started = time.monotonic()
    while True:
        status, body = status_and_body(url)
        if shows(status, body):
            return time.monotonic() - started
        if time.monotonic() - started > limit:
            raise TimeoutError(url)
        time.sleep(0.02)


def save(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def marked(text: str, mark: str) -> str:
    """A data file's text with `mark` at the start of its summary (quoted or not)."""
    quoted = '\nsummary: "'
    return text.replace(quoted, f"{quoted}{mark} ", 1) if quoted in text else text.replace("\nsummary: ", f"\nsummary: {mark} ", 1)


def public_file(folder: Path, pattern: str, server: Server, section: str) -> Path:
    """The first file of `folder` whose page the public edition publishes."""
    for path in sorted(folder.glob(pattern)):
        if status_and_body(f"{server.url}{section}/{path.stem}/")[0] == 200:
            return path
    raise RuntimeError(f"no public page in {folder}")


def measure(site: Path, server: Server, n: int, mode: str, repeat: int, pause: float) -> list[Result]:
    results = {change: Result(n, mode, change, []) for change in CHANGES}
    member = sorted((site / "members").glob("*.yml"))[len(list((site / "members").glob("*.yml"))) // 2]
    event = public_file(site / "events", "*.yml", server, "events")
    issue = public_file(site / "content" / "newsletter", "*.md", server, "newsletter")
    originals = {path: path.read_text(encoding="utf-8") for path in (member, event, issue)}
    try:
        for round_ in range(repeat):
            mark = f"editloop{mode}{round_}x{time.monotonic_ns()}"
            time.sleep(pause)
            save(member, marked(originals[member], mark))
            results["edit member"].seconds.append(wait_until(f"{server.url}members/{member.stem}/", lambda s, b, mark=mark: mark in b))
            time.sleep(pause)
            save(event, marked(originals[event], mark))
            results["edit event"].seconds.append(wait_until(f"{server.url}events/{event.stem}/", lambda s, b, mark=mark: mark in b))
            time.sleep(pause)
            save(issue, originals[issue].replace("\n---\n", f"\n---\n\n{mark}\n", 1))
            results["edit issue"].seconds.append(wait_until(f"{server.url}newsletter/{issue.stem}/", lambda s, b, mark=mark: mark in b))
            added = site / "members" / f"editloop-new-{round_}.yml"
            time.sleep(pause)
            save(added, marked(originals[member], mark))
            url = f"{server.url}members/{added.stem}/"
            results["add member"].seconds.append(wait_until(url, lambda s, b, mark=mark: s == 200 and mark in b))
            time.sleep(pause)
            added.unlink()
            results["delete member"].seconds.append(wait_until(url, lambda s, b: s == 404))
    finally:
        for path, text in originals.items():
            save(path, text)
    return list(results.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="44,2000", help="numbers of members, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pause", type=float, default=2.0, help="seconds an editor reads the page before the next save")
    parser.add_argument("--modes", default="uncached,cached", help="uncached (the baseline) and/or cached")
    parser.add_argument("--engine", default="mkdocs", choices=("mkdocs", "properdocs"))
    parser.add_argument("--workdir", type=Path, default=HERE / "work" / "editloop")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    startups: dict[str, float] = {}
    for n in [int(size) for size in args.sizes.split(",")]:
        site = args.workdir / f"site-{n}"
        if site.exists():
            shutil.rmtree(site)
        generate.WRITERS["ours"](generate.generate_data(n, generate.SEED), site)
        for mode in args.modes.split(","):
            server = Server(site, args.engine, mode, args.workdir / f"serve-{n}-{mode}.log")
            startups[f"{n} {mode}"] = server.startup
            print(f"N={n} {mode}: served after {server.startup:.2f} s", flush=True)
            try:
                for result in measure(site, server, n, mode, args.repeat, args.pause):
                    results.append(result)
                    print(f"  {result.change:14} median {result.median:.2f} s  ({', '.join(f'{s:.2f}' for s in result.seconds)})", flush=True)
            finally:
                server.stop()
    print()
    print("| N | change | uncached (s) | cached (s) | cached ÷ uncached |")
    print("| ---: | --- | ---: | ---: | ---: |")
    by_key = {(r.n, r.mode, r.change): r for r in results}
    for n in sorted({r.n for r in results}):
        for change in CHANGES:
            before, after = by_key.get((n, "uncached", change)), by_key.get((n, "cached", change))
            ratio = f"{after.median / before.median:.2f}" if before and after else "–"
            print(f"| {n:,} | {change} | {before.median:.2f} |" if before else f"| {n:,} | {change} | – |", end="")
            print(f" {after.median:.2f} | {ratio} |" if after else " – | – |")
    if args.json:
        args.json.write_text(json.dumps({"results": [asdict(r) | {"median": r.median} for r in results], "startup": startups}, indent=2))


if __name__ == "__main__":
    main()
