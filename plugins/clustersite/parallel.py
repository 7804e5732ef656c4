"""Generated pages rendered on the machine's other cores during `mkdocs build`.

MkDocs renders pages one after another on one core. A member, event or opportunity page's
body is a function of its `inputs` alone (serve mode keeps pages on that promise, see
incremental.py), so a forked copy of the build, taken once the pages exist (`on_nav`),
renders the very same bytes. Each child renders a share of those pages and sends their HTML
back through a pipe; the build takes a page's HTML from there when MkDocs renders that page,
and renders every other page itself meanwhile. The child then parses its pages for the search
index as Material's search plugin would (a fresh index of the same class and options), and
the build takes those entries when the search plugin indexes the page, if the page's URL,
title, meta, content and table of contents are still what the child parsed.

Failure is closed. Whatever a child cannot hand back exactly as the build would have made it
stays with the build, which renders (or indexes) that page itself and reports as it always
does: a page whose render raised or logged anything (a warning in strict mode fails the build,
and must be logged by the build), every page after a failed one, a page another plugin changed
after the child saw it, and all the pages of a child that died or sent something unreadable.
Only where `os.fork` is safe: on Linux, in a build with no other thread (never in serve mode,
whose watcher and server run threads), and for at least `MIN_SHARE` pages per process, below
which the fork costs more than it saves.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, BinaryIO

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

MIN_SHARE = 50
"""Pages per process below which a fork does not pay: a fork and the pipe cost a few milliseconds, a member page about one."""


def available_cores() -> int:
    """The cores this process may run on (a container's or `taskset`'s limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether forking copies a consistent process: Linux (macOS's system libraries are not
    fork-safe) and no other thread, which could hold a lock the child would wait on forever."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def indexable(index: Any) -> bool:
    """Whether a search index is Material's kind: `add_entry_from_context(page)` appends to `entries`, made from `config`."""
    return callable(getattr(index, "add_entry_from_context", None)) and isinstance(getattr(index, "entries", None), list) and isinstance(getattr(index, "config", None), dict)


@dataclass(frozen=True)
class _Indexed:
    """A page's search entries as a child made them, and what it made them from."""

    seen: tuple[Any, ...]
    entries: list[tuple[dict[str, Any], list[dict[str, Any]]]]
    """Per search index, in the order the build passed them: its options and the page's entries."""


def _seen(page: Any) -> tuple[Any, ...]:
    """Everything of a page that Material's search entries are made from, besides the index's options."""
    return (page.url, page.title, page.meta, page.content, _toc(page.toc))


def _toc(items: Any) -> list[Any]:
    return [(item.title, item.id, item.url, item.level, _toc(item.children)) for item in items or []]


@dataclass
class _Share:
    """One child's pages and, once read, what it sent: their bodies, then their search entries."""

    pid: int
    pipe: BinaryIO
    src_uris: frozenset[str]
    bodies: dict[str, str] | None = None
    indexed: dict[str, _Indexed] | None = None
    taken: int = 0

    def read_bodies(self) -> dict[str, str]:
        """The child's bodies: all it sent, or none if it died or sent anything but a str per page of its share."""
        if self.bodies is None:
            received = self._receive()
            valid = isinstance(received, dict) and all(type(key) is str and key in self.src_uris and isinstance(value, str) for key, value in received.items())
            self.bodies = received if valid else {}
            if not valid:
                self.stop()
        return self.bodies

    def read_indexed(self) -> dict[str, _Indexed]:
        """The child's search entries, once its bodies are read: all of them, or none as `read_bodies`."""
        if self.indexed is None:
            self.read_bodies()
            received = self._receive() if self.indexed is None else {}
            valid = isinstance(received, dict) and all(type(key) is str and key in self.src_uris and isinstance(value, _Indexed) for key, value in received.items())
            self.indexed = received if valid else {}
            self.stop()
        return self.indexed

    def _receive(self) -> Any:
        try:
            return pickle.load(self.pipe)  # noqa: S301 (our own fork's bytes, through a pipe only it and the build hold)
        except Exception:  # noqa: BLE001 (a child that died mid-write: its pages go back to the build)
            return None

    def stop(self) -> None:
        """End the child: it has sent everything, or the build no longer wants what it sends."""
        if self.pid == 0:
            return
        if self.indexed is None:  # still working, or waiting to write
            self.bodies = self.bodies if self.bodies is not None else {}
            self.indexed = {}
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.pipe.close()
        os.waitpid(self.pid, 0)
        self.pid = 0


@dataclass
class ForkedPages:
    """The current build's children (none outside a build) and the pages each renders."""

    shares: dict[str, _Share] = field(default_factory=dict)
    """Each child's share, by the src_uri of each of its pages."""
    pages: int = 0
    """The pages shared out, for the debug log."""

    def start(self, pages: Sequence[Any], processes: int, indexes: Sequence[Any], config: Any, files: Any) -> None:
        """Fork `processes - 1` children for the last shares of `pages` (GeneratedPage, in MkDocs' order).

        The build keeps the first share: it reaches the children's pages last, when they are
        most likely done. `indexes` are the search plugins' indexes, whose entries the children
        make too (Material's kind only, see `indexable`). Nothing happens when forking is
        unsafe or would not pay.
        """
        self.stop()
        processes = min(processes, len(pages) // MIN_SHARE)
        if processes < 2 or not can_fork():
            return
        indexes = [index for index in indexes if indexable(index)]
        size = -(-len(pages) // processes)
        for start in range(size, len(pages), size):
            share = pages[start : start + size]
            read_end, write_end = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the child: render, send, and leave without running anything of the build's exit
                code = 1
                try:
                    os.close(read_end)
                    _render_share(share, indexes, write_end, config, files)
                    code = 0
                finally:
                    os._exit(code)
            os.close(write_end)
            child = _Share(pid, os.fdopen(read_end, "rb"), frozenset(page.file.src_uri for page in share))
            for page in share:
                self.shares[page.file.src_uri] = child
                page._body = partial(self._body_or_own, page._body)
        for position, index in enumerate(indexes):
            index.add_entry_from_context = partial(self._index_or_own, index, position, index.add_entry_from_context)
        self.pages = len(pages)

    def _body_or_own(self, own: Callable[[Any], str], page: Any) -> str:
        """A page's body as its child rendered it, else as the build renders it (`own`)."""
        share = self.shares.get(page.file.src_uri)
        body = share.read_bodies().get(page.file.src_uri) if share is not None else None
        if body is None:
            return own(page)
        share.taken += 1  # type: ignore[union-attr]
        return body

    def _index_or_own(self, index: Any, position: int, own: Callable[[Any], None], page: Any) -> None:
        """A page's search entries as its child made them, while the page and index are as the child saw them; else `own(page)`."""
        share = self.shares.get(page.file.src_uri)
        indexed = share.read_indexed().get(page.file.src_uri) if share is not None else None
        if indexed is not None and indexed.entries[position][0] == index.config and indexed.seen == _seen(page):
            index.entries.extend(indexed.entries[position][1])
        else:
            own(page)

    def stop(self) -> None:
        """End every child (the build has indexed its pages, or failed) and forget the shares."""
        children = {id(share): share for share in self.shares.values()}.values()
        for share in children:
            share.stop()
        if children:
            taken = sum(share.taken for share in children)
            log.debug(f"{taken} of {self.pages} generated pages were rendered by {len(children)} other processes")
        self.shares = {}
        self.pages = 0


class _Listener:
    """Counts what the child's loggers and `warnings` would show, in place of showing it: the build must show it itself."""

    def __init__(self) -> None:
        self.records = 0

    def note(self, *args: Any, **kwargs: Any) -> None:
        self.records += 1


def _render_share(pages: Sequence[Any], indexes: Sequence[Any], write_end: int, config: Any, files: Any) -> None:
    """In the child: each page as MkDocs makes it (until one fails or logs), the bodies through the
    pipe, then each rendered page's search entries (until one fails or logs) through it."""
    listener = _Listener()
    logging.Logger.callHandlers = listener.note  # type: ignore[method-assign]
    warnings.showwarning = listener.note
    rendered = []
    for page in pages:
        seen = listener.records
        try:
            page.read_source(config)
            page.render(config, files)
        except Exception:  # noqa: BLE001 (the build renders this page again and reports the error itself)
            break
        if listener.records != seen:
            break
        rendered.append(page)
    with os.fdopen(write_end, "wb") as pipe:
        pickle.dump({page.file.src_uri: page.content for page in rendered}, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        pipe.flush()
        indexed: dict[str, _Indexed] = {}
        for page in rendered if indexes else ():
            seen = listener.records
            try:
                made = [type(index)(**index.config) for index in indexes]
                for fresh in made:
                    fresh.add_entry_from_context(page)
            except Exception:  # noqa: BLE001 (the build indexes this page itself)
                break
            if listener.records != seen:
                break
            indexed[page.file.src_uri] = _Indexed(_seen(page), [(fresh.config, fresh.entries) for fresh in made])
        pickle.dump(indexed, pipe, protocol=pickle.HIGHEST_PROTOCOL)
