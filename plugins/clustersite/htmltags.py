"""The HTML elements the sanitiser keeps: one list for markup.py's nh3 calls and for
nesting.py, which counts how deeply a text nests the ones that survive sanitising."""

from __future__ import annotations

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
"""What a member's or event's `description:` may contain."""

PAGE_TAGS = ALLOWED_TAGS | {"h1", "div", "span", "figure", "figcaption", "caption", "mark", "kbd", "details", "summary"}
"""What MkDocs' HTML of an untrusted page keeps: also admonitions' divs, attr_list's spans, details."""
