"""A site in several languages: which build is which language, and where each one's pages are.

The default language (the first of `languages:`) is published where the site has always
been (`/`), so every existing address stays permanent; each other language below
`/<code>/` (`/ro/members/acme/`). The plugin runs MkDocs' whole build once per language
with a copy of the configuration (as mkdocs-static-i18n does), so each build's pages,
search index, sitemap, feeds and calendars are written in that build's language by the
same code that writes a one-language site, new kinds of pages included. Feed IDs and
calendar UIDs come from `site_url`'s host and the item's slug, never from the address, so an
item keeps one ID in every language.

Content pages are translated by suffixed files: `about.ro.md` is the Romanian `about.md`.
A suffixed file is never a page of its own; a page without a translation is published in
the other language from the default file, marked with the default language for screen readers.
"""

from __future__ import annotations

import copy
import html
import importlib
import xml.etree.ElementTree as ET  # noqa: S405 (it parses only the sitemap MkDocs rendered from its template)
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url, is_markdown_file

from .errors import SourceError
from .sources.files import display_path
from .sources.pages import PageInfo

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

_SHARED = ("plugins", "hooks")
"""Configuration entries a copy shares with the original: the plugin instances (and hook
modules) cannot be copied, and MkDocs runs the same ones for every build."""


def copy_config(config: MkDocsConfig) -> MkDocsConfig:
    """A deep copy of the validated configuration for another language's build.

    Each build's plugins change the configuration they are given (site_dir, site_url,
    theme.language, extra): a copy taken before they ran keeps one build's changes out of
    the next one's.
    """
    shared = {key: config.data.pop(key) for key in _SHARED if key in config.data}
    try:
        duplicate = copy.deepcopy(config)
    finally:
        config.data.update(shared)
    duplicate.data.update(shared)
    return duplicate


def engine_build(config: MkDocsConfig) -> Callable[..., None]:
    """The build function of the engine running this build: MkDocs', or ProperDocs' (whose
    configuration is its own class), so that each language is built by the same engine."""
    package = type(config).__module__.partition(".")[0]
    build: Callable[..., None] = importlib.import_module(f"{package}.commands.build").build
    return build


def autonym(code: str) -> str:
    """The language's name in itself, as the language switcher shows it: 'Română', 'Deutsch'."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code  # the pseudo-locale
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class SiteLanguages:
    """The site's languages, the default first."""

    codes: tuple[str, ...]

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def several(self) -> bool:
        return len(self.codes) > 1

    def prefix(self, code: str) -> str:
        """Where a language's pages are below the site's root: '' for the default, 'ro/' for Romanian."""
        return "" if code == self.default else f"{code}/"

    def translation(self, src_uri: str) -> tuple[str, str] | None:
        """(the page it translates, the language) of a suffixed file: ('about.md', 'ro') for 'about.ro.md'."""
        if not is_markdown_file(src_uri):
            return None
        stem, _, extension = src_uri.rpartition(".")
        base, dot, code = stem.rpartition(".")
        if not dot or code not in self.codes[1:] or not base or base.endswith("/"):
            return None
        return f"{base}.{extension}", code

    def root_path(self, root_url: str, code: str) -> str:
        """A language's root as an absolute path on the host: '/ro/' (or '/project/ro/' below a path)."""
        path = urlsplit(root_url).path or "/"
        return (path if path.endswith("/") else f"{path}/") + self.prefix(code)

    def switcher(self, root_url: str) -> list[dict[str, str]]:
        """Material's `extra.alternate`: each language's root, which `point_at_page` turns into the page's own version."""
        return [{"name": autonym(code), "link": self.root_path(root_url, code), "lang": code} for code in self.codes]

    def point_at_page(self, output: str, url: str, code: str, root_url: str) -> str:
        """A page's HTML whose language switcher leads to this page in each language, not to its homepage.

        Material's head links every language's root as `<link rel="alternate" hreflang>`: that
        would tell search engines that `/ro/` is the Romanian version of every page, and
        Material's script fetches `sitemap.xml` relative to every such link, so links to the
        page itself would make it ask for one beside the page (a 404). The head gets none: the
        language versions are in each language's sitemap (`annotate_sitemap`). The switcher's
        links get the page's address in each language, relative, so that they lead there
        without JavaScript, in the preview and in an offline copy too.
        """
        here = self.prefix(code) + url
        for other in self.codes:
            root = self.root_path(root_url, other)
            relative = html.escape(get_relative_url(self.prefix(other) + url, here), quote=True)
            output = output.replace(f'<link rel="alternate" href="{root}" hreflang="{other}">', "")
            output = output.replace(f'<a href="{root}" hreflang="{other}" class="md-select__link">', f'<a href="{relative}" hreflang="{other}" class="md-select__link">')
        return output

    def annotate_sitemap(self, sitemap: str, code: str, root_url: str) -> str:
        """A language's `sitemap.xml` whose every page names its version in each language, and `x-default`.

        This is how Google reads hreflang from a sitemap (an `<xhtml:link rel="alternate">` per
        language in each `<url>`, its own included), and the form Material's script reads
        (`fetchSitemap`, every `[rel=alternate]` of a `<url>`) when a head links a language's
        root; these heads link none, since the switcher's own links lead to the page. Every
        page exists in every language (untranslated ones from the default language's file), so
        each gets every language. The addresses must be absolute: without `site_url` the
        sitemap lists no page and stays as it is.
        """
        if not root_url:
            return sitemap
        ET.register_namespace("", SITEMAP_NS)
        ET.register_namespace("xhtml", XHTML_NS)
        urlset = ET.fromstring(sitemap)  # noqa: S314 (MkDocs rendered it: escaped addresses, no DTD)
        base = root_url if root_url.endswith("/") else f"{root_url}/"
        own = base + self.prefix(code)
        for entry in urlset.iter(f"{{{SITEMAP_NS}}}url"):
            loc = (entry.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
            if not loc.startswith(own):
                continue  # not a page of this language's tree (MkDocs writes none such)
            url = loc.removeprefix(own)
            for other in (*self.codes, "x-default"):
                address = base + (url if other == "x-default" else self.prefix(other) + url)
                ET.SubElement(entry, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": other, "href": address})
        ET.indent(urlset, space="    ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


@dataclass
class LocalizedPages:
    """The content pages of one language's build."""

    info: dict[str, PageInfo]
    """Each page's front matter, from its translation where it has one."""
    untranslated: frozenset[str]
    """The pages shown from the default language's file in another language's build."""


def localize_pages(files: Files, pages: Mapping[str, PageInfo], languages: SiteLanguages, code: str, root: Path) -> tuple[LocalizedPages, list[SourceError]]:
    """Take the suffixed files out of `files`, and give each page its translation's text in `code`.

    Only content pages count (the keys of `pages`): the newsletter's issues are loaded as
    issues. A translation of a page that does not exist is an error (it would be published nowhere).
    """
    translations: dict[tuple[str, str], File] = {}
    errors: list[SourceError] = []
    for file in list(files):
        found = languages.translation(file.src_uri) if file.src_uri in pages else None
        if found is None:
            continue
        files.remove(file)
        base, language = found
        if base not in pages:
            shown = display_path(Path(file.abs_src_path or file.src_uri), root)
            errors.append(SourceError(shown, 0, "", f"the {language} translation of {base}, which does not exist",
                                      f"add {base} in the default language ({languages.default}), or rename this file"))
        translations[base, language] = file
    info = {uri: page for uri, page in pages.items() if languages.translation(uri) is None}
    untranslated = set()
    if code != languages.default:
        for file in files.documentation_pages():
            if file.src_uri not in info or file.generated_by:
                continue
            translated = translations.get((file.src_uri, code))
            if translated is None:
                untranslated.add(file.src_uri)
            else:
                file.abs_src_path = translated.abs_src_path  # MkDocs reads the page from here; its address stays the default's
                info[file.src_uri] = pages[translated.src_uri]
    return LocalizedPages(info, frozenset(untranslated)), errors
