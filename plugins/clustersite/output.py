"""All-or-nothing output: a build writes to a staging folder that replaces the site only on success.

MkDocs empties `site_dir` before it builds, so a build that fails half-way would leave a
half-written site for the next deploy. The plugin points MkDocs at a staging folder
beside `site_dir` and swaps it in once the build (strict-mode warnings included) passed.

Two builds of the same site at once (a second terminal, an editor's build task beside
`./scripts/site`) would share that staging folder: the second would empty it under the
first, which could then publish a site with files missing. So a build holds an exclusive
lock on `.<site>.lock` beside it from the start to the end (the file is removed when the
build ends), and a second build stops with one line instead. The operating system releases
the lock when a build is killed, so a file left by a killed build locks nothing: the next
build takes it. (Windows has no `fcntl`: there builds are not guarded.)
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = get_plugin_logger(__name__)


class WarningCounter(logging.Handler):
    """Counts warnings, because MkDocs' strict mode only aborts after the last plugin event."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class StagedOutput:
    """A staging folder for one build of `site_dir`."""

    def __init__(self, site_dir: str | Path) -> None:
        self.final = Path(site_dir).resolve()
        self.staging = self.final.with_name(f".{self.final.name}.partial")
        self._previous = self.final.with_name(f".{self.final.name}.previous")
        self.lock_path = self.final.with_name(f".{self.final.name}.lock")
        self._lock: int | None = None

    def begin(self) -> str:
        """Take the site's lock, prepare an empty staging folder and return it as the build's site_dir."""
        self._take_lock()
        for leftover in (self.staging, self._previous):
            shutil.rmtree(leftover, ignore_errors=True)
        self.staging.mkdir(parents=True)
        return str(self.staging)

    def commit(self) -> None:
        """Put the finished build in place of the previous one."""
        try:
            if self.final.exists():
                self.final.rename(self._previous)
            self.staging.rename(self.final)
            shutil.rmtree(self._previous, ignore_errors=True)
        finally:
            self._release_lock()

    def discard(self) -> None:
        """Drop a failed build; the previous site stays as it was.

        Only this build's own staging folder: when the lock was held by another build, the
        folder is that build's, and it is left alone."""
        if self._lock is None and fcntl is not None:
            return
        try:
            shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._release_lock()

    def _take_lock(self) -> None:
        if fcntl is None:
            return
        for _attempt in range(2):  # once more when a build that just ended removed the file we opened
            try:
                self.lock_path.parent.mkdir(parents=True, exist_ok=True)
                descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as error:
                raise PluginError(f"{self.lock_path}: cannot create the build's lock file: {error.strerror} (make its folder writable)") from None
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                raise PluginError(
                    f"{self.final.name}/: another build of this site is running (it holds {self.lock_path.name}); "
                    "wait for it to finish, then build again. The site was not changed"
                ) from None
            except OSError as error:  # a file system without locks (some network shares): unguarded, as on Windows
                os.close(descriptor)
                log.info(f"{self.lock_path.name}: this file system cannot lock files ({error.strerror}), so two builds at once are not prevented")
                return
            try:
                same = os.fstat(descriptor).st_ino == os.stat(self.lock_path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._lock = descriptor
                return
            os.close(descriptor)
        raise PluginError(f"{self.final.name}/: other builds of this site keep starting and ending; wait for them to finish, then build again. The site was not changed")

    def _release_lock(self) -> None:
        """Remove the lock's file, then release it: a build that opened the old file before it
        went finds, once it has the lock, that the path names another file, and stops."""
        if self._lock is not None:
            self.lock_path.unlink(missing_ok=True)
            os.close(self._lock)  # closing the descriptor releases the lock
            self._lock = None
