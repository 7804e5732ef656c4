"""The `clustersite` command: start a site, add data files to it, check it, write its schemas.

Written for a cluster office's editors, not for developers: every command has `--help`,
asks for what is missing when it runs in a terminal (and says which option is missing
when it does not), never prints a traceback for a problem in the data, and colours its
output only on a terminal (`NO_COLOR` turns colour off).

Exit codes: 0 success; 1 the data has errors, or the command refused to overwrite
something; 2 the command was used wrongly or the site's configuration could not be read.

This package holds the group `main` and what every command shares (the `--config-file`
option, the exit codes' epilog, loading the site); each command lives in a module of its
own that defines `command`, a click command or group. To add a command, write the module
(e.g. `commands/report.py` with `command = click.Command(…)` or `@click.command(…) def
command(…)`) and register it with one line at the end of this file:
`register(main, "report")`; a subcommand of `add` is registered on `add` the same way
(the shared machinery of new files is in `adding.py`). The values editors type are checked
by the parameter types of `values.py`, which validate through the models' own field types.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click
import yaml

from ..errors import DataError
from ..i18n import Language

EXIT_CODES = "Exit codes: 0 success, 1 errors in the data or refused (nothing overwritten), 2 wrong usage or unreadable configuration."


class Refused(click.ClickException):
    """The command would overwrite something, or its result would not be valid: exit 1."""

    exit_code = 1


class ConfigProblem(click.ClickException):
    """mkdocs.yml cannot be read or lacks the plugin: exit 2, like wrong usage."""

    exit_code = 2


@dataclass
class SiteContext:
    """The site a command works on: its MkDocs configuration, the plugin, its options, its folder."""

    config: Any
    plugin: Any
    root: Path

    @property
    def options(self) -> Any:
        return self.plugin.config

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    def display(self, path: Path) -> str:
        """A path as editors see it in the repository: relative, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def language(self) -> Language:
        """The site's language, chosen as the build chooses it: labels a command shows are the site's."""
        language: Language = self.plugin._language(self.config)
        return language

    def data(self, edition: str | None = None) -> Any:
        """Every data file of the site (of `edition`, the configured one by default), through the loader the build itself uses."""
        from ..sitedata import load_site_data

        return load_site_data(self.options, self.root, self.docs_dir, edition)


def load_site(config_file: str, *, check_options: bool = True) -> SiteContext:
    """The site's configuration from mkdocs.yml, validated by MkDocs itself and, unless
    `check_options` is False (`check` reports them itself), by the plugin (exit 2 on a problem)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    path = Path(config_file)
    if not path.is_file():
        raise click.UsageError(f"{config_file} not found: run this in the site's folder or pass --config-file")
    try:
        config = load_config(str(path))
    except ConfigurationError as error:
        raise ConfigProblem(f"{config_file}: {error}") from None
    except (yaml.YAMLError, ValueError) as error:  # MkDocs' YAML reading fails so on e.g. `build_date: 2026-13-01`
        raise ConfigProblem(f"{config_file}: cannot be read: {error}") from None
    plugin = config.plugins.get("cluster")
    if plugin is None:
        raise ConfigProblem(f"{config_file}: the `cluster` plugin is not listed under plugins:")
    if check_options:
        from ..options import config_errors

        problems = config_errors(config, plugin.options_as_written, plugin.config)
        if problems:
            raise ConfigProblem("\n".join(map(str, problems)))
    return SiteContext(config, plugin, path.resolve().parent)


def report_data_errors(error: DataError) -> NoReturn:
    """Every error of the data, one line each, in red on stderr; then exit 1."""
    for problem in error.errors:
        click.secho(str(problem), fg="red", err=True)
    sys.exit(1)


config_option = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, metavar="FILE", help="The site's MkDocs configuration."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}, epilog=EXIT_CODES)
@click.version_option(package_name="clustersite")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Publish a cluster's member database, events and newsletter with MkDocs.

    \b
    Start a site:        clustersite new my-cluster
    Add a member:        clustersite add member --name "Acme Imaging" --type sme ...
    Check before a PR:   clustersite check
    """
    if os.environ.get("NO_COLOR"):
        ctx.color = False


def register(group: click.Group, module: str) -> Any:
    """Add the `command` of this package's `module` to `group`, and return it."""
    command = importlib.import_module(f"{__name__}.{module}").command
    group.add_command(command)
    return command


# --------------------------------------------------------------------------- the commands, one line each

register(main, "check")
register(main, "schema")
register(main, "access")
register(main, "migrate")
register(main, "offline")
register(main, "new")
register(main, "vendor")
add = register(main, "adding")
register(add, "add_member")
register(add, "add_event")
register(add, "add_opportunity")
register(add, "add_newsletter")
