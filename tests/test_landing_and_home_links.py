"""The audience landing pages list the pages chosen for their group, by title; the homepage follows newsletter_dir."""

from __future__ import annotations

import re

from conftest import build_ok
from sitefactory import MKDOCS_YML, Site


def listed(html: str) -> list[tuple[str, str]]:
    section = html.split('id="cs-for-you-pages"', 1)[1] if 'id="cs-for-you-pages"' in html else ""
    return re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', section.split("</ul>", 1)[0])


def test_landing_pages_list_chosen_pages_by_title_and_not_the_editors_guide(site: Site) -> None:
    site.write("content/careers.md", "---\naudience: [public]\n---\n# Careers in medical imaging\n\nJobs.\n")
    site.write("content/funding.md", "---\ntitle: Funding calls\naudience: [members, community]\n---\n# Calls\n")
    site.write("content/contribute/index.md", "---\ntitle: Contribute\n---\n# Contribute to this site\n")
    site.write("content/contribute/events.md", "# How to add an event\n")
    out = build_ok(site)
    public = (out / "for-public" / "index.html").read_text(encoding="utf-8")
    members = (out / "for-members" / "index.html").read_text(encoding="utf-8")
    assert listed(public) == [("../careers/", "Careers in medical imaging")]
    assert listed(members) == [("../funding/", "Funding calls")]
    for html in (public, members, (out / "for-partners" / "index.html").read_text(encoding="utf-8")):
        assert ">None<" not in html and "contribute/" not in html


def test_homepage_links_to_the_newsletter_where_newsletter_dir_puts_it(tmp_path) -> None:
    site = Site.create(tmp_path / "site", MKDOCS_YML.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      newsletter_dir: news\n"))
    site.write("content/news/2026-01-first.md", "---\ntitle: First\ndate: 2026-01-05\n---\nText.\n")
    out = build_ok(site)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="news/"' in home and 'href="newsletter/"' not in home
    assert (out / "news" / "index.html").is_file()
