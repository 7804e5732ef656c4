"""`mkdocs build` renders member, event and opportunity pages on the other cores (parallel.py):
the same site to the byte, and every problem a child meets is met and reported by the build itself.

The unit tests fork for real, with pages whose bodies record where they ran: a page rendered by
the build appends to the build's list, one rendered by a child only to the child's copy. Each
body takes `PAUSE`, so that the build and its children meet near the middle: the build, which
renders from the front, reaches page 70 long after a child, rendering from the back, has.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO, run_build

from clustersite import parallel
from clustersite.parallel import MIN_SHARE, ForkedPages
from clustersite.structure import GeneratedPage

PAGES = 2 * MIN_SHARE
"""Two processes' worth."""
PAUSE = 0.005


@pytest.fixture
def config(tmp_path: Path):
    from mkdocs.config.defaults import MkDocsConfig

    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"), "site_url": "https://cluster.example.org/", "theme": {"name": "material"}})
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = "cluster"  # as while the plugin's on_files runs: the pages are its own
    return config


@pytest.fixture
def threads_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even while pytest's process runs other threads (Playwright's asyncio child watcher, once
    a browser test has run): these tests check what the build and its children exchange, and none
    of those threads touches it. The rule itself is tested with a thread of the test's own
    (`test_no_fork_while_another_thread_runs`), and a real `mkdocs build` runs no other thread."""
    monkeypatch.setattr(parallel, "can_fork", lambda: sys.platform.startswith("linux"))


@pytest.fixture
def forked(threads_ignored: None) -> Iterator[ForkedPages]:
    forked = ForkedPages()
    yield forked
    forked.stop()


def make_pages(config, body: Callable[[GeneratedPage], str]) -> list[GeneratedPage]:
    return [GeneratedPage(f"Page {i}", f"things/p{i:03}.md", config, body, inputs=i) for i in range(PAGES)]


def render_all(pages: list[GeneratedPage], config) -> list[str]:
    """What MkDocs' `_populate_page` does with a generated page's source and body, in its order."""
    for page in pages:
        page.read_source(config)
        page.render(config, None)
    return [page.content for page in pages]


def number(page: GeneratedPage) -> int:
    return int(re.sub(r"\D", "", page.file.src_uri))


def test_a_child_renders_the_second_half_and_the_build_gets_the_same_bodies(config, forked: ForkedPages, caplog: pytest.LogCaptureFixture) -> None:
    here: list[int] = []

    def body(page: GeneratedPage) -> str:
        here.append(number(page))
        time.sleep(PAUSE)
        return f"<h2 id=\"about\">{page.title}</h2><p>{page.url} – ţară</p>"

    expected = [f"<h2 id=\"about\">Page {i}</h2><p>things/p{i:03}/ – ţară</p>" for i in range(PAGES)]
    pages = make_pages(config, body)
    forked.start(pages, 2, [], config, None)
    assert render_all(pages, config) == expected
    assert 10 < len(here) < PAGES - 10, "the build and the child each rendered a good part"
    assert here == list(range(len(here))), "the build rendered from the front, the child the rest"
    with caplog.at_level(logging.DEBUG):
        forked.stop()
    assert f"{PAGES - len(here)} of {PAGES} generated pages were rendered by 1 other process" in caplog.text


def test_two_children_and_the_build_share_the_pages(config, forked: ForkedPages) -> None:
    here: list[int] = []

    def body(page: GeneratedPage) -> str:
        here.append(number(page))
        time.sleep(PAUSE)
        return page.title

    pages = [GeneratedPage(f"Page {i}", f"things/p{i:03}.md", config, body, inputs=i) for i in range(3 * MIN_SHARE)]
    forked.start(pages, 3, [], config, None)
    assert len(forked.children) == 2
    assert render_all(pages, config) == [f"Page {i}" for i in range(3 * MIN_SHARE)]
    assert 0 < len(here) < 2 * MIN_SHARE and here == list(range(len(here)))


def test_a_page_that_logs_in_a_child_is_rendered_and_logged_by_the_build_with_every_page_after_it(config, forked: ForkedPages, caplog: pytest.LogCaptureFixture) -> None:
    """Strict mode counts the build's warnings: a child's would be lost, so the build renders that page again."""
    here: list[int] = []

    def body(page: GeneratedPage) -> str:
        here.append(number(page))
        time.sleep(PAUSE)
        if number(page) == 70:
            logging.getLogger("mkdocs.plugins.test").warning("page 70 links to a missing page")
        return page.title

    pages = make_pages(config, body)
    forked.start(pages, 2, [], config, None)
    with caplog.at_level(logging.WARNING):
        assert render_all(pages, config) == [f"Page {i}" for i in range(PAGES)]
    assert here == list(range(71)), "the child rendered 71–99, stopped at 70 and took no more"
    assert [record.getMessage() for record in caplog.records] == ["page 70 links to a missing page"], "logged once, by the build"


def test_a_page_that_fails_in_a_child_fails_in_the_build(config, forked: ForkedPages) -> None:
    here: list[int] = []

    def body(page: GeneratedPage) -> str:
        here.append(number(page))
        time.sleep(PAUSE)
        if number(page) == 80:
            raise ValueError("page 80 cannot be rendered")
        return page.title

    pages = make_pages(config, body)
    forked.start(pages, 2, [], config, None)
    with pytest.raises(ValueError, match="page 80"):
        render_all(pages, config)
    assert here == list(range(81)), "the child stopped at 80 and took no more; the build rendered 80 again, and failed there"


def test_a_child_that_dies_leaves_all_its_pages_to_the_build_and_is_reaped(config, forked: ForkedPages) -> None:
    build = os.getpid()
    here: list[int] = []

    def body(page: GeneratedPage) -> str:
        if os.getpid() != build and number(page) == 95:
            os.kill(os.getpid(), signal.SIGKILL)
        here.append(number(page))
        time.sleep(PAUSE)
        return page.title

    pages = make_pages(config, body)
    forked.start(pages, 2, [], config, None)
    child = forked.children[0].pid
    assert render_all(pages, config) == [f"Page {i}" for i in range(PAGES)]
    assert here == list(range(96)), "pages 96–99 came from the child before it died at 95, which the build rendered again"
    forked.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_the_build_reaps_a_child_it_no_longer_needs(config, forked: ForkedPages) -> None:
    """A build that fails before it reaches the children's pages ends them (`on_build_error`)."""
    pages = make_pages(config, lambda page: time.sleep(PAUSE) or page.title)
    forked.start(pages, 2, [], config, None)
    child = forked.children[0].pid
    forked.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_a_lock_left_held_by_a_killed_child_costs_the_build_one_wait(config, forked: ForkedPages, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel's out-of-memory killer may end a child inside its few instructions under the lock."""
    monkeypatch.setattr(parallel, "LOCK_SECONDS", 0.2)
    pages = make_pages(config, lambda page: page.title)
    forked.start(pages, 2, [], config, None)
    assert forked.claims is not None
    forked.claims.lock.acquire()  # as the killed child left it
    started = time.perf_counter()
    assert render_all(pages, config) == [f"Page {i}" for i in range(PAGES)]
    assert time.perf_counter() - started < 2, "one timeout, not one per page"
    forked.claims.lock.release()


def test_the_plugin_ends_its_children_when_mkdocs_shuts_down(config, threads_ignored: None) -> None:
    """KeyboardInterrupt or SystemExit end a build without `on_build_error`; MkDocs still calls `on_shutdown`."""
    from clustersite.plugin import ClusterPlugin

    plugin = ClusterPlugin()
    plugin.forked.start(make_pages(config, lambda page: time.sleep(PAUSE) or page.title), 2, [], config, None)
    child = plugin.forked.children[0].pid
    plugin.on_shutdown()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_no_fork_while_another_thread_runs(config) -> None:
    """A lock another thread holds at the fork would stay held in the child forever."""
    here: list[int] = []
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    forked = ForkedPages()
    try:
        pages = make_pages(config, lambda page: here.append(number(page)) or page.title)
        forked.start(pages, 2, [], config, None)
        assert not forked.children
        render_all(pages, config)
    finally:
        forked.stop()
        release.set()
        thread.join()
    assert here == list(range(PAGES))


def open_descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def test_a_fork_the_system_refuses_leaves_the_build_to_render_alone(config, forked: ForkedPages, monkeypatch: pytest.MonkeyPatch) -> None:
    """A container's process limit reached (EAGAIN): the build renders alone, as with `concurrency: 1`, and leaks no pipe."""

    def refuse() -> int:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    pages = make_pages(config, lambda page: page.title)
    before = open_descriptors()
    monkeypatch.setattr(os, "fork", refuse)
    forked.start(pages, 2, [], config, None)
    assert not forked.children
    assert open_descriptors() == before
    assert render_all(pages, config) == [f"Page {i}" for i in range(PAGES)]


def test_a_build_with_its_standard_error_closed_still_forks(config, forked: ForkedPages, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs build 2>&-` from a cron job: Python's sys.stderr is None."""
    pages = make_pages(config, lambda page: time.sleep(PAUSE) or page.title)
    monkeypatch.setattr(sys, "stderr", None)
    forked.start(pages, 2, [], config, None)
    assert forked.children
    assert render_all(pages, config) == [f"Page {i}" for i in range(PAGES)]


def test_pages_moved_after_the_fork_are_rendered_by_the_build(config, forked: ForkedPages) -> None:
    """Another plugin's on_nav runs after the fork: a child's page links with the addresses it saw, so the build renders them all."""
    from mkdocs.structure.files import Files

    here: list[int] = []

    def body(page: GeneratedPage) -> str:
        here.append(number(page))
        time.sleep(PAUSE)
        return f"{page.url} links to {page.relative('things/p000/')}"

    pages = make_pages(config, body)
    files = Files([page.file for page in pages])
    forked.start(pages, 2, [], config, files)
    assert forked.children
    time.sleep(20 * PAUSE)  # the child has rendered pages with the old addresses
    pages[0].file.url = "elsewhere/p000/"
    contents = render_all(pages, config)
    assert here == list(range(PAGES))
    assert contents[-1] == "things/p099/ links to ../p000/"


def test_a_page_whose_own_address_changed_after_the_fork_is_rendered_by_the_build(config, forked: ForkedPages) -> None:
    """An on_pre_page hook may move the page MkDocs is about to render, after the check of every file's address."""
    here: list[int] = []

    def body(page: GeneratedPage) -> str:
        here.append(number(page))
        time.sleep(PAUSE)
        return page.url

    pages = make_pages(config, body)
    forked.start(pages, 2, [], config, None)
    time.sleep(20 * PAUSE)
    pages[-1].file.url = "moved/"
    contents = render_all(pages, config)
    assert contents[-1] == "moved/"
    assert PAGES - 1 in here and len(here) < PAGES - 1, "the child rendered the others"


def search_index():
    from material.plugins.search.plugin import SearchIndex

    return SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={}, jieba_dict=None, jieba_dict_user=None)


def test_search_entries_from_a_child_are_material_s_own_unless_the_page_changed_after_it(config, forked: ForkedPages) -> None:
    def body(page: GeneratedPage) -> str:
        time.sleep(PAUSE)
        return f"<p>About {page.title}.</p><h2 id=\"work\">Work</h2><p>Imaging, {page.url}.</p>"

    def index_all(pages: list[GeneratedPage], index) -> list[dict]:
        for page in pages:
            if number(page) == 80:
                page.content += "<p>A plugin added this.</p>"  # after the child saw the page
            index.add_entry_from_context(page)
        return index.entries

    serial = make_pages(config, body)
    render_all(serial, config)
    expected = index_all(serial, search_index())

    pages = make_pages(config, body)
    index = search_index()
    forked.start(pages, 2, [index], config, None)
    render_all(pages, config)
    entries = index_all(pages, index)
    assert forked.sent_by, "the child rendered pages, and made their entries"
    assert entries == expected
    assert any("A plugin added this." in entry["text"] for entry in entries)
    assert len(entries) == 2 * PAGES


def with_concurrency(root: Path, processes: int) -> None:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("  - cluster:\n", f"  - cluster:\n      concurrency: {processes}\n", 1), encoding="utf-8")


def test_a_site_built_on_two_cores_is_byte_identical_to_one_built_on_one(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import generate

    content = generate.generate_data(3 * MIN_SHARE)
    sites = {processes: tmp_path / f"on-{processes}" for processes in (1, 2)}
    logs = {}
    for processes, root in sites.items():
        generate.write_ours(content, root)
        with_concurrency(root, processes)
        result = run_build(root, "--verbose")
        assert result.returncode == 0, result.stderr[-3000:]
        logs[processes] = result.stderr
    shared = re.search(r"(\d+) of (\d+) generated pages were rendered by 1 other process\b", logs[2])
    assert shared is not None and int(shared[1]) >= MIN_SHARE, "the two-core build forked, and its child rendered its share"
    assert "other process" not in logs[1]
    files = {processes: sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*") if p.is_file()) for processes, root in sites.items()}
    assert files[1] == files[2]
    differing = [str(path) for path in files[1] if (sites[1] / "site" / path).read_bytes() != (sites[2] / "site" / path).read_bytes()]
    assert differing == []
