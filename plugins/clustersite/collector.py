"""Fewer garbage collections while a site builds, and the full ones out of the editor's way.

A build allocates millions of short-lived objects (Markdown trees, Jinja frames, pydantic
models), and in `mkdocs serve` the plugin keeps every parsed file and generated page
between rebuilds. With CPython's default first threshold (700 allocations) the collector
runs thousands of young collections per build and, every hundred of them, walks the whole
kept heap again: at 2,000 members that was 0.5–0.7 s of a 2.5 s rebuild. A first threshold
of 10,000 cuts it to about 0.1 s (benchmarks/RESULTS.md, edit loop).

In serve mode the oldest generation is the problem: what a rebuild keeps (the cache's new
entries, the new site's pages) pushes it over CPython's limit, so almost every rebuild ends
in one full collection that walks everything the server keeps: 3.3 s of a 25 s rebuild at
20,000 members, 0.1–0.3 s at 2,000 (benchmarks/RESULTS.md). It finds nothing the rebuild
needs; it only frees the previous rebuild's pages. So while serving, full collections wait
until the rebuild is over and the browser has fetched the new page: they run
`IDLE_SECONDS` after the build. A rebuild that starts sooner cancels the wait and runs with
CPython's own limit for the oldest generation, as every rebuild did before, so saves in quick
succession never pile up garbage. Young and middle collections run as before, so a build's
own cyclic garbage is still freed as it goes.

The thresholds are the interpreter's, so the plugin changes them only from `on_pre_build`
to the end of the build (`on_post_build` or `on_build_error`), or in serve mode until the
idle collection, and then puts back what it found. What it found is recorded once for the
process (`_Interpreter`), whichever plugin instance changed them.
"""

from __future__ import annotations

import gc
import threading

YOUNG_THRESHOLD = 10_000
DEFERRED_THRESHOLD = 1_000_000
"""The oldest generation's threshold while full collections wait (CPython counts middle collections against it)."""
IDLE_SECONDS = 1.0
"""How long after a serve-mode build the full collection runs: by then the browser has reloaded the page."""


class _Interpreter:
    """What the collectors changed in the interpreter's thresholds, which every plugin instance shares:
    a second instance (a `mkdocs build` after a serve in one process, tests) must not take the
    deferred thresholds for the interpreter's own."""

    def __init__(self) -> None:
        self.found: tuple[int, int, int] | None = None
        """The thresholds to put back; None when they are the interpreter's own again."""
        self.building = False
        self.idle: threading.Timer | None = None
        self.lock = threading.Lock()


_INTERPRETER = _Interpreter()


class BuildCollector:
    """Change the collector's thresholds for one build, and put them back afterwards."""

    def __init__(self) -> None:
        self._state = _INTERPRETER

    def begin(self, *, serving: bool = False) -> None:
        state = self._state
        with state.lock:
            if state.building:
                return  # the other languages' builds run inside the default one's
            state.building = True
            hurried = state.idle is not None
            if state.idle is not None:
                state.idle.cancel()
                state.idle = None
            if state.found is None:
                state.found = gc.get_threshold()
            first, second, third = state.found
            if first:  # 0 means someone disabled automatic collection: leave it so
                # A rebuild that starts before the idle moment came collects as CPython would, so that
                # saves in quick succession never pile up garbage.
                defer = serving and not hurried
                gc.set_threshold(max(first, YOUNG_THRESHOLD), second, max(third, DEFERRED_THRESHOLD) if defer else third)

    def end(self, *, serving: bool = False) -> None:
        state = self._state
        with state.lock:
            if not state.building or state.found is None:
                return
            state.building = False
            first, second, third = state.found
            if not (serving and first):
                gc.set_threshold(*state.found)
                state.found = None
                return
            gc.set_threshold(first, second, max(third, DEFERRED_THRESHOLD))
            state.idle = threading.Timer(IDLE_SECONDS, self._collect)
            state.idle.daemon = True  # never keeps a stopped server's process alive
            state.idle.start()

    def _collect(self) -> None:
        """The deferred full collection, then the thresholds as they were found."""
        state = self._state
        with state.lock:
            if state.building or state.found is None:
                return  # a rebuild started: its end schedules the collection again
            gc.collect()
            gc.set_threshold(*state.found)
            state.found = None
            state.idle = None
