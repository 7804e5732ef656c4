"""Fewer garbage collections while a site builds.

A build allocates millions of short-lived objects (Markdown trees, Jinja frames, pydantic
models), and in `mkdocs serve` the plugin keeps every parsed file and generated page
between rebuilds. With CPython's default first threshold (700 allocations) the collector
runs thousands of young collections per build and, every hundred of them, walks the whole
kept heap again: at 2,000 members that was 0.5–0.7 s of a 2.5 s rebuild. A first threshold
of 10,000 cuts it to about 0.1 s (benchmarks/RESULTS.md, edit loop). The older generations
keep their thresholds, so cyclic garbage is still collected, only in fewer passes.

The threshold is the interpreter's, so the plugin raises it only from `on_pre_build` to the
end of the build (`on_post_build` or `on_build_error`) and then puts back what it found.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000


class BuildCollector:
    """Raise the young generation's threshold for one build, and restore it afterwards."""

    def __init__(self) -> None:
        self._found: tuple[int, int, int] | None = None

    def begin(self) -> None:
        if self._found is not None:
            return  # already raised: the other languages' builds run inside the default one's
        self._found = gc.get_threshold()
        first, second, third = self._found
        if first:  # 0 means someone disabled automatic collection: leave it so
            gc.set_threshold(max(first, YOUNG_THRESHOLD), second, third)

    def end(self) -> None:
        if self._found is not None:
            gc.set_threshold(*self._found)
            self._found = None
