"""Redirect pages from the old addresses of renamed members, events and issues.

A file's name is its permanent address; `previous_slugs:` lists the names it had before,
and each old address gets a small static page, as mkdocs-redirects writes them: a meta
refresh (no script), a canonical link for search engines and a visible link for anyone
whose browser does not follow the refresh. The loaders have refused an old name that a
live file still uses, so a redirect never replaces a page.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..models.fields import in_edition
from ..sitedata import SiteData


@dataclass(frozen=True)
class Redirect:
    old: str
    """The old address, site-relative, e.g. members/old-name/."""
    new: str
    """Where it went, site-relative, e.g. members/new-name/."""
    title: str


def redirects(data: SiteData, edition: str, newsletter_dir: str) -> list[Redirect]:
    """Every old address of what `edition` publishes, in a stable order."""
    found = [Redirect(f"members/{old}/", record.url, record.member.name) for record in data.members.values() for old in record.member.previous_slugs]
    for record in data.events.values():
        if in_edition(tuple(record.event.audience), edition):
            found += [Redirect(f"events/{old}/", record.url, record.event.title) for old in record.event.previous_slugs]
    folder = newsletter_dir.strip("/")
    for issue in data.newsletter:
        if issue.in_edition(edition):
            found += [Redirect(f"{folder}/{old}/", f"{folder}/{issue.stem}/", issue.issue.title) for old in issue.issue.previous_slugs]
    return sorted(found, key=lambda redirect: redirect.old)


def redirect_files(items: list[Redirect], config: MkDocsConfig, env: jinja2.Environment) -> list[File]:
    """One `index.html` per old address; relative links, so the pages work on any host and from disk."""
    template = env.get_template("redirect/page.html")
    site_url = (config.site_url or "").rstrip("/")
    files = []
    for item in items:
        depth = item.old.strip("/").count("/") + 1
        target = "../" * depth + item.new
        canonical = f"{site_url}/{item.new}" if site_url else ""
        html = template.render(title=item.title, target=target, canonical=canonical)
        files.append(File.generated(config, f"{item.old}index.html", content=html + "\n"))
    return files
