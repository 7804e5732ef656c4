"""A site in two languages: every page, feed, calendar and search index once per language.

The test site is built with `languages: [en, ro]`: English at the root, Romanian below
`/ro/`. Feeds are read with feedparser and calendars with ical.js, validators the project
did not write; the sitemaps' hreflang annotations and the language switcher are followed from every page.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from conftest import run_build
from inprocess import ServeSession, tree
from node_validators import run_node
from sitefactory import MKDOCS_YML, Site

SITE_URL = "https://cluster.example.org/"
MEMBERS_SITE_URL = "https://members.cluster.example.org/"
TWO_LANGUAGES = MKDOCS_YML.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      languages: [en, ro]\n")

EVENT = """\
title: Imaging Summit
type: conference
start: 2027-03-03
end: 2027-03-05
summary: Two days of imaging.
audience: [community, public]
location:
  city: Iași
  country: RO
"""

ISSUE = """\
---
title: Funding calls for 2027
date: 2026-10-03
summary: Which calls open this spring.
---
# Funding calls for 2027

The calls.
"""


def two_language_site(root: Path) -> Site:
    site = Site.create(root, TWO_LANGUAGES)
    site.member("acme", name="Acme Imaging")
    site.member("beta-scan", name="Beta Scan")
    site.write("events/summit.yml", EVENT)
    site.write("content/newsletter/2026-10-funding.md", ISSUE)
    site.write("content/index.ro.md", "# Clusterul de test\n\nBun venit în clusterul nostru.\n")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = two_language_site(tmp_path_factory.mktemp("languages") / "site")
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    return site


def pages(out: Path) -> list[str]:
    """The default language's pages (their URL paths), without the other languages' trees."""
    return sorted(
        path.relative_to(out).as_posix().removesuffix("index.html")
        for path in out.rglob("index.html")
        if not path.relative_to(out).as_posix().startswith("ro/")
    )


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


def sitemap_alternates(out: Path, prefix: str = "") -> dict[str, dict[str, str]]:
    """Each page a language's sitemap.xml lists, with its hreflang annotations: {loc: {hreflang: href}}.

    Parsed as XML in the sitemaps and XHTML namespaces, as Google and Material's script read it.
    """
    urlset = ET.parse(out / prefix / "sitemap.xml").getroot()  # noqa: S314 (the test's own build)
    assert urlset.tag == f"{SITEMAP_NS}urlset"
    listed: dict[str, dict[str, str]] = {}
    for entry in urlset.findall(f"{SITEMAP_NS}url"):
        loc = entry.findtext(f"{SITEMAP_NS}loc") or ""
        assert loc not in listed, f"{loc} listed twice"
        alternates = entry.findall(f"{XHTML_NS}link")
        assert all(link.get("rel") == "alternate" for link in alternates), loc
        listed[loc] = {link.get("hreflang", ""): link.get("href", "") for link in alternates}
        assert len(listed[loc]) == len(alternates), f"two links for one language at {loc}"
    return listed


class Links(HTMLParser):
    """The page's `<link rel="alternate">` in its head, and the language switcher's links."""

    def __init__(self) -> None:
        super().__init__()
        self.alternates: list[str] = []
        self.hreflang: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self.canonical = ""
        self.html_lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.html_lang = values.get("lang", "")
        elif tag == "link" and values.get("rel") == "alternate":
            self.alternates.append(values["href"])
            if "hreflang" in values:
                self.hreflang[values["hreflang"]] = values["href"]
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        elif tag == "a" and "md-select__link" in values.get("class", "").split():
            self.switcher[values["hreflang"]] = values["href"]


def links(out: Path, url: str) -> Links:
    parser = Links()
    parser.feed((out / url / "index.html").read_text(encoding="utf-8"))
    return parser


def test_every_page_is_published_once_per_language(built: Site) -> None:
    out = built.out
    english = pages(out)
    assert {"", "members/acme/", "events/summit/", "newsletter/2026-10-funding/", "for-members/"} <= set(english)
    for url in english:
        assert (out / "ro" / url / "index.html").is_file(), f"ro/{url} is missing"
    romanian = sorted(path.relative_to(out / "ro").as_posix().removesuffix("index.html") for path in (out / "ro").rglob("index.html"))
    assert romanian == english
    assert not [path for path in out.rglob("*") if path.name.startswith("index.ro")], "a suffixed file became a page of its own"


def test_each_language_sitemap_names_every_page_in_every_language_both_ways(built: Site) -> None:
    out = built.out
    english, romanian = sitemap_alternates(out), sitemap_alternates(out, "ro")
    urls = pages(out)
    assert sorted(english) == sorted(SITE_URL + url for url in urls)
    assert sorted(romanian) == sorted(f"{SITE_URL}ro/{url}" for url in urls)
    for url in urls:
        expected = {"en": SITE_URL + url, "ro": f"{SITE_URL}ro/{url}", "x-default": SITE_URL + url}
        assert english[SITE_URL + url] == expected, url
        assert romanian[f"{SITE_URL}ro/{url}"] == expected, f"ro/{url}"
    assert (out / "ro" / "sitemap.xml").read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_no_link_in_a_head_makes_the_theme_fetch_a_missing_sitemap(built: Site) -> None:
    """Material's script fetches `sitemap.xml` relative to every `<link rel="alternate">` of a page's head."""
    out = built.out
    missing = set()
    for url in pages(out):
        for page in (url, f"ro/{url}"):
            parsed = links(out, page)
            assert parsed.hreflang == {}, f"{page}: hreflang belongs in the sitemaps, not in the head"
            for href in parsed.alternates:
                sitemap = urljoin(urljoin(SITE_URL + page, href), "sitemap.xml")
                if not sitemap.startswith(SITE_URL) or not (out / sitemap.removeprefix(SITE_URL)).is_file():
                    missing.add(f"{page}: {sitemap}")
        english, romanian = links(out, url), links(out, f"ro/{url}")
        assert (english.canonical, romanian.canonical) == (SITE_URL + url, f"{SITE_URL}ro/{url}")
        assert (english.html_lang, romanian.html_lang) == ("en", "ro")
    assert missing == set()
    assert links(out, "ro/events/").alternates, "the Romanian calendar is announced in its own folder"


def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(built: Site) -> None:
    out = built.out
    for url in pages(out):
        for here, page_links in ((SITE_URL + url, links(out, url)), (f"{SITE_URL}ro/{url}", links(out, f"ro/{url}"))):
            assert {lang: urljoin(here, href) for lang, href in page_links.switcher.items()} == {"en": SITE_URL + url, "ro": f"{SITE_URL}ro/{url}"}, here
    switcher = (out / "ro" / "members" / "acme" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'hreflang="ro" class="md-select__link">\s*Română\s*</a>', switcher)  # each language by its own name


def test_a_page_is_translated_by_its_suffixed_file_and_falls_back_marked_with_its_language(built: Site) -> None:
    out = built.out
    home_ro = (out / "ro" / "index.html").read_text(encoding="utf-8")
    assert "Bun venit în clusterul nostru." in home_ro and '<div lang="en">' not in home_ro
    assert "Bun venit" not in (out / "index.html").read_text(encoding="utf-8")
    landing_ro = (out / "ro" / "for-members" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div lang="en"><h1 id="for-members">for-members</h1>', landing_ro), "untranslated text is marked as English"
    assert '<div lang="en">' not in (out / "for-members" / "index.html").read_text(encoding="utf-8")
    # The plugin's own words follow the build's language
    assert "Tipul organizației" in (out / "ro" / "members" / "index.html").read_text(encoding="utf-8")


def feed_entries(path: Path) -> tuple[str, list[str], list[str]]:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed.feed.get("title", ""), [entry.id for entry in feed.entries], [entry.link for entry in feed.entries]


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_each_language_has_valid_feeds_with_the_same_ids(built: Site, name: str) -> None:
    out = built.out
    if name == "feed.json":
        english, romanian = (json.loads((folder / "newsletter" / name).read_text(encoding="utf-8")) for folder in (out, out / "ro"))
        assert [item["id"] for item in english["items"]] == [item["id"] for item in romanian["items"]] != []
        assert [item["url"] for item in romanian["items"]] == [f"{SITE_URL}ro/newsletter/2026-10-funding/"]
        assert romanian["feed_url"] == f"{SITE_URL}ro/newsletter/feed.json"
        return
    title_en, ids_en, links_en = feed_entries(out / "newsletter" / name)
    title_ro, ids_ro, links_ro = feed_entries(out / "ro" / "newsletter" / name)
    assert ids_en == ids_ro != [] and all("/ro/" not in item for item in ids_ro)
    assert links_en == [f"{SITE_URL}newsletter/2026-10-funding/"] and links_ro == [f"{SITE_URL}ro/newsletter/2026-10-funding/"]
    assert title_en != title_ro  # each in its language


ICALJS = r"""
const ICAL = require('ical.js');
const files = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const [name, text] of Object.entries(files)) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  out[name] = {name: calendar.getFirstPropertyValue('x-wr-calname'),
               events: calendar.getAllSubcomponents('vevent').map((v) => [new ICAL.Event(v).uid, v.getFirstPropertyValue('url')])};
}
process.stdout.write(JSON.stringify(out));
"""


def test_each_language_has_calendars_that_ical_js_reads_with_the_same_uids(built: Site) -> None:
    out = built.out
    files = {
        f"{prefix}{name}": (out / prefix / "events" / name).read_text(encoding="utf-8")
        for prefix in ("", "ro/")
        for name in ("events.ics", "public.ics", "community.ics", "summit.ics")
        if (out / prefix / "events" / name).is_file()
    }
    assert {"events.ics", "ro/events.ics", "public.ics", "ro/public.ics"} <= set(files)
    read = run_node(ICALJS, json.dumps(files))
    for name in files:
        if name.startswith("ro/"):
            english, romanian = read[name.removeprefix("ro/")], read[name]
            assert [uid for uid, _ in english["events"]] == [uid for uid, _ in romanian["events"]] == ["summit@cluster.example.org"]
            assert [url for _, url in romanian["events"]] == [f"{SITE_URL}ro/events/summit/"]
    assert read["events.ics"]["name"] != read["ro/events.ics"]["name"]


def test_each_language_has_its_own_search_index(built: Site) -> None:
    out = built.out
    english = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    romanian = json.loads((out / "ro" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and romanian["config"]["lang"] == ["ro"]
    assert any("Bun venit" in doc["text"] for doc in romanian["docs"])
    assert not any("Bun venit" in doc["text"] for doc in english["docs"])
    assert {doc["location"].split("#")[0] for doc in english["docs"]} == {doc["location"].split("#")[0] for doc in romanian["docs"]}
    sitemap = (out / "ro" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}ro/members/acme/</loc>" in sitemap and f"<loc>{SITE_URL}members/acme/</loc>" not in sitemap


def test_a_rebuild_is_byte_identical(built: Site, tmp_path: Path) -> None:
    first = tree(built.out)
    result = run_build(built.root)
    assert result.returncode == 0, result.stderr
    assert tree(built.out) == first


def test_a_failed_language_build_keeps_the_previous_site_whole(tmp_path: Path) -> None:
    site = two_language_site(tmp_path / "site")
    assert run_build(site.root).returncode == 0
    before = tree(site.out)
    site.write("content/index.ro.md", "# Clusterul de test\n\nVezi [pagina](nowhere.md).\n")  # a warning in the Romanian build only
    result = run_build(site.root)
    assert result.returncode != 0 and "nowhere.md" in result.stderr
    assert tree(site.out) == before
    assert [path.name for path in site.root.iterdir() if path.name.startswith(".site")] == []


def test_a_translation_of_no_page_is_refused_by_build_and_check(tmp_path: Path) -> None:
    site = two_language_site(tmp_path / "site")
    site.write("content/about.ro.md", "# Despre noi\n")
    expected = "content/about.ro.md: the ro translation of about.md, which does not exist (add about.md in the default language (en), or rename this file)"
    result = run_build(site.root)
    assert result.returncode != 0 and expected in result.stderr and "Traceback" not in result.stderr
    assert not site.out.exists()
    check = subprocess.run([sys.executable, "-m", "clustersite", "check"], cwd=site.root, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert check.returncode == 1 and expected in check.stdout + check.stderr


def test_check_runs_each_language_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clustersite.dryrun import dry_run

    site = two_language_site(tmp_path / "site")
    seen: list[tuple[str, str]] = []
    from clustersite.plugin import ClusterPlugin

    original = ClusterPlugin._site_files

    def spy(self, files, config):  # type: ignore[no-untyped-def]
        seen.append((self.config.edition, self.language.code))
        return original(self, files, config)

    monkeypatch.setattr(ClusterPlugin, "_site_files", spy)
    monkeypatch.chdir(site.root)
    data, errors = dry_run(site.root / "mkdocs.yml")
    assert errors == [] and data is not None
    assert sorted(seen) == [("members", "en"), ("members", "ro"), ("public", "en"), ("public", "ro")]


def test_the_members_edition_is_published_in_every_language(tmp_path: Path) -> None:
    site = two_language_site(tmp_path / "site")
    site.write("mkdocs.yml", TWO_LANGUAGES.replace("      languages:", "      edition: members\n      languages:"))
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    out = site.root / "site-members"
    assert sitemap_alternates(out, "ro")[f"{MEMBERS_SITE_URL}ro/members/acme/"]["en"] == f"{MEMBERS_SITE_URL}members/acme/"
    uids = [re.findall(r"UID:(\S+)", (out / prefix / "events" / "events.ics").read_text(encoding="utf-8")) for prefix in ("", "ro/")]
    assert uids[0] == uids[1] == ["summit@cluster.example.org"]  # site_url's host, in either edition and language
    assert not site.out.exists()


def test_the_preview_shows_every_language_and_an_error_site_in_each(tmp_path: Path) -> None:
    site = two_language_site(tmp_path / "site")
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        session.rebuild()
        served = tmp_path / "served"
        assert "Bun venit" in (served / "ro" / "index.html").read_text(encoding="utf-8")
        assert sitemap_alternates(served, "ro")["http://127.0.0.1:8000/ro/members/acme/"]["en"] == "http://127.0.0.1:8000/members/acme/"
        site.write("members/acme.yml", "name: Acme Imaging\ntype: bakery\nsummary: x\ncountry: RO\n")
        session.rebuild()
        for prefix in ("", "ro/"):
            page = (served / prefix / "members" / "acme" / "index.html").read_text(encoding="utf-8")
            assert "Errors in the site" in page and "members/acme.yml" in page and "bakery" in page, prefix
        site.member("acme", name="Acme Imaging")
        session.rebuild()
        assert "Tipul organizației" in (served / "ro" / "members" / "index.html").read_text(encoding="utf-8")
    finally:
        session.close()


def test_the_preview_shows_a_changed_translation_when_only_it_changed(tmp_path: Path) -> None:
    """Serve mode's cache must know every language's text of a field, not only the one shown:
    editing only the Romanian mission (or summary) changes the Romanian pages, as a fresh build does."""
    site = two_language_site(tmp_path / "site")
    mission = "mission: Connect research, industry and hospitals in medical imaging.\n"
    cluster = (site.root / "cluster.yml").read_text(encoding="utf-8")
    assert mission in cluster
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        for romanian in ("Conectăm cercetarea și spitalele.", "Legăm cercetarea de clinici."):
            site.write("cluster.yml", cluster.replace(mission, f"mission:\n  en: Connect research, industry and hospitals in medical imaging.\n  ro: {romanian}\n"))
            site.member("acme", f"name: Acme Imaging\ntype: sme\ncountry: RO\nsummary:\n  en: Imaging software.\n  ro: {romanian}\n")
            session.rebuild()
            home = (tmp_path / "served" / "ro" / "index.html").read_text(encoding="utf-8")
            member = (tmp_path / "served" / "ro" / "members" / "acme" / "index.html").read_text(encoding="utf-8")
            assert romanian in home and romanian in member, romanian
        fresh = ServeSession(site.root, tmp_path / "fresh", fresh=True)
        try:
            fresh.rebuild()
        finally:
            fresh.close()
        assert tree(tmp_path / "served") == tree(tmp_path / "fresh")
    finally:
        session.close()


def test_one_language_writes_no_language_links(site: Site) -> None:
    site.member("acme")
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    home = (site.out / "index.html").read_text(encoding="utf-8")
    assert "hreflang" not in home and "md-select__link" not in home
    assert "xhtml:link" not in (site.out / "sitemap.xml").read_text(encoding="utf-8")
    assert not (site.out / "ro").exists()
