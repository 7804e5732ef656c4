"""The editor's preview when the data has errors: a site whose every page lists them.

When a build fails, `mkdocs serve` (and `properdocs serve`) keeps the site's previous
version hidden and holds every request until a build succeeds: a browser waits forever
with nothing drawn, and only the terminal says why. So in serve mode the plugin turns a
data error into a successful build of an *error site*: every page the site had or would
have (the content pages, and one per member and event file) is the same page listing
every problem with its file, line, field and fix. The server then shows it, injects its
livereload script as in any page, and reloads open tabs, which reload again into the
real pages once the files are fixed. `mkdocs build` never builds an error site.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .errors import SourceError
from .structure.shell import PRERENDERED_TEMPLATE


class ErrorPage(Page):
    """A page whose whole output is the error page, without the theme around it."""

    def __init__(self, file: File, config: MkDocsConfig, html: str) -> None:
        super().__init__("Errors in the site's data", file, config)
        self.error_html = html

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = {"template": PRERENDERED_TEMPLATE, "search": {"exclude": True}}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.error_html
        self.toc = get_toc([])


def error_html(env: jinja2.Environment, errors: Iterable[SourceError]) -> str:
    return env.get_template("preview/error.html").render(errors=sorted(set(errors)))


def error_site(html: str, files: Files, config: MkDocsConfig, *, pages: Iterable[str]) -> Files:
    """`files` with every page, and every page in `pages` (src_uris) the data would add, showing `html`.

    The other files (images, the theme's assets) stay, so that the site's links still resolve.
    """
    for uri in sorted(set(pages)):
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    for file in files.documentation_pages():
        ErrorPage(file, config, html)  # becomes file.page
    return files


def data_page_uris(folder: Path, section: str) -> list[str]:
    """The pages a collection's files would give (`members/<name>.md`), valid names or not."""
    if not folder.is_dir():
        return []
    names = sorted(path.stem for path in folder.iterdir() if path.suffix.lower() in (".yml", ".yaml") and not path.name.startswith("."))
    return [f"{section}/index.md"] + [f"{section}/{name}.md" for name in names]
