"""Where a serve-mode rebuild spends its time: cProfile of one rebuild after a member's edit.

It generates a site with generate.py, runs the rebuilds `mkdocs serve` runs (a fresh
configuration each time, the plugin instances MkDocs keeps, `serve_url`, not dirty) in
this process, saves a change to one member's summary and profiles the next rebuild.
The wall time of the rebuild without the profiler is printed too, and the top functions
by cumulative and by own time.

    python benchmarks/rebuild_profile.py --members 2000 [--out rebuild.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (found through the sys.path entry above)

SERVE_URL = "http://127.0.0.1:8000/"


def _config(site: Path, site_dir: Path):
    from mkdocs.config import load_config

    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    return config


def rebuild(site: Path, site_dir: Path) -> float:
    from mkdocs.commands.build import build

    started = time.perf_counter()
    build(_config(site, site_dir), serve_url=SERVE_URL)
    return time.perf_counter() - started


@contextmanager
def served_site(members: int) -> Iterator[Callable[[str], float]]:
    """A generated site of `members` members, built once as `mkdocs serve` starts (in this process).

    Yields `edit(mark)`: put `mark` at the start of one member's summary, save, and run the
    rebuild `mkdocs serve` runs; returns its seconds.
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory() as folder:
        site, site_dir = Path(folder) / "site", Path(folder) / "served"
        generate.WRITERS["ours"](generate.generate_data(members, generate.SEED), site)
        os.chdir(site)
        _config(site, site_dir).plugins.on_startup(command="serve", dirty=False)
        print(f"first build: {rebuild(site, site_dir):.2f} s")
        member = sorted((site / "members").glob("*.yml"))[members // 2]
        original = member.read_text(encoding="utf-8")

        def edit(mark: str) -> float:
            member.write_text(original.replace("\nsummary: ", f"\nsummary: {mark} ", 1), encoding="utf-8")
            return rebuild(site, site_dir)

        yield edit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--out", type=Path, help="write the profile's statistics here (for snakeviz, pstats)")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    with served_site(args.members) as edit:
        for round_ in range(2):
            print(f"rebuild after an edit: {edit(f'round{round_}'):.2f} s")
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.runcall(edit, "profiled")
        print(f"profiled rebuild: {time.perf_counter() - started:.2f} s (load average {os.getloadavg()[0]:.1f})")
    stats = pstats.Stats(profile).strip_dirs()
    if args.out:
        stats.dump_stats(args.out)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
