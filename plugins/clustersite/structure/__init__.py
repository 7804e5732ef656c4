"""Pages the plugin generates from data, in the manner of Material's blog `structure/`.

A generated page is a real MkDocs page: it is in the sitemap and the search index and
gets the theme around it, but its HTML comes from the plugin's escaping templates
instead of from Markdown, which is both safer and much faster.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .shell import PRERENDERED_TEMPLATE


class GeneratedPage(Page):
    """A page whose body is rendered by `body(page)` when MkDocs renders pages."""

    def __init__(
        self,
        title: str,
        src_uri: str,
        config: MkDocsConfig,
        body: Callable[[GeneratedPage], str],
        *,
        meta: dict[str, Any] | None = None,
        in_nav: bool = False,
        inputs: Any = None,
    ) -> None:
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src_uri, content="", inclusion=inclusion)
        # MkDocs' templates print the title without escaping it; the data's text is escaped here.
        escaped = html.escape(title, quote=True)
        super().__init__(escaped, file, config)
        self._body = body
        self.inputs = inputs
        """Everything `body` reads besides the page itself, for serve mode to keep the page while it is
        the same (incremental.py); None: the page is built on every rebuild."""
        self._meta = {"title": escaped, **(meta or {})}
        if not in_nav:
            # Outside the navigation, the theme's shell is the same for every page of a kind:
            # the plugin renders it once (structure/shell.py) and fills in each page's parts.
            self._meta.setdefault("template", PRERENDERED_TEMPLATE)
            self.theme_template = "main.html"

    def _set_canonical_url(self, base: str | None) -> None:
        """MkDocs' own, without `urljoin` and `urlsplit` for the plain relative URLs generated pages
        have: serve mode makes 2,000 member pages on every save. The same strings: a site URL for
        which a probe joins differently takes MkDocs' way."""
        site = _joinable(base) if base else None
        if site is not None and _PLAIN_URL.fullmatch(self.url):
            self.canonical_url = site[0] + self.url
            self.abs_url = site[1] + self.url
        else:
            super()._set_canonical_url(base)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = dict(self._meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self._body(self)
        self.toc = get_toc([])

    def relative(self, url: str) -> str:
        """`url` (site-relative, e.g. 'members/acme/') as a link from this page."""
        return link_from(self.url, url)

    @functools.cached_property
    def link(self) -> partial[str]:
        """`relative` as a value the build cache can key by (this page's URL), for templates rendered once per item."""
        return partial(link_from, self.url)


def link_from(base: str, url: str) -> str:
    """`url` (site-relative) as a link from the page at `base`."""
    return get_relative_url(url or ".", base or ".")


_PLAIN_URL = re.compile(r"(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?")
"""A relative URL of plain segments (none is `.` or `..`), which `urljoin` appends to a base path as it is."""


@functools.lru_cache(maxsize=8)
def _joinable(base: str) -> tuple[str, str] | None:
    """(base with its slash, its path) if `urljoin(base, url)` is their concatenation for plain URLs."""
    base = base if base.endswith("/") else base + "/"
    probe = "a-b/c.d/"
    joined = urljoin(base, probe)
    path = urlsplit(base).path
    return (base, path) if joined == base + probe and urlsplit(joined).path == path + probe else None
