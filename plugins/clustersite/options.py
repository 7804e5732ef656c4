"""The `cluster` plugin's options and the MkDocs settings it relies on, each problem at its line.

MkDocs only warns about an unknown plugin option (a typo such as `time_zone:` silently
leaves the default in force) and reports a wrong value without a line. Here every problem
in mkdocs.yml is a :class:`SourceError` at the line the YAML parser saw it on, with a
did-you-mean where one helps; the build refuses to start on any of them and `clustersite
check` reports the same list (both call :func:`config_errors`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.config import config_options as c
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from .config import ClusterConfig, Processes
from .errors import SourceError, did_you_mean
from .i18n import SOURCE_LANGUAGE, data_languages
from .models.event import check_time_zone
from .models.fields import SLUG_PATTERN
from .validation import describe, explain, field_name

PLUGIN = "cluster"
VOCABULARY_KINDS = ("roles", "technologies", "value_chain")

_TYPE_NAMES = {str: "text", dict: "a mapping of keys", list: "a list", int: "a whole number", bool: "true or false", dt.date: "a date (YYYY-MM-DD)"}
_TYPE_HINTS = {
    "text": 'write the text, quoting it if it has a colon: "…"',
    "a mapping of keys": "write `key: value` lines, indented under it",
    "a list": "write `[a, b]` or one `- item` per line",
    "a whole number": "write digits only",
    "true or false": "write true or false",
}


class ConfigLines:
    """Where each setting and each of the plugin's options is written in a MkDocs configuration file.

    Read from the YAML parser's node marks, so a key inside a string, a comment or another
    plugin's options never matches. Tags such as `!ENV` are kept unresolved: composing the
    document builds no values. A line that cannot be found is 0, which errors print as no line.
    """

    def __init__(self, config_file: Path) -> None:
        self.path = config_file
        self.display = config_file.name
        try:
            self._root: yaml.Node | None = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            self._root = None

    @staticmethod
    def _child(node: yaml.Node | None, key: str) -> tuple[yaml.Node | None, int]:
        """The value under `key` of a mapping node, and the line of the key."""
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                    return value_node, key_node.start_mark.line + 1
        return None, 0

    def setting(self, key: str) -> int:
        """The line of a top-level MkDocs setting, e.g. `use_directory_urls`."""
        return self._child(self._root, key)[1]

    def _plugin(self) -> tuple[yaml.Node | None, int]:
        """The plugin's options node and the line of its name, in list or mapping form."""
        plugins, _ = self._child(self._root, "plugins")
        if isinstance(plugins, yaml.SequenceNode):
            for item in plugins.value:
                if isinstance(item, yaml.ScalarNode) and item.value == PLUGIN:
                    return None, item.start_mark.line + 1
                options, line = self._child(item, PLUGIN)
                if line:
                    return options, line
        return self._child(plugins, PLUGIN)

    def option(self, *keys: str) -> int:
        """The line of a plugin option (`option("vocabularies", "roles")`): the deepest key found."""
        node, line = self._plugin()
        for key in keys:
            node, found = self._child(node, key)
            if not found:
                break
            line = found
        return line

    def repeated_options(self) -> list[tuple[str, int, int]]:
        """Options written twice in the plugin's block: (name, first line, repeated line).

        YAML keeps the last value, so an editor changing the first one sees nothing happen."""
        node, _ = self._plugin()
        seen: dict[str, int] = {}
        repeated = []
        if isinstance(node, yaml.MappingNode):
            for key_node, _value in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    line = key_node.start_mark.line + 1
                    if key_node.value in seen:
                        repeated.append((key_node.value, seen[key_node.value], line))
                    else:
                        seen[key_node.value] = line
        return repeated

    def error(self, line: int, field: str, message: str, hint: str = "") -> SourceError:
        return SourceError(self.display, line, field, message, hint)


def _unwrap(option: Any) -> Any:
    """The option inside `c.Optional(...)`."""
    return option.option if isinstance(option, c.Optional) else option


def _type_name(types: type | tuple[type, ...]) -> str:
    wanted = types if isinstance(types, tuple) else (types,)
    return " or ".join(_TYPE_NAMES.get(kind, kind.__name__) for kind in wanted)


def _explain(option: Any, value: Any, problem: Exception) -> tuple[str, str]:
    """(message, hint) for a value MkDocs' own option type refused."""
    option = _unwrap(option)
    if isinstance(option, Processes):
        return f"expected a whole number of processes, got {describe(value)}", "write 1 or more, or remove it for one per core"
    if isinstance(option, c.Choice):
        choices = [str(choice) for choice in option.choices]
        return f"{describe(value)} is not one of the allowed values", did_you_mean(value, choices) or f"choose one of: {', '.join(choices)}"
    if isinstance(option, c.Type):
        expected = _type_name(option._type)
        return f"expected {expected}, got {describe(value)}", _TYPE_HINTS.get(expected, _TYPE_HINTS.get(expected.split(" or ")[0], ""))
    return str(problem).rstrip("."), ""


def option_errors(options: Mapping[str, Any], lines: ConfigLines) -> list[SourceError]:
    """Every problem in the plugin's options as written (`options` before MkDocs validated them)."""
    schema = dict(ClusterConfig._schema)
    errors: list[SourceError] = [
        lines.error(line, name, f"is written twice (first on line {first}), and only the last one counts", "keep one of them")
        for name, first, line in lines.repeated_options()
    ]
    for key, value in options.items():
        line = lines.option(str(key))
        if key not in schema:
            hint = did_you_mean(key, schema) or "remove it; clustersite's README lists the plugin's options"
            errors.append(lines.error(line, str(key), "unknown option", hint))
            continue
        single = ClusterConfig(config_file_path=str(lines.path))  # one option at a time: MkDocs stops at the first failure
        single.load_dict({key: value})
        failed, _ = single.validate()
        if failed:
            errors.append(lines.error(line, key, *_explain(schema[key], value, failed[0][1])))
            continue
        if key == "timezone":
            errors += _time_zone_errors(single.timezone, lines)
        elif key == "vocabularies":
            written = options.get("languages")
            languages = data_languages(written if isinstance(written, list) and all(isinstance(code, str) for code in written) else None, SOURCE_LANGUAGE)
            errors += vocabulary_errors(single.vocabularies, lines, languages)
        elif key == "network":
            errors += network_errors(single.network, lines)
        elif key == "members_site_url" and single.members_site_url and urlsplit(single.members_site_url).scheme not in ("http", "https"):
            errors.append(lines.error(line, key, f"{describe(value)} is not a web address", "write it like https://members.cluster.example.org/"))
        elif key == "build_date" and single.build_date is not None and not _is_date(single.build_date):
            errors.append(lines.error(line, key, f"{describe(value)} is not a date", "write it as YYYY-MM-DD, or remove it"))
    return errors


def network_errors(entries: list[dict[str, Any]], lines: ConfigLines) -> list[SourceError]:
    """Each partner cluster needs a slug (its file name in network/), a name, and http(s) site and export addresses."""
    from .network.partners import Partner

    errors = []
    slugs: set[str] = set()
    for index, entry in enumerate(entries):
        try:
            partner = Partner.model_validate(entry)
        except ValidationError as problem:
            first = problem.errors(include_url=False)[0]
            message, hint = explain(Partner, first)
            errors.append(lines.error(lines.option("network"), f"network[{index}].{field_name(first['loc'])}", message, hint))
            continue
        if partner.slug in slugs:
            errors.append(lines.error(lines.option("network"), f"network[{index}].slug", f'"{partner.slug}" is listed twice', "give each partner cluster its own slug"))
        slugs.add(partner.slug)
    return errors


def _is_date(value: object) -> bool:
    """A calendar date, as YAML reads `2026-11-22` or as quoted text."""
    if isinstance(value, dt.date):
        return not isinstance(value, dt.datetime)
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _time_zone_errors(name: str, lines: ConfigLines) -> list[SourceError]:
    try:
        check_time_zone(name)
    except PydanticCustomError as problem:
        return [lines.error(lines.option("timezone"), "timezone", problem.message(), (problem.context or {}).get("hint", ""))]
    return []


def vocabulary_errors(vocabularies: Mapping[Any, Any], lines: ConfigLines, languages: Sequence[str] = (SOURCE_LANGUAGE,)) -> list[SourceError]:
    """Extra terms must extend a known vocabulary, each `lower-case-term: Label`, or a label per
    language of the site (`{en: Label, ro: Etichetă}`, the default language's required)."""
    errors = []
    for kind, terms in vocabularies.items():
        field = f"vocabularies.{kind}"
        if kind not in VOCABULARY_KINDS:
            hint = did_you_mean(kind, VOCABULARY_KINDS) or f"the vocabularies are: {', '.join(VOCABULARY_KINDS)}"
            errors.append(lines.error(lines.option("vocabularies", str(kind)), field, "unknown vocabulary", hint))
        elif not isinstance(terms, dict):
            errors.append(lines.error(lines.option("vocabularies", kind), field, f"expected a mapping of terms, got {describe(terms)}", "write `term: Label` lines, indented under it"))
        else:
            for term, label in terms.items():
                if isinstance(term, str) and re.match(SLUG_PATTERN, term) and isinstance(label, dict):
                    errors += _label_errors(kind, term, label, lines, languages)
                elif not isinstance(term, str) or not re.match(SLUG_PATTERN, term) or not isinstance(label, str) or not label.strip():
                    errors.append(
                        lines.error(lines.option("vocabularies", kind, str(term)), f"{field}.{term}", "is not a valid term", "write `lower-case-term: Display label`")
                    )
    return errors


def _label_errors(kind: str, term: str, labels: Mapping[Any, Any], lines: ConfigLines, languages: Sequence[str]) -> list[SourceError]:
    """A term's label given per language: keys are the site's languages, the default one is there."""
    field = f"vocabularies.{kind}.{term}"
    errors = []
    for code, label in labels.items():
        line = lines.option("vocabularies", kind, term, str(code))
        if code not in languages:
            errors.append(lines.error(line, f"{field}.{code}", f"{str(code)!r} is not one of the site's languages ({', '.join(languages)})", "give the label under one of them"))
        elif not isinstance(label, str) or not label.strip():
            errors.append(lines.error(line, f"{field}.{code}", "is not a valid label", "write the label as text"))
    if languages[0] not in labels:
        errors.append(lines.error(lines.option("vocabularies", kind, term), field, f"has no label in {languages[0]}, the site's default language", f"add `{languages[0]}: …`"))
    return errors


def _relation(path: Path, other: Path) -> str:
    """How `path` stands to `other`: "is", "lies inside", "contains" or ""."""
    if path == other:
        return "is"
    if path.is_relative_to(other):
        return "lies inside"
    return "contains" if other.is_relative_to(path) else ""


def site_errors(config: Any, options: ClusterConfig, lines: ConfigLines) -> list[SourceError]:
    """MkDocs settings the plugin cannot work with, and output folders that would destroy each other.

    Each build replaces the members' edition's folder whole: inside or around the public site
    it would publish member-only content or delete the public site; around docs_dir or the
    repository it would delete the sources.
    """
    errors = []
    if not config.use_directory_urls:
        errors.append(lines.error(
            lines.setting("use_directory_urls"), "use_directory_urls",
            "false is not supported: members, events and issues have permanent addresses such as /members/<slug>/",
            "remove the line, or set it to true",
        ))
    root = lines.path.resolve().parent
    members = (root / options.members_site_dir).resolve()
    value = f'"{options.members_site_dir}"'
    own_folder = "use a folder of its own beside the public site, e.g. site-members"
    for other, name, hint in (
        (root, "the repository", f"each build replaces this folder: {own_folder}"),
        (Path(config.docs_dir).resolve(), "docs_dir", f"each build replaces this folder: {own_folder}"),
        (Path(config.site_dir).resolve(), "the public site_dir", f"member-only content must never reach the public site: {own_folder}"),
    ):
        relation = _relation(members, other)
        if relation and not (other == root and relation == "lies inside"):
            errors.append(lines.error(lines.option("members_site_dir"), "members_site_dir", f"{value} {relation} {name}", hint))
            break
    return errors


def config_errors(config: Any, options: Mapping[str, Any], plugin_options: ClusterConfig) -> list[SourceError]:
    """Everything wrong in mkdocs.yml for the plugin: its options as written, then the settings."""
    lines = ConfigLines(Path(config.config_file_path or "mkdocs.yml"))
    errors = option_errors(options, lines)
    return errors or site_errors(config, plugin_options, lines)


def site_url_error(config: Any) -> SourceError:
    """The newsletter's feeds and e-mails need absolute links: `site_url` is required once there is an issue."""
    lines = ConfigLines(Path(config.config_file_path or "mkdocs.yml"))
    return lines.error(
        lines.setting("site_url"), "site_url", "is required for the newsletter",
        "feeds and e-mails need absolute links; set it to the site's address, e.g. https://cluster.example.org/",
    )
