"""Everything that turns untrusted text into HTML: escaping templates, sanitised Markdown.

MkDocs renders its theme without autoescaping. The plugin therefore renders every
fragment built from data with its own Jinja environment, which escapes by default, and
passes Markdown written by members through nh3 (Ammonia) with a link allow-list.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

import jinja2
import markdown
import nh3
from markupsafe import Markup

from .errors import DataError, SourceError
from .htmltags import ALLOWED_TAGS, PAGE_TAGS
from .i18n import Language
from .models.fields import LocalText
from .nesting import rendered_problem

SAFE_URL_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}


def sanitize_html(html: str, *, link_rel: str = "noopener noreferrer nofollow ugc") -> Markup:
    """HTML reduced to harmless formatting: no script, no handlers, only safe links."""
    return Markup(  # noqa: S704 (what nh3 returns below is sanitised HTML)
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=SAFE_URL_SCHEMES,
            link_rel=link_rel,
            strip_comments=True,
        )
    )


# MkDocs' own HTML for a page's text: headings keep their ids (the table of contents and the
# ¶ permalinks point at them), elements keep their classes (admonitions, attr_list).
PAGE_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "style"},
    "details": {"open"},
}
PAGE_STYLE_PROPERTIES = {"text-align"}
"""The one style Markdown writes (a table column's alignment); nothing that loads or hides."""


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Drop ids that could clobber the theme's own elements (Material's start with __)."""
    if attribute == "id" and value.startswith("_"):
        return None
    return value


def sanitize_page_html(content: str, *, demote_h1: bool = False) -> Markup:
    """A page's HTML as MkDocs rendered it from untrusted Markdown, without script, handlers or unsafe links.

    One sanitiser for every Markdown page, content pages and newsletter issues alike.
    `demote_h1` turns the text's h1 into h2 where the page's template prints its own h1.
    """
    clean = nh3.clean(
        content,
        tags=PAGE_TAGS,
        attributes=PAGE_ATTRIBUTES,
        url_schemes=SAFE_URL_SCHEMES,
        filter_style_properties=PAGE_STYLE_PROPERTIES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )
    if demote_h1:
        clean = re.sub(r"<(/?)h1\b", r"<\1h2", clean)
    return Markup(clean)  # noqa: S704 -- nh3 has just cleaned it


def plain_title(title: str | None) -> str:
    """A page's title as the theme prints it (unescaped): its text, escaped once.

    MkDocs takes a title from the front matter, the first heading or the file name, and
    the heading's text may come back with `<` unescaped (`# \\</title\\>`) or with entities.
    """
    return html.escape(html.unescape(title or ""), quote=True)


class MarkdownRenderer:
    """Markdown from data files, rendered once per build and sanitised."""

    @cached_property
    def _md(self) -> markdown.Markdown:
        return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")

    def __call__(self, text: str | None, source: str) -> Markup:
        """`text` (a `description:` of the data file `source`) as sanitised HTML; a text whose
        HTML is nested too deeply or multiplied by the parser stops the build (nesting.py)."""
        if not text:
            return Markup("")
        html = self._md.reset().convert(text)
        # Headings in a member's text sit below the page's own h1 and h2.
        html = sanitize_html(html.replace("<h1", "<h3").replace("</h1>", "</h3>"))
        problem = rendered_problem(html, len(text))
        if problem is not None:
            raise DataError([SourceError(source, 0, "description", *problem)])
        return html


def json_ld(data: dict[str, Any]) -> Markup:
    """A schema.org JSON-LD block that text from data files cannot break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')  # noqa: S704 (<, > and & escaped above: the text cannot leave the element)


def text_lang(page_language: str, text: object) -> Markup:
    """` lang="en"` for an element showing a text in another language than the page's (its
    translation is missing, so the default language's text is shown): screen readers then
    switch to that language's voice. Nothing for a text in the page's language."""
    if isinstance(text, LocalText) and text.lang != page_language:
        return Markup(' lang="{}"').format(text.lang)
    return Markup("")


def make_environment(language: Language, globals_: dict[str, Callable[..., Any] | Any] | None = None) -> jinja2.Environment:
    """The plugin's template environment in one language: autoescaping, strict about undefined names.

    Templates mark their words with `{% trans %}` and `_()` (Jinja's i18n extension, new-style
    gettext, so translations are escaped like any other value); `language` supplies them,
    and country names and dates in the same language.
    """
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.PackageLoader("clustersite", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # a new environment per build: no stat of the template's file at each of its 2,000 renders
    )
    env.install_gettext_translations(language.translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(language.jinja_globals)
    env.globals["language"] = language.code
    env.globals["text_lang"] = functools.partial(text_lang, language.code)
    env.globals.update(globals_ or {})
    env.filters["markdown"] = MarkdownRenderer()
    return env
