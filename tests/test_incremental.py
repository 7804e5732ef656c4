"""Serve mode's rebuilds reuse what did not change, and give exactly the site a fresh build gives.

The plugin keeps parsed data files and rendered parts between rebuilds (`cache.py`).
Correctness comes first: after any sequence of edits, additions, renames and deletions of
members, events, newsletter issues, pages and mkdocs.yml, every byte of the rebuilt site
equals a build of the same files by a newly started server.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from inprocess import ServeSession, tree
from sitefactory import Site

SLUGS = ["acme", "borealis", "cyclotron", "delta-scan", "echo-labs"]
EVENTS = ["summit", "workshop", "meetup"]
ISSUES = ["2026-01-winter", "2026-03-spring"]
TYPES = ["sme", "startup", "university", "hospital"]
TECHNOLOGIES = ["mri", "ultrasound", "pet", "image-analysis-ai"]


def member_text(name: str, kind: str, technologies: list[str], partners: list[str], country: str) -> str:
    return (
        f"name: {name}\ntype: {kind}\nsummary: Imaging, better.\ncountry: {country}\n"
        f"technologies: [{', '.join(technologies)}]\npartners: [{', '.join(partners)}]\n"
        f"description: |\n  We work on *{kind}* things.\n"
    )


def event_text(title: str, day: int, organisers: list[str], audience: str) -> str:
    # Odd days have a price: a Decimal, which the cache must fingerprint by its value.
    price = f"price: {day}.50\ncurrency: EUR\n" if day % 2 else ""
    return (
        f"title: {title}\ntype: workshop\nstart: 2027-01-{day:02d}T09:00\nend: 2027-01-{day:02d}T12:00\n"
        f"online: https://meet.example.org/{day}\nsummary: {title} for everyone.\n{price}"
        f"organisers: [{', '.join(organisers)}]\naudience: [{audience}]\n"
    )


LOGOS = {
    "square": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>',
    "circle": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4" cx="5" cy="5"/></svg>',
    "script": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>',
}


def issue_text(title: str, day: int, members: list[str], audience: str) -> str:
    # A link to the first member's page: resolved against the site's files, which a kept issue must see change
    # (and a warning when that member is gone, after which the issue is built again every time, as a fresh build warns).
    link = f" Meet [{members[0]}](../members/{members[0]}.md)." if members else ""
    return f"---\ntitle: {title}\ndate: 2026-0{day % 9 + 1}-1{day % 10}\nsummary: {title}.\nmembers: [{', '.join(members)}]\naudience: [{audience}]\n---\n\nNews: *{title}*.{link}\n"


names = st.sampled_from(["Acme Imaging", "Borealis Medical", "Cyclotron Ltd", "Delta Scan", "Echo Labs", "Ünicode Clinic"])
slugs = st.sampled_from(SLUGS)
members = st.tuples(slugs, names, st.sampled_from(TYPES), st.lists(st.sampled_from(TECHNOLOGIES), max_size=2, unique=True),
                    st.lists(slugs, max_size=2, unique=True), st.sampled_from(["RO", "DE", "Norway"]))
events = st.tuples(st.sampled_from(EVENTS), names, st.integers(1, 28), st.lists(slugs, max_size=2, unique=True), st.sampled_from(["public", "members", "community"]))
issues = st.tuples(st.sampled_from(ISSUES), names, st.integers(1, 28), st.lists(slugs, max_size=2, unique=True), st.sampled_from(["public", "members"]))
operations = st.one_of(
    st.tuples(st.just("member"), members),
    st.tuples(st.just("delete-member"), slugs),
    st.tuples(st.just("rename-member"), slugs, slugs),
    st.tuples(st.just("event"), events),
    st.tuples(st.just("delete-event"), st.sampled_from(EVENTS)),
    st.tuples(st.just("issue"), issues),
    st.tuples(st.just("delete-issue"), st.sampled_from(ISSUES)),
    st.tuples(st.just("page"), names),
    st.tuples(st.just("site-name"), names),
    # The parse cache's edge cases: the same bytes saved again, a same-sized change with the
    # old time stamps put back, and a logo that changes (or turns hostile) under an unchanged member file.
    st.tuples(st.just("touch"), slugs),
    st.tuples(st.just("same-size-edit"), slugs),
    st.tuples(st.just("logo"), slugs, st.sampled_from(sorted(LOGOS))),
    # The site's language: every word of a cached page comes from the catalogue, which no fingerprint sees.
    st.tuples(st.just("language"), st.sampled_from(["en", "ro"])),
    # The office's own theme templates: every page's frame changes, though no data did.
    st.tuples(st.just("theme"), names),
    # A job of a member: on its page and the member's; open or expired by the pinned build date.
    st.tuples(st.just("job"), names, st.sampled_from(["2026-10-01", "2030-12-31"]), st.lists(slugs, min_size=1, max_size=2, unique=True)),
)


def apply(site: Site, operation: tuple) -> None:
    kind = operation[0]
    if kind == "member":
        slug, name, member_type, technologies, partners, country = operation[1]
        site.member(slug, member_text(name, member_type, technologies, [p for p in partners if p != slug], country))
    elif kind == "delete-member":
        (site.root / "members" / f"{operation[1]}.yml").unlink(missing_ok=True)
    elif kind == "rename-member":
        source, target = (site.root / "members" / f"{operation[1]}.yml"), (site.root / "members" / f"{operation[2]}.yml")
        if source.exists() and not target.exists():
            source.rename(target)
    elif kind == "event":
        slug, title, day, organisers, audience = operation[1]
        site.write(f"events/{slug}.yml", event_text(title, day, organisers, audience))
    elif kind == "delete-event":
        (site.root / "events" / f"{operation[1]}.yml").unlink(missing_ok=True)
    elif kind == "issue":
        stem, title, day, mentioned, audience = operation[1]
        site.write(f"content/newsletter/{stem}.md", issue_text(title, day, mentioned, audience))
    elif kind == "delete-issue":
        (site.root / "content" / "newsletter" / f"{operation[1]}.md").unlink(missing_ok=True)
    elif kind == "page":
        site.write("content/for-public.md", f"---\nlanding: public\n---\n# For the region\n\n{operation[1]} is here.\n")
    elif kind == "touch":
        path = site.root / "members" / f"{operation[1]}.yml"
        if path.exists():
            path.write_bytes(path.read_bytes())
    elif kind == "same-size-edit":
        path = site.root / "members" / f"{operation[1]}.yml"
        if path.exists():
            stat = path.stat()
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("better.", "bigger.") if "better." in text else text.replace("bigger.", "better."), encoding="utf-8")
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    elif kind == "logo":
        slug, logo = operation[1], operation[2]
        site.write(f"members/logos/{slug}.svg", LOGOS[logo])
        path = site.root / "members" / f"{slug}.yml"
        if path.exists() and "\nlogo:" not in path.read_text(encoding="utf-8"):
            path.write_text(path.read_text(encoding="utf-8") + f"logo: logos/{slug}.svg\n", encoding="utf-8")
    elif kind == "language":
        config = site.root / "mkdocs.yml"
        text = re.sub(r"\n      languages: \[\w+\]", "", config.read_text(encoding="utf-8"))
        config.write_text(text.replace("      timezone: Europe/Bucharest\n", f"      timezone: Europe/Bucharest\n      languages: [{operation[1]}]\n"), encoding="utf-8")
    elif kind == "job":
        title, valid_through, owners = operation[1], operation[2], operation[3]
        site.write("opportunities/engineer.yml", (
            f"kind: job\ntitle: {title} engineer\nsummary: Build imaging software.\nmembers: [{', '.join(owners)}]\n"
            f"posted: 2026-09-01\nemployment_type: [full-time]\nplace: {{city: Iași, country: RO}}\nvalid_through: {valid_through}\n"
            "apply_url: https://jobs.example.org/engineer\n"
        ))
    elif kind == "theme":
        site.write("overrides/main.html", f'{{% extends "base.html" %}}\n{{% block announce %}}{html.escape(operation[1])}{{% endblock %}}\n')
    elif kind == "site-name":
        config = site.root / "mkdocs.yml"
        lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
        config.write_text(f"site_name: {operation[1]}\n" + "".join(lines[1:]), encoding="utf-8")


def start(root: Path) -> Site:
    site = Site.create(root)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1), encoding="utf-8")
    site.write("overrides/main.html", '{% extends "base.html" %}\n')
    site.member("acme", member_text("Acme Imaging", "sme", ["mri"], ["borealis"], "RO"))
    site.member("borealis", member_text("Borealis Medical", "university", ["pet", "ultrasound"], [], "DE"))
    site.write("events/summit.yml", event_text("Summit", 3, ["acme"], "public"))
    site.write("content/newsletter/2026-01-winter.md", issue_text("Winter", 1, ["acme"], "public"))
    return site


def assert_same_as_a_fresh_build(site: Site, incremental: Path, work: Path) -> None:
    reference = ServeSession(site.root, work / "fresh", fresh=True)
    try:
        reference.rebuild()
    finally:
        reference.close()
    expected, actual = tree(work / "fresh"), tree(incremental)
    assert sorted(actual) == sorted(expected)
    different = [path for path in expected if actual[path] != expected[path]]
    assert different == [], f"rebuilt differently: {different[:5]}"


@settings(max_examples=14, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operations, min_size=1, max_size=5))
# What a member page depends on besides its file: its partners' names, the events it
# organises; and what everything depends on: the configuration.
@example([("member", ("borealis", "Echo Labs", "university", ["pet", "ultrasound"], [], "DE"))])
@example([("event", ("summit", "Summit", 3, ["borealis"], "public")), ("rename-member", "borealis", "cyclotron")])
@example([("member", ("acme", "Acme Imaging", "sme", ["mri"], [], "Norway")), ("member", ("acme", "Acme Imaging", "sme", ["mri"], [], "RO"))])
@example([("site-name", "Delta Scan"), ("delete-issue", "2026-01-winter")])
@example([("logo", "acme", "square"), ("logo", "acme", "script"), ("logo", "acme", "circle")])
@example([("same-size-edit", "acme"), ("touch", "borealis"), ("event", ("summit", "Summit", 5, ["acme"], "public"))])
# Serve mode keeps unchanged pages' files (incremental.py): a template, a deleted member, a kept page's search entries.
@example([("job", "Acme Imaging", "2030-12-31", ["acme"]), ("member", ("acme", "Echo Labs", "sme", ["mri"], [], "RO")), ("job", "Delta Scan", "2026-10-01", ["acme", "borealis"])])
@example([("theme", "Acme Imaging"), ("delete-member", "borealis"), ("touch", "acme"), ("theme", "Echo Labs")])
def test_rebuilds_after_any_edits_equal_a_fresh_build(sequence: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        site = start(work / "site")
        session = ServeSession(site.root, work / "served")
        try:
            session.rebuild()
            for operation in sequence:
                apply(site, operation)
                session.rebuild()
                assert_same_as_a_fresh_build(site, work / "served", work)
        finally:
            session.close()


def test_a_rebuild_renders_only_what_changed(tmp_path: Path) -> None:
    site = start(tmp_path / "site")
    for slug in SLUGS[2:]:
        site.member(slug, member_text(slug.title(), "sme", ["mri"], [], "RO"))
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        session.rebuild()
        cache = session.plugin.cache
        assert cache.misses["template:members/member.html"] == len(SLUGS)  # the first build renders every page
        before = tree(tmp_path / "served")

        apply(site, ("member", ("delta-scan", "Delta Scan", "hospital", ["pet"], [], "RO")))
        session.rebuild()
        # Of the member pages, only the changed member's is rendered again.
        assert cache.misses["template:members/member.html"] == 1
        assert cache.misses["template:members/directory.html"] == 1  # it lists every member
        assert cache.misses["template:events/event.html"] == 0
        assert cache.misses["calendar"] == 0
        assert cache.hits >= 2 * len(SLUGS)
        after = tree(tmp_path / "served")
        changed = sorted(path for path in after if after[path] != before.get(path))
        assert "members/delta-scan/index.html" in changed
        assert "members/acme/index.html" not in changed

        site.write("events/launch.yml", event_text("Launch", 6, [], "public"))
        session.rebuild()
        assert cache.misses["vevent"] == 1, f"the calendars render only the new event's lines: {cache.misses}"
        apply(site, ("event", ("summit", "Summit", 4, ["acme"], "public")))
        session.rebuild()
        assert cache.misses["vevent"] == 1, "and only the edited event's"
    finally:
        session.close()


def test_a_rebuild_writes_only_what_changed(tmp_path: Path) -> None:
    """Unchanged member pages are neither rendered nor written again, and stay in the search index and the sitemap."""
    site = start(tmp_path / "site")
    for slug in SLUGS[2:]:
        site.member(slug, member_text(slug.title(), "sme", ["mri"], [], "RO"))
    served = tmp_path / "served"
    session = ServeSession(site.root, served, fresh=True)
    try:
        session.rebuild()
        pages = {slug: served / "members" / slug / "index.html" for slug in SLUGS}
        before = {slug: path.stat().st_ino for slug, path in pages.items()}
        apply(site, ("member", ("delta-scan", "Delta Scan", "hospital", ["pet"], [], "RO")))
        session.rebuild()
        after = {slug: path.stat().st_ino for slug, path in pages.items()}
        assert [slug for slug in SLUGS if after[slug] != before[slug]] == ["delta-scan"]
        assert session.plugin.incremental.held.keys, "the keys of the served files were committed"
        index = (served / "search" / "search_index.json").read_text(encoding="utf-8")
        sitemap = (served / "sitemap.xml").read_text(encoding="utf-8")
        for slug in SLUGS:
            assert f'"location":"members/{slug}/"' in index
            assert f"/members/{slug}/</loc>" in sitemap
        assert_same_as_a_fresh_build(site, served, tmp_path)
    finally:
        session.close()


def test_an_unchanged_issue_is_kept_with_its_feeds_and_built_again_when_what_it_shows_changes(tmp_path: Path) -> None:
    """A newsletter issue is a Markdown page: kept while its file, its neighbours, the members it
    names and the files its links looked up are the same; its feeds and e-mail still show its text."""
    site = start(tmp_path / "site")
    site.write("content/newsletter/2026-01-winter.md", issue_text("Winter", 1, [], "public").replace("*Winter*.", "*Winter*. Meet [Acme](../members/acme.md)."))
    site.write("events/summit.yml", event_text("Summit", 3, [], "public"))
    site.write("content/newsletter/2026-03-spring.md", issue_text("Spring", 2, ["borealis"], "public"))
    served = tmp_path / "served"
    session = ServeSession(site.root, served, fresh=True)
    winter, spring = served / "newsletter" / "2026-01-winter" / "index.html", served / "newsletter" / "2026-03-spring" / "index.html"

    def written() -> dict[str, int]:
        return {"winter": winter.stat().st_ino, "spring": spring.stat().st_ino}

    try:
        session.rebuild()
        before = written()
        apply(site, ("event", ("summit", "Summit", 5, [], "public")))  # nothing either issue shows
        session.rebuild()
        assert written() == before, "both issues were kept"
        assert session.plugin.incremental.is_kept("en", "newsletter/2026-01-winter.md")
        feed = (served / "newsletter" / "feed.json").read_text(encoding="utf-8")
        assert "News: <em>Winter</em>" in feed and "News: <em>Spring</em>" in feed, "the kept issues' text is in the feed"
        assert "News: <em>Winter</em>" in (served / "newsletter" / "2026-01-winter" / "email.html").read_text(encoding="utf-8")
        assert_same_as_a_fresh_build(site, served, tmp_path)

        apply(site, ("member", ("delta-scan", "Delta Scan", "sme", ["mri"], [], "RO")))  # a new member neither issue links to
        session.rebuild()
        assert written() == before, "an issue's links depend on the files they looked up, not on every file of the site"
        assert_same_as_a_fresh_build(site, served, tmp_path)

        apply(site, ("member", ("borealis", "Echo Labs", "university", ["pet"], [], "DE")))  # the name spring names
        session.rebuild()
        after = written()
        assert after["winter"] == before["winter"] and after["spring"] != before["spring"]
        assert "Echo Labs" in spring.read_text(encoding="utf-8")
        assert_same_as_a_fresh_build(site, served, tmp_path)

        apply(site, ("rename-member", "acme", "cyclotron"))  # winter's link now points at no page: it warns, as a fresh build does
        session.rebuild()
        assert written()["winter"] != after["winter"]
        assert_same_as_a_fresh_build(site, served, tmp_path)
        apply(site, ("event", ("summit", "Summit", 7, [], "public")))
        session.rebuild()
        assert not session.plugin.incremental.is_kept("en", "newsletter/2026-01-winter.md"), "a page that warned is built again, and warns again"
        assert session.plugin.incremental.is_kept("en", "newsletter/2026-03-spring.md")
        assert_same_as_a_fresh_build(site, served, tmp_path)
    finally:
        session.close()


def plain_issue(title: str, month: int, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: 2026-{month:02d}-10\nsummary: {title}.\naudience: [public]\n---\n\nNews about {title}.{extra}\n\n## Later part\n\nMore.\n"


def test_an_issue_that_includes_another_file_is_built_again_on_every_rebuild(tmp_path: Path) -> None:
    """pymdownx.snippets reads files no key covers: with such an extension no Markdown page is kept."""
    site = start(tmp_path / "site")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [{site.root}]\n", encoding="utf-8")
    site.write("includes/note.md", "Shared note ONE.\n")
    site.write("content/newsletter/2026-01-winter.md", plain_issue("Winter", 1, '\n\n--8<-- "includes/note.md"\n'))
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        session.rebuild()
        site.write("includes/note.md", "Shared note TWO.\n")
        session.rebuild()
        assert not session.plugin.incremental.is_kept("en", "newsletter/2026-01-winter.md")
        assert "Shared note TWO." in (tmp_path / "served" / "newsletter" / "2026-01-winter" / "index.html").read_text(encoding="utf-8")
        assert_same_as_a_fresh_build(site, tmp_path / "served", tmp_path)
    finally:
        session.close()


def test_an_issue_listed_in_the_nav_is_built_again_for_its_title_there(tmp_path: Path) -> None:
    """Only a read page has a title, and a bare nav entry shows the page's own: kept, the nav would say "None"."""
    site = start(tmp_path / "site")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Members: members/index.md\n", "  - Members: members/index.md\n  - newsletter/2026-01-winter.md\n"), encoding="utf-8")
    site.write("content/newsletter/2026-01-winter.md", plain_issue("Winter", 1))
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        session.rebuild()
        apply(site, ("event", ("summit", "Summit", 5, [], "public")))
        session.rebuild()
        assert not session.plugin.incremental.is_kept("en", "newsletter/2026-01-winter.md")
        assert "Winter" in (tmp_path / "served" / "404.html").read_text(encoding="utf-8")
        assert_same_as_a_fresh_build(site, tmp_path / "served", tmp_path)
    finally:
        session.close()


def test_links_to_anchors_are_checked_as_a_fresh_build_checks_them(tmp_path: Path) -> None:
    """MkDocs checks a link's anchor after every page is rendered: a kept issue keeps its anchors for
    the pages that link to it, and an issue linking to another page's anchor is never kept."""
    site = start(tmp_path / "site")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "validation:\n  anchors: warn\n", encoding="utf-8")
    site.write("content/newsletter/2026-01-winter.md", plain_issue("Winter", 1))
    site.write("content/newsletter/2026-02-mid.md", plain_issue("Mid", 2))
    site.write("content/newsletter/2026-03-spring.md", plain_issue("Spring", 3))
    missing = "does not contain an anchor '#nope'"
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        session.rebuild()
        # Winter now links to an anchor Spring has and one it lacks; Spring is not Winter's neighbour, so it is kept.
        site.write("content/newsletter/2026-01-winter.md", plain_issue("Winter", 1, " See [spring](2026-03-spring.md#later-part) and [this](2026-03-spring.md#nope)."))
        log = session.rebuild()
        assert session.plugin.incremental.is_kept("en", "newsletter/2026-03-spring.md")
        assert missing in log and "#later-part" not in log, "checked against the kept page's anchors, as a fresh build does"
        apply(site, ("event", ("summit", "Summit", 5, [], "public")))
        log = session.rebuild()
        assert not session.plugin.incremental.is_kept("en", "newsletter/2026-01-winter.md")
        assert missing in log, "the warning shows on every rebuild"
        site.write("content/newsletter/2026-01-winter.md", plain_issue("Winter", 1, " See [spring](2026-03-spring.md#later-part)."))
        session.rebuild()
        site.write("content/newsletter/2026-03-spring.md", plain_issue("Spring", 3).replace("## Later part", "## Renamed part"))
        log = session.rebuild()
        assert "does not contain an anchor '#later-part'" in log, "a link into a changed page is checked again"
        assert_same_as_a_fresh_build(site, tmp_path / "served", tmp_path)
    finally:
        session.close()


def test_switching_a_plugin_off_builds_every_page_again(tmp_path: Path) -> None:
    """The theme shows which plugins are on (Material's search box): they are part of every page's key."""
    site = start(tmp_path / "site")
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        session.rebuild()
        config = site.root / "mkdocs.yml"
        assert "  - search\n" in config.read_text(encoding="utf-8")
        config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", ""), encoding="utf-8")
        session.rebuild()
        assert not session.plugin.incremental.skipped.get("en")
        assert_same_as_a_fresh_build(site, tmp_path / "served", tmp_path)
    finally:
        session.close()


@pytest.mark.parametrize("edit", ["member", "event"])
def test_the_same_plugin_instance_serves_every_rebuild(tmp_path: Path, edit: str) -> None:
    """The cache lives on the plugin instance: MkDocs must keep it between configuration loads."""
    site = start(tmp_path / "site")
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        session.rebuild()
        first = session.plugin
        apply(site, ("member", ("acme", "Acme Imaging", "sme", [], [], "RO")) if edit == "member" else ("event", ("summit", "Summit", 4, [], "public")))
        session.rebuild()
        assert session.plugin is first
    finally:
        session.close()


def test_a_rebuild_reads_only_the_changed_data_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parse cache: unchanged member, event and opportunity files are neither read as YAML nor validated again."""
    from clustersite.sources import events as event_source
    from clustersite.sources import members as member_source
    from clustersite.sources import opportunities as opportunity_source

    read: list[str] = []
    for module in (member_source, event_source, opportunity_source):
        original = module.read_yaml_file
        monkeypatch.setattr(module, "read_yaml_file", lambda path, display, original=original: (read.append(display), original(path, display))[1])
    site = start(tmp_path / "site")
    for slug in SLUGS[2:]:
        site.member(slug, member_text(slug.title(), "sme", ["mri"], [], "RO"))
    apply(site, ("job", "Imaging", "2027-01-31", ["acme"]))
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        session.rebuild()
        assert sorted(read) == sorted([f"members/{slug}.yml" for slug in SLUGS] + ["events/summit.yml", "opportunities/engineer.yml"])
        read.clear()
        apply(site, ("member", ("delta-scan", "Delta Scan", "hospital", ["pet"], [], "RO")))
        apply(site, ("touch", "acme"))  # new time stamps, the same bytes: hashed, not parsed
        session.rebuild()
        assert read == ["members/delta-scan.yml"]
        apply(site, ("job", "Software", "2027-01-31", ["acme"]))
        session.rebuild()
        assert read == ["members/delta-scan.yml", "opportunities/engineer.yml"]
        assert "Software engineer" in (tmp_path / "served" / "opportunities" / "engineer" / "index.html").read_text(encoding="utf-8")
        assert "Hospital" in (tmp_path / "served" / "members" / "delta-scan" / "index.html").read_text(encoding="utf-8")
    finally:
        session.close()


def test_a_rebuild_that_fails_half_way_through_moving_files_is_followed_by_a_whole_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that cannot be replaced (held open on Windows, a full disk) stops the move half-way:
    the served folder is then not what the plugin last knew, so the next rebuild keeps nothing.
    Here the member's new page was moved in, then the sitemap failed; the edit is undone, so the
    page's inputs equal the last finished rebuild's again, while the served file is the new one."""
    from clustersite import incremental

    site = start(tmp_path / "site")
    served = tmp_path / "served"
    original = (site.root / "members" / "acme.yml").read_text(encoding="utf-8")
    session = ServeSession(site.root, served, fresh=True)
    try:
        session.rebuild()

        def replace_but_not_the_sitemap(source: str, target: str) -> None:
            if str(target).endswith("sitemap.xml"):
                raise PermissionError(13, "The process cannot access the file", str(target))
            os.rename(source, target)

        monkeypatch.setattr(incremental.os, "replace", replace_but_not_the_sitemap)
        apply(site, ("member", ("acme", "Echo Labs", "sme", ["mri"], ["borealis"], "RO")))
        with pytest.raises(PermissionError):
            session.rebuild()
        assert "Echo Labs" in (served / "members" / "acme" / "index.html").read_text(encoding="utf-8")
        monkeypatch.undo()
        site.member("acme", original)
        session.rebuild()
        assert_same_as_a_fresh_build(site, served, tmp_path)
    finally:
        session.close()


def test_a_change_of_language_renders_every_word_again(tmp_path: Path) -> None:
    """Cached parts are kept per language: a template's words come from the catalogue, not from its inputs."""
    site = start(tmp_path / "site")
    session = ServeSession(site.root, tmp_path / "served", fresh=True)
    try:
        session.rebuild()
        apply(site, ("language", "ro"))
        session.rebuild()
        assert_same_as_a_fresh_build(site, tmp_path / "served", tmp_path)
        apply(site, ("language", "en"))
        session.rebuild()
        assert_same_as_a_fresh_build(site, tmp_path / "served", tmp_path)
    finally:
        session.close()


def test_check_after_a_serve_in_the_same_process_still_reports_errors(tmp_path: Path) -> None:
    """MkDocs hands `check` the plugin instance a serve in this process used (its plugin cache):
    check must still refuse bad data, not take it for serve mode's error page and say all is valid."""
    from clustersite.dryrun import dry_run

    site = start(tmp_path / "site")
    session = ServeSession(site.root, tmp_path / "served")  # not fresh: the instances stay in MkDocs' cache
    try:
        session.rebuild()
        site.member("borealis", member_text("Borealis Medical", "no-such-type", ["pet"], [], "DE"))
        data, errors = dry_run(site.root / "mkdocs.yml")
    finally:
        session.close()
    assert data is None
    assert any(error.field == "type" and "borealis" in error.path for error in errors), errors
