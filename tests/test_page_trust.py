"""Every Markdown page is untrusted: its front matter and body reach the output as inert text,
member-only content fails closed, and a file is published only when a page of the edition uses it."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from conftest import run_build
from hostile.cases_pages import INERT, InertCase
from inprocess import ServeSession, build
from outputs import all_output, files_containing, unsafe_markup
from sitefactory import Site

PNG = b"\x89PNG\r\n\x1a\n"


MARKDOWN_EXTENSIONS = "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - admonition\n  - tables\n  - toc:\n      permalink: true\n"
"""The example site's extensions: what a page's HTML legitimately contains."""


def site_with(tmp_path: Path, files: dict[str, str | bytes], options: str = "") -> Site:
    site = Site.create(tmp_path / "site")
    site.member("valid-member")
    mkdocs = (site.root / "mkdocs.yml").read_text(encoding="utf-8") + MARKDOWN_EXTENSIONS
    (site.root / "mkdocs.yml").write_text(mkdocs.replace("      timezone: Europe/Bucharest\n", f"      timezone: Europe/Bucharest\n{options}"), encoding="utf-8")
    for relative, data in files.items():
        site.write(relative, data)
    return site


@pytest.mark.parametrize("case", INERT, ids=[case.id for case in INERT])
def test_hostile_page_builds_with_its_payload_inert(tmp_path: Path, case: InertCase) -> None:
    site = site_with(tmp_path, {case.path: case.content})
    ok, log = build(site.root)
    assert ok, log
    for name, data in all_output(site.out).items():
        if name.endswith(".html"):
            assert unsafe_markup(data.decode("utf-8")) == [], name
    tree = lxml.html.fromstring((site.out / case.output).read_bytes())
    shown = " ".join(str(value) for value in tree.xpath(case.xpath))
    assert case.text in shown, f"the payload is shown as text at {case.xpath}: {shown!r}"
    assert not tree.xpath("//script[contains(., 'alert(1)')]"), "no script element carries the payload"
    assert not tree.xpath("//*[@*[starts-with(name(), 'on')]]"), "no element has an event handler"


def test_page_body_keeps_what_markdown_and_material_produce(tmp_path: Path) -> None:
    body = (
        "# Title\n\n## Section {.wide #section-one}\n\n!!! note \"Remember\"\n    An admonition.\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n<div class=\"grid\" markdown>\n**Bold** in HTML\n</div>\n"
    )
    site = site_with(tmp_path, {"content/page.md": body})
    ok, log = build(site.root)
    assert ok, log
    article = lxml.html.fromstring((site.out / "page" / "index.html").read_bytes()).xpath("//article")[0]
    assert article.xpath("//h2[@id='section-one'][contains(@class, 'wide')]/a[@class='headerlink'][@href='#section-one']")
    assert article.xpath("//div[contains(@class, 'admonition')][contains(@class, 'note')]/p[@class='admonition-title']")
    assert [(th.get("style") or "").replace(" ", "").rstrip(";") for th in article.xpath("//table//th")] == ["text-align:left", "text-align:right"]
    assert article.xpath("//div[@class='grid']/p/strong[text()='Bold']")


def test_trusted_dirs_keep_their_markup_and_may_choose_a_template(tmp_path: Path) -> None:
    page = "---\ntemplate: main.html\n---\n# Office\n\n<div onclick=\"zqTrusted()\">Office widget</div>\n"
    site = site_with(tmp_path, {"content/office/widget.md": page, "content/page.md": page.replace("---\ntemplate: main.html\n---\n", "")}, "      trusted_dirs: [office]\n")
    ok, log = build(site.root)
    assert ok, log
    assert 'onclick="zqTrusted()"' in (site.out / "office" / "widget" / "index.html").read_text(encoding="utf-8")
    assert "zqTrusted" not in (site.out / "page" / "index.html").read_text(encoding="utf-8"), "other folders stay untrusted"


# The leak test ----------------------------------------------------------------------------

MEMBER_ONLY_PAGES = {
    "plain": "audience: [members]",
    "quoted": '"audience": [members]',
    "flow": "{audience: [members], title: Flow notes}",
    "block-list": "audience:\n  - members",
}
"""Every spelling of the audience key the plugin recognises: each keeps the page out."""

ATTACHMENT_LINKS = {
    "unquoted-src": ("unquoted.png", "<img src=../../files/{stem}unquoted.png alt=x>"),
    "angle-link": ("angle brackets.pdf", "[minutes](<../files/{stem}angle brackets.pdf>)"),
    "space": ("with space.pdf", '<a href="../../files/{stem}with space.pdf">minutes</a>'),
    "percent": ("percent name.pdf", "[minutes](../files/{stem}percent%20name.pdf)"),
    "srcset-only": ("srcset.png", '<img srcset="../../files/{stem}srcset.png 2x" alt="x">'),
    "reference": ("reference.pdf", "[minutes][ref]\n\n[ref]: <../files/{stem}reference.pdf>"),
}
"""Each way a page links a file that a regex over the Markdown missed."""


def leak_site(tmp_path: Path) -> tuple[Site, dict[str, str], list[str]]:
    """A site with markers in every member-only place; (site, markers by place, public files)."""
    markers: dict[str, str] = {}
    files: dict[str, str | bytes] = {}
    for spelling, front_matter in MEMBER_ONLY_PAGES.items():
        marker = f"ZqLeakPage{spelling.replace('-', '')}"
        markers[f"page {spelling}"] = marker
        links = []
        for kind, (name, link) in ATTACHMENT_LINKS.items():
            stem = f"{spelling}-"
            attachment = f"ZqLeakFile{spelling.replace('-', '')}{kind.replace('-', '')}"
            markers[f"{name} from page {spelling}"] = attachment
            files[f"content/files/{stem}{name}"] = PNG + attachment.encode() if name.endswith(".png") else f"%PDF-1.4 {attachment}".encode()
            links.append(link.format(stem=stem))
        files[f"content/notes/{spelling}.md"] = f"---\n{front_matter}\n---\n# Notes\n\n{marker}\n\n" + "\n\n".join(links) + "\n"
    markers["issue"] = "ZqLeakIssue"
    markers["issue image"] = "ZqLeakIssueImage"
    markers["issue attachment"] = "ZqLeakIssueAttachment"
    files["content/newsletter/images/briefing.png"] = PNG + b"ZqLeakIssueImage"
    files["content/newsletter/files/budget plan.pdf"] = b"%PDF-1.4 ZqLeakIssueAttachment"
    files["content/newsletter/2027-01-briefing.md"] = (
        "---\ntitle: Briefing ZqLeakIssue\ndate: 2027-01-10\naudience: [members]\nimage: images/briefing.png\n---\n\n"
        "ZqLeakIssue text. <a href=../files/budget%20plan.pdf>Budget</a>\n"
    )
    # A public page and issue that use files in the same ways: those files must be published.
    public = ["files/public one.png", "files/public-two.pdf", "files/public-three.png"]
    files["content/files/public one.png"] = PNG + b"public"
    files["content/files/public-two.pdf"] = b"%PDF-1.4 public"
    files["content/files/public-three.png"] = PNG + b"public"
    files["content/office/block-list.md"] = files.pop("content/notes/block-list.md")  # trusted: raw srcset survives
    # Member-only pages and issues live in the private folder (issue 12); their attachments are
    # left in the public content/, which no public page uses: published.py must still hold them back.
    for path in [path for path in files if path.endswith(".md") or path == "content/newsletter/images/briefing.png"]:
        files[f"private/{path}"] = files.pop(path)
    files["content/page.md"] = (
        "# Public page\n\n![one](<files/public one.png>) <a href=../files/public-two.pdf>two</a>\n\n"
        '<img src="https://cluster.example.org/files/public-three.png" alt="three">\n'
    )
    site = site_with(tmp_path, files, "      trusted_dirs: [office]\n")
    mkdocs = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs = mkdocs.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      edition: !ENV [CLUSTERSITE_EDITION, public]\n")
    (site.root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    return site, markers, public


def test_leak_no_member_only_marker_reaches_the_public_edition(tmp_path: Path) -> None:
    site, markers, public = leak_site(tmp_path)
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    leaked = {place: files_containing(site.out, marker) for place, marker in markers.items()}
    assert {place: names for place, names in leaked.items() if names} == {}
    assert not (site.out / "files").exists() or sorted(p.relative_to(site.out).as_posix() for p in (site.out / "files").iterdir()) == sorted(public)
    for name in public:
        assert (site.out / name).is_file(), f"{name} is used by a public page and published"

    result = run_build(site.root, env={"CLUSTERSITE_EDITION": "members"})
    assert result.returncode == 0, result.stderr
    missing = [place for place, marker in markers.items() if not files_containing(site.root / "site-members", marker)]
    # trusted_dirs names folders of docs_dir: pages of the private folder are sanitised like any
    # other, so the sanitiser drops srcset there and the srcset-only files stay unpublished.
    sanitised = [f"srcset.png from page {spelling}" for spelling in MEMBER_ONLY_PAGES]
    assert missing == sanitised, "the members' edition has every other planted file, so the public test looks in the right places"


@pytest.mark.parametrize(
    "path, text",
    [
        ("content/notes.md", "---\nAudience: [members]\n---\nZqLeakMisspelt\n"),
        ("content/notes.md", "---\naudiance: [members]\n---\nZqLeakMisspelt\n"),
        ("content/notes.md", "---\n'Audience': [members]\n---\nZqLeakMisspelt\n"),
        ("content/notes.md", "---\n{audiance: [members]}\n---\nZqLeakMisspelt\n"),
        ("content/notes.md", "audience: members\n\nZqLeakMisspelt\n"),
        ("content/notes.md", "\n---\naudience: [members]\n---\nZqLeakMisspelt\n"),
        ("content/notes.mdown", "---\nAudience: [members]\n---\nZqLeakMisspelt\n"),
        ("content/newsletter/2027/briefing.md", "---\ntitle: B\ndate: 2027-01-10\naudience: [members]\n---\nZqLeakMisspelt\n"),
    ],
    ids=["capitalised", "misspelt", "quoted-capitalised", "flow-misspelt", "multimarkdown", "blank-first-line", "mdown-suffix", "nested-issue"],
)
def test_leak_every_unrecognised_spelling_fails_closed(tmp_path: Path, path: str, text: str) -> None:
    site = site_with(tmp_path, {path: text})
    ok, log = build(site.root)
    assert not ok and path in log, log
    assert not site.out.exists() or files_containing(site.out, "ZqLeakMisspelt") == []


def test_used_files_are_found_in_every_url_attribute(tmp_path: Path) -> None:
    from clustersite.published import UsedFiles

    used = UsedFiles(str(tmp_path), "https://cluster.example.org/sub/", [])
    assert used.site_path("../a%20b.png", "notes/x/") == "notes/a b.png"
    assert used.site_path("/sub/files/c.pdf?x=1#p", "notes/x/") == "files/c.pdf"
    assert used.site_path("https://cluster.example.org/sub/d.png", "") == "d.png"
    assert used.site_path("//cluster.example.org/sub/e.png", "") == "e.png"
    assert used.site_path("https://evil.example/sub/d.png", "") is None
    assert used.site_path("/other/d.png", "") is None
    assert used.site_path("../../../../etc/passwd", "notes/") is None


def test_a_file_no_page_uses_is_published_only_when_raw_files_names_it(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"content/robots.txt": "User-agent: *\n", "content/forgotten.pdf": b"%PDF-1.4 ZqForgotten"}, "      raw_files: [robots.txt]\n")
    ok, log = build(site.root)
    assert ok, log
    assert (site.out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\n"
    assert not (site.out / "forgotten.pdf").exists()


def test_a_page_nested_too_deeply_is_refused_even_when_its_tags_hide_from_the_count(tmp_path: Path) -> None:
    """`<div <x>` opens a div in HTML, but the loaders' count of the source does not see it as a
    tag: the rendered page is counted again, the build stops with the page's name, nothing is
    published, and serve mode shows the error in the page instead of stopping the preview."""
    page = "# Deep\n\n" + "<div <x>\n" * 300 + "\nx\n"
    site = site_with(tmp_path, {"content/deep.md": page})
    ok, log = build(site.root)
    assert not ok
    assert "content/deep.md: the HTML elements are nested more than 128 deep (at a `<div>`)" in log, log
    assert "Traceback" not in log
    assert not (site.out / "deep").exists()

    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        logged = session.rebuild()
    finally:
        session.close()
    assert "content/deep.md: the HTML elements are nested more than 128 deep" in logged
    article = lxml.html.fromstring((tmp_path / "served" / "deep" / "index.html").read_bytes()).xpath("//article")[0]
    assert "nested more than 128 deep" in article.text_content()
    assert len(article.xpath(".//div")) < 5, "the deep tree is not in the page"


def test_deep_looking_but_shallow_html_is_published(tmp_path: Path) -> None:
    """What the nesting count must not refuse: elements the parser closes by itself, generics
    in code, autolinks, many elements side by side."""
    page = (
        "# Shallow\n\n<ul>" + "<li>item\n" * 600 + "</ul>\n\n<table>" + "<tr><td>cell" * 300 + "</table>\n\n"
        + "`List<String>` " * 300 + "\n\n" + "<div>side by side</div>\n" * 1000 + "\n<https://example.org/a> <office@example.org>\n"
    )
    site = site_with(tmp_path, {"content/shallow.md": page})
    ok, log = build(site.root)
    assert ok, log
    article = lxml.html.fromstring((site.out / "shallow" / "index.html").read_bytes()).xpath("//article")[0]
    assert len(article.xpath(".//li")) == 600
    assert len(article.xpath(".//div[text()='side by side']")) == 1000
    assert article.text_content().count("List<String>") == 300


def test_html_the_parser_multiplies_is_refused_in_pages_and_descriptions(tmp_path: Path) -> None:
    """120 `<b>`s left open are opened again by the HTML parser in each of the 4,000 paragraphs
    that follow: 17 KB of text, 480,000 elements, never deeper than the limit. The rendered
    HTML is counted, in a page and in a member's description (rendered on its page)."""
    text = "<p>" + "".join(f"<b a={i}>" for i in range(120)) + "<p>x" * 4000
    site = site_with(tmp_path / "page", {"content/blowup.md": "# B\n\n" + text + "\n"})
    ok, log = build(site.root)
    assert not ok
    assert "content/blowup.md: the text becomes 484" in log and "HTML elements, more than one per character" in log, log
    assert "Traceback" not in log

    site = site_with(tmp_path / "member", {"members/deep.yml": "name: Deep\ntype: sme\nsummary: Deep.\ncountry: RO\ndescription: " + json.dumps(text) + "\n"})
    ok, log = build(site.root)
    assert not ok
    assert "members/deep.yml: description: the text becomes 484" in log, log
    assert "Traceback" not in log


def test_a_description_whose_end_tags_the_parser_ignores_is_refused(tmp_path: Path) -> None:
    """`</div>` does not close a table opened inside the div, so 760 of these are tables 760
    deep, which the count of the source cannot know: the member page's rendered text is counted."""
    description = "<div><table><tr><td></div>" * 760
    site = site_with(tmp_path, {"members/deep.yml": "name: Deep\ntype: sme\nsummary: Deep.\ncountry: RO\ndescription: " + json.dumps(description) + "\n"})
    ok, log = build(site.root)
    assert not ok
    assert "members/deep.yml: description: the HTML elements are nested more than 128 deep (at a `<table>`)" in log, log
    assert "Traceback" not in log
    assert not (site.out / "members" / "deep").exists()
