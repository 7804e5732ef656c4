"""The site in the language it is configured for: catalogues, dates, country names, the pseudo-locale.

The pseudo-locale `qps` turns every message of the catalogue into accented text in brackets
(⟦Ţĥîš⟧), and dates and country names too. A page built with it shows no plain English the
plugin wrote: what is left is data (names, summaries, the office's own pages) or a string
nobody marked for translation, which is what the test below looks for.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from conftest import REPO, copy_example, run_build
from sitefactory import MKDOCS_YML, Site

from clustersite.i18n import PSEUDO, Language, pseudo, shipped_languages

LOCALE = REPO / "plugins" / "clustersite" / "locale"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "plural_forms": (1, 2)}
TRANSLATED = ("ro", "de", "hu")


def extracted_messages() -> set[str | tuple[str, ...]]:
    """What `scripts/translations` extracts from the code and templates today."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: set[str | tuple[str, ...]] = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(REPO / "plugins" / "clustersite"), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def catalogue(path: Path, locale: str | None = None):
    with path.open("rb") as file:
        return read_po(file, locale=locale, domain="clustersite")


def test_the_template_holds_every_message_of_the_code_and_templates() -> None:
    template = {m.id for m in catalogue(LOCALE / "clustersite.pot") if m.id}
    extracted = extracted_messages()
    assert extracted - template == set(), "run scripts/translations: messages are missing from clustersite.pot"
    assert template - extracted == set(), "run scripts/translations: clustersite.pot holds messages nothing uses"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    template = {m.id for m in catalogue(LOCALE / "clustersite.pot") if m.id}
    po = catalogue(LOCALE / language / "LC_MESSAGES" / "clustersite.po", language)
    translated = {m.id for m in po if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])}
    assert template - translated == set(), f"untranslated in {language}"
    # Babel's checkers: the same %(name)s placeholders, and as many plural forms as the language has.
    assert [(m.id, errors) for m, errors in po.check()] == []


def test_shipped_languages_are_the_catalogues_and_the_pseudo_locale() -> None:
    assert set(shipped_languages()) == {"en", "ro", "de", "hu", PSEUDO}


def test_pseudo_keeps_placeholders_and_tags() -> None:
    assert pseudo("Organised by %(names)s.") == "⟦Öřĝåñîšéd bý %(names)s.⟧"
    assert pseudo("%(num)d members") % {"num": 3} == "⟦3 mémbéřš⟧"
    assert pseudo("see <a>this</a>") == "⟦šéé <a>ţĥîš</a>⟧"


def test_country_names_and_dates_follow_the_language() -> None:
    import datetime as dt

    assert Language("ro").country_name("DE") == "Germania"
    assert Language("de").country_name("RO") == "Rumänien"
    assert Language("hu").country_name("MD") == "Moldovai Köztársaság"  # iso-codes translates only the official name
    assert Language("en").country_name("MD") == "Moldova"  # the common name, not "Moldova, Republic of"
    assert Language("ro").date(dt.date(2027, 3, 3)) == "3 martie 2027"
    assert Language("de").date(dt.date(2027, 3, 3)) == "3. März 2027"
    assert Language("hu").date(dt.date(2027, 3, 3)) == "2027. március 3."
    assert Language("en").date(dt.date(2027, 3, 3)) == "3 March 2027"


def test_the_directory_counts_in_the_browser_with_the_language_plural_rules() -> None:
    assert Language("ro").plural_forms("%(num)d member", "%(num)d members") == {
        "one": "%(num)d membru",
        "few": "%(num)d membri",
        "other": "%(num)d de membri",
    }


ROMANIAN_SITE = MKDOCS_YML.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      languages: [ro]\n")
"""The test site of every other test, in Romanian."""

MEMBER = """\
name: Acme Imaging
type: sme
summary: Imaging software for hospitals.
country: DE
technologies: [mri, image-analysis-ai]
joined: 2021-03-01
"""

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


def test_a_site_in_romanian_speaks_romanian(tmp_path: Path) -> None:
    site = Site.create(tmp_path / "site", ROMANIAN_SITE)
    site.write("members/acme.yml", MEMBER)
    site.write("events/summit.yml", EVENT)
    result = run_build(site.root, env={"SOURCE_DATE_EPOCH": "1790000000"})
    assert result.returncode == 0, result.stderr
    out = site.root / "site"
    member = (out / "members" / "acme" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ro"' in member
    assert "<dt>Tehnologii</dt>" in member and "Analiză de imagini și IA" in member
    assert "Germania" in member and "martie 2021" in member
    event = (out / "events" / "summit" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Când</dt>" in event and "3–5 mar. 2027" in event and "Iași, România" in event
    directory = (out / "members" / "index.html").read_text(encoding="utf-8")
    assert "1 membru" in directory and "Tipul organizației" in directory
    calendar = icalendar.Calendar.from_ical((out / "events" / "events.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "Test Cluster: evenimente"
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["UID"]) == "summit@cluster.example.org"  # the same in every language
    assert vevent["CATEGORIES"].cats == ["Conferință"]


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ("[ro, xx]", "languages: 'xx' has no catalogue in clustersite (choose from de, en, hu, ro, qps, or add one: see README.md, 'Adding a language')"),
        ("[ro, en, ro]", "languages: 'ro' is listed twice (list each language once, the default first)"),
    ],
)
def test_a_language_without_catalogue_is_refused_by_build_and_check(tmp_path: Path, languages: str, message: str) -> None:
    site = Site.create(tmp_path / "site", ROMANIAN_SITE.replace("[ro]", languages))
    result = run_build(site.root)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (site.root / "site").exists()
    check = subprocess.run([sys.executable, "-m", "clustersite", "check"], cwd=site.root, capture_output=True, text=True, timeout=120)
    assert check.returncode != 0 and message in check.stdout + check.stderr  # both at the option's line in mkdocs.yml


# The pseudo-locale over the whole example ------------------------------------------------------

BRANDS = {"ics", "rss", "atom", "json feed", "google calendar", "outlook com", "ror", "wikidata", "lei"}
"""Names that are the same in every language."""
SKIPPED_CLASSES = {"headerlink", "cs-initials"}
"""Markdown's permalinks (the theme's word) and a member's initials (from the name)."""
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def words(text: str) -> str:
    return " ".join(re.findall(r"[^\W\d_]+", text)).casefold()


class PluginText(HTMLParser):
    """Text and readable attributes inside the page's content (Material's article), as the plugin wrote them."""

    def __init__(self, whole_body: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0 if not whole_body else 1
        self.whole_body = whole_body
        self.skip = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag in VOID:
            if self.depth and not self.skip:
                self.found += [value for name, value in attrs if name in ("alt", "title", "placeholder", "aria-label") and value]
            return
        if self.depth:
            self.depth += 1
        elif tag == "article" and "md-content__inner" in classes:
            self.depth = 1
        if self.skip or (self.depth and (tag in ("script", "style") or classes & SKIPPED_CLASSES)):
            self.skip += 1
        elif self.depth:
            self.found += [value for name, value in attrs if name in ("title", "aria-label", "placeholder", "alt") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skip:
            self.skip -= 1
        if self.depth and not self.whole_body:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.found.append(data)


def untranslated(texts: list[str], sources: str) -> set[str]:
    """What remains of `texts` once the pseudo-locale's ⟦…⟧ and the data written in the sources are taken away."""
    left = set()
    for text in texts:
        while re.search(r"⟦[^⟦⟧]*⟧", text):  # a translated message may hold another (a country in a place)
            text = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        # A line may join several fields of the data (address, city, country): each must be data.
        for part in re.split(r"[,·–—|\n]", text):
            rest = words(part)
            if rest and rest not in BRANDS and f" {rest} " not in sources:
                left.add(text.strip())
    return left


@pytest.fixture(scope="module")
def pseudo_example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example built with the pseudo-locale as its second language, both editions; and the words of its sources.

    The pseudo-locale's tree (`qps/`) is a whole second-language build: every page the
    plugin writes, shown there, must come out of the catalogue.
    """
    work = tmp_path_factory.mktemp("pseudo")
    copy_example(work)
    config = work / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      languages: [en, ro]\n" in text
    config.write_text(text.replace("      languages: [en, ro]\n", f"      languages: [en, ro, {PSEUDO}]\n"), encoding="utf-8")  # the data has English and Romanian texts
    for edition in ("public", "members"):
        result = run_build(work, env={"CLUSTERSITE_EDITION": edition})
        assert result.returncode == 0, result.stderr
    sources = " ".join(
        words(path.read_text(encoding="utf-8"))
        for folder in ("content", "members", "events", "opportunities", "example-private")  # the members' edition reads the private folder too
        for path in sorted((work / folder).rglob("*"))
        if path.suffix in (".md", ".yml", ".yaml")
    )
    sources += " " + words((work / "cluster.yml").read_text(encoding="utf-8")) + " " + words(text)
    for address in re.findall(r"(?:site_url|members_site_url): https://(\S+)", text):  # each edition's address in the language, as the e-mails name it
        sources += " " + words(address + PSEUDO)
    return work, f" {sources} "


@pytest.mark.parametrize("output", ["site", "site-members"])
def test_the_pseudo_locale_leaves_no_plugin_string_in_english(pseudo_example: tuple[Path, str], output: str) -> None:
    work, sources = pseudo_example
    left: dict[str, set[str]] = {}
    # 404.html is the theme's page (overrides/), not one the plugin writes.
    pages = sorted(path for path in (work / output / PSEUDO).rglob("*.html") if path.name != "404.html")
    assert len(pages) > 50
    for path in pages:
        parser = PluginText(whole_body=path.name == "email.html")
        parser.feed(path.read_text(encoding="utf-8"))
        remaining = untranslated(parser.found, sources)
        if remaining:
            left[str(path.relative_to(work / output))] = remaining
    assert left == {}


def test_the_pseudo_locale_reaches_the_calendars(pseudo_example: tuple[Path, str]) -> None:
    work, _sources = pseudo_example
    calendar = icalendar.Calendar.from_ical((work / "site" / PSEUDO / "events" / "events.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]).endswith("⟧")
    for vevent in calendar.walk("VEVENT"):
        assert all(category.startswith("⟦") for category in vevent["CATEGORIES"].cats)


def test_no_build_output_is_left_in_the_repository() -> None:
    assert not any(path.suffix == ".mo" for path in LOCALE.rglob("*")), "the build compiles .po files itself: commit no .mo"


def test_the_theme_pages_take_their_words_from_the_catalogue(pseudo_example: tuple[Path, str]) -> None:
    """overrides/ is rendered by Material, without the plugin's catalogue: the plugin hands it its words."""
    work, _ = pseudo_example
    not_found = (work / "site" / PSEUDO / "404.html").read_text(encoding="utf-8")
    for english in ("Page not found", "This address leads nowhere", "Search this site", "Go there", "Go to the homepage", "Follow us"):
        assert english not in not_found
    heading = not_found.split('<div class="cs-notfound">', 1)[1].split("</h1>", 1)[0]
    assert "⟦" in heading
    home = (work / "site-members" / PSEUDO / "index.html").read_text(encoding="utf-8")
    banner = home.split('data-md-component="announce"', 1)[1].split("</div>", 1)[0]
    assert "please do not share it" not in banner and "⟦" in banner
