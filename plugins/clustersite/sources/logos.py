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
_SVG_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "audio", "video", "discard"}
_ANIMATIONS = {"animate", "set", "animatetransform", "animatemotion", "animatecolor"}
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
    """Refuse an SVG that could run script or load anything when opened on its own.

    `value` names the file in the messages (a logo's path as the member file writes it).
    An allow-list where one is possible (references only to the drawing's own `#id`s), and
    CSS read after its escapes are decoded, since `u\\72l(` is `url(` to a browser.
    """
    subject = f'"{value}"'
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise AssetProblem(f"{subject} declares a DOCTYPE or entities", "export the SVG again without a DOCTYPE (e.g. 'plain SVG')")
    builder = _Builder()
    parser = ElementTree.XMLParser(target=builder)  # noqa: S314 - DOCTYPE and entities are refused above, so nothing is expanded or fetched
    try:
        parser.feed(data)
        root = parser.close()
    except ElementTree.ParseError as error:
        raise AssetProblem(f"{subject} is not a well-formed SVG ({error})", "export the SVG again from your drawing program") from None
    if builder.instructions:
        raise AssetProblem(f"{subject} contains a processing instruction (<?…?>)", "an SVG may not load a style sheet or anything else: remove the <?…?> line")
    if _local(root.tag) != "svg":
        raise AssetProblem(f"{subject} is not an SVG image", "export the image as SVG")
    for element in root.iter():
        _check_element(element, _local(element.tag), subject)


class _Builder(ElementTree.TreeBuilder):
    """Builds the tree and notes every processing instruction, which the tree itself drops."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, text: str | None = None) -> ElementTree.Element:
        self.instructions.append(target)
        return super().pi(target, text)


_URL_ATTRIBUTES = {"href", "src", "data", "action", "formaction", "poster", "background", "codebase", "lowsrc", "dynsrc", "base", "ping"}
_ACTIVE_SCHEMES = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.I)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|\r\n|\n|\r|\f|(.))", re.S)
_CSS_LOADS = re.compile(r"@import|@font-face|url\((?!\s*[\"']?\s*#)|(?:image-set|image|cross-fade|element|src|expression)\(|-moz-binding|behavior\s*:", re.I)


def _local(name: object) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower() if isinstance(name, str) else ""


def decode_css(text: str) -> str:
    """CSS text as a browser reads it: escapes decoded, comments removed."""

    def unescape(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2) or ""

    return re.sub(r"/\*.*?(?:\*/|\Z)", "", _CSS_ESCAPE.sub(unescape, text), flags=re.S)


def _check_element(element: ElementTree.Element, tag: str, subject: str) -> None:
    if tag in _SVG_FORBIDDEN_TAGS:
        raise AssetProblem(f"{subject} contains a <{tag}> element", "an SVG may not contain script or embedded content: remove it")
    if tag in _ANIMATIONS:
        target = _local(element.attrib.get("attributeName", ""))
        if target in _URL_ATTRIBUTES or target.startswith("on"):
            raise AssetProblem(f"{subject} animates {target}", "an SVG may not change links or handlers by animation: remove the animation")
    for name, attribute in element.attrib.items():
        local = _local(name)
        if local.startswith("on"):
            raise AssetProblem(f"{subject} has an event handler ({local})", "an SVG may not contain script: remove the attribute")
        if local in _URL_ATTRIBUTES and not _SAFE_HREF.match(attribute.strip()):
            raise AssetProblem(f'{subject} links to "{attribute[:60]}"', "an SVG may only reference its own elements (#id): embed images instead of linking them")
        css = decode_css(attribute)
        if _ACTIVE_SCHEMES.match(re.sub(r"[\s\x00-\x1f]", "", css)) or _CSS_LOADS.search(css):
            raise AssetProblem(f"{subject} loads an external resource in {local}", "remove the reference")
    if tag == "style" and _CSS_LOADS.search(decode_css("".join(element.itertext()))):  # its text around child elements, too
        raise AssetProblem(f"{subject} loads an external resource in <style>", "remove @import and url() from the style")
