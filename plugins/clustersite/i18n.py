"""The plugin's words in a page's language: its message catalogue, country names and dates.

Translators work in `locale/<lang>/LC_MESSAGES/clustersite.po`, made from the template
`locale/clustersite.pot` that `pybabel extract -F babel.cfg` writes from the Python code and
the Jinja templates. The build compiles the .po file in memory with Babel (`read_po`, then
`write_mo`) instead of shipping .mo files: there is no binary in git for reviewers to take on
trust and no compile step anyone can forget, so the translation that is merged is the one
that is published. A catalogue of a few hundred messages compiles in milliseconds.

`qps` is a pseudo-locale made from the template itself: every message comes out accented and
in brackets, as do dates and country names, so any plain English left on a page built with
it is a string nobody marked for translation (tests/test_i18n.py builds a site with it).
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from collections.abc import Callable, Sequence
from importlib import resources
from importlib.resources.abc import Traversable

import babel.dates
import pycountry
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .models.fields import LocalText

DOMAIN = "clustersite"
SOURCE_LANGUAGE = "en"
"""The language the messages are written in, in the code and the templates."""
PSEUDO = "qps"
"""The pseudo-locale: every message accented and bracketed, for finding unmarked strings."""
DATE_LOCALES = {SOURCE_LANGUAGE: "en_150", PSEUDO: "en_150"}
"""The CLDR locale of dates where it is not the language itself."""


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; it is translated where it is shown."""
    return message


def data_languages(configured: Sequence[str] | None, fallback: str) -> tuple[str, ...]:
    """The languages the data's texts may be given in, the default first: the configured ones
    (`languages:`) but the pseudo-locale, which has no texts of its own (`[qps, en, ro]` builds
    the plugin's words in it and shows the data in English); without any, `fallback`."""
    codes = tuple(code for code in configured or () if code != PSEUDO)
    return codes or (fallback if fallback != PSEUDO else SOURCE_LANGUAGE,)


def locale_dir() -> Traversable:
    return resources.files("clustersite").joinpath("locale")


def shipped_languages() -> tuple[str, ...]:
    """The languages with a catalogue in the package, and the pseudo-locale."""
    found = sorted(entry.name for entry in locale_dir().iterdir() if entry.joinpath("LC_MESSAGES", f"{DOMAIN}.po").is_file())
    return (*found, PSEUDO)


_PSEUDO_LETTERS = str.maketrans(
    "AaCcDEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅåÇçÐÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŘřŠšŢţÛûŴŵÝýŽž",
)
# Placeholders must reach the translation as they are: %(name)s, %s, {name} and HTML tags.
_KEEP = re.compile(r"%\([^)]*\)[a-z]|%[a-z]|\{[^}]*\}|<[^>]*>|&[a-z]+;")


def pseudo(text: str) -> str:
    """`text` accented and in brackets, its placeholders and tags untouched."""
    parts, last = [], 0
    for match in _KEEP.finditer(text):
        parts.append(text[last:match.start()].translate(_PSEUDO_LETTERS))
        parts.append(match.group())
        last = match.end()
    parts.append(text[last:].translate(_PSEUDO_LETTERS))
    return f"⟦{''.join(parts)}⟧"


def _read_catalog(language: str) -> Catalog:
    if language == PSEUDO:
        with locale_dir().joinpath(f"{DOMAIN}.pot").open("rb") as template:
            catalog = read_po(template, locale=SOURCE_LANGUAGE, domain=DOMAIN)
        for message in catalog:
            if not message.id:
                continue
            message.string = pseudo(message.id) if isinstance(message.id, str) else tuple(pseudo(form) for form in message.id)
        return catalog
    with locale_dir().joinpath(language, "LC_MESSAGES", f"{DOMAIN}.po").open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def load_translations(language: str) -> Translations:
    """The compiled catalogue of `language` (fuzzy entries left out, as msgfmt does)."""
    buffer = io.BytesIO()
    write_mo(buffer, _read_catalog(language), use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


class Language:
    """One language's words: messages, country names, dates. Made once per build and language."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.translations = load_translations(code)
        self.is_pseudo = code == PSEUDO
        # English dates as Europe writes them (3 March 2027), not as the US does (March 3, 2027).
        self.locale = Locale.parse(DATE_LOCALES.get(code, code))
        # pycountry ships the ISO 3166 names translated by Debian's iso-codes project.
        self._countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code], fallback=True)
        self._country_names: dict[str, str] = {}

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def _mark(self, text: str) -> str:
        return pseudo(text) if self.is_pseudo else text

    def country_name(self, code: str) -> str:
        """The country's common name (e.g. 'Moldova', not 'Moldova, Republic of') in this language."""
        if code not in self._country_names:
            country = pycountry.countries.get(alpha_2=code)
            if country is None:
                name = code
            else:
                # iso-codes translates the official and the common name alike: prefer the common one.
                english = getattr(country, "common_name", None) or country.name
                name = self._countries.gettext(english)
                if name == english and english != country.name:
                    translated_official = self._countries.gettext(country.name)
                    name = english if translated_official == country.name else translated_official
            self._country_names[code] = self._mark(name)
        return self._country_names[code]

    def date(self, value: dt.date, skeleton: str | None = None) -> str:
        """A date as people write it in this language: '3 March 2027', '3 martie 2027', '3. März 2027'.

        Without `skeleton`, the language's long date. A skeleton names the fields instead (CLDR:
        yMMMEd for 'Wed, 3 Mar 2027', yMMMM for 'March 2027'), which the language puts in order.
        """
        if skeleton is None:
            return self._mark(babel.dates.format_date(value, format="long", locale=self.locale))
        return self._mark(babel.dates.format_skeleton(skeleton, value, locale=self.locale))

    def time(self, value: dt.datetime) -> str:
        """The time of day, '09:30', in the event's own time zone."""
        return self._mark(babel.dates.format_skeleton("Hm", value, tzinfo=value.tzinfo, locale=self.locale))

    def zone(self, value: dt.datetime) -> str:
        """The time zone's short name in this language: 'EET' in Romanian, 'OEZ' in German."""
        return self._mark(babel.dates.format_time(value, "z", tzinfo=value.tzinfo, locale=self.locale))

    def interval(self, start: dt.date, end: dt.date, skeleton: str = "yMMMd") -> str:
        """A span of days such as '3–5 Mar 2027', shortened as the language's CLDR rules say."""
        return self._mark(babel.dates.format_interval(start, end, skeleton, locale=self.locale))

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """The message for each CLDR plural category (one, few, other, …), for the browser's
        `Intl.PluralRules` to choose from: the directory's script counts without a catalogue."""
        rule = self.locale.plural_form
        wanted = set(rule.tags) | {"other"}
        forms: dict[str, str] = {}
        for n in range(1000):
            category = rule(n)
            if category not in forms:
                forms[category] = self.ngettext(singular, plural, n)
            if len(forms) == len(wanted):
                break
        return forms

    def labels(self, table: dict[str, str]) -> dict[str, str]:
        """A table of terms and labels with the labels in this language: the catalogue's translation,
        or a site's own label given per language (in the default language where it has none)."""
        return {term: label.in_language(self.code) if isinstance(label, LocalText) else self.gettext(label) for term, label in table.items()}

    @property
    def jinja_globals(self) -> dict[str, Callable[..., str]]:
        return {
            "country_name": self.country_name,
            "format_date": self.date,
        }
