"""Field types shared by every data file, each with the error an editor sees.

A validator here raises :class:`PydanticCustomError` of type ``clustersite`` with a
``hint`` in its context; :mod:`clustersite.validation` turns that into a one-line error.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import idna
import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    TypeAdapter,
    ValidationInfo,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from ..errors import did_you_mean
from ..nesting import too_deep


def fail(message: str, hint: str = "") -> PydanticCustomError:
    return PydanticCustomError("clustersite", message, {"hint": hint})


class DataModel(BaseModel):
    """Base of every data file's model: unknown keys are typos, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _not_too_deep(value: str) -> str:
    """Markdown the plugin renders itself: nested too deeply, it would crash the build or take minutes (nesting.py)."""
    found = too_deep(value)
    if found is not None:
        raise fail(found.message, found.hint)
    return value


def _no_controls(value: str) -> str:
    if _CONTROL.search(value):
        raise fail("contains an invisible control character", "retype the text or remove the hidden character")
    return unicodedata.normalize("NFC", value)


def _one_line(value: str) -> str:
    value = _no_controls(value)
    if "\n" in value or "\r" in value or "\t" in value:
        raise fail("must be a single line", "remove the line breaks")
    return value


_TAG = re.compile(r"<[A-Za-z/!?][^\s<>]{0,20}>?")


def _title(value: str) -> str:
    """Plain text: "doses < 1 mSv" or "p<0.05" is text, escaped wherever it is shown; a tag is refused.

    Every output escapes names and titles (templates, feeds, calendars, JSON-LD), so a
    `<` is safe; what looks like an HTML tag is refused all the same, since an editor
    who writes `<b>` expects formatting that a name or title never gets.
    """
    value = _one_line(value)
    match = _TAG.search(value)
    if match:
        raise fail(f'"{match.group()}" looks like HTML, which a name or title cannot contain', 'write plain text; a < before a space or digit, as in "doses < 1 mSv", is fine')
    return value


def _slug(value: str) -> str:
    if not re.match(SLUG_PATTERN, value):
        raise fail(
            f'"{value}" is not a valid slug',
            "use lower-case letters, digits and single hyphens, e.g. acme-imaging",
        )
    return value


def _web_url(value: str) -> str:
    """An http(s) address a visitor can follow safely, with its host name in ASCII.

    Browsers read some addresses differently from how they look: `https://bank.example:x@evil.example/`
    goes to evil.example, `https://evil.example\\@bank.example/` too (a backslash counts as a
    slash), and `pаypal.com` with a Cyrillic "а" is another site that looks the same. So an
    address has no credentials, backslashes, spaces or invisible characters, and an
    internationalised host name is refused when a label mixes scripts (the homograph
    attack) and otherwise stored as punycode (`xn--…`). Punycode rather than refusing all
    of them: a real `münchen.de` still works, and the punycode the site shows and links is
    what the browser will actually visit, so no visitor is shown a name that can mislead.
    """
    value = _one_line(value)
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        raise fail(
            f'"{value[:80]}" is not a web address',
            "only http:// and https:// links are allowed, e.g. https://www.example.org",
        )
    if "\\" in value or any(character.isspace() or unicodedata.category(character) in ("Cc", "Cf") for character in value):
        raise fail(f'"{value[:80]}" contains a space, a backslash or an invisible character', "write the address as the browser shows it, e.g. https://www.example.org/page")
    if "@" in parts.netloc:
        raise fail(f'"{value[:80]}" contains a user name or password before "@"', "remove the part before @: a link never carries credentials")
    if not parts.hostname or "." not in parts.hostname or parts.scheme != parts.scheme.lower():
        raise fail(f'"{value[:80]}" is not a complete web address', "write it like https://www.example.org/page")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise fail(f'"{value[:80]}" has an invalid port', "write it like https://www.example.org:8443/page") from None
    host = _ascii_host(parts.hostname, value)
    if host != parts.hostname:
        netloc = host + (f":{parts.port}" if parts.port is not None else "")
        value = parts._replace(netloc=netloc).geturl()
    return value


_SCRIPTS_THAT_MIX = ({"HAN", "HIRAGANA", "KATAKANA"}, {"HAN", "HANGUL"}, {"HAN", "BOPOMOFO"})
"""Scripts that are written together in one word (Japanese, Korean, Chinese), as browsers allow them."""


def _script(character: str) -> str:
    """The script of a letter, from its Unicode name (`CYRILLIC SMALL LETTER A` → CYRILLIC)."""
    name = unicodedata.name(character, "")
    return "HAN" if name.startswith("CJK") else name.split(" ", 1)[0]


_LATIN_LOOKALIKES = frozenset("асԁеһіјӏорԛѕԝхуъьҽпгѵѡοαικνρυχ")
"""Lower-case Cyrillic and Greek letters that look like Latin ones (after Chromium's list): a label
made only of them (`аррӏе`) imitates a Latin name. Host names are lower-case by then."""

_ASCII_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")


def _ascii_host(hostname: str, value: str) -> str:
    """The host name as punycode; refused when a label mixes scripts, imitates Latin letters, or is not a valid name.

    Labels already in punycode (`xn--…`) are decoded and judged like the letters they stand for.
    """
    ascii_labels = []
    for label in hostname.split("."):
        if label.isascii() and not label.startswith("xn--"):
            if not _ASCII_LABEL.match(label):
                raise fail(f'"{value[:80]}" has an invalid host name', "write it like https://www.example.org/page")
            ascii_labels.append(label)
            continue
        try:
            letters = idna.decode(label) if label.startswith("xn--") else label
            scripts = {_script(character) for character in letters if character.isalpha()}
            if len(scripts) > 1 and not any(scripts <= allowed for allowed in _SCRIPTS_THAT_MIX):
                raise fail(
                    f'the host name in "{value[:80]}" mixes {" and ".join(sorted(script.title() for script in scripts))} letters',
                    "it imitates another site's name: write the address with the letters of one alphabet",
                )
            if scripts and scripts != {"LATIN"} and all(character in _LATIN_LOOKALIKES for character in letters if character.isalpha()):
                raise fail(
                    f'the host name in "{value[:80]}" is written in {next(iter(scripts)).title()} letters that look like Latin ones',
                    "it imitates another site's name: write the address in Latin letters",
                )
            ascii_labels.append(idna.encode(letters, uts46=True).decode("ascii"))
        except (idna.IDNAError, UnicodeError):
            raise fail(f'"{value[:80]}" has an invalid host name', "write it like https://www.example.org/page") from None
    return ".".join(ascii_labels)


_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise fail(f'"{value[:80]}" is not an e-mail address', "write it like name@example.org")
    return value


def _phone(value: str) -> str:
    if not re.match(r"^\+?[0-9][0-9 ()./-]{4,30}$", value):
        raise fail(f'"{value[:40]}" is not a phone number', "write it in international form, e.g. +40 232 555 0100")
    return value


def _country(value: Any) -> Any:
    if not isinstance(value, str):
        # YAML 1.1 would have read NO (Norway) as false; our loader keeps it text, but a
        # boolean can still arrive from a quoted-less `false`.
        raise fail(f"{value!r} is not an ISO country code", 'quote it, e.g. country: "NO"')
    code = value.strip()
    if len(code) == 2 and code.isalpha() and code.isupper() and pycountry.countries.get(alpha_2=code):
        return code
    suggestion = ""
    try:
        suggestion = pycountry.countries.lookup(code).alpha_2
    except LookupError:
        try:
            suggestion = pycountry.countries.search_fuzzy(code)[0].alpha_2
        except LookupError:
            pass
    hint = f'did you mean "{suggestion}"?' if suggestion else "use the two-letter ISO 3166-1 code, e.g. RO, DE, NO"
    raise fail(f'"{value}" is not an ISO country code', hint)


def vocabulary_terms(kind: str) -> AfterValidator:
    """A validator for a list of terms from the site's vocabulary `kind`."""

    def check(values: list[str], info: ValidationInfo) -> list[str]:
        vocab = ((info.context or {}).get("vocabularies") or {}).get(kind)
        if vocab is None:
            return values
        seen: set[str] = set()
        for value in values:
            if value not in vocab:
                hint = did_you_mean(value, vocab) or f"add it to `vocabularies: {kind}:` in mkdocs.yml, or use one of: {', '.join(sorted(vocab)[:12])}"
                raise fail(f'"{value}" is not a known {kind.replace("_", " ")} term', hint)
            if value in seen:
                raise fail(f'"{value}" is listed twice', "remove the repetition")
            seen.add(value)
        return values

    return AfterValidator(check)


FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a date or time in any data file may have.

Everything the site dates (events, issues, membership) happens within them, and dates far
outside break what is computed from them: `9999-12-31` has no next day for a calendar's
end, and `0001-01-01T00:30+05:00` is no date at all in UTC.
"""
DATE_RANGE_HINT = f"a date must lie between {FIRST_YEAR} and {LAST_YEAR}: check the year"


def check_year(value: dt.date, text: str) -> dt.date:
    """Refuse a date or date-time outside FIRST_YEAR–LAST_YEAR (every model's dates pass here)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise fail(f'"{text[:40]}" is outside the years {FIRST_YEAR}–{LAST_YEAR}', DATE_RANGE_HINT)
    return value


def _date_text(value: Any) -> Any:
    if isinstance(value, str) and not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise fail(f'"{value[:40]}" is not a date', "write it as YYYY-MM-DD, e.g. 2024-03-01")
    return value


def _date_in_range(value: dt.date) -> dt.date:
    return check_year(value, value.isoformat())


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise fail(f"{str(value).lower()} is a yes/no value, not text", f'quote it if you mean the text, e.g. "{str(value).lower()}"')
    return value


Line = Annotated[str, BeforeValidator(_no_bool), AfterValidator(_one_line), Field(min_length=1, max_length=200)]
Title = Annotated[str, BeforeValidator(_no_bool), AfterValidator(_title), Field(min_length=1, max_length=160)]
PlainText = Annotated[str, BeforeValidator(_no_bool), AfterValidator(_no_controls), Field(min_length=1, max_length=2000)]
Markdown = Annotated[str, BeforeValidator(_no_bool), AfterValidator(_no_controls), AfterValidator(_not_too_deep), Field(max_length=20000)]
Slug = Annotated[str, BeforeValidator(_no_bool), AfterValidator(_slug), Field(max_length=80)]
WebUrl = Annotated[str, BeforeValidator(_no_bool), AfterValidator(_web_url), Field(max_length=2000)]
Email = Annotated[str, BeforeValidator(_no_bool), AfterValidator(_email), Field(max_length=254)]
Phone = Annotated[str, BeforeValidator(_no_bool), AfterValidator(_phone)]
CountryCode = Annotated[str, BeforeValidator(_country), Field(pattern=r"^[A-Z]{2}$", json_schema_extra={"examples": ["RO", "DE", "NO"]})]
Date = Annotated[dt.date, BeforeValidator(_date_text), AfterValidator(_date_in_range)]


class LocalText(str):
    """A text a visitor reads, given in one or more of the site's languages.

    It is the text of one language (`lang`) and carries all of them (`texts`, the default
    language first). A `str`, so that every output (templates, feeds, calendars, JSON-LD,
    the e-mail) shows a resolved text without knowing about languages: the build turns each
    into its own language once (`in_language`, see `localise`), and a template marks a text
    that fell back to the default language with `lang` (`markup.text_lang`).
    """

    texts: Mapping[str, str]
    lang: str
    default: str

    def __new__(cls, texts: Mapping[str, str], lang: str, default: str) -> LocalText:
        text = super().__new__(cls, texts[lang])
        text.texts = MappingProxyType(dict(texts))
        text.lang = lang
        text.default = default
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (LocalText, (dict(self.texts), self.lang, self.default))

    def in_language(self, code: str) -> LocalText:
        """This text in language `code`, or in the default language when nobody translated it."""
        return LocalText(self.texts, code if code in self.texts else self.default, self.default)


TEXT_FORM, LANGUAGES_FORM = "§text", "§languages"
"""The two forms of a LocalText in pydantic's error locations; `validation` leaves them out of field names."""


def site_languages(info: ValidationInfo) -> tuple[str, ...]:
    """The site's languages, the default first (from the validation context; English without one)."""
    return tuple((info.context or {}).get("languages") or ("en",))


def _language_key(value: str, info: ValidationInfo) -> str:
    languages = site_languages(info)
    if value not in languages:
        hint = did_you_mean(value, languages) if value.lower() in languages else ""
        raise fail(
            f"{value!r} is not one of the site's languages ({', '.join(languages)})",
            hint or f"give the text under one of them, or add {value!r} to the plugin's `languages:` in mkdocs.yml",
        )
    return value


def _local_text(value: str | dict[str, str], info: ValidationInfo) -> LocalText:
    languages = site_languages(info)
    default = languages[0]
    if isinstance(value, str):
        return LocalText({default: value}, default, default)
    if default not in value:
        raise fail(f"has no text in {default}, the site's default language", f"add `{default}: …`: the default language's text is shown wherever a translation is missing")
    return LocalText({code: value[code] for code in languages if code in value}, default, default)


class Local:
    """`Annotated[LocalText, Local(PlainText)]`: a text given as a plain string (the default language)
    or per language (`{en: …, ro: …}`), each language's text validated as `inner` is.

    A tagged union, so that an error in a plain string is the field's and one in a language's
    text is `field.<lang>`, each at its line.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        text = handler.generate_schema(self.inner)
        key = core_schema.with_info_after_validator_function(_language_key, core_schema.str_schema())
        per_language = core_schema.dict_schema(key, text)
        forms = core_schema.tagged_union_schema(
            {TEXT_FORM: text, LANGUAGES_FORM: per_language},
            discriminator=lambda value: LANGUAGES_FORM if isinstance(value, dict) else TEXT_FORM,
        )
        return core_schema.with_info_after_validator_function(
            _local_text, forms, serialization=core_schema.plain_serializer_function_ser_schema(lambda value: dict(value.texts))
        )

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        text = TypeAdapter(self.inner).json_schema()  # the inner type's own schema keeps its limits as maxLength
        return {
            "anyOf": [
                text,
                {
                    "type": "object",
                    "description": "The text per language, e.g. {en: …, ro: …}: the site's languages, the default one required",
                    "propertyNames": {"pattern": "^[a-z]{2,3}$"},
                    "minProperties": 1,
                    "additionalProperties": text,
                },
            ]
        }


def localise(value: Any, code: str) -> Any:
    """`value` (a model, a list of them…) with every LocalText in it shown in language `code`.

    Models are frozen: what changes is copied, what does not is returned as it is.
    """
    if isinstance(value, LocalText):
        return value.in_language(code)
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).__pydantic_fields__:  # `model_fields` is a computed property since pydantic 2.11: 20 µs a call
            current = getattr(value, name)
            changed = localise(current, code)
            if changed is not current:
                changes[name] = changed
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, list):
        items = [localise(item, code) for item in value]
        return items if any(new is not old for new, old in zip(items, value, strict=True)) else value
    return value


def _unique_slugs(values: list[str]) -> list[str]:
    for index, value in enumerate(values):
        if value in values[:index]:
            raise fail(f'"{value}" is listed twice', "list it once")
    return values


PreviousSlugs = Annotated[
    list[Slug],
    AfterValidator(_unique_slugs),
    Field(
        description="Earlier file names of this file, oldest first: their addresses redirect here, and other files that still name them get the new name as fix",
    ),
]
"""Old slugs of a renamed file, whose addresses keep working through redirect pages."""

Audience = Literal["members", "community", "public"]
"""The three target groups. What is for `members` alone never reaches the public edition."""

AUDIENCES: tuple[Audience, ...] = ("members", "community", "public")


def in_edition(audience: Sequence[str], edition: str) -> bool:
    """Whether an item for `audience` belongs in the `public` or the `members` edition."""
    return edition == "members" or any(group != "members" for group in audience)
