"""The benchmark's generated sites are valid: a small one builds strictly, like its Markdown twin.

Only correctness is checked here; timings belong to `scripts/bench`, never to the test suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO, run_build

sys.path.insert(0, str(REPO / "benchmarks"))

import generate  # noqa: E402

N = 40


def test_generation_is_deterministic() -> None:
    assert generate.generate_data(N) == generate.generate_data(N)


def test_generated_site_builds_strictly_with_every_member_event_issue_and_opportunity(tmp_path: Path) -> None:
    content = generate.generate_data(N)
    generate.write_ours(content, tmp_path / "ours")
    result = run_build(tmp_path / "ours")
    assert result.returncode == 0, result.stderr[-3000:]
    out = tmp_path / "ours" / "site"
    slugs = {m.slug for m in content.members}
    assert len(slugs) == N
    assert {p.parent.name for p in (out / "members").glob("*/index.html")} == slugs
    public_events = [e for e in content.events if generate.public(e.audience)]
    assert all((out / "events" / e.slug / "index.html").exists() for e in public_events)
    assert all((out / "newsletter" / i.stem / "index.html").exists() for i in content.issues if generate.public(i.audience))
    assert not any((out / "newsletter" / i.stem).exists() for i in content.issues if not generate.public(i.audience))
    assert len(content.opportunities) == N // 10 and {o.kind for o in generate.generate_data(200).opportunities} == {"job", "call", "offer", "request"}
    assert all((out / "opportunities" / o.slug / "index.html").exists() for o in content.opportunities if generate.public(o.audience))
    assert not any((out / "opportunities" / o.slug).exists() for o in content.opportunities if not generate.public(o.audience))
    with_partners = next(m for m in content.members if m.partners)
    page = (out / "members" / with_partners.slug / "index.html").read_text(encoding="utf-8")
    assert f"../{with_partners.partners[0]}/" in page


def test_markdown_twin_has_the_same_pages(tmp_path: Path) -> None:
    content = generate.generate_data(N)
    generate.write_ours(content, tmp_path / "ours")
    generate.write_floor(content, tmp_path / "floor")
    for kind in ("ours", "floor"):
        result = run_build(tmp_path / kind)
        assert result.returncode == 0, result.stderr[-3000:]
    pages = {kind: sorted(p.relative_to(tmp_path / kind / "site").as_posix() for p in (tmp_path / kind / "site").rglob("index.html")) for kind in ("ours", "floor")}
    assert pages["ours"] == pages["floor"]
