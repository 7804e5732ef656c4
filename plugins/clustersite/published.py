"""Which files of docs_dir an edition publishes: those its rendered pages use, and no others.

An image or PDF arrives in a pull request next to the page that shows it. Whether the page
is for members alone is known; whether a file belongs to it can only be guessed from the
Markdown, and every guess has had holes (an unquoted `src=`, `<…>` links, a space or `%20`
in the name, `srcset`). So the decision is taken from what a browser would fetch: the
rendered HTML of the edition's pages. A file no page of the edition uses is not published.

MkDocs copies static files before it renders the pages' themes, so the plugin holds the
docs_dir files back (`hold`, from `on_env`, after link validation has seen them), collects
every URL of every page (`record`, from `on_post_page`) and copies the used files itself
(`publish`, from `on_post_build`). Theme files, files the plugins generate and the files the
site vouches for in `raw_files` are copied by MkDocs as before.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
from fnmatch import fnmatchcase
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urljoin, urlsplit

from mkdocs.structure.files import File, Files

URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster", "data", "xlink:href", "action", "formaction", "background"})
"""Every attribute through which a page makes a browser fetch or offer a file."""


class _UrlCollector(HTMLParser):
    """Every URL in the attributes of a page's elements, entities decoded by the parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None or name not in URL_ATTRIBUTES:
                continue
            if name == "srcset":
                self.urls += [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
            else:
                self.urls.append(value)

    handle_startendtag = handle_starttag


class UsedFiles:
    """The docs_dir files of one build, held back until the pages show which ones are used."""

    def __init__(self, docs_dir: str, site_url: str | None, raw_files: list[str]) -> None:
        self.docs_dir = os.path.normpath(docs_dir)
        base = urlsplit(site_url or "http://localhost/")
        self.host = base.netloc.lower()
        self.base_path = base.path if base.path.endswith("/") else base.path + "/"
        self.origin = f"{base.scheme or 'http'}://{base.netloc or 'localhost'}{self.base_path}"
        self.raw_files = raw_files
        self.held: dict[str, File] = {}
        """Held files by their path in the site, e.g. newsletter/images/a b.png."""
        self.used: set[str] = set()
        self._names: re.Pattern[str] | None = None
        """The held files' names as a page may spell them: only pages containing one are parsed."""

    def hold(self, files: Files) -> None:
        """Take docs_dir's files out of MkDocs' copy: `publish` copies the used ones."""
        for file in list(files):
            if file.is_documentation_page() or file.generated_by or file.src_dir is None:
                continue
            if os.path.normpath(file.src_dir) != self.docs_dir or any(fnmatchcase(file.src_uri, pattern) for pattern in self.raw_files):
                continue  # the theme's files, and those the site vouches for (robots.txt, CNAME…)
            files.remove(file)
            self.held[file.dest_uri] = file
        names = {spelling for path in self.held for name in [posixpath.basename(path)] for spelling in (name, quote(name), html.escape(name))}
        self._names = re.compile("|".join(re.escape(name) for name in sorted(names))) if names else None

    def record(self, output: str, page_url: str) -> set[str]:
        """Note the held files a rendered page uses (relative, root-relative or absolute to site_url); returns them."""
        found = self.find(output, page_url)
        self.used |= found
        return found

    def find(self, output: str, page_url: str) -> set[str]:
        """The held files a rendered page uses."""
        if self._names is None or not self._names.search(output):
            return set()  # names spelt otherwise (entities, needless percent-escapes) are not found: such files stay out
        collector = _UrlCollector()
        collector.feed(output)
        collector.close()
        paths = (self.site_path(url, page_url) for url in collector.urls)
        return {path for path in paths if path is not None and path in self.held}

    @property
    def held_files(self) -> str:
        """Which files are held, in one string: what a page was found to use holds while it is the same."""
        return hashlib.blake2b("\n".join(sorted(self.held)).encode(), digest_size=20).hexdigest()

    def site_path(self, url: str, page_url: str) -> str | None:
        """The path inside the site that `url`, found on the page at `page_url`, points at; None if elsewhere."""
        try:
            target = urlsplit(urljoin(urljoin(self.origin, page_url), url.strip()))
        except ValueError:
            return None
        if target.netloc.lower() != self.host:
            return None
        path = posixpath.normpath("/" + unquote(target.path).lstrip("/"))
        if not path.startswith(self.base_path) and path + "/" != self.base_path:
            return None
        return path[len(self.base_path):]

    def publish(self, *, dirty: bool = False) -> list[str]:
        """Copy the used files into the site; return the held files that stay out."""
        for path in sorted(self.used):
            self.held[path].copy_file(dirty)
        return sorted(set(self.held) - self.used)
