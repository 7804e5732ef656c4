"""`clustersite vendor`: the site's own copy of the plugin, which its requirements.txt installs."""

from __future__ import annotations

import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import click

from . import EXIT_CODES, config_option

VENDOR_DIR = Path("vendor") / "clustersite"
"""Where a site keeps its copy of the plugin, which its requirements.txt installs."""


def vendor_plugin(site_root: Path) -> Path:
    """Copy the running clustersite into `site_root`/vendor/clustersite/, as a folder pip installs.

    No package index has clustersite, so a site installs it from its own repository
    (`requirements.txt` names `./vendor/clustersite`): the same version everywhere, and its CI
    needs access to no other repository. The new copy is written beside the old one and then
    swapped in, so an interrupted upgrade leaves the old copy whole.
    """
    from importlib import metadata

    import jinja2

    target = site_root / VENDOR_DIR
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".clustersite-", dir=target.parent))
    previous = target.with_name(".clustersite-previous")
    try:
        package = resources.files("clustersite")

        def copy(node: Any, destination: Path) -> None:
            destination.mkdir(exist_ok=True)
            for child in node.iterdir():
                if child.name == "__pycache__" or child.name.endswith(".pyc"):
                    continue
                if child.is_dir():
                    copy(child, destination / child.name)
                else:
                    (destination / child.name).write_bytes(child.read_bytes())

        copy(package, staging / "clustersite")
        info = metadata.metadata("clustersite")
        template = jinja2.Environment(autoescape=False, keep_trailing_newline=True).from_string(  # noqa: S701 (writes TOML, strings through tojson)
            package.joinpath("templates", "vendor", "pyproject.toml.jinja").read_text(encoding="utf-8")
        )
        (staging / "pyproject.toml").write_text(
            template.render(
                version=info["Version"],
                summary=info["Summary"] or "",
                requires_python=info["Requires-Python"] or ">=3.11",
                requires=[requirement for requirement in metadata.requires("clustersite") or [] if "extra ==" not in requirement],
            ),
            encoding="utf-8",
            newline="\n",
        )
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


@click.command("vendor", epilog=EXIT_CODES)
@config_option
def command(config_file: str) -> None:
    """Copy this clustersite into the site's vendor/clustersite/, which requirements.txt installs.

    `clustersite new` does it for a new site. To upgrade a site: install the newer
    clustersite, run `clustersite vendor` in the site's folder, and commit vendor/.
    """
    from importlib import metadata

    root = Path(config_file).resolve().parent
    if not Path(config_file).is_file():
        raise click.UsageError(f"{config_file} not found: run this in the site's folder or pass --config-file")
    target = vendor_plugin(root)
    click.secho(f"copied clustersite {metadata.version('clustersite')} into {target.relative_to(root).as_posix()}/", fg="green")
    click.echo(f"  .venv/bin/pip install -r requirements.txt   # installs it; then commit {VENDOR_DIR.as_posix()}/")
