"""The `cluster` MkDocs plugin: the event hooks that run the data pipeline.

load YAML → validate into typed models (`sitedata`) → generate pages and feeds
(`structure/`) → render (MkDocs and the theme). The hooks only wire these stages
together; each stage lives in its own module.
"""

from __future__ import annotations

import copy
import logging
import os
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import jinja2
import mkdocs
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .builddate import build_date
from .cache import BuildCache, TemplateBytecode, Unfingerprintable, memoize_search_index
from .collector import BuildCollector
from .config import ClusterConfig
from .email import GMAIL_CLIP_BYTES
from .errors import DataError, SourceError
from .feedaddress import FeedSecretError, feed_prefix
from .i18n import PSEUDO, SOURCE_LANGUAGE, Language, data_languages, shipped_languages
from .incremental import IncrementalBuild, answers, as_plain, keepable, record_lookups, self_contained, site_inputs, static_key, stop_recording
from .languages import LocalizedPages, SiteLanguages, copy_config, engine_build, localize_pages
from .markup import make_environment, plain_title, sanitize_page_html
from .models.fields import in_edition, localise
from .nesting import rendered_problem
from .opendata.exports import ExportContext
from .options import ConfigLines, config_errors
from .output import StagedOutput, WarningCounter
from .parallel import ForkedPages
from .preview import ErrorPage, data_page_uris, error_html, error_site
from .published import UsedFiles
from .sitedata import SiteData, load_site_data
from .socialmeta import IMAGE_SUFFIXES, SocialPreview, absolute, plain, social_tags
from .sources.files import display_path
from .sources.pages import PageInfo
from .sources.parsed import NO_CACHE, ParsedFiles
from .sources.profile import brand_images
from .structure import GeneratedPage
from .structure.events import EventPages
from .structure.home import HomePages, IssueSummary
from .structure.insights import InsightPages
from .structure.map import MAP_ASSETS, MapPage
from .structure.members import MemberPages
from .structure.network import NetworkPages
from .structure.newsletter import Newsletter
from .structure.opendata import OpenDataPages
from .structure.opportunities import OpportunityPages
from .structure.redirects import redirect_files, redirects
from .structure.shell import PRERENDERED_TEMPLATE, ShellCache, template_loader
from .structure.sitemaps import section_sitemaps
from .structure.theme import theme_extra, theme_words
from .watching import DataWatcher, Nudge

log = get_plugin_logger(__name__)

PLACEHOLDER_HOSTS = {"example.org", "www.example.org", "example.com", "www.example.com", "example.net", "www.example.net", "example"}


def is_placeholder_url(url: str) -> bool:
    """Whether `url` is a documentation address (RFC 2606), not a real site's.

    The bare example.org/.com/.net hosts and the `.example` top-level domain; a subdomain
    of example.org (as in the example site and tests, which are not published) is not.
    """
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return bool(host) and (host in PLACEHOLDER_HOSTS or host.endswith(".example"))

ASSETS = ("clustersite.css", "clustersite.js")
COLOURS_CSS = "assets/clustersite-colours.css"
"""Material's colour variables from cluster.yml's colours (see colours.py), after the theme's own."""


class ClusterPlugin(BasePlugin[ClusterConfig]):
    """Publishes a cluster's member database, events and newsletter from its repository."""

    def __init__(self) -> None:
        self.is_serving = False
        self.dirty = False
        self.used_files: UsedFiles | None = None
        """The docs_dir files held back until the rendered pages show which ones the edition uses."""
        self.root = Path.cwd()
        self.data: SiteData | None = None
        self.output: StagedOutput | None = None
        self.warnings = WarningCounter()
        self.events: EventPages | None = None
        self.opportunities: OpportunityPages | None = None
        self.newsletter: Newsletter | None = None
        self.home: HomePages | None = None
        self.page_info: dict[str, PageInfo] = {}
        self.social_images: dict[str, tuple[str, str]] = {}
        """A page's preview image (site-relative URL) and its text, by src_uri."""
        self.social_articles: set[str] = set()
        self.head: dict[str, str] = {}
        """Markup the plugin adds to a page's <head>, by src_uri (never from front matter)."""
        self.options_as_written: dict[str, Any] = {}
        """The plugin's options as mkdocs.yml states them, before MkDocs' validation dropped or replaced any."""
        self.identity_url = ""
        """mkdocs.yml's site_url, even in the members' edition: its host names feed items and calendar events."""
        self.failed: str | None = None
        """The error page, when serve mode built an error site instead of the site."""
        self.caches: dict[str, BuildCache] = {}
        """Rendered parts kept between serve mode's rebuilds (MkDocs keeps this instance), by language:
        the templates' words come from the environment's catalogue, which no fingerprint sees."""
        self.cache = BuildCache()
        """The current language's (see `caches`)."""
        self.parsed = ParsedFiles()
        """The data files parsed and validated in serve mode, valid while their bytes are the same (language-free)."""
        self.bytecode: dict[tuple[str, str], TemplateBytecode] = {}
        """Serve mode's compiled templates, by environment (the theme's, the plugin's) and language."""
        self.build_language: str | None = None
        """The language of a build the plugin started for another language; None in the build MkDocs
        started (the default language's), which then builds the others (see languages.py)."""
        self.languages = SiteLanguages((SOURCE_LANGUAGE,))
        self.pages = LocalizedPages({}, frozenset())
        self.root_url = ""
        """The site's root address (site_url, or members_site_url in the members' edition), without a language's folder."""
        self.pristine: MkDocsConfig | None = None
        """A copy of the configuration before any plugin changed it, for the other languages' builds."""
        self.language_root: str | None = None
        """The folder the default language's build writes to, with each other language below it."""
        self.search_lang: Any = None
        """The search plugin's `lang` as mkdocs.yml wrote it (None: from theme.language)."""
        self.incremental = IncrementalBuild()
        """Serve mode: the served files that stay while what they are made from is the same."""
        self.collector = BuildCollector()
        """Fewer young garbage collections while a build runs, and serve mode's full ones once the page is served (collector.py says why)."""
        self.files: Files | None = None
        """The current build's files, for the sitemap's template context (which MkDocs gives no files)."""
        self.keep_files = False
        """Whether this rebuild may keep served files (`_keep_unchanged` found nothing that forbids it)."""
        self.watcher: DataWatcher | None = None
        """Serve mode: the walk over the data folders (watching.py)."""
        self.nudge: Nudge | None = None
        self.site_key: str | None = None
        """Serve mode: the fingerprint of everything site-wide a kept page shows (None: nothing is kept this rebuild)."""
        self.issues_keyed = False
        """Serve mode: whether Markdown pages (the issues) may be kept: every Markdown extension reads the page alone."""
        self.lookups: dict[str, str | None] = {}
        """Serve mode: the docs files the issue being rendered looked up (`incremental.record_lookups`)."""
        self.forked = ForkedPages()
        """`mkdocs build`: the children rendering generated pages on the other cores (parallel.py)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serving = command == "serve"
        self.dirty = dirty

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[ConfigErrors, ConfigWarnings]:
        """Validate the options as MkDocs does, but keep the problems for `on_config`, with their lines.

        MkDocs would only warn about an unknown option and report a wrong value without a
        line; `on_config` (and `clustersite check`) report each at its line in mkdocs.yml.
        """
        super().load_config(options, config_file_path)
        self.options_as_written = dict(options)
        return [], []

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.is_serving and self.build_language is None:
            # Strict mode fails on any warning of the build, this event's and the other plugins'
            # included: count from here, so that such a build never replaces the published site.
            self.warnings.count = 0
            logging.getLogger(mkdocs.__name__).addHandler(self.warnings)
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        self.root = config_file.parent
        problems = config_errors(config, self.options_as_written, self.config)
        if problems:
            raise DataError(problems)
        if self.build_language is None:
            self.pristine = copy_config(config)
        self.language = self._language(config)
        self.site_languages = data_languages(self.config.languages, self.language.code)
        """The site's languages, the default first; a build shows its data in `self.language`."""
        self._search_language(config)
        self.env = make_environment(self.language)
        if self.is_serving:
            self.cache = self.caches.setdefault(self.language.code, BuildCache())
            self.cache.begin()
            self.parsed.begin()
            self.env.bytecode_cache = self.bytecode.setdefault(("plugin", self.language.code), TemplateBytecode())
            self.env.extend(clustersite_cache=self.cache)  # read by cache.render and cache.memo
        config.extra["clustersite_edition"] = self.config.edition  # read by overrides/main.html
        config.extra["clustersite_words"] = theme_words(self.language)  # read by overrides/main.html and 404.html
        self.identity_url = config.site_url or ""
        if is_placeholder_url(self.identity_url):
            log.warning(
                f"{config_file.name}:{ConfigLines(config_file).setting('site_url')}: site_url: {self.identity_url} is an example address, not the site's: "
                "feed IDs and calendar UIDs are made from its host, so publishing now and setting the real address later re-sends every "
                "newsletter issue to subscribers and duplicates every event in their calendars (set site_url to the address the site is published at)"
            )
        if self.config.edition == "members" and not self.is_serving:
            config.site_dir = str(self.root / self.config.members_site_dir)
            log.info(f"Building the members' edition into {self.config.members_site_dir}/: host it behind access control")
            if self.config.members_site_url:
                config.site_url = self.config.members_site_url
            else:
                log.warning(
                    "mkdocs.yml: members_site_url: is not set, so the members' edition's feeds and e-mails link to site_url, "
                    "where member-only issues do not exist (set it to the address of the members' site, e.g. https://members.cluster.example.org/)"
                )
        for asset in ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if f"assets/{asset}" not in target:
                target.append(f"assets/{asset}")
        if COLOURS_CSS not in config.extra_css:
            config.extra_css.append(COLOURS_CSS)
        self.root_url = config.site_url or ""
        if self.languages.several:
            config.extra["alternate"] = self.languages.switcher(self.root_url)  # Material's language switcher; on_post_page points it at the page
        if self.build_language is not None:
            config.site_dir = os.path.join(self.language_root or config.site_dir, self.build_language)
            config.site_url = self.root_url + self.languages.prefix(self.build_language) if self.root_url else None
        return config

    @event_priority(100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Build into a staging folder (not in `on_config`, so `clustersite check` can configure without writing)."""
        if self.build_language is None:
            self.collector.begin(serving=self.is_serving)
            if self.watcher is not None:
                self.watcher.pause()  # no walk over the data folders while the site builds
        if not self.is_serving and self.build_language is None:
            self.output = StagedOutput(config.site_dir)
            config.site_dir = self.output.begin()
        elif self.is_serving and self.build_language is None:
            config.site_dir = self.incremental.begin(config.site_dir)

    def _language(self, config: MkDocsConfig) -> Language:
        """This build's language (config.py checked the site's against the catalogues the plugin ships)."""
        if not self.config.languages:
            theme_language = str(config.theme.get("language") or SOURCE_LANGUAGE)
            self.languages = SiteLanguages((theme_language if theme_language in shipped_languages() else SOURCE_LANGUAGE,))
            return Language(self.languages.default)
        self.languages = SiteLanguages(tuple(self.config.languages))
        code = self.build_language or self.languages.default
        if code != PSEUDO:
            config.theme["language"] = code  # Material's own words and <html lang> follow the build's language
        return Language(code)

    def _search_language(self, config: MkDocsConfig) -> None:
        """Each language's search index with its own stemmer: Material's search plugin takes its
        `lang` from theme.language, but only when mkdocs.yml names none, and it keeps what it
        took; the other languages' builds share the plugin, so each hands it back as written."""
        search = config.plugins.get("search") or config.plugins.get("material/search")
        if search is None:
            return
        if self.build_language is None:
            self.search_lang = copy.copy(search.config.get("lang"))
        search.config["lang"] = copy.copy(self.search_lang)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.failed = None
        try:
            return self._site_files(files, config)
        except DataError as error:
            if not self.is_serving:
                raise  # a PluginError: MkDocs prints its lines, and `clustersite check` reads them from it
            return self._error_site(error, files, config)

    def _error_site(self, error: DataError, files: Files, config: MkDocsConfig) -> Files:
        """Serve mode: every page lists the errors, instead of a failed build that hangs the browser."""
        log.error(error.report())
        self.failed = error_html(self.env, error.errors)
        self.data = self.events = self.opportunities = self.newsletter = self.home = None
        self.head, self.page_info = {}, {}
        self.pages = LocalizedPages({}, frozenset())
        config.extra["clustersite_feeds"] = []
        pages = data_page_uris(self.root / self.config.members_dir, "members") + data_page_uris(self.root / self.config.events_dir, "events")
        pages += data_page_uris(self.root / self.config.opportunities_dir, "opportunities")
        return error_site(self.failed, files, config, pages=[*pages, f"{self.config.newsletter_dir.strip('/')}/index.md"])

    def _site_files(self, files: Files, config: MkDocsConfig) -> Files:
        data = load_site_data(
            self.config, self.root, Path(config.docs_dir), languages=self.site_languages, parsed=self.parsed if self.is_serving else NO_CACHE
        )
        if self.is_serving:
            self._remember_parsed()
            self.data = data.in_language(self.language.code, self._shown)
        else:
            self.data = data.in_language(self.language.code)
        self._add(files, self._private_files(config), config)
        self.pages, problems = localize_pages(files, self.data.pages, self.languages, self.language.code, self.root)
        if problems:
            raise DataError(problems)
        self.today = build_date(self.config.build_date)  # type: ignore[arg-type]  # mkdocs types c.Optional(c.Type(...)) values as object
        try:
            prefix = feed_prefix(self.config.edition, os.environ)
        except FeedSecretError as error:
            raise PluginError(str(error)) from None
        if self.config.edition == "members":
            log.info(
                "Feeds and calendars below feeds/<token>/ (from CLUSTERSITE_FEED_SECRET): let that folder through the login"
                if prefix else "CLUSTERSITE_FEED_SECRET is not set: the members' feeds and calendars stay behind the login, where feed readers cannot subscribe"
            )
        self.events = EventPages(
            self.data, config, self.env, language=self.language, edition=self.config.edition, today=self.today, timezone=self.config.timezone, identity_url=self.identity_url,
            feed_prefix=prefix,
        )
        self.opportunities = OpportunityPages(
            self.data, config, self.env, language=self.language, edition=self.config.edition, today=self.today, timezone=self.config.timezone, identity_url=self.identity_url,
            feed_prefix=prefix,
        )
        self.head = self.events.head() | self.opportunities.head()
        members = MemberPages(
            self.data, config, self.env, language=self.language, edition=self.config.edition, events_by_member=self.events.by_member(),
            opportunities_by_member=self.opportunities.by_member(),
        )
        generated = members.files()
        member_map = MapPage(self.data, config, self.env, language=self.language, directory=members, events=self.events.upcoming())
        generated += member_map.files()
        self.head.update(member_map.head())
        generated += self.events.files()
        generated += self.opportunities.files()
        self.newsletter = Newsletter(
            self.data, config, self.env, language=self.language, edition=self.config.edition, folder=self.config.newsletter_dir, timezone=self.config.timezone, identity_url=self.identity_url,
            feed_prefix=prefix,
        )
        generated += self.newsletter.update_files(files)  # also withholds what the edition may not contain
        generated += InsightPages(
            self.data, config, self.env, language=self.language, edition=self.config.edition, events=self.events.events, issues=self.newsletter.issues,
        ).files()
        config.extra["clustersite_feeds"] = self.newsletter.autodiscovery()  # read by overrides/main.html
        self._apply_page_audiences(files)
        self._leave_out_other_translations(files)
        config.extra.update(theme_extra(self.data.profile, files))  # the footer and the 404 page
        self.home = HomePages(
            self.data,
            self.env,
            language=self.language,
            edition=self.config.edition,
            today=self.today,
            upcoming_events=self.events.upcoming,
            latest_issues=lambda: self._latest_issues(files),
            opportunities=self.opportunities,
            pages=self.page_info,
            newsletter_dir=self.config.newsletter_dir,
            site_name=config.site_name,
            site_url=config.site_url or "",
        )
        for asset in (*ASSETS, *MAP_ASSETS):
            generated.append(File.generated(config, f"assets/{asset}", content=resources.files("clustersite").joinpath("assets", asset).read_bytes()))
        generated.append(File.generated(config, COLOURS_CSS, content=self.data.palette.css()))
        for image in brand_images(self.data.profile, (self.root / self.config.profile).parent):
            generated.append(File.generated(config, image.site_path, abs_src_path=str(image.source)))
            if image.key in ("logo", "favicon"):
                config.theme[image.key] = image.site_path  # Material's header logo and the browser tab's icon
        generated += redirect_files(redirects(self.data, self.config.edition, self.config.newsletter_dir), config, self.env)
        generated += NetworkPages(self.data, config, self.env, language=self.language).files()
        open_data = self._open_data(config)
        if open_data is not None:
            generated += open_data.export_files(self.events.events, self.newsletter.issues, self.newsletter.urls, self.identity_url)
        self._add(files, generated, config)
        if open_data is not None:
            self._add(files, open_data.catalogue_files(files), config)  # names the datasets the build now contains
        announced = [feed["path"] for feed in config.extra["clustersite_feeds"]] + [feed.path for feed in self.events.feeds] + self.opportunities.announced()
        self._add(files, section_sitemaps(announced, files, config, self.env), config)
        log.info(f"{len(self.data.members)} members")
        log.info(f"{len(self.events.events)} events in the {self.config.edition} edition")
        log.info(f"{len(self.newsletter.issues)} newsletter issues in the {self.config.edition} edition")
        log.info(f"{len(self.opportunities.open)} open opportunities ({len(self.opportunities.all)} with a page) in the {self.config.edition} edition")
        return files

    def _remember_parsed(self) -> None:
        """Serve mode: a parsed file's models are functions of its bytes, so their fingerprint is the file's."""
        for value, key in self.parsed.results():  # no walk through 2,000 members
            self.cache.remember(value, key)

    def _shown(self, model: Any, code: str) -> Any:
        """A parsed model as this build's language shows it (`SiteData.in_language`), from the cache:
        a function of the parsed model, whose fingerprint is its file's, and of the language."""
        return self.cache.memo("localise", (model, code), lambda: localise(model, code))

    def _open_data(self, config: MkDocsConfig) -> OpenDataPages | None:
        """The exports need absolute addresses: without site_url, a site publishes none."""
        if self.data is None or not config.site_url:
            log.info("No open-data exports: they need absolute addresses, and site_url is not set")
            return None
        context = ExportContext(
            self.data, f"{config.site_url.rstrip('/')}/", self.config.edition, self.today, self.config.licence, self.config.export_contacts,
        )
        return OpenDataPages(self.data, config, self.env, language=self.language, context=context, newsletter_dir=self.config.newsletter_dir)

    def _private_files(self, config: MkDocsConfig) -> list[File]:
        """The members' edition's pages, issues and files from the private folder, at their mirrored addresses."""
        if self.data is None or self.data.private_content is None:
            return []
        folder = str(self.data.private_content)
        # Not in the nav, which the public edition shares: the members' landing page lists them.
        return [
            File(src_uri, folder, config.site_dir, config.use_directory_urls, inclusion=InclusionLevel.NOT_IN_NAV)
            for src_uri in self.data.private_files
        ]

    def _add(self, files: Files, generated: list[File], config: MkDocsConfig) -> None:
        """Add the generated files; a file of docs_dir at one of their paths is an error (all are listed)."""
        taken = []
        for file in generated:
            if files.get_file_from_path(file.src_uri) is not None:
                taken.append(file.src_uri)
            else:
                files.append(file)
        if taken:
            docs = display_path(Path(config.docs_dir), self.root)
            raise DataError(SourceError(f"{docs}/{uri}", 0, "", "this path is generated by clustersite", "rename or remove the file") for uri in taken)

    def _apply_page_audiences(self, files: Files) -> None:
        """Leave the content pages the edition may not contain out: no page, search entry or sitemap line."""
        self.page_info = self.pages.info
        for file in files.documentation_pages():
            info = self.page_info.get(file.src_uri)
            if info is not None and not file.generated_by and not in_edition(info.audience, self.config.edition):
                file.inclusion = InclusionLevel.EXCLUDED

    def _leave_out_other_translations(self, files: Files) -> None:
        """A translation into a language the plugin ships but the site does not publish (the
        scaffold's `index.ro.md` in an English site) is no page of its own: none is published at
        `/index.ro/`. Adding the language to `languages:` publishes it (languages.localize_pages)."""
        others = set(shipped_languages()) - set(self.languages.codes)
        for file in files.documentation_pages():
            stem, _, code = file.src_uri.removesuffix(".md").rpartition(".")
            if stem and code in others and not file.generated_by:
                file.inclusion = InclusionLevel.EXCLUDED

    def _latest_issues(self, files: Files) -> list[IssueSummary]:
        """The edition's newsletter issues, newest first, as the homepage shows them."""
        summaries = []
        for record in reversed(self.newsletter.issues if self.newsletter else []):
            file = files.get_file_from_path(record.src_uri)
            if file is not None:
                issue = record.issue
                summaries.append(IssueSummary(issue.title, file.url, issue.date, issue.summary, tuple(issue.audience)))
        return summaries

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Drop nav entries of pages this edition leaves out, so no link points at them."""

        def keep(item: Any) -> bool:
            if getattr(item, "children", None) is not None:
                item.children = [child for child in item.children if keep(child)]
                return bool(item.children)
            file = getattr(item, "file", None)
            return file is None or not file.inclusion.is_excluded()

        nav.items = [item for item in nav.items if keep(item)]
        nav.pages = [page for page in nav.pages if not page.file.inclusion.is_excluded()]
        self.keep_files = False
        self.site_key = None
        if self.incremental.active and self.failed is None and self.data is not None:
            self._keep_unchanged(nav, files, config)
        if not self.is_serving:
            self._share_out(files, config)
        return nav

    def _share_out(self, files: Files, config: MkDocsConfig) -> None:
        """Fork the children that render and index the pages made from data alone (those with `inputs`), in the order MkDocs renders them."""
        pages = [
            file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
            if isinstance(file.page, GeneratedPage) and file.page.inputs is not None
        ]
        indexes = search_indexes(config)
        self.forked.start(pages, self.config.concurrency, indexes, config, files)

    def _keep_unchanged(self, nav: Navigation, files: Files, config: MkDocsConfig) -> None:
        """Serve mode: the files made from what did not change keep their served copies (incremental.py)."""
        indexes = search_indexes(config)
        if not keepable(config.plugins.keys(), config.hooks, indexes):
            return
        folders = [*config.theme.dirs, str(resources.files("clustersite").joinpath("templates"))]
        try:
            site = self.cache.fingerprint((
                site_inputs(config, nav, folders), as_plain(self.config), self.language.code, self.today,
                self.data.profile if self.data else None, self.data.brand if self.data else None, self.root_url, self.identity_url,
            ))
        except Unfingerprintable:
            return

        language = self.language.code
        self.site_key = site
        self.issues_keyed = self_contained(config.markdown_extensions)

        def page_key(page: Page) -> str | None:
            src_uri = page.file.src_uri
            if not isinstance(page, GeneratedPage):
                served = self.incremental.served_carry(language, src_uri)
                # An issue: its links as the lookups its served copy's render made answer now.
                return self._issue_key(page, files, answers(files, served[1])) if served is not None else None
            if page.inputs is None:
                return None
            try:
                return self.cache.fingerprint((site, src_uri, page.url, page.title, page._meta, page.inputs, self.head.get(src_uri)))
            except Unfingerprintable:
                return None

        def is_issue(page: Page) -> bool:
            return self.newsletter is not None and self.newsletter.record_for(page) is not None  # its text goes to its feeds and e-mail

        self.incremental.plan_pages(files, nav, language, page_key, carries=is_issue)
        self.keep_files = True

    def _issue_key(self, page: Page, files: Files, links: list[tuple[str, str | None]]) -> str | None:
        """A newsletter issue's key (None for any other page): the site, its file, what the plugin puts
        around its text, and `links`, the docs files its Markdown looked up with the address of each.

        Noted after each render, with the lookups that render made (`record_lookups`); at the next
        rebuild, the same lookups answered again give the same key only if every link comes out the same."""
        issue = self.newsletter.page_inputs(page, files) if self.newsletter is not None else None
        if issue is None or self.site_key is None or not self.issues_keyed:
            return None
        if any(target is not page.file for target in page.links_to_anchors or ()):
            return None  # MkDocs checks those anchors after every page is rendered: a kept page's links are not checked
        src_uri = page.file.src_uri
        try:
            return self.cache.fingerprint((
                self.site_key, "issue", src_uri, page.url, static_key(page.file), issue, links,
                self.page_info.get(src_uri), src_uri in self.pages.untranslated, self.head.get(src_uri),
            ))
        except Unfingerprintable:
            return None

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.incremental.active:
            self.incremental.page_started(self.language.code, page.file.src_uri)  # its warnings keep it from being kept next time
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Give the theme the plugin's validated, escaped front matter, never MkDocs' own reading of it."""
        info = self.page_info.get(page.file.src_uri)
        if info is not None and not page.file.generated_by:
            page.meta = dict(info.meta)
        if self.newsletter is None:
            return None
        markdown_source = self.newsletter.page_markdown(page)
        if markdown_source is not None and self.incremental.active:
            self.lookups = record_lookups(files)  # until on_page_content: what its links depend on, for keeping it next time
        return markdown_source

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.incremental.active:
            stop_recording(files)
            self.incremental.note_anchors(self.language.code, page)
        if isinstance(page, ErrorPage) or self.home is None:
            return html
        issue = self.newsletter.page_content(html, page, files) if self.newsletter is not None else None
        if issue is not None and self.newsletter is not None and self.incremental.active:
            # Its text for its feeds and e-mail, and its links' lookups for its key, when it is kept.
            self.incremental.carry(self.language.code, page.file.src_uri, (self.newsletter.bodies[page.file.src_uri], self.lookups))
            self.incremental.note_key(page.file, self._issue_key(page, files, list(self.lookups.items())))
        info = self.page_info.get(page.file.src_uri)
        untrusted = issue is not None or not (page.file.generated_by or (info is not None and info.trusted))
        if issue is not None:
            html = issue
        elif untrusted:
            html = sanitize_page_html(html)  # a page from a pull request: no script, no handlers
        if untrusted:
            html = self._refuse_deep_html(html, page)
        if page.file.src_uri in self.pages.untranslated:
            html = f'<div lang="{self.languages.default}">{html}</div>'  # shown from the default language's file: screen readers read it so
        if not page.file.generated_by and "title" not in page.meta:
            page.meta["title"] = plain_title(page.title)  # from the first heading or the file name: the theme prints it as HTML
        if page.is_homepage:
            page.meta.setdefault("hide", ["navigation", "toc"])
            return self.home.render_home(page, html, files)
        if info is not None and info.landing:
            return self.home.render_landing(page, html, info.landing, files)
        return html

    def _refuse_deep_html(self, html: str, page: Page) -> str:
        """A page's rendered HTML counted again (`nesting.rendered_problem`) before the search
        plugin parses it: the build stops naming the page, and serve mode shows the error in the
        page instead of stopping the preview."""
        problem = rendered_problem(html, len(page.markdown or ""))
        if problem is None:
            return html
        source = display_path(Path(page.file.abs_src_path), self.root) if page.file.abs_src_path else page.file.src_uri
        error = SourceError(source, 0, "", *problem)
        if not self.is_serving:
            raise DataError([error])
        log.error(str(error))
        return f"<p>{escape(str(error))}</p>"

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Pages' content is rendered, their theme not yet: prepare the shell cache, write feeds and e-mails."""
        env.loader = jinja2.ChoiceLoader([*([env.loader] if env.loader else []), template_loader()])
        if self.is_serving:
            env.bytecode_cache = self.bytecode.setdefault(("theme", self.language.code), TemplateBytecode())
            for index in search_indexes(config):
                self._index(index, files)
        self.shells = ShellCache(env)
        self._collect_social_images(files)
        if self.incremental.active:
            self.incremental.page_started(self.language.code, None)
        if self.newsletter is not None:
            if self.incremental.active:
                self.newsletter.bodies.update({src_uri: body for src_uri, (body, _links) in self.incremental.carried(self.language.code).items()})  # the kept issues' texts
            for record, size in self.newsletter.write_outputs(files):
                log.warning(
                    f"{record.source}: the e-mail version is {size // 1000} KB, over Gmail's {GMAIL_CLIP_BYTES // 1000} KB clipping limit "
                    "(Gmail hides the rest behind \"View entire message\": shorten the issue or move long parts to linked pages)"
                )
        self.used_files = UsedFiles(config.docs_dir, config.site_url, self.config.raw_files)
        self.used_files.hold(files)  # after link validation, before MkDocs copies static files
        self.files = files
        if self.incremental.active:
            self.used_files.used |= self.incremental.used_by_kept(files, self.language.code, self.used_files.held_files, self.used_files.find)
            if self.keep_files:
                self.incremental.plan_files(files, static=config.theme.dirs)
        return env

    def _index(self, index: Any, files: Files) -> None:
        """Serve mode: a page's search entries come from the cache while its text is the same, and the
        pages kept from the previous rebuild (incremental.py) keep theirs, in MkDocs' order."""
        memoize_search_index(index, self.cache, self.incremental.record_entries(self.language.code) if self.incremental.active else None)
        generate = getattr(index, "generate_search_index", None)
        if not self.incremental.active or not callable(generate):
            return
        language = self.language.code

        def generate_search_index(previous: Any) -> Any:
            index.entries = self.incremental.search_entries(files, language)
            return generate(previous)

        index.generate_search_index = generate_search_index

    @event_priority(-100)
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        """Render a generated page's theme from its kind's cached shell (after every other plugin)."""
        values = cast(dict[str, Any], context)  # MkDocs' TypedDict names only its own keys; overrides/main.html reads this one
        if self.incremental.active:
            self.incremental.page_started(self.language.code, page.file.src_uri)
        if isinstance(page, ErrorPage):
            values["clustersite_prerendered"] = page.content
        elif isinstance(page, GeneratedPage) and page.meta.get("template") == PRERENDERED_TEMPLATE:
            values["clustersite_prerendered"] = self.shells.render(page, values, page.theme_template)
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        """The sitemap lists the pages kept from the previous rebuild too, as a full build's does."""
        if template_name == "sitemap.xml" and self.files is not None and self.incremental.skipped.get(self.language.code):
            context["pages"] = self.incremental.sitemap_pages(self.files, self.language.code)
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """In an error site, the 404 page lists the errors too; in a site in several languages,
        each language's sitemap names every page's version in the others (hreflang)."""
        if self.failed is not None and template_name == "404.html":
            return self.failed
        if self.languages.several and template_name == "sitemap.xml":
            return self.languages.annotate_sitemap(output_content, self.language.code, self.root_url)
        return None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        head = (self.head.get(page.file.src_uri) or "") + self._social_tags(page, config)
        if self.used_files is not None:
            found = self.used_files.record(output, page.url)
            if self.incremental.active:
                self.incremental.record_used(self.language.code, page.file.src_uri, self.used_files.held_files, found)
        if self.incremental.active:
            self.incremental.page_started(self.language.code, None)
        if self.languages.several and not isinstance(page, ErrorPage):
            output = self.languages.point_at_page(output, page.url, self.language.code, self.root_url)
        return output.replace("</head>", f"{head}</head>", 1) if head else output

    def _social_tags(self, page: Page, config: MkDocsConfig) -> str:
        """Open Graph and Twitter card tags: title, description and the page's image, if it has one."""
        hero = self.data.brand.get("hero_image") if self.data else None
        default = (hero, self.data.profile.hero_image_alt or "") if hero and self.data and self.data.profile else None
        image = self.social_images.get(page.file.src_uri, default)
        preview = SocialPreview(
            site_name=config.site_name,
            title=config.site_name if page.is_homepage else plain(page.meta.get("title") or page.title),
            description=plain(page.meta.get("description") or config.site_description),
            url=page.canonical_url or "",
            image=absolute(config.site_url or "", image[0]) if image else None,
            image_alt=image[1] if image else None,
            kind="article" if page.file.src_uri in self.social_articles else "website",
        )
        return social_tags(self.env, preview)

    def _collect_social_images(self, files: Files) -> None:
        """Each page's preview image (site-relative) and its text: an issue's picture, a member's logo."""
        self.social_images = {}
        self.social_articles = set()
        for record in self.newsletter.issues if self.newsletter else []:
            self.social_articles.add(record.src_uri)
            file = files.get_file_from_path(record.image_uri) if record.image_uri else None
            if file is not None and file.url.lower().endswith(IMAGE_SUFFIXES):
                self.social_images[record.src_uri] = (file.url, record.issue.image_alt or "")
        for member in self.data.members.values() if self.data else []:
            if member.logo_url and member.logo_url.lower().endswith(IMAGE_SUFFIXES):
                self.social_images[f"members/{member.slug}.md"] = (
                    member.logo_url,
                    self.language.gettext("%(name)s logo") % {"name": member.member.name},
                )

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Watch the data folders and docs_dir with the plugin's own walk, which hands a change to the server (watching.py says why).

        MkDocs watches docs_dir itself, polling every half second; the plugin's walk looks at it
        as often as at the data, so a saved issue starts its rebuild as soon as a saved member."""
        paths = [
            self.config.members_dir, self.config.events_dir, self.config.opportunities_dir, self.config.profile,
            self.config.network_dir, self.config.schema_dir,
        ]
        if self.config.edition == "members":
            paths.append(self.config.private_dir)  # the public edition never opens it
        self._stop_watching()
        self.nudge = Nudge(server)
        self.watcher = DataWatcher([*(self.root / path for path in paths), Path(config.docs_dir)], self.nudge)
        try:
            server.unwatch(config.docs_dir)  # watched by `mkdocs serve` just before this hook
        except KeyError:
            pass  # a server that did not watch it: the walk does
        self.watcher.start()
        return server

    def on_shutdown(self) -> None:
        self.forked.stop()  # a build ended by KeyboardInterrupt or SystemExit, which MkDocs' on_build_error does not see
        self._stop_watching()

    def _stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        if self.nudge is not None:
            self.nudge.remove()
        self.watcher = self.nudge = None

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.forked.stop()  # every page is indexed
        if self.used_files is not None:
            left_out = self.used_files.publish(dirty=self.dirty)
            if left_out:
                log.info(f"{len(left_out)} files of {Path(config.docs_dir).name}/ are used by no page of the {self.config.edition} edition and were not published")
            self.used_files = None
        self.files = None
        if self.build_language is not None:
            return  # the default language's build, which started this one, finishes the site
        self._build_other_languages(config)
        if self.incremental.active:
            self.incremental.commit()
        self.collector.end(serving=self.is_serving)
        if self.watcher is not None:
            self.watcher.resume()  # a file saved during the build is found now
        if self.output is None:
            return
        self._stop_counting()
        if config.strict and self.warnings.count:
            self.output.discard()  # MkDocs aborts right after this event in strict mode
            log.info("Strict mode: the previous site was kept as it was")
        else:
            self.output.commit()
        config.site_dir = str(self.output.final)  # where the site now is: `mkdocs gh-deploy` publishes this folder
        self.output = None

    def _build_other_languages(self, config: MkDocsConfig) -> None:
        """One whole build per other language, below the default's output (`ro/`), before the site is committed.

        Each from its own copy of the configuration as it was before any plugin changed it; a
        failure in any of them fails the build, and StagedOutput keeps the previous site.
        """
        if not self.languages.several or self.pristine is None:
            return
        build = engine_build(config)
        self.language_root = config.site_dir
        serve_url = config.site_url if self.is_serving else None
        try:
            for code in self.languages.codes[1:]:
                self.build_language = code
                build(copy_config(self.pristine), serve_url=serve_url and serve_url + f"{code}/", dirty=self.dirty)
        finally:
            self.build_language = None

    def on_build_error(self, *, error: Exception) -> None:
        self.forked.stop()
        self._stop_counting()
        self.files = None
        if self.build_language is None:
            self.incremental.abandon()  # the served folder stays as the last finished rebuild left it
            self.collector.end(serving=self.is_serving)
            if self.watcher is not None:
                self.watcher.resume()
        if self.output is not None:
            self.output.discard()
            log.info("The build failed: the previous site was kept as it was")
            self.output = None

    def _stop_counting(self) -> None:
        logging.getLogger(mkdocs.__name__).removeHandler(self.warnings)


def search_indexes(config: MkDocsConfig) -> list[Any]:
    """The search plugins' indexes (Material's `search_index`), which the plugin keeps, shares out or checks."""
    return [plugin.search_index for plugin in config.plugins.values() if hasattr(plugin, "search_index")]
