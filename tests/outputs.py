"""Reading a built site the way a crawler or an attacker would: every file, compressed or not."""

from __future__ import annotations

import gzip
from pathlib import Path


def all_output(site_dir: Path) -> dict[str, bytes]:
    """Every file of the output by relative path, with .gz files decompressed."""
    files = {}
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            files[path.relative_to(site_dir).as_posix()] = data
    return files


def files_containing(site_dir: Path, needle: str) -> list[str]:
    """The output files in which `needle` occurs (as UTF-8 text, also HTML- or JSON-escaped)."""
    variants = {needle.encode(), needle.encode("unicode_escape")}
    return [name for name, data in all_output(site_dir).items() if any(v in data for v in variants)]


class _UnsafeMarkupFinder:
    """Finds what a browser would execute or load from injected markup in one HTML document."""

    DANGEROUS_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "base", "form", "meta-refresh"}
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}

    def __init__(self, marker: str) -> None:
        from html.parser import HTMLParser

        finder = self
        self.marker = marker
        self.problems: list[str] = []

        class Parser(HTMLParser):
            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                finder._tag(tag, attrs, self.getpos())

            def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                finder._tag(tag, attrs, self.getpos())

            def handle_data(self, data: str) -> None:
                if self.lasttag == "script" and finder.marker in data and "application/ld+json" not in (finder._script_type or ""):
                    finder.problems.append(f"line {self.getpos()[0]}: script runs {data[:60]!r}")

        self.parser = Parser(convert_charrefs=True)
        self._script_type: str | None = None

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], pos: tuple[int, int]) -> None:
        where = f"line {pos[0]}: <{tag}>"
        if tag == "script":
            self._script_type = dict(attrs).get("type")
        if tag in self.DANGEROUS_TAGS and tag not in ("form",):
            self.problems.append(f"{where} is not allowed")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"{where} has handler {name}={value[:40]!r}")
            if name in self.URL_ATTRIBUTES:
                squashed = "".join(value.split()).lower()
                if squashed.startswith(("javascript:", "vbscript:", "data:text", "data:application", "data:image/svg")):
                    self.problems.append(f"{where} has {name}={value[:40]!r}")
            if name == "style" and ("expression(" in value.lower() or "url(" in value.lower()):
                self.problems.append(f"{where} has style {value[:40]!r}")

    def feed(self, html: str) -> list[str]:
        self.parser.feed(html)
        self.parser.close()
        return self.problems


def unsafe_markup(html: str, marker: str = "alert(") -> list[str]:
    """Handlers, script URLs, embedded frames and scripts carrying `marker` in a document."""
    return _UnsafeMarkupFinder(marker).feed(html)
