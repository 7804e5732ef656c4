"""Where a serve-mode rebuild spends its time, in real seconds: each phase timed without a profiler.

cProfile (rebuild_profile.py) shows what is called, but it slows small Python calls (the
cache's fingerprints) far more than C code (Markdown's regular expressions, Jinja's output),
so its shares mislead. This runs the same rebuilds (a member's summary changed before each)
and wraps a few phases in a timer; the median rebuild and each phase's mean are printed.

To compare two versions of the plugin on the same machine in the same minutes, run it once
per version with that version's package first on the path, and alternate:

    python benchmarks/rebuild_phases.py --members 2000 --rebuilds 8
    PYTHONPATH=/tmp/old/plugins python benchmarks/rebuild_phases.py --members 2000 --rebuilds 8

(`git worktree add /tmp/old <commit>` gives the old version's files.)
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rebuild_profile import served_site  # noqa: E402

PHASES = (
    ("clustersite.plugin", "ClusterPlugin", "on_config"),
    ("clustersite.plugin", "ClusterPlugin", "_site_files"),
    ("clustersite.sitedata", None, "load_site_data"),
    ("clustersite.structure.members", "MemberPages", "files"),
    ("clustersite.structure.opendata", "OpenDataPages", "export_files"),
    ("clustersite.plugin", "ClusterPlugin", "on_nav"),
    ("clustersite.incremental", "IncrementalBuild", "plan_pages"),
    ("mkdocs.commands.build", None, "_populate_page"),
    ("mkdocs.structure.pages", "Page", "render"),
    ("clustersite.structure.members", "MemberPages", "_render_directory"),
    ("clustersite.structure.map", "MapPage", "_render"),
    ("clustersite.plugin", "ClusterPlugin", "on_page_content"),
    ("clustersite.plugin", "ClusterPlugin", "on_env"),
    ("mkdocs.commands.build", None, "_build_page"),
    ("mkdocs.structure.files", "Files", "add_files_from_theme"),
    ("clustersite.plugin", "ClusterPlugin", "on_post_build"),
    ("clustersite.cache", "BuildCache", "fingerprint"),
)
"""(module, class or None, function): phases nest (load_site_data is part of _site_files)."""


def timed(totals: Counter[str]) -> None:
    """Wrap each phase so that its seconds add up in `totals` (a name missing in this version is skipped)."""
    for module_name, owner, name in PHASES:
        module = importlib.import_module(module_name)
        target: Any = getattr(module, owner, None) if owner else module
        original = getattr(target, name, None) if target is not None else None
        if original is None:
            print(f"  (no {module_name}.{owner or ''}.{name} in this version)")
            continue
        label = f"{owner or module_name}.{name}"

        def wrapper(*args: Any, _original: Any = original, _label: str = label, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                totals[_label] += time.perf_counter() - started

        setattr(target, name, functools.wraps(original)(wrapper))
        for user in ("clustersite.plugin",):  # a function imported by name is called through the importer's name
            importer = importlib.import_module(user)
            if owner is None and getattr(importer, name, None) is original:
                setattr(importer, name, getattr(target, name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--rebuilds", type=int, default=6)
    parser.add_argument("--pause", type=float, default=2.0, help="seconds between rebuilds, as an editor reads the page (the server collects garbage then)")
    args = parser.parse_args()
    import clustersite

    print(f"plugin: {Path(clustersite.__file__).parent}")
    totals: Counter[str] = Counter()
    timed(totals)
    with served_site(args.members) as edit:
        totals.clear()
        seconds = []
        for round_ in range(args.rebuilds):
            time.sleep(args.pause)
            seconds.append(edit(f"round{round_}"))
    print(f"rebuild after a member's edit: median {statistics.median(seconds):.3f} s ({', '.join(f'{s:.2f}' for s in seconds)}; load average {os.getloadavg()[0]:.1f})")
    for label, total in totals.most_common():
        print(f"  {total / args.rebuilds:7.3f} s  {label}")


if __name__ == "__main__":
    main()
