"""What the theme's own templates (overrides/) show of the cluster: footer and 404 page.

Material renders those templates with `config.extra`; the plugin puts plain values from
cluster.yml there, which the templates escape.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import Files

from ..i18n import Language
from ..models.profile import ClusterProfile

SOCIAL_LABELS = {"linkedin": "LinkedIn", "mastodon": "Mastodon", "bluesky": "Bluesky", "youtube": "YouTube", "x": "X", "facebook": "Facebook"}


def theme_extra(profile: ClusterProfile | None, files: Files) -> dict[str, Any]:
    """`config.extra` entries for overrides/main.html (footer) and overrides/404.html (doors)."""
    if profile is None:
        return {}
    doors = []
    for group in ("members", "community", "public"):
        entry = getattr(profile.entry_points, group)
        file = files.get_file_from_path(entry.page)
        if file is not None and not file.inclusion.is_excluded():
            doors.append({"group": group, "title": entry.title, "text": entry.text, "path": file.url})
    social = profile.social.model_dump() if profile.social else {}
    return {
        "clustersite_office": profile.office.model_dump(),
        "clustersite_social": [{"label": SOCIAL_LABELS[key], "url": url} for key, url in social.items() if url],
        "clustersite_doors": doors,
    }


def theme_words(language: Language) -> dict[str, str]:
    """The words of overrides/main.html and overrides/404.html in the site's language.

    Material renders those templates without the plugin's catalogue, so the plugin hands them
    their words, translated, in `config.extra.clustersite_words`.
    """
    _ = language.gettext
    return {
        "members_edition": _("Members' edition."),
        "members_notice": _("This site contains information for members of the cluster only: please do not share it."),
        "follow_us": _("Follow us"),
        "not_found": _("Page not found"),
        "not_found_lead": _("This address leads nowhere: the page may have moved, or the link has a typo. Search the site, or start from one of these pages."),
        "search_site": _("Search this site"),
        "search": _("Search"),
        "go_there": _("Go there →"),
        "homepage": _("Go to the homepage"),
    }
