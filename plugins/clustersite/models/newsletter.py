"""A newsletter issue, as the front matter of one `content/newsletter/<stem>.md` describes it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
)

from .fields import AUDIENCES, Audience, DataModel, Date, Line, PlainText, PreviousSlugs, Slug, Title, fail

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")
"""What every e-mail program shows: Gmail and Outlook show neither SVG nor WebP."""

_URI = re.compile(r"^(?:tag|urn|https?):[^\s<>\"]+$")


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise fail(f"{str(value).lower()} is a yes/no value", "write a number or text, or remove the key")
    return value


def _feed_id(value: str) -> str:
    if not _URI.match(value):
        raise fail(
            f'"{value[:80]}" is not a permanent ID',
            "write a tag: URI, e.g. tag:cluster.example.org,2025-03-14:newsletter/12, or remove the key",
        )
    return value


def _image(value: str) -> str:
    if not value.lower().endswith(IMAGE_SUFFIXES):
        raise fail(f'"{value[:80]}" is not a PNG, JPEG or GIF image', "e-mail programs do not show SVG or WebP: export the image as PNG or JPEG")
    return value


FeedId = Annotated[str, BeforeValidator(_not_bool), AfterValidator(_feed_id), Field(max_length=300)]
IssueNumber = Annotated[int, BeforeValidator(_not_bool), Field(ge=1, le=99999)]
ImagePath = Annotated[Line, AfterValidator(_image)]


class Issue(DataModel):
    """One issue of the newsletter: its front matter; the Markdown below it is the text."""

    title: Title = Field(description="The issue's headline, plain text")
    date: Date = Field(description="The publication date, YYYY-MM-DD: the feeds' publication date")
    summary: Annotated[PlainText, Field(max_length=400)] | None = Field(
        default=None, description="One or two sentences for the archive, the feeds and the e-mail preview line"
    )
    audience: list[Audience] = Field(
        default_factory=lambda: list(AUDIENCES),
        min_length=1,
        description="Who the issue is for: members, community, public; an issue for members alone is never in the public site",
    )
    number: IssueNumber | None = Field(default=None, description="The issue's number, e.g. 12")
    image: ImagePath | None = Field(default=None, description="A wide PNG or JPEG, relative to the newsletter folder, e.g. images/pet-ct.png")
    image_alt: Line | None = Field(default=None, description="What the image shows, for readers who cannot see it")
    members: list[Slug] = Field(default_factory=list, description="Members this issue is about (file names without .yml): listed under 'In this issue'")
    events: list[Slug] = Field(default_factory=list, description="Events this issue announces (file names without .yml)")
    id: FeedId | None = Field(
        default=None,
        description="The issue's permanent feed ID. Leave it out: it is made from the site's host, the date and the number. "
        "Set it to the old ID only if you correct the date or number of an issue that was already sent.",
    )
    previous_slugs: PreviousSlugs = Field(default_factory=list)
    updated: Date | None = Field(default=None, description="The date of a later correction, YYYY-MM-DD: feed readers show the issue as updated")

    @field_validator("audience", "members", "events")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        for index, value in enumerate(values):
            if value in values[:index]:
                raise fail(f'"{value}" is listed twice', "list it once")
        return values

    @field_validator("updated")
    @classmethod
    def _updated_after_date(cls, updated: dt.date | None, info: ValidationInfo) -> dt.date | None:
        published = info.data.get("date")
        if updated is not None and published is not None and updated < published:
            raise fail(f"{updated} is before the issue's date {published}", "an update comes after publication: fix the dates")
        return updated

    @property
    def members_only(self) -> bool:
        """Whether only the members' edition may contain this issue."""
        return all(group == "members" for group in self.audience)
