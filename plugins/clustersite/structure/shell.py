"""The theme's shell, rendered once for many generated pages and filled in for each.

MkDocs renders the whole theme template for every page. For thousands of member pages
that are outside the navigation and at the same depth, Material's output differs only
in the page's title, description, canonical URL and content: the rest (header, tabs,
footer, scripts, relative asset URLs) is identical. So the shell is rendered once per
kind of page with placeholders, and each page's output is the shell with its own parts
put in. This is where plain MkDocs spends most of its time per page.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

import jinja2
from mkdocs.structure.pages import Page

PRERENDERED_TEMPLATE = "clustersite/prerendered.html"
"""The template of cached pages: it prints the output computed in on_page_context."""

_SLOT = "\x00clustersite-slot-{}\x00"
SLOTS = ("title", "description", "canonical", "content")


def template_loader() -> jinja2.BaseLoader:
    return jinja2.DictLoader({PRERENDERED_TEMPLATE: "{{ clustersite_prerendered }}"})


class ShellCache:
    """Shells by what they depend on: the theme template, the page's folder and its meta."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self._shells: dict[str, str | None] = {}

    def render(self, page: Page, context: dict[str, Any], template: str) -> str:
        # Material adds an <h1> of the title unless the content has one: that depends on the page too.
        has_h1 = "<h1" in (page.content or "")
        meta = {k: v for k, v in page.meta.items() if k not in ("title", "description", "template")}
        # Theme links are relative to the page's folder: pages in one folder share them.
        folder = posixpath.dirname(page.url.rstrip("/"))
        key = json.dumps([template, folder, has_h1, meta], sort_keys=True, default=str)
        if key not in self._shells:
            self._shells[key] = self._render_shell(page, context, template, has_h1)
        shell = self._shells[key]
        if shell is None:  # a theme that prints the page's parts in a way slots cannot follow
            return self.env.get_template(template).render(context)
        values = {
            "title": page.meta.get("title", ""),
            "description": page.meta.get("description", ""),
            "canonical": page.canonical_url or "",
            "content": page.content or "",
        }
        for name in SLOTS:
            shell = shell.replace(_SLOT.format(name), values[name])
        shell = shell.replace(_SLOT.format("content<h1"), values["content"])
        return shell

    def _render_shell(self, page: Page, context: dict[str, Any], template: str, has_h1: bool) -> str | None:
        saved = (page.meta, page.content, page.canonical_url, page.title)
        page.meta = {**page.meta, "title": _SLOT.format("title"), "description": _SLOT.format("description")}
        page.content = _SLOT.format("content<h1" if has_h1 else "content")
        page.canonical_url = _SLOT.format("canonical")
        page.title = _SLOT.format("title")
        try:
            shell = self.env.get_template(template).render(context)
        finally:
            page.meta, page.content, page.canonical_url, page.title = saved
        # The shell is usable only if the content went in once and no slot was altered by a filter.
        content_slot = _SLOT.format("content<h1" if has_h1 else "content")
        slots = [_SLOT.format(name) for name in SLOTS if name != "content"] + [content_slot]
        if shell.count(content_slot) != 1 or shell.count("\x00") != 2 * sum(shell.count(slot) for slot in slots):
            return None
        return shell
