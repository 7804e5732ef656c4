"""Hostile and mistaken settings in mkdocs.yml: the `cluster` plugin's options and the MkDocs
settings the plugin relies on, and docs_dir files where the plugin generates its own.

MkDocs only warns about an unknown plugin option (the default silently stays in force) and
reports a wrong value without a line: each case here must fail the build and `clustersite
check` with one line naming mkdocs.yml's line, the option and a fix.
"""

from __future__ import annotations

from sitefactory import MKDOCS_YML

from .cases import VALID_ISSUE, Case


def options(id: str, *lines: str, replace: tuple[str, str] = ("", "")) -> Case:
    """mkdocs.yml with `lines` added first under the plugin's options (line 9 and on)."""
    text = MKDOCS_YML.replace("  - cluster:\n", "  - cluster:\n" + "".join(f"      {line}\n" for line in lines))
    if replace[0]:
        text = text.replace(*replace)
    return Case(f"options-{id}", "mkdocs.yml", text)


CASES: list[Case] = [
    options("unknown-time_zone", "time_zone: Europe/Bucharest"),
    options("unknown-no-near-name", "colour: purple"),
    options("edition-member", "edition: member"),
    options("edition-not-text", "edition: [members]"),
    options("members-dir-list", "members_dir: [members, more]"),
    options("vocabularies-not-a-mapping", "vocabularies: [technologies]"),
    options("vocabulary-kind-unknown", "vocabularies:", "  technology: {photoacoustics: Photoacoustic imaging}"),
    options("vocabulary-term-invalid", "vocabularies:", "  technologies:", "    Photo Acoustics: Photoacoustic imaging"),
    options("vocabulary-terms-a-list", "vocabularies:", "  roles: [dealer]"),
    options("timezone-unknown", "timezone: Europe/Bucharets", replace=("      timezone: Europe/Bucharest\n", "")),
    options("timezone-not-text", "timezone: 2", replace=("      timezone: Europe/Bucharest\n", "")),
    options("build-date-invalid", "build_date: 2026-1-22"),
    options("concurrency-zero", "concurrency: 0"),
    options("concurrency-not-a-number", "concurrency: yes"),
    options("members-site-url-not-http", "members_site_url: ftp://members.example.org/", replace=("      members_site_url: https://members.cluster.example.org/\n", "")),
    # the members' edition written into, around or over the public site, the sources or the repository
    options("members-site-dir-is-site-dir", "members_site_dir: site"),
    options("members-site-dir-inside-site-dir", "members_site_dir: site/members"),
    options("members-site-dir-contains-site-dir", "members_site_dir: out", replace=("docs_dir: content\n", "docs_dir: content\nsite_dir: out/public\n")),
    options("members-site-dir-inside-docs-dir", "members_site_dir: content/members-edition"),
    options("members-site-dir-is-repository", "members_site_dir: ."),
    options("members-site-dir-contains-repository", "members_site_dir: .."),
    # MkDocs settings the plugin cannot work with
    Case("options-use-directory-urls-false", "mkdocs.yml", MKDOCS_YML.replace("docs_dir: content\n", "docs_dir: content\nuse_directory_urls: false\n")),
    Case("options-newsletter-without-site-url", "mkdocs.yml", MKDOCS_YML.replace("site_url: https://cluster.example.org/\n", ""), (("content/newsletter/spring.md", VALID_ISSUE),)),
    # a page of docs_dir where the plugin writes one of its own
    Case("generated-path-members-index", "content/members/index.md", "# Our members\n"),
    Case("generated-path-member-page", "content/members/valid-member.md", "# Valid member\n"),
    Case("generated-path-members-export", "content/members/members.json", "{}\n"),
    Case("generated-path-calendar", "content/events/events.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n"),
    Case("generated-path-asset", "content/assets/clustersite.css", "body { color: red; }\n"),
]
