"""Serve mode's parsed data files: each file read, parsed and validated once while its bytes stay the same.

Reading, parsing and validating 2,000 member files is the largest part of the data stage
of a rebuild, and a save changes one file. So the loaders ask :class:`ParsedFiles` for the
per-file part of their work (the YAML with its lines, the validated model and the errors
found in the file alone), keyed by the file's path and the inputs besides its bytes (the
vocabularies, the tier), and valid while the file's bytes are the same:

- a file whose size, modification time, inode and change time are those seen last time is
  not even opened, unless it was modified less than `RACY_NS` before it was last looked
  at: a write in the same tick of the file system's clock keeps the same time stamp (git
  calls such a file "racily clean"), so such a file is hashed;
- any other file is hashed (BLAKE2b of its bytes): the same bytes under a new time stamp
  (a save without a change, a `git checkout`) are still not parsed again.

The stat and the hash are taken *before* the loader reads the file, so a file changed in
between is hashed again, and parsed, on the next rebuild. Everything that depends on more
than one file (partners, organisers, slugs, previous slugs, the newsletter's IDs) is not
cached: the loaders check it again on every rebuild, from the cached per-file results.

`mkdocs build` and `clustersite check` use :data:`NO_CACHE`, which always computes.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

RACY_NS = 3_000_000_000
"""A file modified this soon before it was looked at is hashed next time, whatever its stat says."""


@dataclass
class _Entry:
    signature: tuple[int, int, int, int]
    checked_ns: int
    digest: bytes
    value: Any


class ParsedFiles:
    """Per-file results by (what, path, other inputs), valid while the file's bytes are the same."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str, str], _Entry] = {}
        self._previous: dict[tuple[str, str, str], _Entry] = {}
        self.parsed = 0
        """Files computed (not taken from the cache) in the current build."""

    def begin(self) -> None:
        """Start a build: entries the previous build did not use (deleted, renamed files) are forgotten."""
        self._previous, self._entries = self._entries, {}
        self.parsed = 0

    def get(self, what: str, path: Path, inputs: str, compute: Callable[[], T]) -> T:
        """`compute()`, a function of `path`'s bytes and `inputs` alone, from the cache when both are the same."""
        key = (what, str(path), inputs)
        try:
            stat = path.stat()
        except OSError:
            return compute()  # the loader reports it
        signature = (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
        checked_ns = time.time_ns()
        entry = self._entries.get(key) or self._previous.pop(key, None)
        if entry is not None and entry.signature == signature and signature[1] < entry.checked_ns - RACY_NS:
            self._entries[key] = entry
            return entry.value
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
        except OSError:
            return compute()
        if entry is None or entry.digest != digest:
            self.parsed += 1
            entry = _Entry(signature, checked_ns, digest, compute())
        else:
            entry = _Entry(signature, checked_ns, digest, entry.value)
        self._entries[key] = entry
        return entry.value


    def results(self) -> Iterator[tuple[Any, str]]:
        """Each result of the current build with a text that identifies it: its file's bytes, path, what and inputs.

        A result is a function of these, so they can stand for its fingerprint (`cache.BuildCache.remember`).
        """
        for (what, path, inputs), entry in self._entries.items():
            yield entry.value, f"parsed:{what}:{path}:{inputs}:{entry.digest.hex()}"


def inputs_key(value: Any) -> str:
    """The inputs of a per-file result besides the file (vocabularies, a tier), as text for the key."""
    return json.dumps(value, sort_keys=True, default=repr)


class _NoCache(ParsedFiles):
    """Computes every time: `mkdocs build` and `clustersite check` start from nothing."""

    def get(self, what: str, path: Path, inputs: str, compute: Callable[[], T]) -> T:
        return compute()


NO_CACHE: ParsedFiles = _NoCache()
