"""Data in the wrong tier: anything not public in the public repository, and anything in the
private folder that reaches beyond members, fails with a line that says where it belongs.

The cases for the private folder build the members' edition (the public one never reads it).
"""

from __future__ import annotations

from sitefactory import MKDOCS_YML

from .cases import VALID_EVENT, VALID_ISSUE, VALID_MEMBER, Case

MEMBERS_EDITION = ("mkdocs.yml", MKDOCS_YML.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      edition: members\n"))


def private(id: str, path: str, content: str) -> Case:
    return Case(f"private-{id}", path, content, (MEMBERS_EDITION,))


CASES: list[Case] = [
    # not public data in the public repository (both editions)
    Case("public-internal", "members/acme.yml", VALID_MEMBER + "internal:\n  fee: 1200\n"),
    Case("public-contact-without-consent", "members/acme.yml", VALID_MEMBER + "contacts:\n  - name: Ana Pop\n    email: ana@acme.example\n"),
    Case("public-contact-public-false", "members/acme.yml", VALID_MEMBER + "contacts:\n  - name: Ana Pop\n    public: false\n"),
    Case("public-members-only-event", "events/day.yml", VALID_EVENT + "audience: [members]\n"),
    Case("public-members-only-issue", "content/newsletter/2027-03-spring.md", VALID_ISSUE.replace("---\nHello", "audience: [members]\n---\nHello")),
    Case("public-members-only-page", "content/minutes.md", "---\ntitle: Minutes\naudience: [members]\n---\n# Minutes\n"),
    Case("public-internal-in-members-edition", "members/acme.yml", VALID_MEMBER + "internal:\n  fee: 1200\n", (MEMBERS_EDITION,)),
    # the private folder (members' edition)
    private("overlay-without-public-file", "private/members/ghost.yml", "contacts:\n  - name: Ana Pop\n"),
    private("overlay-public-key", "private/members/valid-member.yml", "summary: A new summary.\n"),
    private("overlay-public-contact", "private/members/valid-member.yml", "contacts:\n  - name: Ana Pop\n    public: true\n"),
    private("overlay-unknown-key", "private/members/valid-member.yml", "contact:\n  - name: Ana Pop\n"),
    private("event-for-the-public", "private/events/day.yml", VALID_EVENT + "audience: [members, public]\n"),
    private("issue-for-the-community", "private/content/newsletter/2027-03-spring.md", VALID_ISSUE.replace("---\nHello", "audience: [community]\n---\nHello")),
    private("page-for-the-public", "private/content/minutes.md", "---\naudience: [public]\n---\n# Minutes\n"),
    private("active-html", "private/content/embed.html", "<script>alert(document.cookie)</script>"),
]
