"""What has no text yet in each of the site's other languages: the report of `clustersite check --translations`.

A missing translation is no error (the build shows the default language's text, marked
with `lang`), so this is a to-do list for translators, not a check that fails: every text
field given without that language, with its file, line and field, and every page of
`content/` without its `<name>.<lang>.md` version.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel

from .models.fields import LocalText
from .sitedata import SiteData
from .sources.files import display_path
from .validation import field_name
from .yamlfile import locate, read_yaml_file


@dataclass(frozen=True)
class Untranslated:
    """One text field, or one page, with no text in a language."""

    source: str
    line: int = 0
    field: str = ""

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.field}" if self.field else self.source


def local_texts(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], LocalText]]:
    """Every LocalText in a model, with its location (as pydantic's error locations give it)."""
    if isinstance(value, LocalText):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from local_texts(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from local_texts(item, (*loc, index))


def _fields(root: Path, source: str, model: BaseModel, language: str) -> list[Untranslated]:
    missing = [loc for loc, text in local_texts(model) if language not in text.texts]
    if not missing:
        return []
    data, _ = read_yaml_file(root / source, source)  # read again for the lines: the models keep values, not lines
    found = [Untranslated(source, locate(data, loc) if data is not None else 0, field_name(loc)) for loc in missing]
    return sorted(found, key=lambda item: item.line)


def _pages(content: Path, root: Path, languages: tuple[str, ...], language: str, newsletter: Path) -> list[Untranslated]:
    """Pages of `content/` (not themselves a translation, `<name>.<lang>.md`) without `<name>.<language>.md`.

    Newsletter issues are left out: an issue is written in one language (a suffixed issue file
    is not a valid issue name), so asking for its translation would ask for an error.
    """
    missing = []
    for page in sorted(content.rglob("*.md")):
        stem, _, suffix = page.stem.rpartition(".")
        if (stem and suffix in languages) or page.is_relative_to(newsletter):
            continue
        if not page.with_name(f"{page.stem}.{language}.md").is_file():
            missing.append(Untranslated(display_path(page, root)))
    return missing


def untranslated(data: SiteData, root: Path, content: Path, profile: str, newsletter_dir: str = "newsletter") -> dict[str, list[Untranslated]]:
    """For each language but the default: every text field and page with nothing in it, in file order."""
    report: dict[str, list[Untranslated]] = {}
    root, content = root.resolve(), content.resolve()
    for language in data.languages[1:]:
        found: list[Untranslated] = []
        if data.profile is not None:
            found += _fields(root, profile, data.profile, language)
        for record in data.members.values():
            found += _fields(root, record.source, record.member, language)
        for event in data.events.values():
            found += _fields(root, event.source, event.event, language)
        found += _pages(content, root, data.languages, language, content / newsletter_dir.strip("/"))
        report[language] = found
    return report


def language_name(code: str) -> str:
    """The language's English name ('Romanian'), for the report's headings; the code when Babel has none."""
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (UnknownLocaleError, ValueError):
        return code


def report_lines(report: dict[str, list[Untranslated]], languages: tuple[str, ...]) -> list[str]:
    """The report as `check --translations` prints it: a heading per language, then one line per text or page."""
    if not report:
        return [f"clustersite: the site has one language ({languages[0]}): nothing to translate (list more under `languages:` in mkdocs.yml)"]
    lines = []
    for language, missing in report.items():
        texts = sum(1 for item in missing if item.field)
        pages = len(missing) - texts
        name = language_name(language)
        if not missing:
            lines.append(f"{language} ({name}): everything is translated")
            continue
        lines.append(f"{language} ({name}): {texts} {'text' if texts == 1 else 'texts'} and {pages} {'page' if pages == 1 else 'pages'} have no {name} version "
                     f"(shown in {language_name(languages[0])}, the default language):")
        lines += [f"  {item}" for item in missing]
    return lines
