"""How deeply a Markdown text may nest lists and quotes before Python-Markdown crashes.

Python-Markdown parses nested lists and quotes recursively: a list nested about two hundred
levels deep (`- - - - … x` on one line, or indentation that grows by four spaces a line)
ends the build with a `RecursionError` traceback, while `clustersite check`, which does not
render Markdown, finds nothing wrong. What nests is written at the start of a line:
indentation, `>`, and list markers. So the loaders measure that prefix and refuse a line
where it is far deeper than any page needs, with one line naming the file and the line.
"""

from __future__ import annotations

import re

from ..errors import SourceError

MAX_NESTING_COLUMNS = 256
"""64 levels of list indentation; Python-Markdown's recursion ends around 200 levels."""

_NESTING = re.compile(r"(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*")
"""A line's leading indentation, quote markers and list markers."""


def nesting_error(text: str, display: str, first_line: int = 1) -> SourceError | None:
    """The first line of `text` (which starts at line `first_line` of the file) nested too deeply, if any."""
    for number, line in enumerate(text.split("\n"), first_line):
        match = _NESTING.match(line)
        depth = len(match.group(0).expandtabs(4)) if match else 0
        if depth > MAX_NESTING_COLUMNS:
            return SourceError(
                display, number, "", f"the line is nested {depth} columns deep in lists, quotes or indentation, more than {MAX_NESTING_COLUMNS}",
                "flatten the lists or quotes: Markdown nested this deeply cannot be rendered",
            )
    return None
