"""The private folder's files are checked as the repository's are, before any is opened.

It goes through the same scan as docs_dir (`sources.tree.scan_tree`): a FIFO, a dangling link,
a loop, or a link out of the private folder (into the public repository's `.git/`, where CI's
token lives) stops the members' edition with one line, wherever the private folder lies.
"""

from __future__ import annotations

from sitefactory import MKDOCS_YML

from .cases import VALID_EVENT, Case
from .cases_private import MEMBERS_EDITION

GIT_CONFIG = '[remote "origin"]\n\turl = https://x-access-token:ghs_s3cr3t@github.com/cluster/site\n'
BESIDE = (
    "mkdocs.yml",
    MKDOCS_YML.replace("      timezone: Europe/Bucharest\n", "      timezone: Europe/Bucharest\n      edition: members\n      private_dir: ../cluster-private\n"),
)
"""A members' edition whose private folder is a checkout beside the public repository."""

CASES: list[Case] = [
    Case("private2-fifo", "private/events/day.yml", VALID_EVENT + "audience: [members]\n", (MEMBERS_EDITION,), fifos=("private/members/stream.yml",)),
    Case("private2-dangling-link", "private/events/day.yml", VALID_EVENT + "audience: [members]\n", (MEMBERS_EDITION,), symlinks=(("private/events/gone.yml", "moved.yml"),)),
    Case(
        "private2-link-into-public-git", "private/events/day.yml", VALID_EVENT + "audience: [members]\n", (MEMBERS_EDITION, (".git/config", GIT_CONFIG)),
        symlinks=(("private/events/config.yml", "../../.git/config"),),
    ),
    Case("private2-loop", "private/events/day.yml", VALID_EVENT + "audience: [members]\n", (MEMBERS_EDITION,), symlinks=(("private/content/again", ".."),)),
    Case(
        "private2-beside-link-into-public-git", "../cluster-private/events/day.yml", VALID_EVENT + "audience: [members]\n", (BESIDE, (".git/config", GIT_CONFIG)),
        symlinks=(("../cluster-private/events/config.yml", "../../site/.git/config"),),
    ),
]
