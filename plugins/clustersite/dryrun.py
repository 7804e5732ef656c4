"""What `mkdocs build` would refuse, found without building anything.

`clustersite check` must report whatever the build refuses. Rather than repeat the build's
checks, it runs the plugins' configuration and file stages on MkDocs' own list of
docs_dir's files, once per edition and language: the options and settings in mkdocs.yml, every data
file, and the paths the plugin generates. Nothing is rendered and nothing is written. The
members' edition is checked where its private folder is checked out (or configured).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, cast

from mkdocs.exceptions import PluginError

from .errors import DataError, SourceError
from .sitedata import SiteData

if TYPE_CHECKING:
    from .plugin import ClusterPlugin

EDITIONS = ("public", "members")


def dry_run(config_file: Path) -> tuple[SiteData | None, list[SourceError]]:
    """(the site's data, or None if it has errors; every error of either edition, sorted)."""
    import mkdocs
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    errors: set[SourceError] = set()
    data = None
    quiet = logging.NullHandler()  # the build's progress messages are not check's to print
    logger = logging.getLogger(mkdocs.__name__)
    logger.addHandler(quiet)
    try:
        for edition in EDITIONS:
            for language in _languages(config_file):
                config = load_config(str(config_file))  # afresh: on_config changes the configuration
                plugin = cast("ClusterPlugin", config.plugins["cluster"])
                # MkDocs may hand back an instance a `serve` in this process started (its plugin
                # cache): in serve mode the plugin shows errors as a page instead of raising them.
                plugin.on_startup(command="build", dirty=False)
                configured = plugin.config.edition
                if edition == "members" and plugin.config.edition != "members" and not (config_file.parent / plugin.config.private_dir).is_dir():
                    continue  # a checkout of the public repository alone: the private repository's CI checks the members' edition
                plugin.config.edition = edition
                plugin.build_language = language  # None: the default language's build
                try:  # through MkDocs' plugin collection, as the build runs them
                    config = config.plugins.on_config(config)
                    config.plugins.on_files(get_files(config), config=config)
                except DataError as error:
                    errors.update(error.errors)
                except PluginError as error:  # another plugin's
                    errors.add(SourceError(config_file.name, 0, "", str(error)))
                else:
                    if (data is None or edition == configured) and language is None:  # the summary counts the configured edition's data
                        data = getattr(plugin, "data", None)  # the cluster plugin's, typed in plugin.py
                finally:
                    plugin.build_language = None
    finally:
        logger.removeHandler(quiet)
    return (None if errors else data), sorted(errors)


def _languages(config_file: Path) -> list[str | None]:
    """Each language's build: None for the default language's, then the others' codes."""
    from mkdocs.config import load_config

    codes = load_config(str(config_file)).plugins["cluster"].config.languages
    return [None, *(codes[1:] if isinstance(codes, list) else [])]  # a wrong value is on_config's to report
