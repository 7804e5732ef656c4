"""`clustersite access-list`: the e-mail domains the members' edition's login lets in."""

from __future__ import annotations

import click

from ..errors import DataError
from . import EXIT_CODES, config_option, load_site, report_data_errors


@click.command("access-list", epilog=EXIT_CODES)
@config_option
@click.option("--format", "output_format", type=click.Choice(["lines", "cloudflare"]), default="lines", show_default=True, help="cloudflare: the include rules of a Cloudflare Access policy (JSON).")
def command(config_file: str, output_format: str) -> None:
    """Print the e-mail domains allowed through the members' edition's login.

    Read from the members' edition's data (it needs the private folder): every member's
    contacts whose address is at the member's own domain (its website's), and the office's.
    Addresses elsewhere (a mail provider would let in all its users) are left out and listed
    on stderr. Paste the result into the host's access policy, or let CI apply it.
    """
    from ..access import allow_list

    site = load_site(config_file)
    try:
        data = site.data("members")
    except DataError as error:
        report_data_errors(error)
    allowed = allow_list(data)
    for note in allowed.left_out:
        click.secho(f"left out: {note}", fg="yellow", err=True)
    click.echo(allowed.cloudflare() if output_format == "cloudflare" else allowed.lines(), nl=False)
