"""What the build reads and copies: only files of the repository, and nothing that runs script.

The hostile corpus (`hostile/cases_files.py`) has one case per attack; these tests plant a
secret outside the repository and look for it in everything the build and `check` print or
write, and show what stays allowed: links inside the repository, files the site vouches
for in `raw_files`, clean SVGs, international host names and dates at the edges of the range.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import run_build
from inprocess import build
from sitefactory import MKDOCS_YML, Site

from clustersite.models.event import Event
from clustersite.models.member import Member
from clustersite.validation import validate

SECRET = "CI_TOKEN=ghs_SECRETMARK-5d1e"  # noqa: S105 - a marker to search the output for, not a password

LINK_LOCATIONS = {
    "docs_dir": "content/env.txt",
    "nested folder": "content/about/team/env.txt",
    "members": "members/acme.yml",
    "events": "events/day.yml",
    "logos": "members/logos/acme.png",
    "newsletter images": "content/newsletter/images/cover.png",
    "attachments": "content/newsletter/files/report.pdf",
    "profile": "cluster.yml",
}


def check(root: Path) -> tuple[int, str]:
    from clustersite.commands import main

    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["check"])
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), "no traceback"
    return result.exit_code, result.output


def everything_written(root: Path) -> str:
    """The text of every file under `root` that is not a link: what a build could have published."""
    texts = []
    for folder, _, names in os.walk(root):  # not into linked folders
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


LINKS = [(where, kind) for where in LINK_LOCATIONS for kind in ("file", "folder") if "/" in LINK_LOCATIONS[where] or kind == "file"]


@pytest.mark.parametrize(("where", "kind"), LINKS, ids=[f"{where}-{kind}" for where, kind in LINKS])
def test_a_link_out_of_the_repository_anywhere_fails_check_and_build_and_publishes_nothing(tmp_path: Path, where: str, kind: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "environ").write_text(SECRET + "\n", encoding="utf-8")
    site = Site.create(tmp_path / "site")
    site.member("acme", "name: Acme\ntype: sme\nsummary: Imaging.\ncountry: RO\nlogo: logos/acme.png\n")
    site.write("content/newsletter/spring.md", "---\ntitle: Spring\ndate: 2027-03-01\nimage: images/cover.png\n---\n[Report](files/report.pdf)\n")
    relative = LINK_LOCATIONS[where]
    link = site.root / relative
    if kind == "folder":  # the link is the folder holding the file: MkDocs walks into linked folders
        link = link.parent
        target = outside / "folder"
        target.mkdir()
        (target / Path(relative).name).write_text(SECRET, encoding="utf-8")
    else:
        target = outside / "environ"
    if link.exists():
        for path in sorted(link.rglob("*"), reverse=True) if link.is_dir() else []:
            path.unlink() if path.is_file() else path.rmdir()
        link.rmdir() if link.is_dir() else link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    shown = link.relative_to(site.root).as_posix()
    expected = f"{shown}: path: points outside the repository (commit the file itself, not a link to it)"

    code, output = check(site.root)
    assert code == 1
    assert [line for line in output.splitlines() if not line.startswith("clustersite:")] == [expected]

    ok, log = build(site.root)
    assert not ok and expected in log
    assert SECRET not in log and SECRET not in output
    assert not site.out.exists() and not list(site.root.glob(".site*")), "nothing was published"
    assert SECRET not in everything_written(site.root)


@pytest.mark.parametrize("folder", ["content/media", "members"])
def test_a_fifo_is_refused_without_being_opened(site: Site, folder: str) -> None:
    fifo = site.root / folder / "stream.yml"
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)  # opening it would block the build for ever
    code, output = check(site.root)
    assert code == 1
    assert f"{folder}/stream.yml: path: is not a regular file (remove it: only files and folders can be published)" in output.splitlines()


def test_links_inside_the_repository_are_followed(site: Site) -> None:
    site.write("shared/acme.yml", "name: Acme Imaging\ntype: sme\nsummary: Imaging software.\ncountry: RO\n")
    (site.root / "members" / "acme.yml").symlink_to("../shared/acme.yml")
    site.write("content/media/chart.png", b"\x89PNG\r\n\x1a\nchart")
    (site.root / "content" / "chart-link.png").symlink_to("media/chart.png")
    (site.root / "content" / "gallery").symlink_to("media")  # a linked folder inside docs_dir
    site.write("content/charts.md", "# Charts\n\n![a](chart-link.png) ![b](gallery/chart.png)\n")  # files are published when a page uses them

    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    assert (site.out / "chart-link.png").read_bytes() == b"\x89PNG\r\n\x1a\nchart"
    assert (site.out / "gallery" / "chart.png").read_bytes() == b"\x89PNG\r\n\x1a\nchart"
    assert "Acme Imaging" in (site.out / "members" / "acme" / "index.html").read_text(encoding="utf-8")


CLEAN_SVG = '<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect width="5" height="5" fill="url(#g)" style="stroke: url( \'#g\' )"/></svg>'


def test_a_clean_svg_and_the_files_a_site_vouches_for_are_published(tmp_path: Path) -> None:
    site = Site.create(tmp_path / "site", MKDOCS_YML.replace("      timezone:", "      raw_files: [embeds/*.html]\n      timezone:"))
    site.write("content/img/diagram.svg", CLEAN_SVG)
    site.write("content/diagram.md", "# Diagram\n\n![diagram](img/diagram.svg)\n")  # files are published when a page uses them
    site.write("content/embeds/map.html", "<!doctype html><title>Map</title><script>draw()</script>")

    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    assert (site.out / "img" / "diagram.svg").read_text(encoding="utf-8") == CLEAN_SVG
    assert "draw()" in (site.out / "embeds" / "map.html").read_text(encoding="utf-8")

    site.write("content/other.html", "<script>x()</script>")  # not listed: still refused
    code, output = check(site.root)
    assert code == 1 and "content/other.html: path: a .html file can run script on the site's domain" in output


def test_an_svg_is_checked_even_when_raw_files_vouches_for_it(tmp_path: Path) -> None:
    site = Site.create(tmp_path / "site", MKDOCS_YML.replace("      timezone:", "      raw_files: ['embeds/*']\n      timezone:"))
    site.write("content/embeds/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>steal()</script></svg>')

    code, output = check(site.root)
    assert code == 1 and "content/embeds/chart.svg: svg:" in output and "<script>" in output
    result = run_build(site.root)
    assert result.returncode != 0 and not (site.out / "embeds" / "chart.svg").exists()


MEMBER = {"name": "Acme", "type": "sme", "summary": "Imaging.", "country": "RO"}


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("https://acme.example/jobs?x=1#top", "https://acme.example/jobs?x=1#top"),
        ("https://münchen.example/", "https://xn--mnchen-3ya.example/"),
        ("https://MÜNCHEN.example:8443/a", "https://xn--mnchen-3ya.example:8443/a"),
        ("https://пример.example/", "https://xn--e1afmkfd.example/"),
        ("https://тест.рф/", "https://xn--e1aybc.xn--p1ai/"),
        ("https://WWW.Example.org/a", "https://WWW.Example.org/a"),
        ("https://日本語の例.example/", "https://xn--u9j994gokpnfbk91h.example/"),
    ],
)
def test_international_host_names_are_stored_as_punycode(written: str, stored: str) -> None:
    member, errors = validate(Member, {**MEMBER, "website": written}, "members/acme.yml")
    assert errors == [] and member is not None
    assert member.website == stored


@pytest.mark.parametrize(
    "written",
    [
        "https://paypal.com:login@evil.example/",
        "https://@evil.example/",
        "https://evil.example\\@acme.example/",
        "https://p\u0430ypal.com/",  # Cyrillic а
        "https://xn--pypal-4ve.com/",  # the same, already in punycode
        "https://\u0430\u0440\u0440\u04cf\u0435.com/",  # all Cyrillic, and looks like "apple"
        "https://acme\u200b.example/",  # zero-width space
        "https://acme.example/a\u3000b",  # ideographic space
        "https://acme.example:port/",
        "https://-acme.example/",
    ],
)
def test_deceptive_web_addresses_are_refused(written: str) -> None:
    member, errors = validate(Member, {**MEMBER, "website": written}, "members/acme.yml")
    assert member is None and len(errors) == 1 and errors[0].field == "website"


EVENT = {"title": "Day", "type": "conference", "online": "https://meet.example.org/", "summary": "A day."}


@pytest.mark.parametrize(("start", "ok"), [("1900-01-01T00:30+05:00", True), ("2200-12-31", True), ("1899-12-31", False), ("2201-01-01T09:00", False)])
def test_dates_are_accepted_exactly_within_1900_to_2200(start: str, ok: bool) -> None:
    event, errors = validate(Event, {**EVENT, "start": start}, "events/day.yml")
    assert (event is not None) == ok, errors
    if not ok:
        assert "is outside the years 1900–2200" in errors[0].message


def test_an_event_on_the_last_day_of_the_range_builds_its_calendars(site: Site) -> None:
    site.write("events/far.yml", "title: Far\ntype: conference\nstart: 2200-12-31\nonline: https://meet.example.org/\nsummary: Far away.\n")
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    assert "DTSTART;VALUE=DATE:22001231" in (site.out / "events" / "events.ics").read_text(encoding="utf-8")


def test_a_member_only_page_in_a_linked_folder_stays_out_of_the_public_edition(site: Site) -> None:
    site.write("content/internal/fees.md", "---\naudience: [members]\n---\n# Fees\nSECRETFEE-991\n")
    (site.root / "content" / "shared").symlink_to("internal")  # MkDocs publishes it twice: internal/ and shared/
    ok, log = build(site.root)
    # A member-only page may not be in the public repository at all: refused under both of its paths.
    assert not ok
    assert "content/internal/fees.md:2: audience: not public data (for members only): move it to private/content/internal/fees.md" in log
    assert "content/shared/fees.md:2: audience: not public data (for members only): move it to private/content/shared/fees.md" in log
    assert not site.out.exists() or "SECRETFEE-991" not in everything_written(site.out)


def test_folders_linked_to_each_other_are_refused_before_mkdocs_walks_them(site: Site) -> None:
    (site.root / "content" / "a").mkdir()
    (site.root / "content" / "b").mkdir()
    (site.root / "content" / "a" / "other").symlink_to("../b")
    (site.root / "content" / "b" / "back").symlink_to("../a")
    code, output = check(site.root)
    assert code == 1
    assert [line for line in output.splitlines() if not line.startswith("clustersite:")] == [
        "content/a/other/back: path: is a link to a folder that contains it (commit the file itself, not a link to it)",
        "content/b/back/other: path: is a link to a folder that contains it (commit the file itself, not a link to it)",
    ]
    ok, log = build(site.root)
    assert not ok and "content/a/other/back: path: is a link to a folder that contains it" in log
