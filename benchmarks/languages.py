"""Build time by number of languages: the generated site in 1, 2 and 3 languages.

Each language is one more whole build (see plugins/clustersite/languages.py), so the time
should grow no more than linearly: the ratio t(k) ÷ (k · t(1)) stays at or below 1 (the
start-up and the data's loading are paid once). Each build is a fresh `mkdocs build
--strict` process; the builds run in rounds (1, 2, 3 languages, then again), and the fastest
of each counts, as in run.py.

    python benchmarks/languages.py --members 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
from run import BUILD_ENV, count_pages  # noqa: E402

LANGUAGES = ["en", "ro", "de"]


def site_in(languages: list[str], template: Path, work: Path) -> Path:
    """A copy of the generated site with `languages:` set."""
    site = work / f"{len(languages)}-languages"
    if not site.exists():
        shutil.copytree(template, site)
        config = site / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        marker = "      timezone: Europe/Bucharest\n"
        assert marker in text
        config.write_text(text.replace(marker, f"{marker}      languages: [{', '.join(languages)}]\n"), encoding="utf-8")
    return site


def measure(site: Path, log: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and exit code of one fresh build."""
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml")],
                                   cwd=site, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **BUILD_ENV})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / "work" / "languages")
    args = parser.parse_args()
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    template = work / "template"
    generate.write_ours(generate.generate_data(args.members), template)
    sites = {k: site_in(LANGUAGES[:k], template, work) for k in range(1, len(LANGUAGES) + 1)}
    walls: dict[int, list[float]] = {k: [] for k in sites}
    cpus: dict[int, list[float]] = {k: [] for k in sites}
    pages: dict[int, int] = {}
    for round_number in range(args.repeat):
        for k, site in sites.items():
            shutil.rmtree(site / "site", ignore_errors=True)
            log = work / f"{k}-{round_number}.log"
            wall, cpu, code = measure(site, log)
            if code != 0:
                sys.exit(f"the build in {k} languages failed: see {log}")
            walls[k].append(wall)
            cpus[k].append(cpu)
            pages[k] = count_pages(site / "site")
            print(f"  round {round_number + 1}: {k} language(s): {wall:.2f} s wall, {cpu:.2f} s CPU, {pages[k]} pages", file=sys.stderr)
    wall = {k: min(times) for k, times in walls.items()}
    cpu = {k: min(times) for k, times in cpus.items()}
    print(f"| languages | pages | wall s | CPU s | wall t(k) ÷ t(1) | wall t(k) ÷ (k · t(1)) | CPU t(k) ÷ t(1) | CPU t(k) ÷ (k · t(1)) |  (fastest of {args.repeat})")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for k in sites:
        print(f"| {k} ({', '.join(LANGUAGES[:k])}) | {pages[k]} | {wall[k]:.2f} | {cpu[k]:.2f} | {wall[k] / wall[1]:.2f} | {wall[k] / (k * wall[1]):.2f} "
              f"| {cpu[k] / cpu[1]:.2f} | {cpu[k] / (k * cpu[1]):.2f} |")

if __name__ == "__main__":
    main()
