"""Checking a member's logo: a real image inside the repository, an SVG without script.

Logos arrive by pull request like the rest of a member's file. A path may not leave the
members folder (`../../etc/passwd`, absolute paths, symlinks pointing out), and an SVG
may carry no script, event handler, foreign object or external reference, because an SVG
opened directly from the site runs its script.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from .assets import AssetProblem, AssetRules, relative_path, resolve_asset

MAX_LOGO_BYTES = 512 * 1024
LOGO_SUFFIXES = {".svg": b"<", ".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".webp": b"RIFF"}
_SVG_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_SAFE_HREF = re.compile(r"^#[\w.-]*$")


LOGO_RULES = AssetRules(
    signatures={suffix: (start,) for suffix, start in LOGO_SUFFIXES.items() if suffix != ".svg"},
    max_bytes=MAX_LOGO_BYTES,
    outside="points outside the members folder",
    place_hint="put the image in members/logos/ and write logos/<file>",
    size_hint="export a smaller logo (an SVG or a 400 px PNG)",
)


def resolve_logo(value: str, members_dir: Path) -> Path:
    """The logo's file, checked to be a safe image inside `members_dir`."""
    suffix = relative_path(value, LOGO_RULES).suffix.lower()
    if suffix not in LOGO_SUFFIXES:
        raise AssetProblem(f'"{value}" is not an SVG, PNG, JPEG or WebP image', "convert the logo to SVG or PNG")
    real, data = resolve_asset(value, members_dir, LOGO_RULES)
    if suffix == ".svg":
        check_svg(data, value)
    return real


def check_svg(data: bytes, value: str) -> None:
    """Refuse an SVG that could run script or load anything when opened on its own."""
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise AssetProblem(f'"{value}" declares a DOCTYPE or entities', "export the SVG again without a DOCTYPE (e.g. 'plain SVG')")
    try:
        root = ElementTree.fromstring(data)  # noqa: S314 (DOCTYPE and entities are refused above, so nothing expands)
    except ElementTree.ParseError as error:
        raise AssetProblem(f'"{value}" is not a well-formed SVG ({error})', "export the SVG again from your drawing program") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise AssetProblem(f'"{value}" is not an SVG image', "export the logo as SVG")
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag in _SVG_FORBIDDEN_TAGS:
            raise AssetProblem(f'"{value}" contains a <{tag}> element', "logos may not contain script or embedded content: remove it")
        for name, attribute in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise AssetProblem(f'"{value}" has an event handler ({local})', "logos may not contain script: remove the attribute")
            if local == "href" and not _SAFE_HREF.match(attribute.strip()):
                raise AssetProblem(f'"{value}" links to "{attribute[:60]}"', "a logo may only reference its own elements (#id): embed images instead of linking them")
            if "javascript:" in re.sub(r"\s", "", attribute.lower()) or "url(" in attribute.lower() and "url(#" not in attribute.lower():
                raise AssetProblem(f'"{value}" loads an external resource in {local}', "remove the reference")
        if tag == "style" and element.text and re.search(r"@import|url\((?!#)|javascript:", element.text, re.I):
            raise AssetProblem(f'"{value}" loads an external resource in <style>', "remove @import and url() from the style")
