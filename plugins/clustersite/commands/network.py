"""`clustersite network pull`: fetch the partner clusters' member exports into network/."""

from __future__ import annotations

import sys

import click

from . import EXIT_CODES, Refused, config_option, load_site


@click.group("network", epilog=EXIT_CODES)
def command() -> None:
    """Partner clusters (the `network:` option in mkdocs.yml) and their members."""


@command.command("pull", epilog=EXIT_CODES)
@config_option
def pull(config_file: str) -> None:
    """Fetch each partner cluster's members export into network/<slug>.json.

    Run it by hand or in a scheduled CI job, then commit network/: the build never goes
    online and shows what was pulled last. Each export is checked (at most 5 MB, 20 seconds,
    http(s) only, JSON of the members format version 1, valid against its schema, every
    text limited in length and every address http(s)); a refused export is named with what
    is wrong, and the previous network/<slug>.json stays as it was.
    """
    from ..network.pull import pull as pull_exports
    from ..sources.network import partners_of

    site = load_site(config_file)
    partners = partners_of(site.options.network)
    if not partners:
        raise Refused(f"{config_file}: network: lists no partner clusters (add `network: [{{slug: …, name: …, site: https://…, export: https://…/members/members.json}}]`)")
    errors = pull_exports(partners, site.root / site.options.network_dir, site.root, click.echo)
    for error in errors:
        click.echo(click.style(str(error), fg="red"), err=True)
    if errors:
        noun = "export was" if len(errors) == 1 else "exports were"
        click.secho(f"clustersite: {len(errors)} {noun} refused.", fg="red", err=True)
        sys.exit(1)
