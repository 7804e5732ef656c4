"""Serve mode's own watch on the data folders finds every save, and walks nothing while a site builds.

The end-to-end path (a save in members/ starting MkDocs' rebuild through the plugin's nudge
folder) runs in test_preview_browser.py against a real `mkdocs serve`.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from clustersite import watching
from clustersite.watching import MIN_INTERVAL, SHARE, DataWatcher, Nudge, snapshot


def folders(tmp_path: Path) -> tuple[Path, Path]:
    members = tmp_path / "members"
    (members / "logos").mkdir(parents=True)
    (members / "acme.yml").write_text("name: Acme\n", encoding="utf-8")
    (members / "logos" / "acme.svg").write_text("<svg/>", encoding="utf-8")
    profile = tmp_path / "cluster.yml"
    profile.write_text("name: Cluster\n", encoding="utf-8")
    return members, profile


class Calls:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


def test_every_kind_of_save_is_found(tmp_path: Path) -> None:
    members, profile = folders(tmp_path)
    calls = Calls()
    watcher = DataWatcher([members, profile, tmp_path / "opportunities"], calls)  # a folder that does not exist yet
    assert not watcher.check() and calls.count == 0

    acme = members / "acme.yml"
    stat = acme.stat()
    acme.write_text("name: Acne\n", encoding="utf-8")  # same size, and the old modification time put back
    os.utime(acme, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert watcher.check(), "a same-sized edit with its old time stamp (the change time still moves)"
    (members / "logos" / "acme.svg").write_text("<svg></svg>", encoding="utf-8")
    assert watcher.check(), "a file in a nested folder"
    (members / "borealis.yml").write_text("name: Borealis\n", encoding="utf-8")
    assert watcher.check(), "a new file"
    acme.unlink()
    assert watcher.check(), "a deleted file"
    (members / "borealis.yml").rename(members / "cyclotron.yml")
    assert watcher.check(), "a renamed file"
    profile.write_text("name: Cluster two\n", encoding="utf-8")
    assert watcher.check(), "a watched single file"
    (tmp_path / "opportunities").mkdir()
    (tmp_path / "opportunities" / "job.yml").write_text("kind: job\n", encoding="utf-8")
    assert watcher.check(), "a folder created after the watch began"
    assert calls.count == 7
    assert not watcher.check() and calls.count == 7, "nothing changed since the last walk"


def test_a_linked_folder_is_not_entered(tmp_path: Path) -> None:
    members, _profile = folders(tmp_path)
    (members / "loop").symlink_to(members, target_is_directory=True)
    found = snapshot([members])
    assert str(members / "loop") in found  # the link itself is watched
    assert not any("loop/" in path for path in found)


def test_a_linked_data_folder_or_file_is_followed(tmp_path: Path) -> None:
    """`members/` may link to a data repository checked out beside the site, as watchdog follows it."""
    data, profile = folders(tmp_path / "data-repository")
    site = tmp_path / "site"
    site.mkdir()
    (site / "members").symlink_to(data, target_is_directory=True)
    (site / "cluster.yml").symlink_to(profile)
    calls = Calls()
    watcher = DataWatcher([site / "members", site / "cluster.yml"], calls)
    (data / "acme.yml").write_text("name: Acme Imaging\n", encoding="utf-8")
    assert watcher.check(), "an edit in the linked folder"
    (data / "borealis.yml").write_text("name: Borealis\n", encoding="utf-8")
    assert watcher.check(), "a new file in the linked folder"
    profile.write_text("name: Cluster two\n", encoding="utf-8")
    assert watcher.check(), "an edit of the linked file's target"
    assert calls.count == 3


def test_an_edit_inside_a_linked_folder_below_a_root_is_found(tmp_path: Path) -> None:
    """MkDocs publishes docs_dir's linked folders, and its watch looked inside them."""
    docs = tmp_path / "content"
    shared = tmp_path / "shared"
    docs.mkdir()
    shared.mkdir()
    (shared / "note.md").write_text("One.\n", encoding="utf-8")
    (docs / "shared").symlink_to(shared, target_is_directory=True)
    (docs / "again").symlink_to(docs, target_is_directory=True)  # a loop ends
    calls = Calls()
    watcher = DataWatcher([docs], calls)
    assert str(docs / "shared" / "note.md") in watcher._seen
    (shared / "note.md").write_text("Two, longer.\n", encoding="utf-8")
    assert watcher.check() and calls.count == 1


def test_a_walk_or_nudge_that_fails_does_not_end_the_watch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    members, _profile = folders(tmp_path)
    monkeypatch.setattr(watching, "MIN_INTERVAL", 0.01)
    failures, done = [], threading.Event()

    def changed() -> None:
        failures.append(1)
        if len(failures) == 1:
            raise OSError("the nudge file is gone")
        done.set()

    watcher = DataWatcher([members], changed)
    watcher.interval = 0.01
    watcher.start()
    try:
        (members / "acme.yml").write_text("name: Acme Imaging\n", encoding="utf-8")
        for _ in range(1000):  # at most 10 s
            if failures:
                break
            time.sleep(0.01)
        assert failures, "the first change was found (and its nudge failed)"
        (members / "borealis.yml").write_text("name: Borealis\n", encoding="utf-8")
        assert done.wait(10), "the change after the failure is still found"
    finally:
        watcher.stop()
    assert not watcher._thread.is_alive(), "stop() returns once the thread is over"


def test_no_walk_while_a_site_builds_and_what_changed_meanwhile_is_found_after(tmp_path: Path) -> None:
    members, profile = folders(tmp_path)
    calls = Calls()
    watcher = DataWatcher([members, profile], calls)
    watcher.pause()
    (members / "acme.yml").write_text("name: Acme Imaging\n", encoding="utf-8")
    assert not watcher.check() and calls.count == 0
    watcher.resume()
    assert watcher.check() and calls.count == 1


def test_the_pause_between_walks_grows_with_the_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch takes at most a fifth of the interpreter: a walk of 0.5 s (34,000 files) is followed by 2 s of rest."""
    members, profile = folders(tmp_path)
    watcher = DataWatcher([members, profile], Calls())
    watcher.check()
    assert watcher.interval == MIN_INTERVAL  # two files: the shortest pause
    clock = iter([100.0, 100.5])
    monkeypatch.setattr(watching.time, "perf_counter", lambda: next(clock))
    watcher.check()
    assert watcher.interval == pytest.approx(0.5 * (1 - SHARE) / SHARE)
    assert 0.5 / (0.5 + watcher.interval) == pytest.approx(SHARE)


class Server:
    """The parts of MkDocs' LiveReloadServer a nudge uses."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_a_nudge_asks_the_server_for_a_rebuild_as_its_observer_does() -> None:
    server = Server()
    nudge = Nudge(server)
    try:
        assert server.watched == [] and nudge.folder is None
        nudge()
        assert server._want_rebuild is True
    finally:
        nudge.remove()


def test_a_server_without_that_door_is_nudged_through_a_watched_file() -> None:
    server = Server()
    del server._rebuild_cond
    nudge = Nudge(server)
    assert nudge.folder is not None
    try:
        assert server.watched == [str(nudge.folder)]
        sizes = []
        for _ in range(3):
            nudge()
            sizes.append((nudge.folder / "changed").stat().st_size)
        assert sizes[0] < sizes[1] < sizes[2], "each nudge grows the file, so a coarse clock still shows a change"
        assert [path.name for path in nudge.folder.iterdir()] == ["changed"]
    finally:
        nudge.remove()
    assert not nudge.folder.exists()
