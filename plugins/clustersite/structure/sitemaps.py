"""A sitemap beside each feed, so that the theme's requests for one do not fail.

Material for MkDocs reads every `<link rel="alternate">` in a page's head as another
language's version of the site and fetches `sitemap.xml` from the folder of its `href`
(`setupAlternate` in its bundle, kept by its continuation Zensical: zensical/zensical#908).
The feeds and calendars a page announces live in their section's folder, so without a
sitemap there every page view would make one request that ends in a 404 per folder.

The sitemaps protocol allows a sitemap in a folder that lists the pages under that
folder, which is what this writes: a few hundred bytes, true and valid, that the theme
reads as "no other languages".
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

FILENAME = "sitemap.xml"


def section_sitemaps(feed_paths: Iterable[str], files: Files, config: MkDocsConfig, env: jinja2.Environment) -> list[File]:
    """One sitemap per folder that holds a feed announced in a page's head, but the root's.

    Call it once every page is known: it lists the pages of the edition being built.
    """
    folders = sorted({posixpath.dirname(path) for path in feed_paths} - {""})
    template = env.get_template("sitemap.xml")
    base = config.site_url or "/"
    sitemaps = []
    pages = [file.url for file in files.documentation_pages()] if folders else []
    for folder in folders:
        prefix = folder + "/"
        urls = sorted(base + url for url in pages if url.startswith(prefix))
        if urls:  # the protocol requires at least one URL; a folder without pages gets no sitemap
            sitemaps.append(File.generated(config, prefix + FILENAME, content=template.render(urls=urls)))
    return sitemaps
