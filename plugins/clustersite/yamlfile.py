"""Strict, line-aware YAML reading for files that arrive by pull request.

YAML 1.1 as PyYAML reads it turns `NO` into False, `1:30` into 90 and `0123` into 83.
Here every scalar stays the text the editor typed, except `true`/`false` and the empty
value, and the typed models convert text where a number or a date is expected. Each
mapping and list remembers the line of each entry, so a validation error deep inside a
file can name the line it came from. Duplicate keys, anchors and aliases (the "billion
laughs" bomb), tabs and invalid UTF-8 are refused with an error naming the line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .errors import SourceError

MAX_FILE_BYTES = 512 * 1024


class LineDict(dict):
    """A mapping that knows the line of each of its keys."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}


class LineList(list):
    """A list that knows the line of each of its items."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines: list[int] = []


class YamlProblem(Exception):
    """A file that cannot be read as YAML at all."""

    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


class _Resolver(BaseResolver):
    """Resolve only null and the YAML 1.2 booleans; everything else stays a string."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _Constructor(SafeConstructor):
    duplicates: list[YamlProblem] | None = None
    """Where a duplicate key is noted (the first value kept) instead of stopping the parse:
    set by `read_yaml_file`, so the rest of the file is still checked."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> LineDict:
        if not isinstance(node, MappingNode):
            raise YamlProblem(node.start_mark.line + 1, "expected a mapping of keys")
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(line, "a key must be plain text", "write `key: value`")
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise YamlProblem(line, f"the key {key_node.value!r} must be text", "quote it or rename it")
            if key in mapping:
                problem = YamlProblem(
                    line,
                    f'duplicate key "{key}" (first on line {mapping.key_lines[key]})',
                    "keep one of them; YAML would silently drop the other",
                )
                if self.duplicates is None:
                    raise problem
                self.duplicates.append(problem)
                continue
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = line
        return mapping

    def construct_sequence(self, node: SequenceNode, deep: bool = False) -> LineList:
        items = LineList()
        items.line = node.start_mark.line + 1
        for child in node.value:
            items.append(self.construct_object(child, deep=True))
            items.item_lines.append(child.start_mark.line + 1)
        return items

    def construct_yaml_str(self, node: ScalarNode) -> str:
        return self.construct_scalar(node)

    def construct_undefined(self, node: Node) -> Any:
        raise YamlProblem(
            node.start_mark.line + 1,
            f"the tag {node.tag} is not allowed",
            "remove the `!tag`; plain values are enough",
        )


_CONSTRUCTORS: dict[str | None, Any] = {
    "tag:yaml.org,2002:map": _Constructor.construct_mapping,
    "tag:yaml.org,2002:seq": _Constructor.construct_sequence,
    "tag:yaml.org,2002:str": _Constructor.construct_yaml_str,
    **{f"tag:yaml.org,2002:{tag}": _Constructor.construct_undefined for tag in ("int", "float", "timestamp", "binary", "omap", "pairs", "set", "merge")},
    None: _Constructor.construct_undefined,  # any other tag
}
for _tag, _construct in _CONSTRUCTORS.items():
    _Constructor.add_constructor(_tag, _construct)


if yaml.__with_libyaml__:  # libyaml parses about ten times faster; the rules are the same
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]  # types-PyYAML does not re-export it
else:

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _Loader(_Parser, _Constructor, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def _refuse_anchors(text: str) -> None:
    """Refuse anchors and aliases before anything is built from them (the "billion laughs")."""
    events = _Parser(text)
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, AliasEvent) or (isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None):
                raise YamlProblem(event.start_mark.line + 1 if event.start_mark else 1, "anchors and aliases (& and *) are not allowed", "write the value out in full")
    finally:
        events.dispose()


def parse_yaml(text: str, duplicates: list[YamlProblem] | None = None) -> Any:
    """Parse YAML text strictly; raise YamlProblem with a line on any problem.

    With a `duplicates` list, a duplicate key is added to it and the first value kept, so
    that a caller can still check the rest of the file (and must refuse it all the same).
    """
    loader = _Loader(text)
    loader.duplicates = duplicates
    try:
        _refuse_anchors(text)
        return loader.get_single_data()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        problem = error.problem or str(error)
        mark = error.problem_mark or error.context_mark
        if error.context_mark and (mark is None or mark.index >= len(text.rstrip())):
            mark = error.context_mark  # the file ended inside an unclosed quote or bracket: point at where it opened
        line = mark.line + 1 if mark else 1
        lines = text.splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        if "'\\t'" in problem or "\t" in source_line:
            raise YamlProblem(line, "a tab character is not allowed here", "indent YAML with spaces, not tabs") from None
        raise YamlProblem(line, f"this is not valid YAML: {problem}", "check the indentation and the quotes") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, f"this is not valid YAML: {error}", "check the file's characters") from None
    except RecursionError:
        raise YamlProblem(1, "the YAML is nested too deeply", "flatten the structure") from None
    finally:
        loader.dispose()


def read_yaml_file(path: Path, display: str) -> tuple[Any, list[SourceError]]:
    """Read one YAML file; return (data, errors). `display` is the path shown to editors.

    A file with duplicate keys comes back with its data and those errors, so that its
    other problems are reported in the same run; data is None when nothing could be read.
    """
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            size = path.stat().st_size / 1024 / 1024
            return None, [
                SourceError(display, 1, "", f"the file is {size:.1f} MB, over the {MAX_FILE_BYTES // 1024} KB limit", "a data file should be a few KB; move long texts out")
            ]
        raw = path.read_bytes()
    except OSError as error:
        return None, [SourceError(display, 0, "", f"cannot read the file: {error.strerror}", "check that it exists and is readable")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [SourceError(display, line, "", "the file is not valid UTF-8", "save it with UTF-8 encoding")]
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [SourceError(display, 1, "", "the file is empty", "fill in at least the required keys")]
    duplicates: list[YamlProblem] = []
    try:
        data = parse_yaml(text, duplicates)
    except YamlProblem as problem:
        return None, [SourceError(display, problem.line, "", problem.message, problem.hint)]
    return data, [SourceError(display, problem.line, "", problem.message, problem.hint) for problem in duplicates]


def locate(data: Any, loc: tuple[Any, ...]) -> int:
    """The line of the deepest part of `loc` (a pydantic error location) found in `data`."""
    line = getattr(data, "line", 0) or 1
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
