"""Hostile files around the data: links out of the repository, active content, far dates, deceptive addresses.

Each case fails `clustersite check` and the build with one line and publishes nothing.
The link cases point where an attacker would: the build machine's environment and
accounts, a device that never ends, CI's token in `.git/config`, the member files'
`internal:` notes.
"""

from __future__ import annotations

from sitefactory import CLUSTER_YML

from .cases import SVG, VALID_EVENT, VALID_ISSUE, Case, logo, member, with_key


def link(id: str, path: str, target: str, *extra: tuple[str, str | bytes]) -> Case:
    """A case whose file `path` is a link to `target`."""
    return Case(f"files-{id}", path, "", tuple(extra), symlinks=((path, target),))


def docs_svg(id: str, body: str, raw: str | None = None) -> Case:
    return Case(f"files-{id}", "content/img/diagram.svg", raw if raw is not None else SVG.format(body))


ISSUE_WITH_IMAGE = VALID_ISSUE.replace("summary:", "image: images/cover.png\nsummary:")


def event(id: str, text: str) -> Case:
    return Case(f"files-{id}", "events/day.yml", text)


def issue(id: str, text: str) -> Case:
    return Case(f"files-{id}", "content/newsletter/spring.md", text)


CASES: list[Case] = [
    # 1. nothing from outside the repository: every kind of file, every folder the build reads
    link("docs-environ", "content/env.txt", "/proc/self/environ"),
    link("docs-nested-passwd", "content/about/team/passwd.txt", "/etc/passwd"),
    link("docs-folder-outside", "content/etc", "/etc"),
    link("docs-dev-zero", "content/zero.bin", "/dev/zero"),
    link("docs-dangling", "content/gone.png", "missing.png"),
    link("docs-folder-loop", "content/again", "."),
    link("docs-git-config", "content/config.txt", "../.git/config", (".git/config", '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n')),
    link("docs-virtualenv", "content/python.txt", "../.venv/pyvenv.cfg", (".venv/pyvenv.cfg", "home = /usr/bin\n")),
    link("docs-member-internal", "content/fees.yml", "../members/valid-member.yml"),
    link("member-file", "members/acme.yml", "/etc/passwd"),
    link("member-not-yaml", "members/acme.yml", "../notes.txt", ("notes.txt", "Dear office, the password of the shared account is hunter2.\n")),
    link("event-file", "events/day.yml", "/proc/self/environ"),
    link("profile", "cluster.yml", "/etc/hostname"),
    link("schema", "schemas/member.schema.json", "/etc/passwd"),
    link("logo", "members/logos/acme.png", "/etc/passwd", ("members/acme.yml", with_key("logo: logos/acme.png"))),
    link("newsletter-image", "content/newsletter/images/cover.png", "/etc/passwd", ("content/newsletter/spring.md", ISSUE_WITH_IMAGE)),
    link("attachment", "content/newsletter/files/report.pdf", "/etc/passwd", ("content/newsletter/spring.md", VALID_ISSUE + "[Report](files/report.pdf)\n")),
    # 2. no active content: HTML, script, XML anywhere in docs_dir; SVG made complete
    Case("files-docs-html", "content/landing.html", '<!doctype html><script>fetch("/").then(r => r.text())</script>'),
    Case("files-docs-javascript", "content/js/analytics.js", "document.cookie"),
    Case("files-docs-module", "content/js/app.mjs", "export default 1"),
    Case("files-docs-xslt", "content/feed.xsl", '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>'),
    Case("files-docs-xml", "content/data/sitemap.xml", "<urlset/>"),
    Case("files-docs-svgz", "content/img/map.svgz", b"\x1f\x8b\x08\x00"),
    Case("files-docs-flash", "content/media/intro.swf", b"FWS"),
    docs_svg("docs-svg-script", "<script>alert(document.domain)</script>"),
    docs_svg("docs-svg-handler", '<rect width="5" height="5" onclick="alert(1)"/>'),
    docs_svg("docs-svg-stylesheet-pi", "", '<?xml version="1.0"?><?xml-stylesheet href="https://tracker.example/a.css"?>' + SVG.format("<rect/>")),
    logo("svg-stylesheet-pi", "", raw=('<?xml-stylesheet type="text/xsl" href="https://evil.example/x.xsl"?>' + SVG.format("<rect/>")).encode()),
    logo("svg-css-escape-url", '<rect width="5" height="5" style="fill: u\\72l(https://tracker.example/p.png)"/>'),
    logo("svg-css-escape-import", '<style>@\\69mport "https://tracker.example/a.css";</style>'),
    logo("svg-style-split-by-element", '<style><title>x</title>@import "https://tracker.example/a.css";</style>'),
    logo("svg-feimage-src", '<filter id="f"><feImage src="https://tracker.example/p.png"/></filter>'),
    logo("svg-animate-href", '<a href="#x"><animate attributeName="href" values="javascript:alert(1)"/><rect width="5" height="5"/></a>'),
    logo("svg-set-handler", '<rect width="5" height="5"><set attributeName="onmouseover" to="alert(1)"/></rect>'),
    logo("svg-image-set", '<rect width="5" height="5" style="fill: -webkit-image-set(\'https://tracker.example/p.png\' 1x)"/>'),
    # 3. dates outside 1900-2200: refused before any calendar or feed computes with them
    event("event-start-year-9999", VALID_EVENT.replace("2027-05-12", "9999-12-31")),
    event("event-start-year-1-offset", VALID_EVENT.replace("2027-05-12", "0001-01-01T00:30+05:00")),
    event("event-end-far", VALID_EVENT + "end: 2201-01-01\n"),
    issue("issue-date-year-1000", VALID_ISSUE.replace("2027-03-01", "1000-03-01")),
    issue("issue-updated-year-3000", VALID_ISSUE.replace("summary:", "updated: 3000-01-01\nsummary:")),
    member("files-joined-year-1", with_key("joined: 0001-01-01")),
    # 4. web addresses that deceive: credentials, backslashes, homographs, hidden spaces
    member("files-website-credentials", with_key("website: https://paypal.com:login@evil.example/")),
    member("files-website-backslash", with_key("website: 'https://evil.example\\@acme.example/'")),
    member("files-website-homograph", with_key("website: https://p\u0430ypal.com/")),
    member("files-website-punycode-homograph", with_key("website: https://xn--pypal-4ve.com/")),
    member("files-website-whole-script-homograph", with_key("website: https://\u0430\u0440\u0440\u04cf\u0435.com/")),
    member("files-careers-no-break-space", with_key("careers: 'https://acme.example/jobs\u00a0now'")),
    event("event-registration-credentials", VALID_EVENT + "registration: https://user@tickets.example/\n"),
    event("event-online-homograph", VALID_EVENT.replace("https://meet.example.org/day", "https://m\u0435et.example.org/day")),
    Case("files-profile-social-credentials", "cluster.yml", CLUSTER_YML + "social:\n  mastodon: https://mastodon.example:pass@evil.example/@cluster\n"),
]
