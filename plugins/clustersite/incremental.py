"""Serve mode's own dirty build: what did not change keeps the file the previous rebuild wrote.

`mkdocs serve` rebuilds the whole site on every save, and without `--dirty` (an option of
the command, which no plugin can switch on) it empties the served folder first. At 2,000
members that is 2,000 member pages passed through MkDocs' whole page pipeline and written
again, and 1,700 files copied again, to show one changed member. MkDocs' own `--dirty` is no
answer either: it compares time stamps, so a page built from data files is never seen to
change, and the pages it skips are missing from the search index and the sitemap.

So in serve mode the plugin does it itself:

1. The build writes into an empty staging folder beside the served one (`begin`): MkDocs
   empties that instead, and nothing the browser is shown goes missing mid-build.
2. Before MkDocs reads any page (`plan_pages`, from `on_nav`) and before it copies the other
   files (`plan_files`, from `on_env`, once the plugin has filled in its feeds), each file gets a key: a fingerprint of
   everything its output is made from. For a generated page outside the nav that names its
   inputs (`GeneratedPage.inputs`: a member, its partners, its events, the vocabularies…),
   that is those inputs, the page's own title, address and meta, and everything site-wide
   that its theme shows (`site_inputs`: the configuration, the nav and its Markdown pages'
   sources, the theme's templates; and the build date). For a newsletter issue, its
   Markdown and front matter, what the plugin puts around it (`Newsletter.page_inputs`) and
   its links: the docs files its Markdown looked up as it rendered, with each one's address
   (`record_lookups`); its key is noted after that render, and the same lookups answered
   again at the next rebuild give the same key only if every link comes out the same. For a
   file the plugin generates, its bytes; for a file from the theme, its source's identity. A file whose key equals the key of the copy
   the served folder holds is marked `InclusionLevel.EXCLUDED`: MkDocs neither renders,
   copies nor writes it, and the served copy stays. Anything without a key is built as before,
   and so is a page whose last build logged a warning: a fresh build would log it again.
3. What MkDocs would have gathered from a kept page is put back from the previous rebuild:
   its entries in the search index (in MkDocs' order, so `search_index.json` is the same),
   its line in the sitemap, the docs files its HTML uses, and what its render handed to the
   rest of the build (`carry`: an issue's text, which its feeds and e-mail show).
4. After the build (every language), `commit` moves the new files into the served folder and
   deletes the files that no longer belong to the site. A build that fails leaves the served
   folder as it was, and the next one starts from what it holds.

Correctness comes first: after any sequence of edits the served folder equals a fresh build
byte for byte (tests/test_incremental.py). When the plugin cannot be sure (another plugin or
hook that could keep state of its own, a search plugin other than Material's, an error site,
a value it cannot fingerprint), it keeps nothing and builds everything; and it keeps no Markdown
page when a Markdown extension may read other files (`SELF_CONTAINED_EXTENSIONS`), nor an issue
listed in the nav or linking to another page's anchor, which MkDocs checks only on built pages.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import re
import shutil
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import mkdocs
from mkdocs.config.base import Config
from mkdocs.structure import pages as page_structure
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

KNOWN_PLUGINS = frozenset({"search", "material/search", "cluster"})
"""The plugins whose every effect on a page the plugin knows: with any other, nothing is kept."""

IGNORED_SETTINGS = frozenset({"plugins", "theme", "watch", "dev_addr", "serve_url", "config_file_path"})
"""Settings that no page shows (or, for the theme and the plugins, are fingerprinted as their variables and options)."""

SELF_CONTAINED_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes", "legacy_attrs",
    "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks",
    "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.blocks.admonition", "pymdownx.blocks.caption",
    "pymdownx.blocks.definition", "pymdownx.blocks.details", "pymdownx.blocks.html", "pymdownx.blocks.tab",
    "pymdownx.caret", "pymdownx.critic", "pymdownx.details", "pymdownx.emoji", "pymdownx.escapeall", "pymdownx.extra",
    "pymdownx.fancylists", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink",
    "pymdownx.mark", "pymdownx.progressbar", "pymdownx.saneheaders", "pymdownx.smartsymbols", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
})
"""Markdown extensions that make a page's HTML from its own text alone. Any other (`pymdownx.snippets`
includes files, `pymdownx.b64` embeds images) may read what no key covers: no Markdown page is kept."""

_WARNING_LOGGERS = (mkdocs.__name__, "")
"""MkDocs' loggers (which do not pass their records on) and the root, where Python-Markdown's and its extensions' go."""
_DOC_FILE = re.compile(r"Doc file '(?P<src_uri>[^']+)' ")
_EXCLUDED_LINK = re.compile(r"contains a link to '(?P<target>[^']+)' which is excluded from the built site\.$")


@dataclasses.dataclass
class Outputs:
    """What one rebuild left in the served folder, beyond the files themselves."""

    keys: dict[str, str] = dataclasses.field(default_factory=dict)
    """Each keyed file's key, by its path in the site (`ro/members/acme/index.html`)."""
    paths: set[str] = dataclasses.field(default_factory=set)
    """Every file of the site, keyed or not: what is not written or kept again is deleted."""
    entries: dict[tuple[str, str], list[dict[str, Any]]] = dataclasses.field(default_factory=dict)
    """The search entries of each page, by (language, src_uri)."""
    used: dict[tuple[str, str], tuple[str, set[str]]] = dataclasses.field(default_factory=dict)
    """The docs files each page's HTML uses, by (language, src_uri), with the list of docs files they were found among."""
    carried: dict[tuple[str, str], Any] = dataclasses.field(default_factory=dict)
    """What a page's render handed to the rest of the build, by (language, src_uri)."""
    warned: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    """The pages whose build logged a warning, by (language, src_uri)."""
    anchors: dict[tuple[str, str], frozenset[str]] = dataclasses.field(default_factory=dict)
    """The anchors of each Markdown page, by (language, src_uri): put back on a kept page, links to it are checked as in a full build."""


class _SkippedLinks(logging.Filter):
    """MkDocs notes (at INFO) each link to an excluded page; a kept page is in the site, so the note is wrong."""

    def __init__(self, skipped: Callable[[], set[str]]) -> None:
        super().__init__()
        self.skipped = skipped

    def filter(self, record: logging.LogRecord) -> bool:
        found = _EXCLUDED_LINK.search(record.getMessage())
        return found is None or found["target"] not in self.skipped()


class _PageWarnings(logging.Handler):
    """Notes which page each warning of MkDocs (or of a plugin) is about: MkDocs names the page
    in its link warnings, and the others come while the plugin is between a page's first and last hook."""

    def __init__(self, build: IncrementalBuild) -> None:
        super().__init__(logging.WARNING)
        self.build = build

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.build.thread:
            return  # the server's own threads (livereload): not about the page being built
        named = _DOC_FILE.match(record.getMessage())
        current = self.build.current
        if named is not None and current is not None:
            self.build.next.warned.add((current[0], named["src_uri"]))
        elif current is not None and current[1] is not None:
            self.build.next.warned.add((current[0], current[1]))


class IncrementalBuild:
    """Serve mode's rebuilds: a staging folder, the keys of the served files, and what kept pages contributed."""

    def __init__(self) -> None:
        self.served: Path | None = None
        self.staging: Path | None = None
        self.held = Outputs()
        """The served folder as the last finished rebuild left it."""
        self.next = Outputs()
        """This rebuild's, committed when it finishes."""
        self.kept: set[str] = set()
        """The paths of the files this rebuild keeps."""
        self.skipped: dict[str, set[str]] = {}
        """The src_uris of the pages this rebuild keeps, by language."""
        self.fresh: dict[str, dict[str, list[dict[str, Any]]]] = {}
        """The search entries of the pages this rebuild built, by language and src_uri."""
        self.current: tuple[str, str | None] | None = None
        """The language being built, and the page between its first and last hook (see `page_started`)."""
        self.thread: int | None = None
        """The thread that runs the rebuild: its warnings are about its pages."""
        self._filter = _SkippedLinks(self._all_skipped)
        # By module name, not "mkdocs…": under ProperDocs the same modules log as "properdocs…".
        self._logger = logging.getLogger(page_structure.__name__)
        self._warnings = _PageWarnings(self)

    @property
    def active(self) -> bool:
        return self.staging is not None

    def begin(self, site_dir: str) -> str:
        """Start a rebuild of the served `site_dir`; returns the staging folder MkDocs is to write to."""
        served = Path(site_dir).resolve()
        if served != self.served:
            self.held = Outputs()  # another folder: nothing in it is known
        self.served = served
        self.staging = served.with_name(f"{served.name}.clustersite-next")
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        self.next = Outputs()
        self.kept = set()
        self.skipped = {}
        self.fresh = {}
        self.current = None
        self.thread = threading.get_ident()
        self._logger.addFilter(self._filter)
        for name in _WARNING_LOGGERS:
            logging.getLogger(name).addHandler(self._warnings)
        return str(self.staging)

    def _folders(self) -> tuple[Path, Path]:
        """(staging, served) of the rebuild under way."""
        if self.staging is None or self.served is None:
            raise RuntimeError("no serve-mode rebuild is under way")
        return self.staging, self.served

    def _all_skipped(self) -> set[str]:
        return set().union(*self.skipped.values()) if self.skipped else set()

    def plan_pages(self, files: Files, nav: Navigation, language: str, page_key: Callable[[Page], str | None], carries: Callable[[Page], bool]) -> None:
        """Before MkDocs reads pages: keep the pages outside the nav that the served folder holds with the same key (None: always built).

        A page in `nav` is always built, whatever its inclusion says (the plugin marks every issue
        "not in nav", and one listed there too gives the nav its title, which only a read page has).
        A page for which `carries` is true hands something to the rest of the build (`carry`),
        and is kept only if the served copy's render left it."""
        skipped = self.skipped.setdefault(language, set())
        listed = {page.file.src_uri for page in nav.pages}
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            page, entry = file.page, (language, file.src_uri)
            if page is None or not file.inclusion.is_not_in_nav() or file.src_uri in listed:
                continue
            allowed = entry not in self.held.warned and (entry in self.held.carried or not carries(page))
            if self._keep(file, page_key(page), allowed=allowed):
                skipped.add(file.src_uri)
                if entry in self.held.carried:
                    self.next.carried[entry] = self.held.carried[entry]
                anchors = self.held.anchors.get(entry)
                if anchors is not None:  # other pages' links to its anchors are checked against them
                    page.present_anchor_ids = set(anchors)
                    self.next.anchors[entry] = anchors

    def note_anchors(self, language: str, page: Page) -> None:
        """After a page's render: its anchors, for the rebuilds that keep it (`plan_pages`)."""
        if page.present_anchor_ids is not None:
            self.next.anchors[(language, page.file.src_uri)] = frozenset(page.present_anchor_ids)

    def page_started(self, language: str, src_uri: str | None) -> None:
        """The plugin's first hook of a page (None: between pages): a warning until then is about it."""
        self.current = (language, src_uri)

    def carry(self, language: str, src_uri: str, value: Any) -> None:
        """What the page's render hands to the rest of the build (`carried` gives it back when the page is kept)."""
        self.next.carried[(language, src_uri)] = value

    def served_carry(self, language: str, src_uri: str) -> Any:
        """What the render of the page's served copy handed on (None if nothing)."""
        return self.held.carried.get((language, src_uri))

    def carried(self, language: str) -> dict[str, Any]:
        """What the pages this rebuild keeps handed to the rest of the build, by src_uri."""
        return {src_uri: self.next.carried[(language, src_uri)] for src_uri in self.skipped.get(language, ()) if (language, src_uri) in self.next.carried}

    def plan_files(self, files: Files, static: Iterable[str]) -> None:
        """Before MkDocs copies files (the plugin's are filled in by then): keep those the served folder
        holds with the same bytes; `static` are the folders whose files are keyed by their source's identity (the theme's)."""
        folders = tuple(os.path.join(os.path.realpath(folder), "") for folder in static)
        for file in files:
            if file.is_documentation_page() or not file.inclusion.is_in_serve():
                continue
            if file.generated_by or (file.abs_src_path and os.path.realpath(file.abs_src_path).startswith(folders)):
                self._keep(file, static_key(file))

    def _keep(self, file: File, key: str | None, *, allowed: bool = True) -> bool:
        """Note the file's key; keep the served copy (and tell MkDocs to leave the file out) if it has the same (and keeping is `allowed`)."""
        served = self._folders()[1]
        path = self.note_key(file, key)
        if path is None or key is None:
            return False
        if not allowed or self.held.keys.get(path) != key or path not in self.held.paths or not os.path.isfile(os.path.join(served, path)):
            return False
        file.inclusion = InclusionLevel.EXCLUDED
        self.kept.add(path)
        return True

    def note_key(self, file: File, key: str | None) -> str | None:
        """Note (or, with None, forget) the key of the file this rebuild writes; returns its path in the site."""
        staging = self._folders()[0]
        inside = os.path.join(str(staging), "")
        if not file.abs_dest_path.startswith(inside):
            return None
        path = file.abs_dest_path[len(inside):]  # as os.path.relpath gives it, without its thousands of calls' cost
        if key is None:
            self.next.keys.pop(path, None)
        else:
            self.next.keys[path] = key
        return path

    def is_kept(self, language: str, src_uri: str) -> bool:
        return src_uri in self.skipped.get(language, ())

    def record_entries(self, language: str) -> dict[str, list[dict[str, Any]]]:
        """Where the search index's wrapper puts the entries of each page it indexes in this language."""
        return self.fresh.setdefault(language, {})

    def search_entries(self, files: Files, language: str) -> list[dict[str, Any]]:
        """The whole search index in MkDocs' order: built pages' new entries, kept pages' previous ones."""
        fresh = self.fresh.get(language, {})
        skipped = self.skipped.get(language, set())
        entries: list[dict[str, Any]] = []
        for file in files:
            if not file.is_documentation_page():
                continue
            key = (language, file.src_uri)
            if file.src_uri in skipped:
                page_entries = self.held.entries.get(key, [])
            elif file.inclusion.is_in_serve():
                page_entries = fresh.get(file.src_uri, [])
            else:
                continue
            self.next.entries[key] = page_entries
            entries += [dict(entry) for entry in page_entries]
        return entries

    def sitemap_pages(self, files: Files, language: str) -> list[File]:
        """The pages a full build's sitemap lists: those built, and those kept."""
        skipped = self.skipped.get(language, set())
        return [file for file in files if file.is_documentation_page() and (file.inclusion.is_included() or file.src_uri in skipped)]

    def used_by_kept(self, files: Files, language: str, held_files: str, read_again: Callable[[str, str], set[str]]) -> set[str]:
        """The docs files the kept pages use; found again in the served page when the docs files changed."""
        staging, served_root = self._folders()
        used: set[str] = set()
        for src_uri in self.skipped.get(language, ()):
            key = (language, src_uri)
            known = self.held.used.get(key)
            if known is not None and known[0] == held_files:
                paths = known[1]
            else:
                file = files.get_file_from_path(src_uri)
                served = served_root / os.path.relpath(file.abs_dest_path, staging) if file is not None else None
                paths = read_again(served.read_text(encoding="utf-8"), file.url) if file is not None and served is not None and served.is_file() else set()
            self.next.used[key] = (held_files, paths)
            used |= paths
        return used

    def record_used(self, language: str, src_uri: str, held_files: str, paths: set[str]) -> None:
        self.next.used[(language, src_uri)] = (held_files, paths)

    def commit(self) -> None:
        """Move the new files into the served folder and delete what no longer belongs to the site."""
        staging, served = self._folders()
        written: set[str] = set()
        for folder, _dirs, names in os.walk(staging):
            for name in names:
                written.add(os.path.relpath(os.path.join(folder, name), staging))
        current = written | self.kept
        try:
            if not self.held.paths:
                _empty(served)  # the first rebuild: nothing in the folder is known
            for path in sorted(self.held.paths - current, reverse=True):
                target = served / path
                if target.is_file() or target.is_symlink():
                    target.unlink()
                _prune(target.parent, served)
            for path in sorted(written):
                target = served / path
                if target.is_dir():
                    shutil.rmtree(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / path, target)
        except BaseException:
            # Half moved (a file held open on Windows, a full disk): what the folder holds is no
            # longer known, so the next rebuild keeps nothing and writes the whole site again.
            self.held = Outputs()
            self._end()
            raise
        self.next.paths = current
        self.held = self.next
        self._end()

    def abandon(self) -> None:
        """A failed rebuild: the served folder stays as the last finished one left it."""
        self._end()

    def _end(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None
        self.next = Outputs()
        self.current = None
        self._logger.removeFilter(self._filter)
        for name in _WARNING_LOGGERS:
            logging.getLogger(name).removeHandler(self._warnings)


def record_lookups(files: Files) -> dict[str, str | None]:
    """Start noting the docs files looked up in `files`, with the address each had (None: no such file).

    MkDocs resolves every relative link of a Markdown page through `Files.get_file_from_path`
    as it renders the page, so the lookups made between `record_lookups` and `stop_recording`
    are all the page's links depend on: the page links the same while each gives the same
    answer (`answers`), whatever else is added to or removed from the site."""
    found: dict[str, str | None] = {}
    lookup = files.get_file_from_path

    def get_file_from_path(path: str) -> File | None:
        file = lookup(path)
        found[path] = file.url if file is not None else None
        return file

    files.get_file_from_path = get_file_from_path  # type: ignore[method-assign]
    return found


def stop_recording(files: Files) -> None:
    files.__dict__.pop("get_file_from_path", None)  # the class's own method again


def answers(files: Files, paths: Iterable[str]) -> list[tuple[str, str | None]]:
    """What `files` answers now to lookups that `record_lookups` noted (a file's address does not depend on whether it is kept)."""
    return [(path, file.url if (file := files.get_file_from_path(path)) is not None else None) for path in paths]


def static_key(file: File) -> str:
    """A generated file's bytes, or a copied file's identity: its path, size and change times.

    The status-change time cannot be set back (`touch -d` sets only the modification time),
    so a file rewritten with its old modification time still gets a new key."""
    if file.abs_src_path is None:
        return "bytes:" + hashlib.blake2b(file.content_bytes, digest_size=20).hexdigest()
    try:
        stat = os.stat(file.abs_src_path)
    except OSError:
        return "missing:" + file.abs_src_path
    return f"file:{file.abs_src_path}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"


def self_contained(extensions: Iterable[str]) -> bool:
    """Whether every Markdown extension is known to read nothing but the page (`SELF_CONTAINED_EXTENSIONS`)."""
    return all(name.removeprefix("markdown.extensions.") in SELF_CONTAINED_EXTENSIONS for name in extensions)


def keepable(plugin_names: Iterable[str], hooks: Iterable[Any], search_indexes: Iterable[Any]) -> bool:
    """Whether every plugin's effect on a kept page is known, and the search index can be put back."""
    if set(plugin_names) - KNOWN_PLUGINS or list(hooks):
        return False
    return all(
        callable(getattr(index, "add_entry_from_context", None)) and isinstance(getattr(index, "entries", None), list) and callable(getattr(index, "generate_search_index", None))
        for index in search_indexes
    )


def site_inputs(config: Any, nav: Navigation, template_folders: Iterable[str]) -> tuple[Any, ...]:
    """Everything site-wide that a generated page's theme shows: the settings, the theme, the nav
    and the sources of the Markdown pages in it (whose first headings may be its titles), and the templates."""
    settings = {key: as_plain(value) for key, value in config.items() if key not in IGNORED_SETTINGS}
    theme = {key: as_plain(config.theme[key]) for key in config.theme}
    plugins = [(name, as_plain(plugin.config)) for name, plugin in config.plugins.items()]  # the theme asks which are on
    sources = [(page.file.src_uri, static_key(page.file)) for page in nav.pages if not page.file.generated_by and page.file.abs_src_path]
    return settings, theme, plugins, list(config.theme.dirs), _outline(nav.items), sources, _templates(template_folders)


def as_plain(value: Any) -> Any:
    """A configuration value as dicts and lists: MkDocs' nested settings are `Config` objects."""
    if isinstance(value, Config):
        return {key: as_plain(item) for key, item in value.items()}
    if isinstance(value, dict):
        return {key: as_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_plain(item) for item in value]
    if type(value).__name__ == "Locale" and type(value).__module__.startswith(("babel", mkdocs.__name__)):
        return f"locale:{value}"  # the theme's locale (Babel's, or MkDocs' stand-in without Babel)
    return value


def _outline(items: Iterable[Any]) -> list[Any]:
    outline: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            outline.append(("section", item.title, _outline(item.children)))
        elif isinstance(item, Link):
            outline.append(("link", item.title, item.url))
        else:
            outline.append(("page", item.title, item.url, item.file.src_uri))
    return outline


def _templates(folders: Iterable[str]) -> list[tuple[str, int, int]]:
    """The identity of every template outside the installed packages (an office's `overrides/`)."""
    installed = tuple(os.path.join(os.path.realpath(path), "") for path in {sys.prefix, sys.base_prefix})
    found = []
    for folder in folders:
        real = os.path.realpath(folder)
        if real.startswith(installed):
            continue
        for parent, _dirs, names in os.walk(real):
            for name in names:
                path = os.path.join(parent, name)
                stat = os.stat(path)
                found.append((path, stat.st_mtime_ns, stat.st_ctime_ns))
    return sorted(found)


def _empty(folder: Path) -> None:
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _prune(folder: Path, root: Path) -> None:
    """Remove folders left empty, up to `root`."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent

