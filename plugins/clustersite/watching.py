"""Serve mode's watch on the data folders: cheap enough for 20,000 members, and quiet while a site builds.

MkDocs' server finds changes with watchdog's polling observer, which snapshots every watched
folder every half second from a thread of its own. Its snapshot is Python-heavy (≈ 15 µs a
file): at 20,000 members the members folder (34,000 files with the logos) took 0.5 s a
snapshot, so the observer held the interpreter about half the time, rebuilds included
(benchmarks/RESULTS.md). MkDocs polls rather than asking the operating system for events
because events do not reach it from Docker's and network mounts, so the plugin polls too,
but itself, for its own folders and for docs_dir (which `mkdocs serve` polls every half second
and the plugin takes over from it in `on_serve`, so that a saved issue is found as soon as a
saved member, and once):

- one `os.scandir` walk, comparing each file's size, times and inode with the last walk's
  (≈ 2 µs a file);
- no walk while a build runs (`pause`/`resume` from the plugin's build hooks): what changes
  during a build is found by the first walk after it, as MkDocs finds it after the build;
- the pause between walks grows with the walk's time (`SHARE`), so the watch never takes more
  than a fifth of the interpreter, and is 0.1 s on a small site.

A change is handed to the server as its own observer hands one (`Nudge`): MkDocs 1.6's and
ProperDocs' `LiveReloadServer` set `_want_rebuild` under `_rebuild_cond` and notify, and the
build loop rebuilds after 0.1 s of quiet. A server without those attributes gets it through
its one public door instead, `server.watch`: the plugin watches a folder of its own holding
one file and adds a line to it, which the server's observer sees at its next look (≈ 0.25 s
later on average).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from stat import S_ISDIR
from typing import Any

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

MIN_INTERVAL = 0.1
"""Seconds between walks on a small site."""
SHARE = 0.2
"""At most this share of the time is spent walking: the pause is at least (1 - SHARE) / SHARE walks long."""

Signature = tuple[int, int, int, int]


def snapshot(roots: Iterable[Path]) -> dict[str, Signature]:
    """Every file below `roots` (a root may be a file) with its size, modification and change times and inode.

    Links are followed as MkDocs follows them when it reads docs_dir, and as watchdog's snapshot
    did: a root that is a link (`members/` may link to a data repository checked out beside the
    site), a linked file (its target's edits are what matter) and a linked folder, whose files
    are watched under the link's path. A folder already walked is not walked again, so a link
    loop ends; the link itself is watched too."""
    found: dict[str, Signature] = {}
    walked: set[tuple[int, int]] = set()
    pending = [(str(root), True) for root in roots]
    while pending:
        path, is_root = pending.pop()
        try:
            if is_root and not os.path.isdir(path):
                found[path] = _signature(_stat(path))
                continue
            folder = os.stat(path)
            if (folder.st_dev, folder.st_ino) in walked:
                continue
            walked.add((folder.st_dev, folder.st_ino))
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((entry.path, False))
                        continue
                    try:
                        stat = entry.stat()
                    except OSError:  # a dangling link, or one that loops
                        stat = entry.stat(follow_symlinks=False)
                    found[entry.path] = _signature(stat)
                    if entry.is_symlink() and S_ISDIR(stat.st_mode):
                        pending.append((entry.path, False))  # a linked folder: walked under the link's path
        except OSError:
            continue  # gone between the listing and the look (or never there): the next walk says so
    return found


def _stat(path: str) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError:
        return os.lstat(path)  # a dangling link; and if the path is gone, the caller skips it


def _signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


class Nudge:
    """Tells `server` that a data file changed, as its own observer does (or through a watched file, see above)."""

    def __init__(self, server: Any) -> None:
        condition, wanted = getattr(server, "_rebuild_cond", None), getattr(server, "_want_rebuild", None)
        self.server = server if isinstance(condition, threading.Condition) and isinstance(wanted, bool) else None
        self.folder: Path | None = None
        self._lock = threading.Lock()
        if self.server is None:
            self.folder = Path(tempfile.mkdtemp(prefix="clustersite-watch-"))
            (self.folder / "changed").write_text("", encoding="utf-8")
            server.watch(str(self.folder))

    def __call__(self) -> None:
        if self.server is not None:
            with self.server._rebuild_cond:
                self.server._want_rebuild = True
                self.server._rebuild_cond.notify_all()
        elif self.folder is not None:
            with self._lock, (self.folder / "changed").open("a", encoding="utf-8") as file:
                file.write(f"{time.time_ns()}\n")  # the size grows, so even a coarse clock shows the change

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


class DataWatcher:
    """Walks the data folders in a thread of its own and calls `changed` when a file was added, changed or removed."""

    def __init__(self, roots: Iterable[Path], changed: Callable[[], None]) -> None:
        self.roots = list(roots)
        self.changed = changed
        self._seen = snapshot(self.roots)
        self._paused = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="clustersite-watch", daemon=True)
        self.interval = MIN_INTERVAL

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """End the watch; returns once a walk under way is over, so nothing is nudged after."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def pause(self) -> None:
        """A build starts: no walk until it ends (`resume`)."""
        with self._lock:
            self._paused += 1

    def resume(self) -> None:
        with self._lock:
            self._paused = max(0, self._paused - 1)

    def check(self) -> bool:
        """One walk, unless a build runs: whether anything changed since the last walk (and `changed` was called)."""
        with self._lock:
            if self._paused:
                return False
        started = time.perf_counter()
        seen = snapshot(self.roots)
        self.interval = max(MIN_INTERVAL, (time.perf_counter() - started) * (1 - SHARE) / SHARE)
        if seen == self._seen:
            return False
        self._seen = seen
        self.changed()
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception as error:  # noqa: BLE001 - the watch must outlive one bad walk or nudge, or saves stop rebuilding
                log.warning(f"Watching the data folders failed ({error!r}); trying again in a second")
                self.interval = max(self.interval, 1.0)
