"""The corpus of hostile and broken input: each case is one file added to a valid site.

Every case must fail the build and `clustersite check` with exactly the one-line error in
`expected.txt` (file:line: field: message (hint)), never a traceback, never partial output.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitefactory import CLUSTER_YML

VALID_MEMBER = """\
name: Acme Imaging
type: sme
summary: Imaging software for hospitals.
country: RO
"""

VALID_EVENT = """\
title: Imaging day
type: conference
start: 2027-05-12
online: https://meet.example.org/day
summary: A day of talks.
"""

VALID_ISSUE = """\
---
title: Spring issue
date: 2027-03-01
summary: News of the spring.
---
Hello.
"""

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


@dataclass(frozen=True)
class Case:
    id: str
    path: str
    content: str | bytes
    extra: tuple[tuple[str, str | bytes], ...] = ()
    """Other files the case needs (a logo, a second file)."""
    symlinks: tuple[tuple[str, str], ...] = ()
    """Links the case needs: (path in the site, target as the link stores it, e.g. /etc/passwd)."""
    fifos: tuple[str, ...] = ()
    """Named pipes the case needs (paths in the site): opening one would block the build for ever."""


def member(id: str, content: str | bytes, *extra: tuple[str, str | bytes], path: str = "members/acme.yml") -> Case:
    return Case(f"member-{id}", path, content, tuple(extra))


def with_key(line: str) -> str:
    return VALID_MEMBER + line + "\n"


def logo(id: str, svg_body: str, name: str = "evil.svg", raw: bytes | None = None) -> Case:
    data = raw if raw is not None else SVG.format(svg_body).encode()
    return member(id, with_key(f"logo: logos/{name}"), (f"members/logos/{name}", data))


CASES: list[Case] = [
    # script and event-handler injection where markup has no place
    member("name-script", VALID_MEMBER.replace("Acme Imaging", "<script>alert(1)</script>")),
    member("name-img-onerror", VALID_MEMBER.replace("Acme Imaging", "Acme <img src=x onerror=alert(1)>")),
    member("name-control-char", VALID_MEMBER.replace("Acme Imaging", '"Acme\\a Imaging"')),
    member("summary-bidi-override", VALID_MEMBER.replace("Imaging software for hospitals.", '"Imaging \\u202e software"')),
    member("name-line-break", VALID_MEMBER.replace("name: Acme Imaging", "name: |\n  Acme\n  Imaging")),
    member("name-empty", VALID_MEMBER.replace("Acme Imaging", '""')),
    member("name-too-long", VALID_MEMBER.replace("Acme Imaging", "A" * 161)),
    # dangerous URLs, also disguised
    member("website-javascript", with_key("website: javascript:alert(1)")),
    member("website-javascript-mixed-case", with_key("website: JaVaScRiPt:alert(1)")),
    member("website-javascript-spaces", with_key('website: "  javascript:alert(1)"')),
    member("website-javascript-tab", with_key('website: "java\\tscript:alert(1)"')),
    member("website-javascript-entity", with_key('website: "&#106;avascript:alert(1)"')),
    member("website-javascript-newline", with_key('website: "java\\nscript:alert(1)"')),
    member("website-data", with_key("website: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")),
    member("website-vbscript", with_key("website: vbscript:msgbox(1)")),
    member("website-no-host", with_key("website: https://")),
    member("careers-ftp", with_key("careers: ftp://acme.example/jobs")),
    member("contact-email-script", with_key("contacts:\n  - name: Ana\n    email: '<script>@acme.example'")),
    # logos: path traversal, SVG carrying script, files that are not images
    member("logo-traversal", with_key("logo: ../../etc/passwd")),
    member("logo-absolute", with_key("logo: /etc/passwd.png")),
    member("logo-windows-absolute", with_key("logo: 'C:\\Windows\\logo.png'")),
    member("logo-not-an-image", with_key("logo: logos/tool.exe"), ("members/logos/tool.exe", b"MZ")),
    member("logo-fake-png", with_key("logo: logos/fake.png"), ("members/logos/fake.png", b"<html>not a png</html>")),
    logo("svg-script", "<script>alert(1)</script>"),
    logo("svg-onload", '<rect width="5" height="5" onload="alert(1)"/>'),
    logo("svg-javascript-href", '<a xlink:href="javascript:alert(1)"><rect width="5" height="5"/></a>'),
    logo("svg-foreign-object", "<foreignObject><div>hi</div></foreignObject>"),
    logo("svg-external-image", '<image href="https://tracker.example/pixel.png" width="5" height="5"/>'),
    logo("svg-entity", "", raw=b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "lol">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'),
    logo("svg-broken", "", raw=b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>"),
    # YAML 1.1 traps where they meet a typed field
    member("country-name", VALID_MEMBER.replace("country: RO", "country: Norway")),
    member("country-lower-case", VALID_MEMBER.replace("country: RO", "country: no")),
    member("country-boolean", VALID_MEMBER.replace("country: RO", "country: false")),
    member("joined-impossible-date", with_key("joined: 2024-13-45")),
    member("joined-sexagesimal", with_key("joined: 1:30")),
    member("type-yes", VALID_MEMBER.replace("type: sme", "type: yes")),
    member("technology-octal-looking", with_key("technologies: [0123]")),
    # YAML structure
    member("duplicate-key", with_key("name: Acme again")),
    member("anchor-alias", with_key("city: &c Iasi\nregion: *c")),
    member("alias-bomb", 'a: &a ["x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n'),
    member("tab-indent", with_key("location:\n\tlat: 47.1")),
    member("python-tag", with_key("city: !!python/object/apply:os.system ['id']")),
    member("invalid-utf8", VALID_MEMBER.encode().replace(b"Acme", b"Acm\xe9")),
    member("utf16", VALID_MEMBER.encode("utf-16")),
    member("empty-file", ""),
    member("only-comments", "# yaml-language-server: $schema=../schemas/member.schema.json\n"),
    member("list-instead-of-mapping", "- name: Acme\n- type: sme\n"),
    member("scalar-instead-of-mapping", "Acme Imaging\n"),
    member("five-megabytes", VALID_MEMBER + "description: " + "x" * (5 * 1024 * 1024) + "\n"),
    member("summary-too-long", VALID_MEMBER.replace("Imaging software for hospitals.", "s" * 281)),
    member("description-too-long", with_key("description: " + "d" * 20001)),
    member("unclosed-quote", with_key('city: "Iasi')),
    # names of files
    member("slug-upper-case", VALID_MEMBER, path="members/Acme.yml"),
    member("slug-collision", VALID_MEMBER, ("members/acme.yaml", VALID_MEMBER)),
    member("slug-spaces", VALID_MEMBER, path="members/acme imaging.yml"),
    # unknown keys, wrong types in every kind of field
    member("unknown-key", with_key("websit: https://acme.example")),
    member("unknown-nested-key", with_key("contacts:\n  - name: Ana\n    mail: ana@acme.example")),
    member("name-list", VALID_MEMBER.replace("name: Acme Imaging", "name: [Acme, Imaging]")),
    member("location-text", with_key("location: Iasi")),
    member("location-lat-text", with_key("location: {lat: north, lon: 27.6}")),
    member("location-out-of-range", with_key("location: {lat: 47.1, lon: 270}")),
    member("contacts-mapping", with_key("contacts: {name: Ana}")),
    member("partners-text", with_key("partners: beta")),
    member("internal-list", with_key("internal: [fee, 100]")),
    member("joined-list", with_key("joined: [2024]")),
    member("public-maybe", with_key("contacts:\n  - name: Ana\n    public: maybe")),
    member("roles-unknown", with_key("roles: [manufacturor]")),
    member("identifiers-ror", with_key("identifiers: {ror: 'https://ror.org/search?q=acme'}")),
    member("partner-unknown", with_key("partners: [acme-imagign]"), ("members/acme-imaging.yml", VALID_MEMBER)),
    member("partner-self", with_key("partners: [acme]")),
    member("phone-letters", with_key("contacts:\n  - name: Ana\n    phone: call me")),
    # events
    Case("event-impossible-date", "events/day.yml", VALID_EVENT.replace("2027-05-12", "2027-02-30")),
    Case("event-end-before-start", "events/day.yml", VALID_EVENT + "end: 2027-05-11\n"),
    Case("event-unknown-organiser", "events/day.yml", VALID_EVENT + "organisers: [nobody]\n"),
    Case("event-unknown-timezone", "events/day.yml", VALID_EVENT.replace("2027-05-12", "2027-05-12T09:00") + "timezone: Europe/Iasi\n"),
    Case("event-registration-javascript", "events/day.yml", VALID_EVENT + "registration: javascript:alert(1)\n"),
    Case("event-online-data-url", "events/day.yml", VALID_EVENT + "online: data:text/html,hi\n"),
    Case("event-title-script", "events/day.yml", VALID_EVENT.replace("Imaging day", "<script>alert(1)</script>")),
    Case("event-audience-unknown", "events/day.yml", VALID_EVENT + "audience: [everyone]\n"),
    Case("event-status-unknown", "events/day.yml", VALID_EVENT + "status: maybe\n"),
    Case("event-start-time-only", "events/day.yml", VALID_EVENT.replace("2027-05-12", "'9:30'")),
    # newsletter issues
    Case("issue-missing-date", "content/newsletter/spring.md", VALID_ISSUE.replace("date: 2027-03-01\n", "")),
    Case("issue-title-script", "content/newsletter/spring.md", VALID_ISSUE.replace("Spring issue", "<script>alert(1)</script>")),
    Case("issue-audience-unknown", "content/newsletter/spring.md", VALID_ISSUE.replace("summary:", "audience: [everyone]\nsummary:")),
    Case("issue-unknown-member", "content/newsletter/spring.md", VALID_ISSUE.replace("summary:", "members: [nobody]\nsummary:")),
    Case("issue-front-matter-yaml", "content/newsletter/spring.md", VALID_ISSUE.replace("summary: News of the spring.", "summary: [unclosed")),
    # the cluster profile and content pages
    Case("profile-mission-missing", "cluster.yml", "\n".join(line for line in CLUSTER_YML.splitlines() if not line.startswith("mission:")) + "\n"),
    Case("profile-social-javascript", "cluster.yml", CLUSTER_YML + "social:\n  linkedin: javascript:alert(1)\n"),
    Case("profile-featured-unknown", "cluster.yml", CLUSTER_YML + "featured: [nobody]\n"),
    Case("profile-entry-page-missing", "cluster.yml", CLUSTER_YML.replace("page: for-public.md", "page: careers.md")),
    Case("page-audience-unknown", "content/internal.md", "---\naudience: [everyone]\n---\n# Internal\n"),
]
