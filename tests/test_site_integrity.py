"""The built example site as a whole: reproducible to the byte, and without a broken link."""

from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import copy_example, run_build
from outputs import all_output


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for name in ("first", "second"):
        root = tmp_path / name
        root.mkdir()
        copy_example(root)
        result = run_build(root)
        assert result.returncode == 0, result.stderr
        outputs.append(all_output(root / "site"))
    first, second = outputs
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for attribute in ("id", "name") if tag != "meta" and tag != "input" else ("id",):
            if values.get(attribute):
                self.ids.add(values[attribute])  # type: ignore[arg-type]
        for attribute in ("href", "src"):
            value = values.get(attribute)
            if value and not (tag == "link" and values.get("rel") in ("canonical", "alternate") and value.startswith("http")):
                self.links.append((value, self.getpos()[0]))


def test_no_broken_internal_link_or_anchor(example_site: Path) -> None:
    pages: dict[str, _Links] = {}
    for path in example_site.rglob("*.html"):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(example_site).as_posix()] = parser
    broken = []
    for name, parser in pages.items():
        base = "http://site.test/" + name
        for link, line in parser.links:
            target = urlsplit(urljoin(base, link))
            if target.scheme not in ("http", "https") or target.netloc != "site.test":
                continue  # external, mailto:, tel:, webcal: links are not ours to check
            path = unquote(target.path.lstrip("/"))
            candidate = example_site / path
            if path == "" or path.endswith("/"):
                candidate = candidate / "index.html"
            if not candidate.is_file():
                broken.append(f"{name}:{line}: {link} (no {candidate.relative_to(example_site)})")
                continue
            if target.fragment and candidate.suffix == ".html":
                page = pages[candidate.relative_to(example_site).as_posix()]
                if unquote(target.fragment) not in page.ids:
                    broken.append(f"{name}:{line}: {link} (no #{target.fragment})")
    assert broken == []
    assert len(pages) > 80, "the crawl saw the whole site"


class _Alternates(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate" and values.get("href"):
            self.hrefs.append(values["href"])  # type: ignore[arg-type]


def test_the_theme_finds_a_sitemap_beside_every_announced_feed(example_site: Path) -> None:
    """Material fetches `sitemap.xml` from the folder of every `<link rel="alternate">` (feeds, and any
    language link), in every language's tree: none may be missing."""
    site_url = "https://carpathia-medimaging.example.org/"
    missing = set()
    for path in example_site.rglob("*.html"):
        parser = _Alternates()
        parser.feed(path.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            sitemap = urljoin(urljoin(site_url + path.relative_to(example_site).as_posix(), href), "sitemap.xml")
            assert sitemap.startswith(site_url), sitemap
            if not (example_site / sitemap.removeprefix(site_url)).is_file():
                missing.add(sitemap)
    assert missing == set()
    listed = (example_site / "newsletter" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site_url}newsletter/2026-02-funding-and-paediatric-mri/</loc>" in listed
    assert "members-briefing" not in listed, "the public edition's section sitemap lists only its own pages"
    listed = (example_site / "ro" / "newsletter" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site_url}ro/newsletter/2026-02-funding-and-paediatric-mri/</loc>" in listed, "the Romanian feeds' folder has its own"
