"""Serve mode's memory between rebuilds: results of pure functions, keyed by all their inputs.

`mkdocs serve` rebuilds the whole site on every save, and MkDocs keeps the plugin's
instance across rebuilds. The plugin keeps a :class:`BuildCache` on it and looks up, by a
fingerprint of everything they read, the results that do not change when one file does:
a page body rendered from a template (keyed by the template and every value it is
given), a calendar, the search plugin's entries of a page. Nothing is keyed by *which* file changed, so the cache needs no
list of dependencies and stays right whatever a later change makes a page depend on: a
value it cannot fingerprint (a bound method, an unknown object) is simply not cached.

What the cache does not cover, incremental.py does: a page whose inputs did not change is
not passed through MkDocs at all, and its served file stays. The cache serves the pages
that are still built (the directory, the home page, the pages of the changed member and its
partners) and the parts every rebuild makes again: their bodies (`render`), the theme's
shell (`structure.shell`, once per kind), search entries (`memoize_search_index`), social
tags and exports; the data files behind them are not read again (`sources.parsed`), and the
templates are not compiled again (`TemplateBytecode`).

`mkdocs build` uses no cache: each build starts from nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import types
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import PurePath
from typing import Any, TypeVar

import jinja2
import jinja2.bccache
import pydantic
from markupsafe import Markup
from mkdocs.structure.pages import Page

from .i18n import Language

T = TypeVar("T")

_LARGE = 8
"""Containers at least this long are fingerprinted once per build, however often they are passed."""


class Unfingerprintable(TypeError):
    """A value whose identity is not its content (a bound method, an unknown object)."""


class BuildCache:
    """Results by namespace and fingerprint; what a build does not use is dropped after the next one."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], Any] = {}
        self._previous: dict[tuple[str, str], Any] = {}
        self._inner: dict[tuple[str, str], list[tuple[str, str]]] = {}
        """The entries each entry's computation looked up (a calendar's events): kept while it is."""
        self._computing: list[list[tuple[str, str]]] = []
        self._digests: dict[int, tuple[Any, bytes]] = {}
        self.hits = 0
        self.misses: Counter[str] = Counter()
        """What the current build computed, by namespace."""

    def begin(self) -> None:
        """Start a build: the entries the previous build did not use are forgotten."""
        self._previous, self._entries = self._entries, {}
        self._inner = {entry: inner for entry, inner in self._inner.items() if entry in self._previous}
        self._computing = []
        self._digests = {}
        self.hits = 0
        self.misses = Counter()

    def get(self, namespace: str, key: str, compute: Callable[[], T]) -> T:
        entry = (namespace, key)
        if self._computing:
            self._computing[-1].append(entry)
        if entry in self._entries:
            self.hits += 1
            value = self._entries[entry]
        elif entry in self._previous:
            self.hits += 1
            value = self._entries[entry] = self._previous.pop(entry)
            self._keep_inner(entry)
        else:
            self.misses[namespace] += 1
            self._computing.append([])
            try:
                value = compute()
            finally:
                self._inner[entry] = self._computing.pop()
            self._entries[entry] = value
        self.remember(value, f"{namespace}:{key}")
        return value

    def _keep_inner(self, entry: tuple[str, str]) -> None:
        """A kept entry keeps what its computation looked up: the next one that misses finds them (a new event, the other calendars' events)."""
        pending = list(self._inner.get(entry, ()))
        while pending:
            inner = pending.pop()
            if inner in self._previous:
                self._entries[inner] = self._previous.pop(inner)
                pending += self._inner.get(inner, ())

    def remember(self, value: Any, key: str) -> None:
        """A cached result is a function of its key: that is its fingerprint, too, without walking it.

        So a page that shows a member's data fingerprints that member in one step; the plugin
        also gives it the models of the data files (`sources.parsed`), functions of their bytes.
        """
        parts = value if type(value) is tuple else (value,)
        for index, part in enumerate(parts):
            if isinstance(part, (pydantic.BaseModel, dict, list)) or hasattr(type(part), "__dataclass_fields__"):  # a model, dataclass instance
                self._digests[id(part)] = (part, hashlib.blake2b(f"{key}:{index}".encode(), digest_size=20).hexdigest().encode())

    def memo(self, namespace: str, inputs: Any, compute: Callable[[], T]) -> T:
        """`compute()`, a pure function of `inputs`, from the cache when the inputs are the same."""
        try:
            key = self.fingerprint(inputs)
        except Unfingerprintable:
            return compute()
        return self.get(namespace, key, compute)

    def fingerprint(self, value: Any) -> str:
        """A digest of `value`'s content: equal for equal content, in this process."""
        digest = hashlib.blake2b(digest_size=20)
        self._feed(digest, value)
        return digest.hexdigest()

    def _feed(self, digest: Any, value: Any) -> None:
        kind = type(value)  # the common exact types first, in the same bytes as the checks below
        if kind is str:
            digest.update(b"str::%d:" % len(value))
            digest.update(value.encode("utf-8", "surrogatepass"))
            return
        if kind is tuple or kind is list or kind is dict:
            self._feed_container(digest, value)
            return
        if kind is Markup:  # a card of the directory or the map: 2,000 in one page's context
            digest.update(b"Markup::%d:" % len(value))
            digest.update(value.encode("utf-8", "surrogatepass"))
            return
        update = digest.update
        if value is None or isinstance(value, (bool, int, float, enum.Enum)):
            update(f"{type(value).__qualname__}:{value!r};".encode())
        elif isinstance(value, str):  # Markup and str differ: one is escaped, the other not
            update(f"{type(value).__qualname__}:{getattr(value, 'lang', '')}:{len(value)}:".encode())  # a LocalText's language marks the page
            update(value.encode("utf-8", "surrogatepass"))
            texts = getattr(value, "texts", None)
            if texts is not None:  # a LocalText: every language's text, or a change to another language's would go unseen
                self._feed(digest, (getattr(value, "default", ""), sorted(texts.items())))
        elif isinstance(value, bytes):
            update(f"bytes:{len(value)}:".encode())
            update(value)
        elif isinstance(value, (dt.date, dt.time, dt.timedelta, dt.tzinfo, PurePath, Decimal)):  # an event's price is a Decimal
            update(f"{type(value).__qualname__}:{value!r};".encode())
        elif isinstance(value, (pydantic.BaseModel, dict, list, tuple)) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            self._feed_container(digest, value)
        elif isinstance(value, (set, frozenset)):
            update(f"set:{len(value)}[".encode())
            for item in sorted(self.fingerprint(item) for item in value):
                update(item.encode())
            update(b"]")
        elif isinstance(value, Language):  # its code says everything: its catalogue, dates and country names follow from it
            update(f"language:{value.code};".encode())
        elif isinstance(value, Page):
            # What the plugin's templates read of a page: where it is and its title and meta.
            update(f"page:{type(value).__qualname__}:".encode())
            self._feed(digest, (value.file.src_uri, value.url, value.title, value.meta))
        elif isinstance(value, functools.partial):
            update(self._digest_of(value, self._feed_partial))  # a page's `link`, given to each of its 2,000 cards
        elif callable(value) and _is_pure_name(value):
            update(f"callable:{value.__module__}.{value.__qualname__};".encode())
        elif hasattr(value, "__str__") and type(value).__module__.startswith(("pydantic", "pydantic_core")):
            update(f"{type(value).__qualname__}:{value};".encode())  # URLs and other pydantic scalars
        else:
            raise Unfingerprintable(type(value).__qualname__)

    def _feed_container(self, digest: Any, value: Any) -> None:
        if isinstance(value, (list, tuple, dict)) and len(value) < _LARGE and id(value) not in self._digests:
            self._feed_items(digest, value)
        else:  # a model, a dataclass, a long list, or a value remembered
            digest.update(self._digest_of(value, self._feed_items))

    def _digest_of(self, value: Any, feed_items: Callable[[Any, Any], None]) -> bytes:
        """`value`'s digest, computed once per build (`feed_items` writes its content) and then found by identity.

        The same bytes stand for it wherever it is met again (`_feed_items` writes them for a known item)."""
        known = self._digests.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        inner = hashlib.blake2b(digest_size=20)
        feed_items(inner, value)
        text = inner.hexdigest().encode()
        self._digests[id(value)] = (value, text)  # keeps the object alive, so its id is not reused
        return text

    def _feed_partial(self, digest: Any, value: functools.partial[Any]) -> None:
        digest.update(b"partial:")
        self._feed(digest, (value.func, value.args, value.keywords))

    def _feed_items(self, digest: Any, value: Any) -> None:
        update, feed = digest.update, self._feed
        if isinstance(value, (list, tuple)):
            update(b"%s:%d[" % (type(value).__qualname__.encode(), len(value)))
            known = self._digests.get
            for item in value:
                digested = known(id(item))  # a member's partners: records fingerprinted once per build
                if digested is not None and digested[0] is item:
                    update(digested[1])
                else:
                    feed(digest, item)
            update(b"]")
        elif isinstance(value, dict):
            update(b"dict:%d{" % len(value))
            for key, item in value.items():
                feed(digest, key)
                feed(digest, item)
            update(b"}")
        elif isinstance(value, pydantic.BaseModel):
            update(f"model:{type(value).__module__}.{type(value).__qualname__}{{".encode())
            for name in type(value).__pydantic_fields__:  # not `model_fields`, a computed property since pydantic 2.11
                update(name.encode() + b"=")
                feed(digest, getattr(value, name))
            update(b"}")
        else:
            update(f"dataclass:{type(value).__module__}.{type(value).__qualname__}{{".encode())
            for field in dataclasses.fields(value):
                update(field.name.encode() + b"=")
                feed(digest, getattr(value, field.name))
            update(b"}")


class TemplateBytecode(jinja2.BytecodeCache):
    """Compiled templates kept between serve mode's rebuilds, in memory.

    MkDocs makes a new theme environment, and the plugin a new one of its own, for every
    rebuild, and compiling Material's and the plugin's templates again is a fixed cost of
    every save. Jinja's own bytecode cache stores the code by template name and file and
    compiles again when the source's checksum differs; one instance serves one kind of
    environment (the theme's, the plugin's), since the code depends on its settings.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _is_pure_name(value: Any) -> bool:
    """A module-level function or class: its name says what it does (no closure, no bound state)."""
    if isinstance(value, (types.MethodType, types.BuiltinMethodType)) and getattr(value, "__self__", None) is not None and not isinstance(value.__self__, types.ModuleType):
        return False
    qualname = getattr(value, "__qualname__", "")
    module = getattr(value, "__module__", None)
    if not qualname or not module or "<locals>" in qualname or "<lambda>" in qualname:
        return False
    return getattr(value, "__closure__", None) is None


def render(env: Any, name: str, **context: Any) -> str:
    """`env`'s template `name` rendered with `context`, from the build cache when serving.

    The plugin's templates read nothing but their context, so the output is a pure
    function of the template and the values given to it.
    """
    template = env.get_template(name)
    cache: BuildCache | None = getattr(env, "clustersite_cache", None)
    if cache is None:
        return template.render(**context)
    return cache.memo(f"template:{name}", context, lambda: template.render(**context))


def memo(env: Any, namespace: str, inputs: Any, compute: Callable[[], T]) -> T:
    """`compute()`, a pure function of `inputs`, from the build cache when serving."""
    cache: BuildCache | None = getattr(env, "clustersite_cache", None)
    return compute() if cache is None else cache.memo(namespace, inputs, compute)


def memoize_search_index(index: Any, cache: BuildCache, pages: dict[str, list[dict[str, Any]]] | None = None) -> None:
    """Keep the search plugin's entries of a page whose text, headings and meta did not change.

    Material's search plugin parses every page's HTML on every build, the largest part of a
    rebuild. Its entries for a page are a function of the page's URL, title, meta, content
    and table of contents, and of the index's options. A search plugin without the
    `add_entry_from_context(page)` and `entries` of Material 9 is left as it is. With `pages`,
    each page's entries are also put there by its src_uri (for incremental.py).
    """
    original = getattr(index, "add_entry_from_context", None)
    if not callable(original) or not isinstance(getattr(index, "entries", None), list) or getattr(original, "clustersite_cached", False):
        return

    def add_entry_from_context(page: Any) -> None:
        computed = False

        def compute() -> list[dict[str, Any]]:
            nonlocal computed
            computed = True
            start = len(index.entries)
            original(page)
            return [dict(entry) for entry in index.entries[start:]]

        inputs = (getattr(index, "config", None), *search_source(page))
        entries = cache.memo("search", inputs, compute)
        if not computed:
            index.entries.extend(dict(entry) for entry in entries)
        if pages is not None:
            pages[page.file.src_uri] = entries

    add_entry_from_context.clustersite_cached = True  # type: ignore[attr-defined]
    index.add_entry_from_context = add_entry_from_context


def search_source(page: Any) -> tuple[Any, ...]:
    """Everything of a page that Material's search entries are made from, besides the index's options."""
    return (page.url, page.title, page.meta, page.content, _toc(page.toc))


def _toc(items: Any) -> list[Any]:
    return [(item.title, item.id, item.url, item.level, _toc(item.children)) for item in items or []]
