"""Checking a member's logo: a real image inside the repository, an SVG without script.

Logos arrive by pull request like the rest of a member's file. A path may not leave the
members folder (`../../etc/passwd`, absolute paths, symlinks pointing out), and an SVG
may carry no script, event handler, foreign object or external reference, because an SVG
opened directly from the site runs its script.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path, PurePosixPath

MAX_LOGO_BYTES = 512 * 1024
LOGO_SUFFIXES = {".svg": b"<", ".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".webp": b"RIFF"}
_SVG_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_SAFE_HREF = re.compile(r"^#[\w.-]*$")


class LogoProblem(ValueError):
    """A logo that cannot be published, with the hint that fixes it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def resolve_logo(value: str, members_dir: Path) -> Path:
    """The logo's file, checked to be a safe image inside `members_dir`."""
    pure = PurePosixPath(value.replace("\\", "/"))
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", value) or ".." in pure.parts:
        raise LogoProblem(f'"{value}" points outside the members folder', "put the image in members/logos/ and write logos/<file>")
    suffix = pure.suffix.lower()
    if suffix not in LOGO_SUFFIXES:
        raise LogoProblem(f'"{value}" is not an SVG, PNG, JPEG or WebP image', "convert the logo to SVG or PNG")
    path = members_dir / pure
    base = members_dir.resolve()
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise LogoProblem(f'the file "{value}" does not exist', "add the image to the pull request or fix the path") from None
    if not real.is_relative_to(base) or not real.is_file():
        raise LogoProblem(f'"{value}" points outside the members folder', "commit the image itself, not a link to it")
    size = real.stat().st_size
    if size > MAX_LOGO_BYTES:
        raise LogoProblem(f'"{value}" is {size // 1024} KB, over the {MAX_LOGO_BYTES // 1024} KB limit', "export a smaller logo (an SVG or a 400 px PNG)")
    data = real.read_bytes()
    if suffix == ".svg":
        check_svg(data, value)
    elif not data.startswith(LOGO_SUFFIXES[suffix]):
        raise LogoProblem(f'"{value}" is not a {suffix[1:].upper()} image', "export the file again in the format its name says")
    return real


def check_svg(data: bytes, value: str) -> None:
    """Refuse an SVG that could run script or load anything when opened on its own."""
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise LogoProblem(f'"{value}" declares a DOCTYPE or entities', "export the SVG again without a DOCTYPE (e.g. 'plain SVG')")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise LogoProblem(f'"{value}" is not a well-formed SVG ({error})', "export the SVG again from your drawing program") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise LogoProblem(f'"{value}" is not an SVG image', "export the logo as SVG")
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag in _SVG_FORBIDDEN_TAGS:
            raise LogoProblem(f'"{value}" contains a <{tag}> element', "logos may not contain script or embedded content: remove it")
        for name, attribute in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise LogoProblem(f'"{value}" has an event handler ({local})', "logos may not contain script: remove the attribute")
            if local == "href" and not _SAFE_HREF.match(attribute.strip()):
                raise LogoProblem(f'"{value}" links to "{attribute[:60]}"', "a logo may only reference its own elements (#id): embed images instead of linking them")
            if "javascript:" in re.sub(r"\s", "", attribute.lower()) or "url(" in attribute.lower() and "url(#" not in attribute.lower():
                raise LogoProblem(f'"{value}" loads an external resource in {local}', "remove the reference")
        if tag == "style" and element.text and re.search(r"@import|url\((?!#)|javascript:", element.text, re.I):
            raise LogoProblem(f'"{value}" loads an external resource in <style>', "remove @import and url() from the style")
