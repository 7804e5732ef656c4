"""Building a site inside the test process, as `mkdocs build --strict` does, to run many cases fast."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def _captured_log() -> Iterator[io.StringIO]:
    import mkdocs

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger(mkdocs.__name__)
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)


def build(root: Path, *, edition: str | None = None) -> tuple[bool, str]:
    """Build `root`'s site with --strict; (succeeded, everything logged)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    with _captured_log() as log:
        try:
            config = load_config(str(root / "mkdocs.yml"), strict=True)
        except ConfigurationError as error:
            return False, str(error)
        if edition:
            config.plugins["cluster"].config.edition = edition
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
            ok = True
        except Abort:
            ok = False
        finally:
            config.plugins.on_shutdown()
    return ok, log.getvalue()


SERVE_URL = "http://127.0.0.1:8000/"


class ServeSession:
    """Rebuilds of one site as `mkdocs serve` runs them, in this process and without the server.

    Like serve, each rebuild loads the configuration again into a fresh config, reuses the
    plugin instances MkDocs keeps between loads, points site_url at the server and builds
    with `serve_url` (not dirty), into one site_dir that every build empties first.
    `fresh=True` starts from new plugin instances, as a newly started server would.
    """

    def __init__(self, root: Path, site_dir: Path, *, fresh: bool = False) -> None:
        from mkdocs.config.defaults import MkDocsConfig

        self.root = root
        self.site_dir = site_dir
        self._cache = MkDocsConfig.plugins.plugin_cache  # MkDocs' own: instances kept between loads
        self._saved = dict(self._cache)
        if fresh:
            self._cache.clear()
        self._config().plugins.on_startup(command="serve", dirty=False)

    def _config(self):
        from mkdocs.config import load_config

        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> str:
        """One rebuild; returns what it logged."""
        from mkdocs.commands.build import build as mkdocs_build

        os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
        with _captured_log() as log:
            mkdocs_build(self._config(), serve_url=SERVE_URL)
        return log.getvalue()

    @property
    def plugin(self):
        return self._cache["cluster"]

    def close(self) -> None:
        """Put back the plugin instances that were cached before this session."""
        self._cache.clear()
        self._cache.update(self._saved)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by relative path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
