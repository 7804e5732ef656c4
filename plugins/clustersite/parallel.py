"""Generated pages rendered on the machine's other cores during `mkdocs build`.

MkDocs renders pages one after another on one core. A member, event or opportunity page's
body is a function of its `inputs` alone (serve mode keeps pages on that promise, see
incremental.py), so a forked copy of the build, taken once the pages exist (`on_nav`),
renders the very same bytes. The build renders those pages from the front, in MkDocs' order,
and its children from the back, each claiming one page at a time (`_Claims`) until they meet,
so the work splits evenly whatever each page costs. A child sends each page's HTML back
through a pipe, and the build takes it when MkDocs renders that page. The child then parses
its pages for the search index as Material's search plugin would (a fresh index of the same
class and options), and the build takes those entries when the search plugin indexes the
page, if the page's URL, title, meta, content and table of contents are still what the
child parsed.

Failure is closed. Whatever a child cannot hand back exactly as the build would have made it
stays with the build, which renders (or indexes) that page itself and reports as it always
does: a page whose render raised or logged anything (a warning in strict mode fails the build,
and must be logged by the build; that child then claims no more), a page another plugin changed
after the child saw it, and every page a child claimed but did not send before it died. A
page whose address, or any file's, or the site's address or name, changed after the fork
(another plugin's `on_nav` runs after this one's) is rendered by the build: the children's
pages link with the addresses they saw.
Only where `os.fork` is safe: on Linux, in a build with no other thread (never in serve mode,
whose watcher and server run threads), and for at least `MIN_SHARE` pages per process, below
which the fork costs more than it saves. A system that refuses a pipe or a fork (a container's
process limit) gets the children it allowed, or none.
"""

from __future__ import annotations

import collections
import fcntl
import logging
import mmap
import multiprocessing
import os
import pickle
import signal
import struct
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, BinaryIO

from .cache import search_source

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

MIN_SHARE = 50
"""Pages per process below which a fork does not pay: a fork and the pipe cost a few milliseconds, a member page about one."""
MAX_PROCESSES = 32
"""A page's child is one byte in the shared claims; beyond a few dozen cores the build's own share is the limit anyway."""
LOCK_SECONDS = 5.0
"""Held for microseconds; a process killed while holding it (the kernel's out-of-memory killer) must not stop the others forever."""
PIPE_BYTES = 1 << 20
"""A child's pipe (Linux's limit for unprivileged processes): what it sent ahead of the build waits there, not in the child."""


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


def _state(config: Any, files: Any) -> tuple[Any, ...]:
    """What a generated page's links are made from besides its own address: the site's address and name, and every file's address."""
    return (getattr(config, "site_url", None), getattr(config, "site_name", None), [(file.src_uri, file.url) for file in files or ()])



class _Claims:
    """Which process renders which page, decided as they go, in memory the build and its children
    share (an anonymous mapping made before the fork): the build claims pages from the front,
    the children from the back, one at a time under one lock, so no page is rendered twice and
    none is missed."""

    def __init__(self, count: int) -> None:
        self.lock = multiprocessing.get_context("fork").Lock()
        self.memory = mmap.mmap(-1, 16 + count)
        """The front (the first page no child may take), the back (the next page a child takes), then each page's child (0: none)."""
        struct.pack_into("qq", self.memory, 0, 0, count - 1)
        self.broken = False
        """In the build: the lock timed out once, so the build renders every page left itself without waiting again."""

    def take_back(self, child: int) -> int | None:
        """In a child: the next page from the back for it, or None once it meets the build."""
        if not self.lock.acquire(timeout=LOCK_SECONDS):
            return None
        try:
            front, back = struct.unpack_from("qq", self.memory, 0)
            if back < front:
                return None
            struct.pack_into("q", self.memory, 8, back - 1)
            self.memory[16 + back] = child
            return back
        finally:
            self.lock.release()

    def take_front(self, position: int) -> int:
        """In the build: 0 if it renders the page at `position` itself (no child may take it then), else the child that took it."""
        if self.broken or not self.lock.acquire(timeout=LOCK_SECONDS):
            self.broken = True  # a child died holding it: the build renders the pages left (a child may too; the same bytes)
            return 0
        try:
            front, back = struct.unpack_from("qq", self.memory, 0)
            if position <= back:
                struct.pack_into("q", self.memory, 0, max(front, position + 1))
                return 0
            return self.memory[16 + position]
        finally:
            self.lock.release()


@dataclass
class _Child:
    """One child, as the build sees it: what it has sent so far."""

    pid: int
    pipe: BinaryIO
    count: int
    bodies: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Each page's URL, as the child saw it, and body, by place."""
    indexed: dict[int, _Indexed] = field(default_factory=dict)
    rendering: bool = True
    """Until the child says it renders no more (or dies): a page it took and did not send is the build's."""
    sending: bool = True
    """Until the child has sent its last search entries (or died)."""

    def body(self, position: int) -> tuple[str, str] | None:
        """The page's URL as the child saw it and its body, once the child sends them; None if it never will."""
        while position not in self.bodies and self.rendering:
            self._receive()
        return self.bodies.pop(position, None)

    def entries(self, position: int) -> _Indexed | None:
        while position not in self.indexed and self.sending:
            self._receive()
        return self.indexed.pop(position, None)

    def _receive(self) -> None:
        """One message: ("b", position, (url, html)), ("e", position, entries), "rendered" or "indexed"; anything else (or a broken pipe) ends the child."""
        try:
            message = pickle.load(self.pipe)  # noqa: S301 (our own fork's bytes, through a pipe only it and the build hold)
        except Exception:  # noqa: BLE001 (a child that died mid-write: what it took goes back to the build)
            message = None
        if message == "rendered":
            self.rendering = False
        elif message == "indexed":
            self.rendering = self.sending = False
        elif isinstance(message, tuple) and len(message) == 3 and type(message[1]) is int and 0 <= message[1] < self.count:
            kind, position, value = message
            if kind == "b" and isinstance(value, tuple) and len(value) == 2 and all(isinstance(part, str) for part in value) and self.rendering:
                self.bodies[position] = value
            elif kind == "e" and isinstance(value, _Indexed):
                self.indexed[position] = value
            else:
                self.stop()
        else:
            self.stop()

    def stop(self) -> None:
        """End the child: it has sent everything, or the build no longer wants what it sends."""
        if self.pid == 0:
            return
        if self.sending:  # still working, or waiting to write
            self.rendering = self.sending = False
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.pipe.close()
        os.waitpid(self.pid, 0)
        self.pid = 0


@dataclass
class ForkedPages:
    """The current build's children (none outside a build) and the pages they share."""

    children: list[_Child] = field(default_factory=list)
    claims: _Claims | None = None
    positions: dict[str, int] = field(default_factory=dict)
    """Each shared page's place in MkDocs' order, by src_uri."""
    sent_by: dict[int, _Child] = field(default_factory=dict)
    """The child that rendered each page it sent, by place: its search entries come from there too."""
    state: tuple[Any, ...] | None = None
    """The site's address and name and every file's address at the fork, until the first page from a child is checked against them."""
    config: Any = None
    files: Any = None

    def start(self, pages: Sequence[Any], processes: int, indexes: Sequence[Any], config: Any, files: Any) -> None:
        """Fork up to `processes - 1` children to render `pages` (GeneratedPage, in MkDocs' order) with the build.

        `indexes` are the search plugins' indexes, whose entries the children make too
        (Material's kind only, see `indexable`). Nothing happens when forking is unsafe or
        would not pay.
        """
        self.stop()
        self.config, self.files = config, files
        processes = min(processes, len(pages) // MIN_SHARE, MAX_PROCESSES)
        if processes < 2 or not can_fork():
            return
        indexes = [index for index in indexes if indexable(index)]
        try:
            self.claims = _Claims(len(pages))
        except (OSError, ImportError):  # no shared memory or semaphores here (a container without /dev/shm)
            return
        for number in range(1, processes):
            child = self._fork(number, self.claims, pages, indexes, config, files)
            if child is None:
                break
            self.children.append(child)
        if not self.children:
            self.claims = None
            return
        self.state = _state(config, files)
        for position, page in enumerate(pages):
            self.positions[page.file.src_uri] = position
            page._body = partial(self._body_or_own, position, page._body)
        for number, index in enumerate(indexes):
            index.add_entry_from_context = partial(self._index_or_own, index, number, index.add_entry_from_context)

    def _fork(self, number: int, claims: _Claims, pages: Sequence[Any], indexes: Sequence[Any], config: Any, files: Any) -> _Child | None:
        """Child `number`, or None if the system refuses a pipe or a process (a container's limits)."""
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        for stream in (sys.stdout, sys.stderr):  # what the build printed so far is printed once, not once more by the child
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass  # closed: nothing waits to be printed
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: render, send, and leave without running anything of the build's exit
            code = 1
            try:
                os.close(read_end)
                for sibling in self.children:
                    sibling.pipe.close()
                _render_share(pages, claims, number, indexes, write_end, config, files)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        return _Child(pid, os.fdopen(read_end, "rb"), len(pages))

    def _body_or_own(self, position: int, own: Callable[[Any], str], page: Any) -> str:
        """A page's body as the child that took it rendered it, else as the build renders it (`own`)."""
        taker = self.claims.take_front(position) if self.claims is not None else 0
        if taker and self.state is not None:
            if self.state != _state(self.config, self.files):
                self.stop()  # another plugin moved pages after the fork: the children's links are wrong
                return own(page)
            self.state = None  # checked once: MkDocs' files are settled before pages are rendered
        if taker and self.children:
            child = self.children[taker - 1]
            sent = child.body(position)
            if sent is not None and sent[0] == page.url:
                self.sent_by[position] = child
                return sent[1]
        return own(page)

    def _index_or_own(self, index: Any, number: int, own: Callable[[Any], None], page: Any) -> None:
        """A page's search entries as its child made them, while the page and index are as the child saw them; else `own(page)`."""
        position = self.positions.get(page.file.src_uri)
        child = self.sent_by.get(position) if position is not None else None
        indexed = child.entries(position) if child is not None and position is not None else None
        if indexed is not None and indexed.entries[number][0] == index.config and indexed.seen == search_source(page):
            index.entries.extend(indexed.entries[number][1])
        else:
            own(page)

    def stop(self) -> None:
        """End every child (the build has indexed its pages, or failed) and forget the shared pages."""
        for child in self.children:
            child.stop()
        if self.children:
            others = f"{len(self.children)} other {'process' if len(self.children) == 1 else 'processes'}"
            log.debug(f"{len(self.sent_by)} of {len(self.positions)} generated pages were rendered by {others}")
        self.children = []
        self.claims = None
        self.positions = {}
        self.sent_by = {}
        self.state = self.config = self.files = None


class _Listener:
    """Counts what the child's loggers and `warnings` would show, in place of showing it: the build must show it itself."""

    def __init__(self) -> None:
        self.records = 0

    def note(self, *args: Any, **kwargs: Any) -> None:
        self.records += 1


class _Sender:
    """Messages to the build through the pipe without waiting for the build to read them: the
    build reads a child's pages only when it reaches them, and a full pipe must not stop the
    child from rendering meanwhile. What the pipe cannot take yet waits here."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.waiting: collections.deque[memoryview] = collections.deque()
        try:
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except OSError:
            pass  # the system's limit is lower: a smaller pipe works too
        os.set_blocking(fd, False)

    def send(self, message: Any) -> None:
        self.waiting.append(memoryview(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)))
        self._write()

    def _write(self) -> None:
        while self.waiting:
            try:
                written = os.write(self.fd, self.waiting[0])
            except BlockingIOError:
                return
            if written == len(self.waiting[0]):
                self.waiting.popleft()
            else:
                self.waiting[0] = self.waiting[0][written:]

    def close(self) -> None:
        """Everything still waiting, now waiting for the build to read it."""
        os.set_blocking(self.fd, True)
        self._write()
        os.close(self.fd)


def _render_share(pages: Sequence[Any], claims: _Claims, number: int, indexes: Sequence[Any], write_end: int, config: Any, files: Any) -> None:
    """In child `number`: pages from the back until it meets the build or a page fails or logs,
    each sent as it is done; then the search entries of the pages it rendered, in MkDocs' order."""
    listener = _Listener()
    logging.Logger.callHandlers = listener.note  # type: ignore[method-assign]
    warnings.showwarning = listener.note
    sender = _Sender(write_end)
    rendered = []
    while (position := claims.take_back(number)) is not None:
        page = pages[position]
        seen = listener.records
        try:
            page.read_source(config)
            page.render(config, files)
        except Exception:  # noqa: BLE001 (the build renders this page again and reports the error itself)
            break
        if listener.records != seen:
            break
        sender.send(("b", position, (page.url, page.content)))
        rendered.append(position)
    sender.send("rendered")
    for position in sorted(rendered) if indexes else ():
        page = pages[position]
        seen = listener.records
        try:
            made = [type(index)(**index.config) for index in indexes]
            for fresh in made:
                fresh.add_entry_from_context(page)
        except Exception:  # noqa: BLE001 (the build indexes this page itself)
            break
        if listener.records != seen:
            break
        sender.send(("e", position, _Indexed(search_source(page), [(fresh.config, fresh.entries) for fresh in made])))
    sender.send("indexed")
    sender.close()
