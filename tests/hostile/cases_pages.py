"""Hostile content pages and issues: front matter the theme prints, keys that decide who sees a
page, Markdown pages where issues belong, and page bodies carrying script.

`CASES` must fail with the one-line error in `expected_pages.tsv`. `INERT` build, and their
payload must be inert in the output (`tests/test_page_trust.py` checks them with HTML parsers).
"""

from __future__ import annotations

from dataclasses import dataclass

from .cases import VALID_ISSUE, Case

PAGE = "content/page.md"


def page(id: str, front_matter: str, body: str = "# A page\n\nText.\n", path: str = PAGE) -> Case:
    return Case(f"page-{id}", path, f"---\n{front_matter}\n---\n{body}")


CASES: list[Case] = [
    # front matter the theme would print as HTML
    page("title-script", "title: '</title><script>alert(1)</script>'"),
    page("status-breaks-attribute", "status: '\"><script>alert(1)</script>'"),
    page("icon-path-traversal", "icon: ../../../../etc/passwd"),
    # every spelling of the audience key either counts or is refused
    page("audience-capitalised", "Audience: [members]"),
    page("audience-misspelt", "audiance: [members]"),
    page("audience-quoted-misspelt", '"Audiences": [members]'),
    page("audience-flow-style-capitalised", "{Audience: [members], title: Notes}"),
    page("audience-not-a-list", "audience: members only"),
    Case("page-multimarkdown-metadata", PAGE, "Audience: members\nTitle: Notes\n\n# Notes\n"),
    Case("page-front-matter-after-blank-line", PAGE, "\n---\naudience: [members]\n---\n# Notes\n"),
    Case("page-front-matter-not-closed", PAGE, "---\naudience: [members]\n----\n# Notes\n"),
    page("markdown-suffix-misspelt-key", "audiance: [members]", path="content/notes.markdown"),
    # keys that would let a pull request pick the theme's machinery
    page("template-chosen", "template: redirect.html"),
    page("hide-unknown-value", "hide: [navigation, sidebar]"),
    page("search-not-a-mapping", "search: exclude"),
    # newsletter issues: only direct children of the folder, only .md
    Case("issue-in-sub-folder", "content/newsletter/2027/members-briefing.md", VALID_ISSUE.replace("summary:", "audience: [members]\nsummary:")),
    Case("issue-markdown-suffix", "content/newsletter/2027-03-briefing.markdown", VALID_ISSUE),
    Case("issue-audience-capitalised", "content/newsletter/spring.md", VALID_ISSUE.replace("summary:", "Audience: [members]\nsummary:")),
]


@dataclass(frozen=True)
class InertCase:
    """A page that builds, whose payload must reach the output as text only."""

    id: str
    path: str
    content: str
    output: str
    """The output page, e.g. page/index.html."""
    xpath: str
    """Where the payload must appear as text, e.g. //meta[@name='description']/@content."""
    text: str
    """The text that must appear there, exactly as the editor wrote it."""


DESCRIPTION = '"><img src=x onerror=alert(1)>'

INERT: list[InertCase] = [
    InertCase(
        "landing-description-breaks-attribute",
        "content/for-public.md",
        f"---\nlanding: public\ndescription: '{DESCRIPTION}'\n---\n# For the public\n",
        "for-public/index.html",
        "//meta[@name='description']/@content",
        DESCRIPTION,
    ),
    InertCase(
        "subtitle-and-author-markup",
        PAGE,
        "---\nsubtitle: '<img src=x onerror=alert(1)>'\nauthor: '\"><script>alert(1)</script>'\n---\n# A page\n",
        "page/index.html",
        "//meta[@name='author']/@content",
        '"><script>alert(1)</script>',
    ),
    InertCase(
        "title-from-escaped-heading",
        PAGE,
        "# \\</title\\>\\<script\\>alert(1)\\</script\\>\n\nText.\n",
        "page/index.html",
        "//title/text()",
        "</title>",
    ),
    InertCase(
        "body-raw-script-and-handlers",
        PAGE,
        "# A page\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        '<a href="javascript:alert(1)">click</a> <div onclick="alert(1)" style="background:url(x)">Zq body text</div>\n\n'
        "<iframe src=\"https://evil.example/\"></iframe><form action=\"https://evil.example/\"><input name=q></form>\n",
        "page/index.html",
        "//article//div/text()",
        "Zq body text",
    ),
    InertCase(
        "body-markdown-javascript-link",
        PAGE,
        "# A page\n\n[click](javascript:alert(1)) and ![x](x\" onerror=\"alert(1))\n\n"
        '!!! note "Zq <img src=x onerror=alert(1)>"\n    Admonition text.\n',
        "page/index.html",
        "//article//p[@class='admonition-title']/text()",
        "Zq ",
    ),
]
