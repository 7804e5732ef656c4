"""`mkdocs serve` (or `properdocs serve`) with clustersite's serve-mode cache switched off.

The edit-loop benchmark's baseline (editloop.py): every rebuild reads, parses, validates and
renders and writes the whole site and compiles every template, as serve mode did before the
caches (rendered parts, parsed files, compiled templates, kept pages), with the same code
otherwise.

    python benchmarks/uncached.py mkdocs serve -a 127.0.0.1:8000
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from clustersite import cache, plugin
from clustersite.sources import parsed


def _compute(self: cache.BuildCache, namespace: str, inputs: Any, compute: Any) -> Any:
    return compute()


def _parse(self: parsed.ParsedFiles, what: str, path: Any, inputs: str, compute: Any) -> Any:
    return compute()


def _unmemoized(index: Any, build_cache: Any, pages: Any) -> None:
    """Leave Material's search index as it is: every page's entries are made again."""


def main() -> None:
    engine = sys.argv.pop(1)
    cache.BuildCache.memo = _compute  # type: ignore[method-assign]
    parsed.ParsedFiles.get = _parse  # type: ignore[method-assign]
    cache.TemplateBytecode.load_bytecode = lambda self, bucket: None  # type: ignore[method-assign]
    plugin.memoize_search_index = _unmemoized  # type: ignore[assignment]
    plugin.keepable = lambda plugin_names, hooks, search_indexes: False  # every page rendered and written again
    cli = importlib.import_module(f"{engine}.__main__").cli
    sys.argv[0] = engine
    cli()


if __name__ == "__main__":
    main()
