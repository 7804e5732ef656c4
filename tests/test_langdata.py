"""Texts given per language (`summary: {en: …, ro: …}`): what a build in each language shows,
the fallback to the default language marked with `lang`, and the outputs that take the
resolved text (calendars, JSON-LD, the Google Calendar link) or keep every language (the
open-data export). The hostile forms are in tests/hostile/cases_langdata.py."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import jsonschema
import pytest
from inprocess import build
from sitefactory import CLUSTER_YML, MKDOCS_YML, Site

from clustersite.i18n import Language
from clustersite.models.fields import LocalText
from clustersite.models.member import Member
from clustersite.plugin import ClusterPlugin
from clustersite.schema import render_schemas
from clustersite.vocabularies import merge_vocabularies

BILINGUAL_YML = MKDOCS_YML.replace(
    "  - cluster:\n",
    "  - cluster:\n      languages: [en, ro]\n      vocabularies:\n        technologies:\n          photoacoustics: {en: Photoacoustic imaging, ro: Imagistică fotoacustică}\n",
)

TRANSLATED = """\
name: Acme Imaging
type: sme
country: RO
technologies: [photoacoustics]
summary:
  en: Imaging software for hospitals.
  ro: Software de imagistică pentru spitale.
description:
  en: We build **viewers**.
  ro: Construim **vizualizatoare**.
"""

ENGLISH_ONLY = """\
name: Bucovina Scan
type: sme
country: RO
summary: Scanner service in the north.
"""

EVENT = """\
title:
  en: Imaging day
  ro: Ziua imagisticii
type: conference
start: 2030-05-12T09:30
end: 2030-05-12T17:00
location:
  venue:
    en: Palas Congress Hall
    ro: Sala de congrese Palas
  city: Iași
  country: RO
summary: A day of talks on hybrid imaging.
"""

PROFILE = CLUSTER_YML.replace(
    "mission: Connect research, industry and hospitals in medical imaging.\n",
    "mission:\n  en: Connect research, industry and hospitals in medical imaging.\n  ro: Legăm cercetarea, industria și spitalele în imagistica medicală.\n",
) + "goals:\n  - en: Bring imaging to patients sooner.\n"


def bilingual_site(root: Path) -> Site:
    site = Site.create(root, BILINGUAL_YML)
    site.write("cluster.yml", PROFILE)
    site.member("acme", TRANSLATED)
    site.member("bucovina-scan", ENGLISH_ONLY)
    site.write("events/imaging-day.yml", EVENT)
    return site


def build_in(monkeypatch: pytest.MonkeyPatch, site: Site, code: str) -> Path:
    """Build `site` with `code` as the build's language (`self.language`), as a per-language build sets it."""
    chosen = ClusterPlugin._language

    def language(plugin: ClusterPlugin, config: object) -> Language:
        chosen(plugin, config)  # type: ignore[arg-type]
        config.theme["language"] = code  # type: ignore[attr-defined]
        return Language(code)

    monkeypatch.setattr(ClusterPlugin, "_language", language)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18: the event is upcoming
    ok, log = build(site.root)
    assert ok, log
    return site.out


class Elements(HTMLParser):
    """Each element's `lang` attribute (or None) and its text, in document order, by class name."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None, str]] = []
        self.open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.found.append((values.get("class") or tag, values.get("lang"), ""))
        self.open.append(len(self.found) - 1)

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for index in self.open[-1:]:
            name, lang, text = self.found[index]
            self.found[index] = (name, lang, text + data)

    def by_class(self, name: str) -> list[tuple[str | None, str]]:
        return [(lang, text.strip()) for found, lang, text in self.found if name in found.split()]


def elements(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_a_plain_string_is_the_default_language_and_a_mapping_keeps_every_language() -> None:
    context = {"languages": ("en", "ro")}
    plain = Member.model_validate({"name": "A", "type": "sme", "country": "RO", "summary": "  Imaging.  "}, context=context).summary
    assert isinstance(plain, LocalText) and dict(plain.texts) == {"en": "Imaging."} and plain == "Imaging."
    given = Member.model_validate({"name": "A", "type": "sme", "country": "RO", "summary": {"ro": "Imagistică.", "en": "Imaging."}}, context=context).summary
    assert list(given.texts) == ["en", "ro"] and given == "Imaging." and given.lang == "en"
    assert given.in_language("ro") == "Imagistică." and given.in_language("ro").lang == "ro"
    assert plain.in_language("ro") == "Imaging." and plain.in_language("ro").lang == "en", "a missing translation falls back to the default"


def test_a_build_in_the_other_language_shows_its_texts_and_marks_the_fallbacks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = build_in(monkeypatch, bilingual_site(tmp_path / "site"), "ro")

    acme = elements(out / "members" / "acme" / "index.html")
    assert acme.by_class("cs-member__summary") == [(None, "Software de imagistică pentru spitale.")]
    assert [lang for lang, _ in acme.by_class("cs-member__description")] == [None]
    assert "vizualizatoare" in (out / "members" / "acme" / "index.html").read_text(encoding="utf-8")
    assert "Imagistică fotoacustică" in (out / "members" / "acme" / "index.html").read_text(encoding="utf-8"), "a site's own label, per language"

    bucovina = elements(out / "members" / "bucovina-scan" / "index.html")
    assert bucovina.by_class("cs-member__summary") == [("en", "Scanner service in the north.")], "the English text, marked for screen readers"

    directory = elements(out / "members" / "index.html")
    assert sorted(directory.by_class("cs-card__summary"), key=str) == [("en", "Scanner service in the north."), (None, "Software de imagistică pentru spitale.")]

    event = elements(out / "events" / "imaging-day" / "index.html")
    assert event.by_class("cs-event__title") == [(None, "Ziua imagisticii")]
    assert event.by_class("cs-event__summary") == [("en", "A day of talks on hybrid imaging.")]
    assert ("en", "Palas Congress Hall") not in [(found[1], found[2].strip()) for found in event.found]
    assert "Sala de congrese Palas" in (out / "events" / "imaging-day" / "index.html").read_text(encoding="utf-8")

    home = elements(out / "index.html")
    assert home.by_class("cs-hero__mission") == [(None, "Legăm cercetarea, industria și spitalele în imagistica medicală.")]
    assert ("en", "Bring imaging to patients sooner.") in [(lang, text.strip()) for name, lang, text in home.found if name == "li"]


def test_the_default_language_build_marks_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = build_in(monkeypatch, bilingual_site(tmp_path / "site"), "en")
    for page in ("members/acme/index.html", "members/bucovina-scan/index.html", "events/imaging-day/index.html", "index.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert not re.search(r'<(?!html)[a-z0-9]+ [^>]*\blang="', html), page
    acme = (out / "members" / "acme" / "index.html").read_text(encoding="utf-8")
    assert "Imaging software for hospitals." in acme and "Photoacoustic imaging" in acme and "fotoacustică" not in acme


def test_calendars_and_structured_data_take_the_resolved_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = build_in(monkeypatch, bilingual_site(tmp_path / "site"), "ro")
    for ics in ("events/imaging-day/imaging-day.ics", "events/events.ics"):
        vevent = icalendar.Calendar.from_ical((out / ics).read_bytes()).walk("VEVENT")[0]
        assert str(vevent["SUMMARY"]) == "Ziua imagisticii", ics
        assert str(vevent["UID"]) == "imaging-day@cluster.example.org", "one ID whatever the language"
        assert "Sala de congrese Palas" in str(vevent["LOCATION"])
        assert str(vevent["DESCRIPTION"]).startswith("A day of talks on hybrid imaging."), "the fallback text"
    html = (out / "events" / "imaging-day" / "index.html").read_text(encoding="utf-8")
    data = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    event = next(item for item in data if item.get("@type") in ("Event", "EducationEvent", "BusinessEvent"))
    places = event["location"] if isinstance(event["location"], list) else [event["location"]]
    assert event["name"] == "Ziua imagisticii" and places[0]["name"] == "Sala de congrese Palas"
    assert "text=Ziua+imagisticii" in html or "text=Ziua%20imagisticii" in html, "the Google Calendar link"
    home = (out / "index.html").read_text(encoding="utf-8")
    organisation = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', home, re.S)]
    assert any(item.get("description") == "Legăm cercetarea, industria și spitalele în imagistica medicală." for item in organisation)


def test_the_open_data_export_keeps_every_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = build_in(monkeypatch, bilingual_site(tmp_path / "site"), "ro")
    export = json.loads((out / "members" / "members.json").read_text(encoding="utf-8"))
    assert export["languages"] == ["en", "ro"]
    acme = next(member for member in export["members"] if member["slug"] == "acme")
    assert acme["summary"] == "Imaging software for hospitals.", "the default language's text, whatever the build's"
    assert acme["summary_by_language"] == {"en": "Imaging software for hospitals.", "ro": "Software de imagistică pentru spitale."}
    bucovina = next(member for member in export["members"] if member["slug"] == "bucovina-scan")
    assert bucovina["summary_by_language"] == {"en": "Scanner service in the north."}


@pytest.mark.parametrize("name", ["member.schema.json", "event.schema.json"])
def test_the_schemas_accept_both_forms_and_keep_the_limits(name: str) -> None:
    schema = json.loads(render_schemas(merge_vocabularies({}))[name])
    validator = jsonschema.Draft202012Validator(schema)
    base = {"name": "Acme", "type": "sme", "country": "RO"} if name == "member.schema.json" else {
        "title": "Day", "type": "conference", "start": "2030-05-12", "online": "https://meet.example.org/day"
    }
    assert list(validator.iter_errors({**base, "summary": "Imaging."})) == []
    assert list(validator.iter_errors({**base, "summary": {"en": "Imaging.", "ro": "Imagistică."}})) == []
    assert list(validator.iter_errors({**base, "summary": {"en": "x" * 281}})), "280 characters per language"
    assert list(validator.iter_errors({**base, "summary": "x" * 281}))
    assert list(validator.iter_errors({**base, "summary": {"English": "Imaging."}})), "a key is a language code"
    assert list(validator.iter_errors({**base, "summary": {}}))


def test_the_example_is_in_english_and_romanian() -> None:
    """The example site: Romanian summaries for at least a dozen members and for every upcoming
    public event, and Romanian versions of the homepage, the landing pages and the editors' guide."""
    from conftest import REPO
    from mkdocs.config import load_config

    from clustersite.sitedata import load_site_data

    options = load_config(str(REPO / "mkdocs.yml")).plugins["cluster"].config
    assert options.languages == ["en", "ro"]
    data = load_site_data(options, REPO, REPO / "content")
    assert sum("ro" in record.member.summary.texts for record in data.members.values()) >= 12
    upcoming = [record for record in data.events.values() if record.start_date >= dt.date(2026, 11, 22) and record.event.audience != ["members"]]
    assert upcoming
    for record in upcoming:
        assert {"en", "ro"} <= set(record.event.summary.texts) and "ro" in record.event.title.texts, record.slug
    assert data.profile is not None and "ro" in data.profile.mission.texts
    for page in ("index", "for-members", "for-partners", "for-public", *(f"contribute/{p.stem}" for p in (REPO / "content" / "contribute").glob("*.md") if "." not in p.stem)):
        translation = REPO / "content" / f"{page}.ro.md"
        assert translation.is_file(), page
        assert re.search("[șțăâî]", translation.read_text(encoding="utf-8")), f"{page}: Romanian with its diacritics"


def check_translations(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clustersite", "check", "--translations"], cwd=root, capture_output=True, text=True, timeout=300)


def test_check_translations_lists_every_text_and_page_without_a_translation(tmp_path: Path) -> None:
    site = bilingual_site(tmp_path / "site")
    site.write("content/index.ro.md", "# Acasă\n")
    subprocess.run([sys.executable, "-m", "clustersite", "schema"], cwd=site.root, check=True, capture_output=True, timeout=300)  # the site's own term
    result = check_translations(site.root)
    assert result.returncode == 0, result.stdout + result.stderr  # a report, not an error
    report = result.stdout.splitlines()
    start = report.index("ro (Romanian): 10 texts and 3 pages have no Romanian version (shown in English, the default language):")
    assert report[start + 1 : start + 14] == [
        "  cluster.yml:7: focus",
        "  cluster.yml:13: entry_points.members.title",
        "  cluster.yml:14: entry_points.members.text",
        "  cluster.yml:17: entry_points.community.title",
        "  cluster.yml:18: entry_points.community.text",
        "  cluster.yml:21: entry_points.public.title",
        "  cluster.yml:22: entry_points.public.text",
        "  cluster.yml:25: goals[0]",
        "  members/bucovina-scan.yml:4: summary",
        "  events/imaging-day.yml:13: summary",
        "  content/for-members.md",
        "  content/for-partners.md",
        "  content/for-public.md",
    ]
    assert "members/acme.yml" not in result.stdout and "content/index.md" not in result.stdout, "translated: not listed"


def test_check_translations_on_a_site_in_one_language_and_with_errors(tmp_path: Path) -> None:
    site = Site.create(tmp_path / "one")
    site.member("acme")
    result = check_translations(site.root)
    assert result.returncode == 0 and "the site has one language (en): nothing to translate" in result.stdout
    broken = bilingual_site(tmp_path / "broken")
    broken.member("acme", TRANSLATED.replace("  ro: Software", "  fr: Software"))
    result = check_translations(broken.root)
    assert result.returncode == 1 and "members/acme.yml:7: summary.fr: 'fr' is not one of the site's languages (en, ro)" in result.stdout + result.stderr
