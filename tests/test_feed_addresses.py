"""Members' feeds and calendars stay subscribable behind a login: with CLUSTERSITE_FEED_SECRET the
members' edition writes them below an unguessable `feeds/<token>/` that the login lets through."""

from __future__ import annotations

import hashlib
import hmac
import shutil

import feedparser
from conftest import run_build
from outputs import all_output, files_containing
from test_editions import MARKERS, plant

SECRET = "correct-horse-battery-staple-2026"  # noqa: S105  (a test value)


def token(secret: str) -> str:
    return hmac.new(secret.encode(), b"clustersite: the members' edition's feeds", hashlib.sha256).hexdigest()[:32]


def members_build(site, secret: str | None):
    env = {"CLUSTERSITE_EDITION": "members"}
    if secret is not None:
        env["CLUSTERSITE_FEED_SECRET"] = secret
    out = site.root / "site-members"
    if out.exists():
        shutil.rmtree(out)
    return run_build(site.root, env=env), out


def test_members_feeds_and_calendars_move_below_the_secret_token(site) -> None:
    plant(site)
    result, out = members_build(site, SECRET)
    assert result.returncode == 0, result.stderr
    folder = f"feeds/{token(SECRET)}"
    for path in ("newsletter/rss.xml", "newsletter/members/atom.xml", "newsletter/members/feed.json", "events/events.ics", "events/members.ics"):
        assert (out / folder / path).is_file(), path
        assert not (out / path).exists(), f"{path} is only at the unguessable address"
    feed = feedparser.parse((out / folder / "newsletter/members/rss.xml").read_bytes())
    assert not feed.bozo and any(MARKERS["issue"] in entry.title for entry in feed.entries)
    assert MARKERS["event"] in (out / folder / "events/members.ics").read_text(encoding="utf-8")
    archive = (out / "newsletter/index.html").read_text(encoding="utf-8")
    assert f"{folder}/newsletter/members/rss.xml" in archive, "logged-in members find the address on the archive page"
    events_page = (out / "events/index.html").read_text(encoding="utf-8")
    assert f"members.cluster.example.org/{folder}/events/members.ics" in events_page, "and on the events page, to subscribe"
    assert files_containing(out, SECRET) == [], "the secret itself is published nowhere"


def test_the_token_is_stable_for_a_secret_and_changes_with_it(site) -> None:
    plant(site)
    first = all_output(members_build(site, SECRET)[1])
    again = all_output(members_build(site, SECRET)[1])
    assert first == again, "a rebuild keeps every address"
    rotated = all_output(members_build(site, SECRET + "-rotated")[1])
    assert not any(name.startswith(f"feeds/{token(SECRET)}/") for name in rotated), "a new secret revokes the old addresses"
    assert any(name.startswith(f"feeds/{token(SECRET + '-rotated')}/") for name in rotated)


def test_without_a_secret_the_feeds_stay_behind_the_login(site) -> None:
    plant(site)
    result, out = members_build(site, None)
    assert result.returncode == 0, result.stderr
    assert (out / "newsletter/members/rss.xml").is_file() and not (out / "feeds").exists()
    assert "CLUSTERSITE_FEED_SECRET is not set" in result.stderr


def test_a_short_secret_is_refused(site) -> None:
    plant(site)
    result, out = members_build(site, "short")
    assert result.returncode == 1
    assert "CLUSTERSITE_FEED_SECRET: is 5 characters long, at least 16 needed" in result.stderr
    assert not out.exists()


def test_the_public_edition_ignores_the_secret(site) -> None:
    plant(site)
    assert run_build(site.root).returncode == 0
    without = all_output(site.out)
    shutil.rmtree(site.out)
    assert run_build(site.root, env={"CLUSTERSITE_FEED_SECRET": SECRET}).returncode == 0
    assert all_output(site.out) == without
