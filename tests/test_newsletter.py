"""The newsletter: strict issue files, archive and issue pages, feeds, and e-mail files.

What matters most is what subscribers' software sees: feeds that parse, item IDs that
never change (an RSS-to-e-mail service sends an item with a new ID again to everyone),
dates from the content and not the clock, absolute URLs everywhere, and no issue for
members alone anywhere in the public edition.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import zlib
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from conftest import REPO, build_ok, run_build
from outputs import files_containing
from sitefactory import MKDOCS_YML, Site

HOST = "cluster.example.org"
SITE_URL = f"https://{HOST}/"
MEMBERS_SITE_URL = f"https://members.{HOST}/"
INTERNAL = "INTERNALMARK-4c1e"
"""Planted in the issue for members alone: it must appear in no file of the public edition."""

NAV = "  - Members: members/index.md\n"
PUBLIC_YML = MKDOCS_YML.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n").replace(NAV, NAV + "  - Newsletter: newsletter/index.md\n")
MEMBERS_YML = PUBLIC_YML.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      edition: members\n")


def png(width: int = 4, height: int = 2) -> bytes:
    """A small valid PNG, so tests need no image files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


ISSUES = {
    "2025-01-winter": """\
        ---
        title: Winter news from the cluster
        date: 2025-01-15
        number: 1
        summary: A new member and the summit.
        image: images/winter.png
        image_alt: Snow on the cyclotron
        members: [acme-imaging]
        events: [summit]
        ---

        Welcome to [Acme Imaging](../members/acme-imaging.md), our newest member.

        ## Details

        ![A chart](images/chart.png)

        <script>alert("x")</script>
        <a href="javascript:alert(1)" onclick="alert(2)">click</a>
        <img src="images/chart.png" onerror="alert(3)">

        See [the details](#details) and [the archive](index.md).
        """,
    "2025-03-internal": f"""\
        ---
        title: "Members' briefing {INTERNAL}"
        date: 2025-03-01
        summary: Fees and budget {INTERNAL}.
        audience: [members]
        image: images/internal.png
        events: [members-meeting]
        ---

        The budget for next year, {INTERNAL}: [the budget](files/budget.pdf).
        """,
    "2025-05-spring": """\
        ---
        title: Spring & news
        date: 2025-05-06
        number: 2
        audience: [members, community]
        image: images/chart.png
        ---

        Spring text.
        """,
    "2025-09-autumn": """\
        ---
        title: Autumn for everyone
        date: 2025-09-01
        updated: 2025-09-20
        number: 3
        audience: [public]
        ---

        Autumn text.
        """,
    "2026-01-new-year": """\
        ---
        title: A new year
        date: 2026-01-10
        ---

        New year text.
        """,
}

EVENTS = {
    "summit": "title: Imaging Summit\ntype: conference\nstart: 2026-10-15\nlocation: {city: Iași, country: RO}\nsummary: The yearly summit.\n",
    "members-meeting": "title: General Assembly\ntype: member-meeting\nstart: 2025-03-20\nlocation: {city: Iași, country: RO}\nsummary: Members only.\naudience: [members]\n",
}


def make_site(root: Path, mkdocs_yml: str = PUBLIC_YML, issues: dict[str, str] = ISSUES) -> Site:
    site = Site.create(root, mkdocs_yml)
    shutil.copytree(REPO / "overrides", root / "overrides")
    site.member("acme-imaging", name="Acme Imaging")
    site.member("beta-labs", name="Beta Labs")
    for slug, text in EVENTS.items():
        site.write(f"{private_if_members_only(text)}events/{slug}.yml", text)
    for name in ("winter", "chart"):
        site.write(f"content/newsletter/images/{name}.png", png())
    site.write("private/content/newsletter/images/internal.png", png())  # the members' issue's files live with it
    site.write("private/content/newsletter/files/budget.pdf", f"%PDF-1.4 {INTERNAL}\n")
    for stem, text in issues.items():
        site.write(f"{private_if_members_only(text)}content/newsletter/{stem}.md", text)
    return site


def private_if_members_only(text: str) -> str:
    """The private folder's prefix for data for members alone: it may not be in the public repository."""
    return "private/" if "audience: [members]\n" in text else ""


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ok(make_site(tmp_path_factory.mktemp("public") / "site"))


@pytest.fixture(scope="module")
def members(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ok(make_site(tmp_path_factory.mktemp("members") / "site", MEMBERS_YML), "site-members")


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def urls_in(html: str) -> list[str]:
    return re.findall(r'\b(?:href|src)\s*=\s*["\']?([^"\'\s>]*)', html)


def relative_urls(html: str) -> list[str]:
    return [url for url in urls_in(html) if not re.match(r"^(https://|mailto:)", url)]


# --------------------------------------------------------------------------------------
# Issue files: every error names file, line and field, with a hint

VALID = "---\ntitle: Spring issue\ndate: 2025-04-01\n---\nText.\n"

CASES = [
    (VALID.replace("date: 2025-04-01\n", ""), "content/newsletter/x.md:2: date: is required (add `date: …`)"),
    (VALID.replace("2025-04-01", "1 April 2025"), 'content/newsletter/x.md:3: date: "1 April 2025" is not a date (write it as YYYY-MM-DD, e.g. 2024-03-01)'),
    (VALID.replace("---\nText", "audience: [memebrs]\n---\nText"), 'content/newsletter/x.md:4: audience[0]: "memebrs" is not one of the allowed values (did you mean "members"?)'),
    (VALID.replace("---\nText", "members: [acme-imagin]\n---\nText"), 'content/newsletter/x.md:4: members[0]: "acme-imagin" is not a member (did you mean "acme-imaging"?)'),
    (VALID.replace("---\nText", "members:\n  - beta-labs\n  - nobody\n---\nText"), 'content/newsletter/x.md:6: members[1]: "nobody" is not a member: there is no members/nobody.yml (remove this line if the member left the cluster; if its file was renamed, write the new name here and add `previous_slugs: [nobody]` to that file)'),
    (VALID.replace("---\nText", "events: [sumit]\n---\nText"), 'content/newsletter/x.md:4: events[0]: "sumit" is not an event (did you mean "summit"?)'),
    (VALID.replace("---\nText", "summry: Hello\n---\nText"), 'content/newsletter/x.md:4: summry: unknown key "summry" (did you mean "summary"?)'),
    (VALID.replace("---\nText", "number: twelve\n---\nText"), 'content/newsletter/x.md:4: number: expected a whole number, got "twelve" (write digits only, e.g. 12)'),
    (VALID.replace("---\nText", "image: images/banner.svg\n---\nText"), 'content/newsletter/x.md:4: image: "images/banner.svg" is not a PNG, JPEG or GIF image (e-mail programs do not show SVG or WebP: export the image as PNG or JPEG)'),
    (VALID.replace("---\nText", "image: images/missing.png\n---\nText"), 'content/newsletter/x.md:4: image: the file "images/missing.png" does not exist (add the image to the pull request or fix the path)'),
    (VALID.replace("---\nText", "image: ../../members/acme-imaging.yml.png\n---\nText"), 'content/newsletter/x.md:4: image: "../../members/acme-imaging.yml.png" is not inside the newsletter folder (put the image in the newsletter\'s images/ folder and write images/<file>)'),
    (VALID.replace("---\nText", "updated: 2025-03-01\n---\nText"), "content/newsletter/x.md:4: updated: 2025-03-01 is before the issue's date 2025-04-01 (an update comes after publication: fix the dates)"),
    (VALID.replace("---\nText", "id: not a uri\n---\nText"), 'content/newsletter/x.md:4: id: "not a uri" is not a permanent ID (write a tag: URI, e.g. tag:cluster.example.org,2025-03-14:newsletter/12, or remove the key)'),
    (VALID.replace("Spring issue", "<script>alert(1)</script>"), 'content/newsletter/x.md:2: title: "<script>" looks like HTML, which a name or title cannot contain (write plain text; a < before a space or digit, as in "doses < 1 mSv", is fine)'),
    (VALID.replace("Spring issue", "Spring: the issue"), "content/newsletter/x.md:2: this is not valid YAML: mapping values are not allowed in this context (check the indentation and the quotes)"),
    (VALID.replace("title: Spring issue", "title: Spring issue\ntitle: Again"), 'content/newsletter/x.md:3: duplicate key "title" (first on line 2) (keep one of them; YAML would silently drop the other)'),
    ("# Spring issue\n\nText.\n", "content/newsletter/x.md:1: the issue has no front matter (start the file with a `---` line, `title: …` and `date: YYYY-MM-DD`, and a closing `---` line)"),
    ("---\n---\nText.\n", "content/newsletter/x.md:1: the front matter is empty (add at least `title: …` and `date: YYYY-MM-DD` between the `---` lines)"),
]


def load(site: Site):
    from clustersite.sources.newsletter import load_newsletter

    content = site.root / "content"
    return load_newsletter(content / "newsletter", site.root, content, member_slugs={"acme-imaging", "beta-labs"}, event_slugs={"summit"})


@pytest.mark.parametrize(("content", "expected"), CASES, ids=[c[1].split(": ", 2)[1] + ":" + str(i) for i, c in enumerate(CASES)])
def test_bad_issue_gives_one_clear_line(site: Site, content: str, expected: str) -> None:
    site.write("content/newsletter/x.md", content)
    records, errors = load(site)
    assert [str(error) for error in errors] == [expected]
    assert records == []


def test_file_names_and_feed_ids_must_be_unique(site: Site) -> None:
    site.write("content/newsletter/Spring Issue.md", VALID)
    site.write("content/newsletter/index.md", VALID)
    site.write("content/newsletter/a.md", VALID.replace("---\nText", "number: 4\n---\nText"))
    site.write("content/newsletter/b.md", VALID.replace("---\nText", "number: 4\n---\nText"))
    _, errors = load(site)
    assert [str(error) for error in errors] == [
        'content/newsletter/Spring Issue.md: the file name "Spring Issue.md" is not a valid slug (the slug is the permanent URL: rename it to "spring-issue.md")',
        'content/newsletter/index.md: the name "index.md" is used by the archive or the feeds (rename the file, e.g. to <date>-<topic>.md)',
        "content/newsletter/b.md:4: number: gives the same feed ID as content/newsletter/a.md (give the issues of one day different numbers (`number: …`), or one of them an `id:`)",
    ]


def test_errors_of_several_issues_fail_the_build_at_once_without_a_traceback(site: Site) -> None:
    site.member("acme-imaging")
    site.write("content/newsletter/a.md", VALID.replace("2025-04-01", "2025-02-30"))
    site.write("content/newsletter/b.md", VALID.replace("---\nText", "members: [nobody]\n---\nText"))
    result = run_build(site.root)
    assert result.returncode != 0
    assert "content/newsletter/a.md:3: date: expected a date (YYYY-MM-DD), got \"2025-02-30\"" in result.stderr
    assert 'content/newsletter/b.md:4: members[0]: "nobody" is not a member' in result.stderr
    assert "Traceback" not in result.stderr


def test_the_model_reads_typed_values_and_defaults(site: Site) -> None:
    site.write("content/newsletter/x.md", VALID.replace("---\nText", "number: 12\nsummary: 'NO'\n---\nText"))
    [record], errors = load(site)
    assert errors == []
    assert record.issue.number == 12 and record.issue.summary == "NO"
    assert record.issue.audience == ["members", "community", "public"]
    assert record.body == "Text.\n" and record.src_uri == "newsletter/x.md"


# --------------------------------------------------------------------------------------
# Feeds


def test_every_feed_parses_without_errors(public: Path, members: Path) -> None:
    found = [(out, path) for out in (public, members) for name in ("rss.xml", "atom.xml") for path in sorted(out.glob(f"newsletter/**/{name}"))]
    assert len(found) == 2 * 3 + 2 * 4  # rss and atom: combined and per audience, in each edition
    for _, path in found:
        assert parse(path).entries
    for out in (public, members):
        for path in sorted(out.glob("newsletter/**/feed.json")):
            document = json.loads(path.read_text(encoding="utf-8"))
            assert document["version"] == "https://jsonfeed.org/version/1.1"
            address = SITE_URL if out == public else MEMBERS_SITE_URL  # each edition links to where it is hosted
            assert document["feed_url"] == address + path.relative_to(out).as_posix()
            assert document["items"]
            for item in document["items"]:
                assert {"id", "url", "title", "content_html", "date_published", "date_modified"} <= item.keys()


PUBLIC_IDS = [
    f"tag:{HOST},2026-01-10:newsletter",
    f"tag:{HOST},2025-09-01:newsletter/3",
    f"tag:{HOST},2025-05-06:newsletter/2",
    f"tag:{HOST},2025-01-15:newsletter/1",
]


def test_feed_ids_dates_links_and_self_links(public: Path) -> None:
    rss = parse(public / "newsletter/rss.xml")
    atom = parse(public / "newsletter/atom.xml")
    document = json.loads((public / "newsletter/feed.json").read_text(encoding="utf-8"))
    assert [entry.id for entry in rss.entries] == PUBLIC_IDS
    assert [entry.id for entry in atom.entries] == PUBLIC_IDS
    assert [item["id"] for item in document["items"]] == PUBLIC_IDS
    assert [entry.guidislink for entry in rss.entries] == [False] * 4  # isPermaLink="false": the ID is no URL to fetch

    # The dates are the issues' own, in the site's time zone; the feed's date is the newest issue's.
    assert [entry.published for entry in rss.entries] == [
        "Sat, 10 Jan 2026 00:00:00 +0200",
        "Mon, 01 Sep 2025 00:00:00 +0300",
        "Tue, 06 May 2025 00:00:00 +0300",
        "Wed, 15 Jan 2025 00:00:00 +0200",
    ]
    assert atom.entries[1].published == "2025-09-01T00:00:00+03:00" and atom.entries[1].updated == "2025-09-20T00:00:00+03:00"
    assert document["items"][1]["date_published"] == "2025-09-01T00:00:00+03:00" and document["items"][1]["date_modified"] == "2025-09-20T00:00:00+03:00"
    assert rss.feed.updated == "Sat, 10 Jan 2026 00:00:00 +0200"  # lastBuildDate
    assert atom.feed.updated == "2026-01-10T00:00:00+02:00"

    # Each feed links to itself and to the archive.
    for parsed, name, _media_type in ((rss, "rss.xml", "application/rss+xml"), (atom, "atom.xml", "application/atom+xml")):
        links = {(link.rel, link.href) for link in parsed.feed.links}
        assert ("self", f"{SITE_URL}newsletter/{name}") in links
        assert parsed.feed.link == f"{SITE_URL}newsletter/"
    assert document["feed_url"] == f"{SITE_URL}newsletter/feed.json" and document["home_page_url"] == f"{SITE_URL}newsletter/"

    assert [entry.link for entry in rss.entries][-1] == f"{SITE_URL}newsletter/2025-01-winter/"
    assert rss.entries[-1].title == "Winter news from the cluster" and rss.entries[-1].summary == "A new member and the summit."
    assert document["items"][-1]["image"] == f"{SITE_URL}newsletter/images/winter.png"


def test_feed_content_is_full_html_with_absolute_urls(public: Path) -> None:
    raw = {
        # An item with a summary has it as <description> and the text as content:encoded;
        # one without has the text as <description>, which feedparser calls its summary.
        "rss": [entry.content[0].value if "content" in entry else entry.summary for entry in parse(public / "newsletter/rss.xml").entries],
        "atom": [entry.content[0].value for entry in parse(public / "newsletter/atom.xml").entries],
        "json": [item["content_html"] for item in json.loads((public / "newsletter/feed.json").read_text())["items"]],
    }
    for kind, contents in raw.items():
        winter = contents[-1]
        assert f'href="{SITE_URL}members/acme-imaging/"' in winter, kind
        assert f'src="{SITE_URL}newsletter/images/chart.png"' in winter, kind
        assert f'href="{SITE_URL}newsletter/2025-01-winter/#details"' in winter, kind
        assert f'href="{SITE_URL}events/summit/"' in winter, kind  # "In this issue"
        assert "In this issue" in winter and "Imaging Summit" in winter
        for content in contents:
            assert relative_urls(content) == [], kind
            assert "javascript:" not in content and "<script" not in content and "onerror" not in content
    # The unparsed files, too: nothing relative hides where feedparser would resolve it.
    for path in public.glob("newsletter/**/*.xml"):
        text = path.read_text(encoding="utf-8").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        assert relative_urls(text) == [], path


def test_a_feed_per_audience(public: Path, members: Path) -> None:
    def ids(out: Path, path: str) -> list[str]:
        return [entry.id for entry in parse(out / path).entries]

    assert ids(public, "newsletter/community/rss.xml") == [PUBLIC_IDS[0], PUBLIC_IDS[2], PUBLIC_IDS[3]]
    assert ids(public, "newsletter/public/atom.xml") == [PUBLIC_IDS[0], PUBLIC_IDS[1], PUBLIC_IDS[3]]
    assert not (public / "newsletter/members").exists()
    internal = f"tag:{HOST},2025-03-01:newsletter"
    assert internal in ids(members, "newsletter/members/rss.xml") and internal in ids(members, "newsletter/rss.xml")
    assert internal not in ids(members, "newsletter/community/rss.xml")


def test_two_builds_are_byte_identical(public: Path, tmp_path: Path) -> None:
    again = build_ok(make_site(tmp_path / "again"))
    first = {p.relative_to(public).as_posix(): p.read_bytes() for p in sorted((public / "newsletter").rglob("*")) if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in sorted((again / "newsletter").rglob("*")) if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_feed_id_survives_a_new_title_and_a_moved_file(public: Path, tmp_path: Path) -> None:
    issues = dict(ISSUES)
    issues["2025-01-winter-news"] = issues.pop("2025-01-winter").replace("Winter news from the cluster", "Winter 2025, a new member and the Imaging Summit")
    issues["new-year"] = issues.pop("2026-01-new-year").replace("A new year", "Happy new year")
    out = build_ok(make_site(tmp_path / "renamed", issues=issues))
    before = {entry.id: entry for entry in parse(public / "newsletter/atom.xml").entries}
    after = {entry.id: entry for entry in parse(out / "newsletter/atom.xml").entries}
    assert list(after) == list(before) == PUBLIC_IDS
    assert after[PUBLIC_IDS[3]].title == "Winter 2025, a new member and the Imaging Summit"
    assert after[PUBLIC_IDS[3]].link == f"{SITE_URL}newsletter/2025-01-winter-news/"
    assert after[PUBLIC_IDS[0]].title == "Happy new year" and after[PUBLIC_IDS[0]].link == f"{SITE_URL}newsletter/new-year/"


def test_an_explicit_id_is_kept_when_the_date_is_corrected(tmp_path: Path) -> None:
    issues = {"2025-01-winter": ISSUES["2025-01-winter"].replace("date: 2025-01-15", f"date: 2025-01-16\n        id: tag:{HOST},2025-01-15:newsletter/1")}
    out = build_ok(make_site(tmp_path / "corrected", issues=issues))
    [entry] = parse(out / "newsletter/rss.xml").entries
    assert entry.id == PUBLIC_IDS[3] and entry.published == "Thu, 16 Jan 2025 00:00:00 +0200"


def test_feeds_need_a_site_url(tmp_path: Path) -> None:
    site = make_site(tmp_path / "nourl", PUBLIC_YML.replace(f"site_url: {SITE_URL}\n", ""))
    result = run_build(site.root)
    assert result.returncode != 0
    assert "mkdocs.yml: site_url: is required for the newsletter" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------------------
# Pages


def test_archive_by_year_newest_first_with_the_feeds(public: Path) -> None:
    html = (public / "newsletter/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="year-(\d{4})">', html) == ["2026", "2025"]
    assert re.findall(r'data-issue="([^"]+)"', html) == ["2026-01-new-year", "2025-09-autumn", "2025-05-spring", "2025-01-winter"]
    assert 'href="rss.xml"' in html and 'href="community/atom.xml"' in html and 'href="public/feed.json"' in html
    assert "members/rss.xml" not in html


def test_issue_page_header_mentions_and_previous_next(public: Path, members: Path) -> None:
    html = (public / "newsletter/2025-01-winter/index.html").read_text(encoding="utf-8")
    assert '<h1 class="cs-nl-issue__title">Winter news from the cluster</h1>' in html
    assert '<img class="cs-nl-issue__image" src="../images/winter.png" alt="Snow on the cyclotron">' in html
    assert '<a href="../../members/acme-imaging/">Acme Imaging</a>' in html and '<a href="../../events/summit/">Imaging Summit</a>' in html
    assert 'href="email.html"' in html
    assert 'rel="next" href="../2025-05-spring/"' in html and 'rel="prev"' not in html  # the internal issue is skipped
    spring = (members / "newsletter/2025-05-spring/index.html").read_text(encoding="utf-8")
    assert 'rel="prev" href="../2025-03-internal/"' in spring  # but not in the members' edition
    internal = (members / "newsletter/2025-03-internal/index.html").read_text(encoding="utf-8")
    assert "General Assembly" in internal and "Members only" in internal


def test_issue_text_is_sanitised_and_the_title_escaped(public: Path) -> None:
    html = (public / "newsletter/2025-01-winter/index.html").read_text(encoding="utf-8")
    body = html.split('class="cs-nl-issue__body"', 1)[1].split("</article>", 1)[0]
    assert "<script" not in body and "javascript:" not in body and "onclick" not in body and "onerror" not in body
    assert '<h2 id="details">Details</h2>' in body
    spring = (public / "newsletter/2025-05-spring/index.html").read_text(encoding="utf-8")
    assert '<h1 class="cs-nl-issue__title">Spring &amp; news</h1>' in spring
    assert "<title>Spring &amp; news - Test Cluster</title>" in spring


def test_feed_autodiscovery_in_every_page(public: Path) -> None:
    for path, url in (("index.html", ""), ("members/index.html", "members/"), ("newsletter/2025-01-winter/index.html", "newsletter/2025-01-winter/"), ("404.html", "404.html")):
        head = (public / path).read_text(encoding="utf-8").split("</head>", 1)[0]
        links = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', head)
        assert [(media_type, urljoin(SITE_URL + url, href)) for media_type, href in links] == [
            ("application/rss+xml", f"{SITE_URL}newsletter/rss.xml"),
            ("application/atom+xml", f"{SITE_URL}newsletter/atom.xml"),
            ("application/feed+json", f"{SITE_URL}newsletter/feed.json"),
        ], path


def test_issues_are_in_the_search_index_and_sitemap_but_not_the_nav(public: Path) -> None:
    index = json.loads((public / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "newsletter/2025-01-winter/" in locations and not any(location.startswith("newsletter/#") or location == "newsletter/" for location in locations)
    sitemap = (public / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}newsletter/2025-01-winter/" in sitemap and f"{SITE_URL}newsletter/" in sitemap


def test_latest_issue_for_the_homepage(site: Site) -> None:
    from clustersite.sitedata import SiteData

    site.write("content/newsletter/a.md", VALID.replace("---\nText", "audience: [community]\n---\nText"))
    site.write("private/content/newsletter/b.md", VALID.replace("2025-04-01", "2025-06-01"))  # for members alone: in the private folder
    records, errors = load(site)
    assert errors == []
    from clustersite.sources.newsletter import load_newsletter
    from clustersite.sources.tiers import Tier

    private = site.root / "private/content"
    members_only, errors = load_newsletter(private / "newsletter", site.root, private, member_slugs={"acme-imaging", "beta-labs"}, event_slugs={"summit"}, tier=Tier(private=True))
    assert errors == [] and members_only[0].issue.audience == ["members"]
    data = SiteData(root=site.root, vocabularies={}, members={}, newsletter=records + members_only)
    assert data.latest_issue("public").stem == "a"
    assert data.latest_issue("members").stem == "b"


# --------------------------------------------------------------------------------------
# Members-only issues in the public edition


def test_members_only_issue_is_nowhere_in_the_public_edition(public: Path, members: Path) -> None:
    assert files_containing(public, INTERNAL) == []
    assert files_containing(public, "2025-03-internal") == []
    assert not (public / "newsletter/images/internal.png").exists()  # its image went with it
    assert not (public / "newsletter/files/budget.pdf").exists()  # and the file it links
    assert (members / "newsletter/files/budget.pdf").exists()
    assert (public / "newsletter/images/chart.png").exists()  # used by public issues too
    assert "newsletter/2025-03-internal/index.html" in files_containing(members, INTERNAL)
    assert "search/search_index.json" in files_containing(members, INTERNAL)
    assert (members / "newsletter/images/internal.png").exists()


def test_example_site_withholds_the_internal_newsletters(example_site: Path) -> None:
    internal = [path.stem for path in (REPO / "example-private/content/newsletter").glob("*.md")]
    assert len(internal) >= 2
    for stem in internal:
        assert files_containing(example_site, stem) == [], stem
    assert files_containing(example_site, "Members' briefing") == []
    assert files_containing(example_site, "strategy-survey.png") == [] and not (example_site / "newsletter/images/strategy-survey.png").exists()


def test_example_issues_cover_the_archive() -> None:
    from clustersite.sources.newsletter import load_newsletter

    content = REPO / "content"
    members = {path.stem for path in (REPO / "members").glob("*.yml")}
    events = {path.stem for path in (REPO / "events").glob("*.yml")}
    records, errors = load_newsletter(content / "newsletter", REPO, content, member_slugs=members, event_slugs=events)
    assert errors == []
    from clustersite.sources.tiers import Tier

    private = REPO / "example-private/content"
    events |= {path.stem for path in (REPO / "example-private/events").glob("*.yml")}
    members_only, errors = load_newsletter(private / "newsletter", REPO, private, member_slugs=members, event_slugs=events, tier=Tier(private=True, private_name="example-private"))
    assert errors == [] and not any(record.issue.members_only for record in records)
    records = sorted(records + members_only, key=lambda record: record.sort_key)
    assert len(records) >= 8
    assert records[0].date.year == 2024 and records[-1].date.isoformat() <= "2026-11-30"
    assert sum(record.issue.members_only for record in records) == 2
    assert all(record.issue.summary for record in records)
    assert sum(bool(record.issue.image) for record in records) >= 3
    assert all(record.issue.members for record in records if not record.issue.members_only)


# --------------------------------------------------------------------------------------
# E-mail files


def check_email(html: str, page_url: str) -> None:
    from clustersite.email import GMAIL_CLIP_BYTES

    assert "<style" not in html.lower() and "<link" not in html.lower() and "<script" not in html.lower()
    assert relative_urls(html) == []
    assert len(html.encode("utf-8")) < GMAIL_CLIP_BYTES
    assert f'<a href="{page_url}"' in html and "View it in your browser" in html
    assert 'width="600"' in html and 'role="presentation"' in html
    assert 'style="' in html  # the CSS is inline now


def test_email_files_are_inlined_absolute_and_small(public: Path) -> None:
    for stem in ("2025-01-winter", "2025-05-spring", "2025-09-autumn", "2026-01-new-year"):
        html = (public / f"newsletter/{stem}/email.html").read_text(encoding="utf-8")
        check_email(html, f"{SITE_URL}newsletter/{stem}/")
    winter = (public / "newsletter/2025-01-winter/email.html").read_text(encoding="utf-8")
    assert f'src="{SITE_URL}newsletter/images/winter.png"' in winter and f'href="{SITE_URL}members/acme-imaging/"' in winter
    assert "javascript:" not in winter and "onerror" not in winter


def test_every_example_issue_has_a_good_email_file(example_site: Path) -> None:
    pages = sorted(example_site.glob("newsletter/*/index.html"))
    assert len(pages) >= 6
    for page in pages:
        email = page.parent / "email.html"
        check_email(email.read_text(encoding="utf-8"), f"https://carpathia-medimaging.example.org/newsletter/{page.parent.name}/")


def test_an_email_over_gmails_clipping_limit_is_a_warning(tmp_path: Path) -> None:
    long = "\n\n".join(f"Paragraph {n}: " + "the cluster's members met again to discuss imaging. " * 20 for n in range(120))
    site = make_site(tmp_path / "long", issues={"2025-01-long": f"---\ntitle: A long issue\ndate: 2025-01-01\n---\n\n{long}\n"})
    result = run_build(site.root)
    assert result.returncode != 0  # --strict turns the warning into a failed build
    assert "content/newsletter/2025-01-long.md: the e-mail version is" in result.stderr
    assert "over Gmail's 102 KB clipping limit" in result.stderr
