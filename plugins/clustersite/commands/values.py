"""The values editors type on the command line, checked by the models' own rules.

A parameter type here holds no rule of its own: it validates through a pydantic
`TypeAdapter` of the very field type the model declares (`Slug`, `CountryCode`, `WebUrl`,
`Date`, the event's `When` and `TimeZoneName`), so the command refuses exactly what the build
refuses, with the model's message and hint. Terms and their labels come from the
vocabularies and the models' label tables, in the site's language, as the site shows them.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from functools import cached_property
from typing import Any

import click
from pydantic import BaseModel, TypeAdapter, ValidationError

_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "ı": "i", "&": " and "})


def slugify(text: str, max_length: int = 60) -> str:
    """A permanent, readable file name from a name: 'Clinica Sfântul Spiridon' → 'clinica-sfantul-spiridon'."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug


class FieldType(click.ParamType):
    """A value checked by a model's field type (`field`: "module.Type" in `clustersite.models`).

    `prepare` reads what was typed as the editor meant it (`no` is the country code NO); what
    the command keeps is `keep(text, validated value)`: by default the value as the model
    normalises it (a host name in punycode), which is what the site publishes; dates and
    times as typed, since the file says what the editor wrote and the model reads it again.
    """

    def __init__(self, name: str, field: str, *, prepare: Callable[[str], str] = str, keep: Callable[[str, Any], Any] = lambda text, value: value) -> None:
        self.name = name
        self.field = field  # "module.Type" in clustersite.models, imported when first needed: `--help` loads no model
        self.prepare = prepare
        self.keep = keep

    @cached_property
    def adapter(self) -> TypeAdapter[Any]:
        module, name = self.field.rsplit(".", 1)
        return TypeAdapter(getattr(importlib.import_module(f"clustersite.models.{module}"), name))

    def hint(self, text: str, model_hint: str) -> str:
        return model_hint

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from ..validation import explain

        text = self.prepare(str(value).strip())
        try:
            validated = self.adapter.validate_python(text)
        except ValidationError as failure:
            message, hint = explain(BaseModel, failure.errors(include_url=False)[0])
            hint = self.hint(text, hint)
            self.fail(message + (f" ({hint})" if hint else ""), param, ctx)
        return self.keep(text, validated)


class SlugType(FieldType):
    """A slug, as the models' `Slug`; a refused one gets the slug made from it as suggestion."""

    def __init__(self) -> None:
        super().__init__("slug", "fields.Slug")

    def hint(self, text: str, model_hint: str) -> str:
        suggestion = slugify(text)
        return f'did you mean "{suggestion}"?' if suggestion and suggestion != text else model_hint


def _country_code(text: str) -> str:
    """Two letters typed in lower case are a code all the same: `no` is Norway's NO."""
    return text.upper() if len(text) == 2 and text.isalpha() else text


def _as_typed(text: str, value: Any) -> str:
    """A date or time as the editor typed it, `2026-05-12 09:30` written as `2026-05-12T09:30`."""
    return text.replace(" ", "T", 1)


SLUG = SlugType()
COUNTRY = FieldType("code", "fields.CountryCode", prepare=_country_code)
DATE = FieldType("date", "fields.Date", keep=_as_typed)
WHEN = FieldType("date-time", "event.When", keep=_as_typed)
URL = FieldType("url", "fields.WebUrl")
ZONE = FieldType("zone", "event.TimeZoneName")


class TermType(click.ParamType):
    """A term of one of the site's vocabularies, given by its code ("research-institute"), its
    label ("Research institute", any case, in the site's language or in English) or, when
    asked in a terminal, its number in the list.

    The terms and labels come from `vocabularies` and the models' label tables, the one
    source of truth; `language` translates the labels as the site's pages do.
    """

    name = "term"

    def __init__(self, terms: dict[str, str], what: str, language: Any = None) -> None:
        self.source = dict(terms)
        self.terms = language.labels(terms) if language is not None else dict(terms)
        self.what = what

    def listing(self) -> str:
        """The terms as a numbered list of 'label (code)' lines, to choose from."""
        width = len(str(len(self.terms)))
        return "\n".join(f"  {number:>{width}}. {label} ({code})" for number, (code, label) in enumerate(self.terms.items(), start=1))

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from ..errors import did_you_mean

        text = str(value).strip()
        if text in self.terms:
            return text
        by_label = {label.casefold(): code for table in (self.source, self.terms) for code, label in table.items()}
        if text.casefold() in by_label:
            return by_label[text.casefold()]
        if text.isdigit() and 1 <= int(text) <= len(self.terms):
            return list(self.terms)[int(text) - 1]
        hint = did_you_mean(text, [*self.terms, *self.terms.values()])
        self.fail(f'"{value}" is not a known {self.what}' + (f" ({hint})" if hint else f": use one of {', '.join(self.terms)}"), param, ctx)

    def convert_many(self, answer: str) -> list[str]:
        """Comma-separated terms; a label that itself holds a comma is recognised whole."""
        parts = [part.strip() for part in answer.split(",") if part.strip()]
        found: list[str] = []
        index = 0
        while index < len(parts):
            for end in range(len(parts), index, -1):  # the longest run of parts that names a term
                try:
                    term = self.convert(", ".join(parts[index:end]), None, None)
                except click.BadParameter:
                    if end == index + 1:
                        raise
                    continue
                if term not in found:
                    found.append(term)
                index = end
                break
        return found

    def given(self, option: str, items: tuple[str, ...] | list[str]) -> list[str]:
        """Terms given as options (checked once the site, and so its terms, are known)."""
        try:
            return [self.convert(item, None, None) for item in items]
        except click.BadParameter as error:
            raise click.BadParameter(error.message, param_hint=option) from None


def help_listing(terms: dict[str, str]) -> str:
    """'code (label), …' for an option's help: the source labels (English, as `--help` is)."""
    return ", ".join(f"{code} ({label})" for code, label in terms.items())
