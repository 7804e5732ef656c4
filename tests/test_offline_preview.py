"""The pull request's preview opens from disk: every link leads to a file, never to a folder listing."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from click.testing import CliRunner
from conftest import build_ok
from sitefactory import MEMBER, Site

from clustersite.commands import main

LINK = re.compile(r"""\s(?:href|src)=["']([^"'#?]*)[^"']*["']""")


def local_targets(root: Path) -> dict[str, list[Path]]:
    """Every relative link of every page, resolved as a browser resolves it from disk."""
    found: dict[str, list[Path]] = {}
    for page in sorted(root.rglob("*.html")):
        for value in LINK.findall(page.read_text(encoding="utf-8")):
            if not value or value.startswith("/") or re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
                continue
            found.setdefault(page.relative_to(root).as_posix(), []).append((page.parent / unquote(value)).resolve())
    return found


def test_offline_copy_links_to_files_and_leaves_the_site_alone(site: Site, tmp_path: Path) -> None:
    site.member("acme", MEMBER.format(name="Acme") + "partners: [beta]\n")
    site.member("beta")
    site.write("events/day.yml", "title: Day\ntype: workshop\nstart: 2027-05-12\nsummary: S.\nonline: https://meet.example.org/x\norganisers: [acme]\n")
    site.write("content/newsletter/2027-01-first.md", "---\ntitle: First\ndate: 2027-01-05\nmembers: [acme]\n---\nSee [Acme](../../members/acme/).\n")
    out = build_ok(site)
    folders_before = [target for targets in local_targets(out).values() for target in targets if target.is_dir()]
    assert folders_before, "the built site links to folders (a web server's index.html)"
    result = CliRunner().invoke(main, ["offline", str(out), str(tmp_path / "preview")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    copy = tmp_path / "preview"
    links = local_targets(copy)
    assert sum(len(targets) for targets in links.values()) > 100
    broken = [f"{page} -> {target}" for page, targets in links.items() for target in targets if not target.is_file()]
    assert broken == []
    home = (copy / "index.html").read_text(encoding="utf-8")
    assert 'href="members/index.html"' in home
    assert local_targets(out) != links and 'href="members/"' in (out / "index.html").read_text(encoding="utf-8"), "the published site keeps its addresses"
    again = CliRunner().invoke(main, ["offline", str(out), str(copy)])
    assert again.exit_code == 1 and "already exists" in again.output
