"""Clusters of clusters: site B pulls site A's members export over HTTP and shows A's members;
a hostile export is refused with one line and leaves B's files and site as they were."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import build_ok, run_build
from sitefactory import MKDOCS_YML, Site

SHARED = """\
name: Shared Imaging
type: sme
summary: Imaging software in two clusters.
country: RO
website: https://www.shared-imaging.example.org/
identifiers: {ror: 05qwgg493}
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the standard library's name)
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on 127.0.0.1 (a free port), as a static host serves a built site."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def pull(site: Site) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "clustersite", "network", "pull"], cwd=site.root, capture_output=True, text=True, timeout=120, env=environ, stdin=subprocess.DEVNULL)


def with_partner(export: str) -> str:
    partner = f"{{slug: cluster-a, name: Cluster A, site: 'https://cluster.example.org/', export: '{export}'}}"
    return MKDOCS_YML.replace("  - cluster:\n", f"  - cluster:\n      network: [{partner}]\n")


@pytest.fixture(scope="module")
def site_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Site A, built: two members, one of which is also in site B."""
    a = Site.create(tmp_path_factory.mktemp("a") / "a")
    a.member("shared-imaging", SHARED)
    a.member("bucovina-optics", "name: Bucovina Optics\ntype: startup\nsummary: Optical imaging.\ncountry: RO\ncity: Suceava\ntechnologies: [optical-imaging]\n")
    return build_ok(a)


def test_site_b_pulls_site_a_and_lists_its_members(site_a: Path, tmp_path: Path) -> None:
    with serve(site_a) as base:
        b = Site.create(tmp_path / "b", with_partner(base + "members/members.json"))
        b.member("shared-local", SHARED.replace("Shared Imaging", "Shared Imaging SRL").replace("https://www.", "https://"))
        result = pull(b)
    assert result.returncode == 0, result.stderr
    assert "network/cluster-a.json: 2 members of Cluster A" in result.stdout
    stored = json.loads((b.root / "network" / "cluster-a.json").read_text(encoding="utf-8"))
    assert [m["slug"] for m in stored["members"]] == ["bucovina-optics", "shared-imaging"]
    out = build_ok(b)
    page = (out / "network" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://cluster.example.org/members/bucovina-optics/"' in page, "a partner's member links to its own cluster's site"
    assert "Bucovina Optics" in page and "Cluster A" in page
    assert 'data-cs-facet="cluster"' in page and 'data-cluster="cluster-a"' in page and 'data-cluster="own"' in page
    member = (out / "members" / "shared-local" / "index.html").read_text(encoding="utf-8")
    assert "Also a member of" in member and 'href="https://cluster.example.org/members/shared-imaging/"' in member


HOSTILE = {
    "oversized": (b'{"format": "clustersite-members", "version": 1, "members": ["' + b"x" * 6_000_000 + b'"]}', "is larger than 5 MB"),
    "script-in-name": (None, 'members[0].name: "<script>alert(1)</script> Imaging" looks like HTML or holds a control character, which a name cannot'),
    "version-2": (None, "version: 2 is not supported (this clustersite reads version 1)"),
    "not-json": (b"<html>gateway</html>", "is not JSON text in UTF-8"),
    "javascript-url": (None, 'members[0].url: "javascript:alert(1)" is not an http(s) address'),
}


def hostile_export(site_a: Path, case: str) -> bytes:
    raw, _ = HOSTILE[case]
    if raw is not None:
        return raw
    document = json.loads((site_a / "members" / "members.json").read_text(encoding="utf-8"))
    if case == "script-in-name":
        document["members"][0]["name"] = "<script>alert(1)</script> Imaging"
    elif case == "version-2":
        document["version"] = 2
    elif case == "javascript-url":
        document["members"][0]["url"] = "javascript:alert(1)"
    return json.dumps(document).encode()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_export_is_refused_and_changes_nothing(site_a: Path, tmp_path: Path, case: str) -> None:
    served = tmp_path / "served"
    (served / "bad").mkdir(parents=True)
    (served / "good.json").write_bytes((site_a / "members" / "members.json").read_bytes())
    (served / "bad" / "members.json").write_bytes(hostile_export(site_a, case))
    with serve(served) as base:
        b = Site.create(tmp_path / "b", with_partner(base + "good.json"))
        assert pull(b).returncode == 0
        out = build_ok(b)
        before = b.output_text()
        stored = (b.root / "network" / "cluster-a.json").read_bytes()
        b.write("mkdocs.yml", with_partner(base + "bad/members.json"))
        result = pull(b)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith(f"{base}bad/members.json: ") and HOSTILE[case][1] in lines[0], lines
    assert lines[0].endswith("network/cluster-a.json was kept as it was)")
    assert lines[1:] == ["clustersite: 1 export was refused."]
    assert (b.root / "network" / "cluster-a.json").read_bytes() == stored
    build_ok(b)
    assert b.output_text() == before and out.is_dir()


def test_a_hostile_file_committed_to_network_fails_the_build(site_a: Path, tmp_path: Path) -> None:
    """network/ arrives in pull requests too: the build validates it again, and publishes nothing."""
    b = Site.create(tmp_path / "b", with_partner("https://cluster.example.org/members/members.json"))
    b.write("network/cluster-a.json", hostile_export(site_a, "script-in-name"))
    result = run_build(b.root)
    assert result.returncode == 1
    assert 'network/cluster-a.json: members[0].name: "<script>alert(1)</script> Imaging" looks like HTML' in result.stderr
    assert not (b.root / "site").exists()
    check = subprocess.run([sys.executable, "-m", "clustersite", "check"], cwd=b.root, capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"}, stdin=subprocess.DEVNULL)
    assert check.returncode == 1 and 'network/cluster-a.json: members[0].name: "<script>' in check.stdout + check.stderr, "check reports what the build refuses"
