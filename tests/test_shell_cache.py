"""The theme shell rendered once for many pages gives exactly what rendering each page gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_example
from inprocess import build
from outputs import all_output


def test_cached_shell_output_equals_full_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clustersite.structure import shell

    cached = tmp_path / "cached"
    cached.mkdir()
    copy_example(cached)
    assert build(cached)[0]

    full = tmp_path / "full"
    full.mkdir()
    copy_example(full)
    renders: list[str] = []

    def render_every_page(self, page, context, template):  # what MkDocs does without the cache
        renders.append(page.url)
        return self.env.get_template(template).render(context)

    monkeypatch.setattr(shell.ShellCache, "render", render_every_page)
    assert build(full)[0]

    assert len(renders) > 60, "member and event pages go through the cache"
    first, second = all_output(cached / "site"), all_output(full / "site")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
