"""An e-mail-ready HTML file per newsletter issue, for pasting into or fetching by a mailer.

E-mail programs are not browsers: Gmail drops `<style>` in many cases and clips messages
over about 102 KB behind a "View entire message" link; Outlook on Windows renders with
Word, which knows tables and inline styles but not max-width or flexbox. So the template
lays the issue out as a 600 px table and keeps its CSS in one `<style>` block, which
css-inline moves into `style` attributes; every link and image URL is absolute.
"""

from __future__ import annotations

from typing import Any

import css_inline
import jinja2

GMAIL_CLIP_BYTES = 102 * 1000
"""Gmail clips a message whose HTML exceeds about 102 KB: keep a margin below it."""

_INLINER = css_inline.CSSInliner(
    keep_style_tags=False,
    keep_link_tags=False,
    load_remote_stylesheets=False,
    apply_width_attributes=True,  # Outlook reads width="…", not CSS widths
)


def render_email(env: jinja2.Environment, **context: Any) -> str:
    """The issue as one self-contained HTML e-mail: styles inlined, no `<style>` left."""
    html = env.get_template("newsletter/email.html").render(**context)
    return _INLINER.inline(html)


def size_bytes(html: str) -> int:
    """The size Gmail's clipping counts: the HTML's UTF-8 bytes."""
    return len(html.encode("utf-8"))
