"""The canary: every private place of the example holds data that must not appear anywhere
public: not in the public repository's tracked files (outside the example private folder),
not in the public edition, and not in what the pull-request workflow uploads."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from conftest import REPO
from outputs import files_containing

PRIVATE = REPO / "example-private"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def canaries() -> dict[str, str]:
    """Distinctive text from every private place: overlays' contacts and internal notes,
    private events, issues, pages, and the names of their files."""
    found: dict[str, str] = {}
    for path in sorted((PRIVATE / "members").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for contact in data.get("contacts", []):
            found[contact["name"]] = f"{path.name}: contact"
            if contact.get("email"):
                found[contact["email"]] = f"{path.name}: contact e-mail"
        for text in _strings(data.get("internal")):
            if len(text) >= 8 and any(c.isalpha() for c in text):
                found[text] = f"{path.name}: internal"
    for path in sorted((PRIVATE / "events").glob("*.yml")):
        found[yaml.safe_load(path.read_text(encoding="utf-8"))["title"]] = f"event {path.name}"
        found[path.stem] = f"event {path.name}"
    for path in sorted((PRIVATE / "content").rglob("*")):
        if path.is_file():
            found[path.stem] = f"file {path.relative_to(PRIVATE)}"
        if path.suffix == ".md":
            front = path.read_text(encoding="utf-8").split("---\n")[1]
            found[yaml.safe_load(front)["title"]] = f"page {path.name}"
    return found


def test_every_private_place_of_the_example_holds_a_canary() -> None:
    places = set(canaries().values())
    kinds = {place.split(" ")[0].rstrip(":") for place in places} | {place.split(": ")[-1] for place in places}
    assert {"contact", "contact e-mail", "internal", "event", "file", "page"} <= kinds
    assert len(canaries()) >= 60


def test_no_canary_in_the_public_repositorys_tracked_files() -> None:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    public = [name for name in tracked if name and not name.startswith("example-private/") and (REPO / name).is_file()]
    assert "members/hajduizotop.yml" in public
    leaks = []
    for name in public:
        if name.startswith("tests/") or name.startswith("benchmarks/"):
            continue  # tests name what they look for; benchmarks invent their own data
        text = (REPO / name).read_bytes().decode("utf-8", errors="replace")
        leaks += [f"{name}: {where}" for canary, where in canaries().items() if canary in text]
    assert leaks == []


def test_no_canary_in_the_public_edition(example_site: Path) -> None:
    leaks = {canary: files_containing(example_site, canary) for canary in canaries()}
    assert {canary: files for canary, files in leaks.items() if files} == {}


def _workflow(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def test_the_pull_request_preview_is_the_public_edition(example_site: Path) -> None:
    """What the pull-request workflow uploads is `site/`, the public edition it builds (never the members')."""
    for path in (REPO / ".github/workflows/pull-request.yml", REPO / "plugins/clustersite/scaffold/github/workflows/pull-request.yml"):
        text = path.read_text(encoding="utf-8")
        assert "CLUSTERSITE_EDITION" not in text and "private" not in text.lower().replace("private repository", ""), path
        steps = [step for job in _workflow(path)["jobs"].values() for step in job.get("steps", [])]
        uploads = [step["with"]["path"].rstrip("/") for step in steps if "upload-artifact" in str(step.get("uses", ""))]
        copies = {line.split()[-1]: line.split()[-2] for step in steps for line in str(step.get("run", "")).splitlines() if " offline " in line}
        assert uploads and all(copies.get(upload, upload) == "site" for upload in uploads), path  # site/, or a copy made from it
    assert (example_site / "index.html").is_file() and example_site.name == "site"
