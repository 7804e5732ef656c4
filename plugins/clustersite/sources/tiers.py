"""The three tiers of data, and the errors that keep each in its place.

- **Public** data lives in the public repository: anyone may read it and propose a change.
- **Members-only** data (member-only events, issues, pages, their files, and contacts who
  agreed to be shown to members only) and **office-internal** data (`internal:`) live in the
  private folder (the `private_dir` option), which mirrors the public layout.

A filter in the build is not a wall: whatever sits in a public repository is public. So
anything not public found in the public repository is an error that says where it belongs,
and anything in the private folder that reaches beyond members is an error that says where
the public copy goes. Both are reported by the build and by `clustersite check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from ..errors import SourceError
from ..models.fields import in_edition
from ..yamlfile import locate

M = TypeVar("M", bound=BaseModel)

MEMBERS_ONLY = ["members"]


@dataclass(frozen=True)
class Tier:
    """Which tier a loader reads, and the private folder's name as editors write it."""

    private: bool
    private_name: str = "private"

    @property
    def prefix(self) -> str:
        return self.private_name.strip("/") + "/"

    def counterpart(self, display: str) -> str:
        """The same file in the other tier: `members/acme.yml` ⇄ `private/members/acme.yml`."""
        return display.removeprefix(self.prefix) if self.private else self.prefix + display

    def not_public(self, display: str, line: int, field: str, detail: str = "", hint: str = "") -> SourceError:
        """A public-repository file holds data that is not public."""
        return SourceError(display, line, field, f"not public data{detail}: move it to {self.counterpart(display)}", hint)

    def audience(self, model: M, data: Any, display: str) -> tuple[M, list[SourceError]]:
        """The model with the audience its tier allows, or the error that moves it.

        In the private folder an item without `audience:` is for members alone; one that
        names another group belongs in the public repository.
        """
        audience = list(getattr(model, "audience"))  # noqa: B009  (events, issues and pages share no base class that types it)
        line = locate(data, ("audience",))
        if not self.private:
            if in_edition(audience, "public"):
                return model, []
            return model, [self.not_public(display, line, "audience", " (for members only)")]
        if not (isinstance(data, dict) and "audience" in data):
            return model.model_copy(update={"audience": list(MEMBERS_ONLY)}), []
        if audience == MEMBERS_ONLY:
            return model, []
        return model, [
            SourceError(
                display, line, "audience", f"[{', '.join(audience)}] reaches beyond members: move it to {self.counterpart(display)}",
                "the private folder holds what only members may see; or write audience: [members]",
            )
        ]


PUBLIC = Tier(private=False)
"""The public repository's tier, with the default private folder's name for the hints."""
