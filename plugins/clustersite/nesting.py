"""How deeply a Markdown text may nest lists and quotes before Python-Markdown crashes.

Python-Markdown parses nested lists and quotes recursively: a list nested about two hundred
levels deep (`- - - - … x` on one line, or indentation that grows by four spaces a line)
ends the build with a `RecursionError` traceback, while `clustersite check`, which does not
render Markdown, finds nothing wrong. What nests is written at the start of a line:
indentation, `>`, and list markers. So the loaders (pages, issues) and the models (a member's or
event's `description:`, which the plugin renders itself) measure that prefix and refuse a
line where it is far deeper than any text needs.
"""

from __future__ import annotations

import re

from .errors import SourceError

MAX_NESTING_COLUMNS = 256
"""64 levels of list indentation; Python-Markdown's recursion ends around 200 levels."""

_NESTING = re.compile(r"(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*")
"""A line's leading indentation, quote markers and list markers."""


def too_deep(text: str) -> tuple[int, int] | None:
    """(index of the first line nested too deeply, its depth in columns), or None."""
    for index, line in enumerate(text.split("\n")):
        match = _NESTING.match(line)
        depth = len(match.group(0).expandtabs(4)) if match else 0
        if depth > MAX_NESTING_COLUMNS:
            return index, depth
    return None


def nesting_message(depth: int) -> tuple[str, str]:
    """The error's message and hint."""
    return (
        f"the line is nested {depth} columns deep in lists, quotes or indentation, more than {MAX_NESTING_COLUMNS}",
        "flatten the lists or quotes: Markdown nested this deeply cannot be rendered",
    )


def nesting_error(text: str, display: str, first_line: int = 1) -> SourceError | None:
    """The first line of `text` (which starts at line `first_line` of the file) nested too deeply, if any."""
    found = too_deep(text)
    if found is None:
        return None
    index, depth = found
    return SourceError(display, first_line + index, "", *nesting_message(depth))
