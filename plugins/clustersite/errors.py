"""Errors that point an editor at a file, a line and a field, and say how to fix it.

Every problem in the data is reported as a :class:`SourceError`. The loader and the
validators collect them rather than stopping at the first, so that `clustersite check`
and a failed `mkdocs build` list everything that is wrong in one go.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in one source file, as an editor needs to see it."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    reference: tuple[str, str] | None = dataclasses.field(default=None, compare=False)  # not `field`: the attribute above shadows it
    """(kind, slug) when the error is a reference to a member or event that has no file:
    `sources.references.group_unknown` merges every reference to one missing slug into one error."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"

    def github(self) -> str:
        """The error as a GitHub Actions workflow command, which annotates the PR's diff."""

        def escape(value: str, *, prop: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            if prop:
                value = value.replace(":", "%3A").replace(",", "%2C")
            return value

        title = escape(self.field or "clustersite", prop=True)
        body = self.message + (f" ({self.hint})" if self.hint else "")
        line = f",line={self.line}" if self.line else ""
        return f"::error file={escape(self.path, prop=True)}{line},title={title}::{escape(body)}"


class DataError(PluginError):
    """Raised when the site's data or options have errors; carries all of them.

    A PluginError, so that MkDocs prints the report (one line per error) and aborts the build,
    while `clustersite check` takes the same errors from it.
    """

    def __init__(self, errors: Iterable[SourceError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [str(error) for error in self.errors]
        noun = "error" if count == 1 else "errors"
        return "\n".join(lines + [f"clustersite: {count} {noun} in the site's data; nothing was published."])


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for a mistyped key or vocabulary term, or ''."""
    if not isinstance(value, str):
        return ""
    choices = list(choices)
    lowered = {choice.lower(): choice for choice in choices}
    if value.lower() in lowered:
        return f'did you mean "{lowered[value.lower()]}"?'
    matches = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    return f'did you mean "{lowered[matches[0]]}"?' if matches else ""
