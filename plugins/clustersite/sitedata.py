"""All of a site's data, loaded and validated once per build: the pipeline's first stage."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .colours import Palette
from .config import ClusterConfig
from .errors import DataError, SourceError
from .i18n import SOURCE_LANGUAGE, data_languages
from .models.fields import LocalText, localise
from .models.profile import ClusterProfile, Colours
from .options import ConfigLines, vocabulary_errors
from .sources.brand import BRAND_IMAGES, site_path
from .sources.events import EventRecord, load_events
from .sources.files import data_files, display_path
from .sources.members import MemberRecord, load_members, merge_overlays
from .sources.network import PartnerCluster, load_network
from .sources.newsletter import IssueRecord, load_newsletter, unique_ids
from .sources.opportunities import OpportunityRecord, load_opportunities
from .sources.pages import PageInfo, load_pages
from .sources.parsed import NO_CACHE, ParsedFiles
from .sources.private import PrivateFolder
from .sources.profile import load_profile
from .sources.references import git_deletions, group_unknown
from .sources.tiers import Tier
from .sources.tree import docs_errors, repository_errors
from .vocabularies import merge_vocabularies


@dataclass
class SiteData:
    """The validated data of one site; what every page and feed is generated from."""

    root: Path
    vocabularies: dict[str, dict[str, str]]
    members: dict[str, MemberRecord]
    events: dict[str, EventRecord] = field(default_factory=dict)
    """Every event of both editions; `sources.events.edition_events` picks one edition's."""
    opportunities: dict[str, OpportunityRecord] = field(default_factory=dict)
    """Every opportunity of both editions; `sources.opportunities.edition_opportunities` picks one edition's."""
    profile: ClusterProfile | None = None
    newsletter: list[IssueRecord] = field(default_factory=list)
    """Every newsletter issue of both editions, oldest first."""

    pages: dict[str, PageInfo] = field(default_factory=dict)
    """`audience:` and `landing:` of the content pages, by their path in docs_dir."""

    network: list[PartnerCluster] = field(default_factory=list)
    """The partner clusters of the `network:` option, with their members as last pulled into network_dir."""

    private_files: dict[str, Path] = field(default_factory=dict)
    """The members' edition's files from the private folder's content, by their path in docs_dir."""
    private_content: Path | None = None
    """The private folder's mirror of docs_dir (members' edition only)."""

    @property
    def palette(self) -> Palette:
        """The site's colours, derived from the profile's (the defaults without a profile)."""
        colours = self.profile.colours if self.profile else Colours()
        return Palette.derive(colours.primary, colours.accent)

    @property
    def brand(self) -> dict[str, str]:
        """Where the site publishes the profile's logo, favicon and hero image, by key."""
        if self.profile is None:
            return {}
        return {key: site_path(key, getattr(self.profile, key)) for key in BRAND_IMAGES if getattr(self.profile, key)}

    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)
    """The site's languages, the default first: the keys a text given per language may have."""

    def in_language(self, code: str, shown: Callable[[Any, str], Any] = localise) -> SiteData:
        """The data as a build in language `code` shows it: every text per language resolved to
        `code`, or to the default language where it has no translation (the texts keep all languages).

        `shown(model, code)` is `fields.localise`, or serve mode's memo of it (a function of the
        parsed model, which the parse cache keeps while its file's bytes are the same)."""
        members = {slug: dataclasses.replace(record, member=shown(record.member, code)) for slug, record in self.members.items()}
        events = {slug: dataclasses.replace(record, event=shown(record.event, code)) for slug, record in self.events.items()}
        return dataclasses.replace(self, members=members, events=events, profile=shown(self.profile, code))

    def latest_issue(self, edition: str) -> IssueRecord | None:
        """The newest issue the edition contains, for the homepage."""
        return next((record for record in reversed(self.newsletter) if record.in_edition(edition)), None)


def load_site_data(
    options: ClusterConfig, root: Path, docs_dir: Path | None = None, edition: str | None = None, languages: Sequence[str] | None = None,
    parsed: ParsedFiles = NO_CACHE,
) -> SiteData:
    """Load every data file of `edition` (the plugin's option by default); raise DataError listing all errors, if any.

    `docs_dir` (MkDocs' content folder) lets the profile's links to pages be checked. Every
    file under it and under the data folders is checked first (`sources.tree`): a link out of
    the repository stops everything before any file is opened, and active content is refused.
    The public edition reads the public repository alone and never opens the private folder;
    the members' edition adds it (`private_dir`), with the same checks.
    `languages` are the site's, the default first (the plugin's `languages` option by default).
    `parsed` keeps each file's parsed and validated data between serve mode's rebuilds
    (`sources.parsed`); every check across files runs each time.
    """
    edition = edition or options.edition
    tier = Tier(private=False, private_name=options.private_dir)
    content = docs_dir or root / "content"
    errors = repository_errors(root, [root / options.members_dir, root / options.events_dir, root / options.opportunities_dir, root / options.profile, root / options.schema_dir, root / options.network_dir])
    link_errors, active_content = docs_errors(content, root, options.raw_files)
    if errors or link_errors:
        raise DataError(errors + link_errors)  # before any file is opened: a link may lead to /dev/zero or CI's secrets
    errors += active_content
    site_languages = tuple(languages or data_languages(options.languages, SOURCE_LANGUAGE))
    vocabularies, problems = load_vocabularies(options, site_languages)
    errors += problems
    context = {"vocabularies": vocabularies, "languages": site_languages}
    members, problems = load_members(root / options.members_dir, root, context, tier, parsed)
    errors += problems
    member_files, _ = data_files(root / options.members_dir, root)  # invalid members too: one error, not two
    folders = {"member": display_path(root / options.members_dir, root), "event": display_path(root / options.events_dir, root)}
    events, problems = load_events(
        root / options.events_dir, root, timezone=options.timezone, member_slugs=member_files, members_folder=folders["member"], context=context, tier=tier, parsed=parsed
    )
    errors += problems
    opportunities, problems = load_opportunities(
        root / options.opportunities_dir, root, member_slugs=member_files, members_folder=folders["member"], context=context, tier=tier, parsed=parsed
    )
    errors += problems
    profile, problems = load_profile(root / options.profile, root, content, set(member_files), folders["member"], context)
    errors += problems
    event_files, _ = data_files(root / options.events_dir, root)
    private = PrivateFolder.of(options, root, content) if edition == "members" else None
    event_slugs = set(event_files) | (set(private.event_slugs(options)) if private else set())
    newsletter, problems = load_newsletter(
        content / options.newsletter_dir, root, content, member_slugs=set(member_files), event_slugs=set(event_files), folders=folders, tier=tier, parsed=parsed
    )
    errors += problems
    pages, problems = load_pages(content, root, options.newsletter_dir, options.trusted_dirs, tier, parsed)
    errors += problems
    network, problems = load_network(options.network, root / options.network_dir, root)
    errors += problems
    data = SiteData(
        root=root, vocabularies=vocabularies, members=members, events=events, opportunities=opportunities, profile=profile, newsletter=newsletter, pages=pages, network=network,
        languages=site_languages,
    )
    if private is not None:
        errors += _add_private(data, private, options, context, options.timezone, set(member_files), event_slugs, folders, parsed)
    if errors:
        renamed = {("member", old): (slug, record.source) for slug, record in members.items() for old in record.member.previous_slugs}
        renamed |= {("event", old): (slug, record.source) for slug, record in data.events.items() for old in record.event.previous_slugs}
        raise DataError(group_unknown(errors, renamed=renamed, folders=folders, deleted_in=git_deletions(root)))
    return data


def _add_private(
    data: SiteData, private: PrivateFolder, options: ClusterConfig, context: dict, timezone: str, member_slugs: set[str], event_slugs: set[str],
    folders: dict[str, str], parsed: ParsedFiles,
) -> list[SourceError]:
    """Merge the private folder into the public data, for the members' edition."""
    errors = private.problems(options)
    if errors:
        return errors
    root = data.root
    # The same checks as docs_dir's: its files are published too (links, active content).
    link_errors, active_content = docs_errors(private.content, private.scan_root, options.raw_files)
    if link_errors:
        return private.shown(link_errors, options)
    errors += private.shown(active_content, options)
    tier = Tier(private=True, private_name=options.private_dir)
    errors += merge_overlays(private.path / options.members_dir, root, data.members, member_slugs, tier)
    events, problems = load_events(
        private.path / options.events_dir, root, timezone=timezone, member_slugs=member_slugs, members_folder=folders["member"], context=context, tier=tier, parsed=parsed
    )
    errors += problems
    for slug, record in events.items():
        if slug in data.events:
            errors.append(SourceError(record.source, 0, "", f"the public repository has an event named {slug} too ({data.events[slug].source})", "rename one of them: a slug is an event's permanent address"))
        data.events[slug] = record
    data.events = dict(sorted(data.events.items()))
    opportunities, problems = load_opportunities(
        private.path / options.opportunities_dir, root, member_slugs=member_slugs, members_folder=folders["member"], context=context, tier=tier, parsed=parsed
    )
    errors += problems
    for slug, opportunity in opportunities.items():
        if slug in data.opportunities:
            errors.append(SourceError(
                opportunity.source, 0, "", f"the public repository has an opportunity named {slug} too ({data.opportunities[slug].source})",
                "rename one of them: a slug is an opportunity's permanent address",
            ))
        data.opportunities[slug] = opportunity
    data.opportunities = dict(sorted(data.opportunities.items()))
    issues, problems = load_newsletter(
        private.content / options.newsletter_dir, root, private.content, member_slugs=member_slugs, event_slugs=event_slugs, folders=folders, tier=tier, parsed=parsed
    )
    errors += problems
    data.newsletter = sorted([*data.newsletter, *issues], key=lambda record: record.sort_key)
    errors += unique_ids(data.newsletter)
    pages, problems = load_pages(private.content, root, options.newsletter_dir, None, tier, parsed)  # never trusted: untrusted by default
    errors += problems
    data.pages.update(pages)
    files, problems = private.content_files()
    errors += problems
    data.private_files = files
    data.private_content = private.content
    return errors


def load_vocabularies(options: ClusterConfig, languages: Sequence[str] | None = None) -> tuple[dict[str, dict[str, str]], list[SourceError]]:
    """The site's vocabularies; a malformed extension in mkdocs.yml is an error at its line.

    A label given per language (`{en: …, ro: …}`) becomes a LocalText, which pages show in their language.
    """
    languages = tuple(languages or data_languages(options.languages, SOURCE_LANGUAGE))
    errors = vocabulary_errors(options.vocabularies, ConfigLines(Path(options.config_file_path or "mkdocs.yml")), languages)
    if errors:
        return merge_vocabularies({}), errors
    extensions = {
        kind: {term: LocalText({code: label[code] for code in languages if code in label}, languages[0], languages[0]) if isinstance(label, dict) else label for term, label in terms.items()}
        for kind, terms in options.vocabularies.items()
    }
    return merge_vocabularies(extensions), errors
