"""`clustersite schema`: write the JSON Schemas that editors' tools read."""

from __future__ import annotations

import click

from ..errors import DataError
from . import EXIT_CODES, Refused, config_option, load_site


@click.command("schema", epilog=EXIT_CODES)
@config_option
def command(config_file: str) -> None:
    """Write the JSON Schemas that editors' tools read.

    They are made from the models and the site's vocabularies; `check` fails while the
    committed copies are out of date.
    """
    from ..schema import write_schemas
    from ..sitedata import load_vocabularies

    site = load_site(config_file)
    vocabularies, errors = load_vocabularies(site.options)
    if errors:
        raise Refused(DataError(errors).report())
    written = write_schemas(site.root / site.options.schema_dir, vocabularies)
    for path in written:
        click.echo(f"wrote {path.relative_to(site.root)}")
    if not written:
        click.echo("schemas are up to date")
