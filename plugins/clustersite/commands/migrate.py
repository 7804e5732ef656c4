"""`clustersite migrate-private`: move what is not public out of the public repository."""

from __future__ import annotations

import sys

import click

from . import EXIT_CODES, config_option, load_site


@click.command("migrate-private", epilog=EXIT_CODES)
@config_option
@click.option("--dry-run", is_flag=True, help="Only list what would move; change no file.")
def command(config_file: str, dry_run: bool) -> None:
    """Move the data that is not public into the private folder (the `private_dir` option).

    \b
    - a member's `internal:` notes and contacts without `public: true`
      → <private_dir>/members/<slug>.yml (as text, with their comments)
    - events, opportunities, newsletter issues and pages for members only, and
      the files only they use → the same path inside <private_dir>/

    Every changed file is read back before it is written: it must hold exactly the old
    data, split in two, or that file is left alone and reported. Running it twice is
    harmless: the second run finds nothing left to move.
    """
    from ..migrate import apply, plan_migration

    site = load_site(config_file)
    plan = plan_migration(site.root, site.options, site.docs_dir)
    for step in plan.steps:
        click.echo(("would move " if dry_run else "moved ") + step)
    for problem in plan.refused:
        click.secho(f"left alone: {problem}", fg="yellow", err=True)
    if not plan.steps:
        click.secho("clustersite: nothing to move: the public repository holds only public data.", fg="green")
    elif dry_run:
        click.echo(f"clustersite: {len(plan.steps)} moves; nothing was changed (--dry-run).")
    else:
        apply(plan)
        click.secho(f"clustersite: moved {len(plan.steps)} pieces of data into {site.options.private_dir}/.", fg="green")
        click.echo(
            f"Keep {site.options.private_dir}/ out of the public repository (a checkout or submodule of the office's private repository), "
            "and remember that the public repository's history still holds what was there (see README, The private folder)."
        )
    if plan.refused:
        sys.exit(1)
