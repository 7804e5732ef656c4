"""How deeply a Markdown text may nest before its build crashes or takes minutes.

Two kinds of nesting cost a build far more than the text is worth:

- Python-Markdown parses nested lists and quotes recursively: a list nested about two
  hundred levels deep (`- - - - … x` on one line, or indentation that grows by four spaces a
  line) ends the build with a `RecursionError` traceback, while `clustersite check`, which
  does not render Markdown, finds nothing wrong. What nests is written at the start of a
  line: indentation, `>`, and list markers.
- Raw HTML is passed through: 20,000 `<div>`s opened one inside the other (a 220 KB page)
  are a tree 20,000 deep once parsed, and Material's search plugin compares every tag and
  text with every element still open (a set intersection with the whole stack), so that one
  page took half a minute per language, quadratic in the depth.

So the loaders (pages, issues) and the models (a member's or event's `description:`, which
the plugin renders itself) measure both, without rendering, and refuse the first line where
the text nests far deeper than any text needs.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import SourceError
from .htmltags import PAGE_TAGS

MAX_NESTING_COLUMNS = 256
"""64 levels of list indentation; Python-Markdown's recursion ends around 200 levels."""

MAX_HTML_DEPTH = 128
"""Elements open at once in a text's raw HTML: as deep as the deepest list the column rule
lets through (64 levels, each an `ul` and a `li`), far beyond any hand-written page."""

ELEMENT_ALLOWANCE = 2000
"""Elements a rendered text may have beyond one per character of its source: the page's own
frame (an issue's header, links and mentions)."""

_NESTING = re.compile(r"(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*")
"""A line's leading indentation, quote markers and list markers."""

_TAG = re.compile(
    r"""<(/?)([A-Za-z][A-Za-z0-9-]*)"""  # the name; `<https://…>` and `<name@example.org>` autolinks are no tags
    r"""(?:[\t\n\r\f /]+[^\t\n\r\f "'<>/=]+(?:[\t\n\r\f ]*=[\t\n\r\f ]*(?:"[^"]*"|'[^']*'|[^\t\n\r\f "'<>]+))?)*"""  # attributes, quoted values may hold > and <
    r"""[\t\n\r\f /]*>"""
)
"""An HTML start or end tag."""

_NEVER_OPEN = frozenset({
    # Void elements have no content.
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    # The parser closes these when the next one starts (`<li>a<li>b`, `<p>a<p>b`), so they
    # cannot nest in each other without a counted container (`ul`, `table`) between them.
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup", "option", "optgroup", "rt", "rp",
    "html", "head", "body",
})

_KEPT = frozenset(PAGE_TAGS) - _NEVER_OPEN
"""The elements that can nest and survive the sanitiser: only they can make a page's tree deep."""


class TooDeep(NamedTuple):
    """The first line of a text nested too deeply (its row, counted from 0), and what to tell its editor."""

    row: int
    message: str
    hint: str


def too_deep(text: str) -> TooDeep | None:
    """The first place `text` nests past a limit: in lists and quotes, else in raw HTML."""
    for index, line in enumerate(text.split("\n")):
        match = _NESTING.match(line)
        depth = len(match.group(0).expandtabs(4)) if match else 0
        if depth > MAX_NESTING_COLUMNS:
            return TooDeep(
                index,
                f"the line is nested {depth} columns deep in lists, quotes or indentation, more than {MAX_NESTING_COLUMNS}",
                "flatten the lists or quotes: Markdown nested this deeply cannot be rendered",
            )
    return _inline_too_deep(text) or _html_too_deep(text)


_DELIMITERS = re.compile(r"\*+|_+|\[|\]")
"""Emphasis delimiter runs and link brackets."""


def _inline_too_deep(text: str) -> TooDeep | None:
    """Emphasis opened inside emphasis (`*a *b *c … x c* b* a*`) or brackets inside brackets,
    counted per paragraph: Python-Markdown's inline parsing recurses into each level (a
    `RecursionError` past about a thousand) and tries every `[` against the rest of the
    paragraph (10,000 of them took half a minute)."""
    for start, paragraph in _paragraphs(text):
        emphasis = brackets = 0
        for match in _DELIMITERS.finditer(paragraph):
            run = match.group(0)
            if run == "[":
                brackets += 1
            elif run == "]":
                brackets = max(0, brackets - 1)
            else:
                before = paragraph[match.start() - 1] if match.start() else " "
                after = paragraph[match.end()] if match.end() < len(paragraph) else " "
                opens, closes = not after.isspace() and not before.isalnum(), not before.isspace() and not after.isalnum()
                if opens and not closes:
                    emphasis += 1
                elif closes and not opens:
                    emphasis = max(0, emphasis - 1)
            if emphasis > MAX_HTML_DEPTH or brackets > MAX_HTML_DEPTH:
                return TooDeep(
                    start + paragraph.count("\n", 0, match.start()),
                    f"emphasis or links are nested more than {MAX_HTML_DEPTH} deep in this paragraph",
                    "close each `*`, `_` or `[` you open: Markdown nested this deeply cannot be rendered",
                )
    return None


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """The text's blocks between blank lines, with the row each starts on."""
    blocks, row = [], 0
    for block in re.split(r"(\n[ \t]*\n)", text):
        if block.strip():
            blocks.append((row, block))
        row += block.count("\n")
    return blocks


def _html_too_deep(text: str) -> TooDeep | None:
    """The tag that opens an element one past `MAX_HTML_DEPTH`, of those the sanitiser keeps,
    counted as an HTML parser keeps them open (`<div/>` opens a div, as in HTML). Tags inside
    code count too: a page is refused rather than a deep tree let through."""
    found, _ = _walk(text, _KEPT)
    if found is None:
        return None
    offset, name = found
    return TooDeep(text.count("\n", 0, offset), f"the HTML elements open at `<{name}>` are nested more than {MAX_HTML_DEPTH} deep", _depth_hint(name))


def _walk(html: str, counted: frozenset[str] | None = None) -> tuple[tuple[int, str] | None, int]:
    """Where `html` opens an element one past `MAX_HTML_DEPTH` (its offset and name), or None;
    and how many start tags it has up to there.

    `counted` limits the depth to those elements; without it every element counts that can
    hold others (as in a page's rendered HTML, which the plugin checks before the search
    plugin parses it: that parser's cost grows with the depth at every tag)."""
    open_elements: list[str] = []
    elements = 0
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if not match.group(1):
            elements += 1
        if name in _NEVER_OPEN or (counted is not None and name not in counted):
            continue
        if not match.group(1):
            open_elements.append(name)
            if len(open_elements) > MAX_HTML_DEPTH:
                return (match.start(), name), elements
        elif name in open_elements:  # an end tag closes its element and any left open inside it
            del open_elements[len(open_elements) - 1 - open_elements[::-1].index(name):]
    return None, elements


def _depth_hint(name: str) -> str:
    return f"close each element you open (`</{name}>` after `<{name}>`): HTML nested this deeply takes minutes to build"


def rendered_problem(html: str, source_characters: int) -> tuple[str, str] | None:
    """What is wrong with HTML rendered from untrusted text, as (message, hint), or None.

    A second count, on what the search plugin will parse: the source's count can be fooled
    by tags it does not see, and the HTML parser multiplies some elements by itself (formatting
    elements left open are opened again in every following paragraph: 17 KB gave 480,000
    elements). Markdown makes at most about one element per character it is given."""
    found, elements = _walk(html)
    if found is not None:
        return f"the HTML elements are nested more than {MAX_HTML_DEPTH} deep (at a `<{found[1]}>`)", _depth_hint(found[1])
    if elements > source_characters + ELEMENT_ALLOWANCE:
        return (
            f"the text becomes {elements} HTML elements, more than one per character",
            "close the elements you open (`<b>` … `</b>`) in the paragraph where you open them",
        )
    return None


def nesting_error(text: str, display: str, first_line: int = 1) -> SourceError | None:
    """The first line of `text` (which starts at line `first_line` of the file) nested too deeply, if any."""
    found = too_deep(text)
    if found is None:
        return None
    return SourceError(display, first_line + found.row, "", found.message, found.hint)
