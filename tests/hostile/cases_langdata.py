"""Hostile and mistaken texts given per language (`summary: {en: …, ro: …}`).

Each language's text passes the checks the field's plain text passes (length, control
characters, HTML in a title, nesting in Markdown); a key must be one of the site's
languages, and the default language's text must be there.
"""

from __future__ import annotations

from sitefactory import CLUSTER_YML, MKDOCS_YML

from .cases import VALID_EVENT, VALID_MEMBER, Case

BILINGUAL = ("mkdocs.yml", MKDOCS_YML.replace("  - cluster:\n", "  - cluster:\n      languages: [en, ro]\n"))
"""The site in English (the default) and Romanian."""

MEMBER_HEAD = VALID_MEMBER.replace("summary: Imaging software for hospitals.\n", "")


def member(id: str, lines: str, *, bilingual: bool = True) -> Case:
    return Case(f"langdata-member-{id}", "members/acme.yml", MEMBER_HEAD + lines, (BILINGUAL,) if bilingual else ())


def event(id: str, lines: str, title: str = "title: Imaging day\n") -> Case:
    return Case(f"langdata-event-{id}", "events/day.yml", VALID_EVENT.replace("title: Imaging day\n", title) + lines, (BILINGUAL,))


def vocabulary(id: str, *lines: str) -> Case:
    """mkdocs.yml of the two-language site with a technology term whose label is given per language (line 11 on)."""
    added = "".join(f"        {line}\n" for line in ("technologies:", *("  " + line for line in lines)))
    return Case(f"langdata-vocabulary-{id}", "mkdocs.yml", BILINGUAL[1].replace("      languages: [en, ro]\n", "      languages: [en, ro]\n      vocabularies:\n" + added))


CASES = [
    member("unknown-language", "summary:\n  en: Imaging software.\n  fr: Logiciels d'imagerie.\n"),
    member("language-of-a-monolingual-site", "summary:\n  en: Imaging software.\n  ro: Software de imagistică.\n", bilingual=False),
    member("upper-case-language", "summary:\n  EN: Imaging software.\n"),
    member("norway-is-no-language", "summary:\n  en: Imaging software.\n  no: Bildebehandling.\n"),
    member("default-missing", "summary:\n  ro: Software de imagistică pentru spitale.\n"),
    member("empty-mapping", "summary: {}\n"),
    member("default-empty", "summary:\n  en:\n  ro: Software de imagistică.\n"),
    member("translation-too-long", "summary:\n  en: Imaging software.\n  ro: " + "ă" * 281 + "\n"),
    member("translation-control-character", "summary:\n  en: Imaging software.\n  ro: \"Software\\u202e de imagistică\"\n"),
    member("translation-a-list", "summary:\n  en: Imaging software.\n  ro: [Software, imagistică]\n"),
    member("translation-nested-languages", "summary:\n  en: Imaging software.\n  ro:\n    ro: Software.\n"),
    member("translation-true", "summary:\n  en: Imaging software.\n  ro: true\n"),
    member("description-too-deep", "summary: Imaging software.\ndescription:\n  en: Fine.\n  ro: \"" + ">" * 300 + " adânc\"\n"),
    event("title-html", "", title="title:\n  en: Imaging day\n  ro: <b>Ziua imagisticii</b>\n"),
    event("venue-multiline", "location:\n  venue:\n    en: Palas Congress Hall\n    ro: \"Sala Palas\\netajul 2\"\n  city: Iași\n  country: RO\n"),
    vocabulary("label-unknown-language", "photoacoustics:", "  en: Photoacoustic imaging", "  fr: Imagerie photoacoustique"),
    vocabulary("label-default-missing", "photoacoustics:", "  ro: Imagistică fotoacustică"),
    vocabulary("label-empty", "photoacoustics:", "  en: Photoacoustic imaging", "  ro:"),
    Case(
        "langdata-profile-goal-unknown-language",
        "cluster.yml",
        CLUSTER_YML + "goals:\n  - en: Bring imaging to patients sooner.\n    de: Bildgebung schneller zu den Patienten bringen.\n",
        (BILINGUAL,),
    ),
    Case(
        "langdata-profile-mission-default-missing",
        "cluster.yml",
        CLUSTER_YML.replace("mission: Connect research, industry and hospitals in medical imaging.\n", "mission:\n  ro: Legăm cercetarea, industria și spitalele.\n"),
        (BILINGUAL,),
    ),
]
