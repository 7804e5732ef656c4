"""Social previews: Open Graph and Twitter card tags for every page's <head>.

A link shared in a chat, on LinkedIn or Mastodon shows the page's title, description and,
where the page has one, its image. Titles and descriptions come from front matter and data
files, which arrive by pull request: the template escapes every value (generated pages keep
theirs HTML-escaped in `page.meta` for the theme, so they are unescaped once first).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urljoin

import jinja2

from .cache import render

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
"""What link previews show: no SVG, no WebP in most of them."""


@dataclass(frozen=True)
class SocialPreview:
    site_name: str
    title: str
    description: str
    url: str
    image: str | None = None
    image_alt: str | None = None
    kind: str = "website"


def plain(value: object) -> str:
    """Text as a reader sees it, whether it was stored HTML-escaped or not."""
    return html.unescape(str(value or "")).strip()


def absolute(site_url: str, path: str | None) -> str | None:
    return urljoin(site_url, path) if path and site_url else None


def social_tags(env: jinja2.Environment, preview: SocialPreview) -> str:
    """The tags of one page; from serve mode's cache when the preview is the same (every page has them)."""
    return render(env, "social.html", preview=preview)
