"""All-or-nothing output: a build writes to a staging folder that replaces the site only on success.

MkDocs empties `site_dir` before it builds, so a build that fails half-way would leave a
half-written site for the next deploy. The plugin points MkDocs at a staging folder
beside `site_dir` and swaps it in once the build (strict-mode warnings included) passed.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path


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

    def begin(self) -> str:
        """Prepare an empty staging folder and return it as the build's site_dir."""
        for leftover in (self.staging, self._previous):
            shutil.rmtree(leftover, ignore_errors=True)
        self.staging.mkdir(parents=True)
        return str(self.staging)

    def commit(self) -> None:
        """Put the finished build in place of the previous one."""
        if self.final.exists():
            self.final.rename(self._previous)
        self.staging.rename(self.final)
        shutil.rmtree(self._previous, ignore_errors=True)

    def discard(self) -> None:
        """Drop a failed build; the previous site stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
