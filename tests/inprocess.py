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
