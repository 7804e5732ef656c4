"""The open-data files of a build: the exports, their schemas, the catalogue and the "Open data" page."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..cache import memo, render
from ..i18n import Language
from ..opendata import models
from ..opendata.catalogue import CATALOGUE_PATH, DATASETS, PAGE_PATH, Dataset, dcat_catalogue, resolve
from ..opendata.exports import (
    EVENTS_JSON,
    ISSUES_JSON,
    MEMBERS_CSV,
    MEMBERS_JSON,
    ExportContext,
    dump,
    events_document,
    issues_document,
    member_export,
    members_csv,
    members_document,
    members_json,
    schema_document,
    schema_path,
)
from ..opendata.licences import LICENCES
from ..sitedata import SiteData
from ..sources.events import EventRecord
from ..sources.newsletter import IssueRecord
from . import GeneratedPage

SCHEMAS: dict[str, type[models.ExportHeader]] = {"members": models.MembersExport, "events": models.EventsExport, "issues": models.IssuesExport}

EXAMPLE_LIMIT = 1200
"""Characters of a dataset's first record shown on the Open data page."""


class OpenDataPages:
    """Writes the exports of one edition, then the catalogue of what the build contains."""

    def __init__(self, data: SiteData, config: MkDocsConfig, env: jinja2.Environment, *, language: Language, context: ExportContext, newsletter_dir: str) -> None:
        self.data = data
        self.config = config
        self.env = env
        self.language = language
        self.context = context
        self.newsletter_dir = newsletter_dir.strip("/")
        self.datasets: list[Dataset] = []
        self.examples: dict[str, str] = {}
        self.page = GeneratedPage(
            language.gettext("Open data"),
            PAGE_PATH,
            config,
            self._render,
            meta={"description": html.escape(language.gettext("The cluster's public data as files to reuse, with their schemas and licence."), quote=True), "hide": ["navigation", "toc"]},
        )

    def export_files(self, events: list[EventRecord], issues: list[IssueRecord], issue_urls: dict[str, str], identity_url: str) -> list[File]:
        """The exports and their schemas (the newsletter's only when the edition has an issue, like its feeds)."""
        # Serve mode: a save makes again only the entries of the members whose inputs changed
        # (`member_export`), not the 2,000 of the export; the document is assembled from them.
        context = self.context
        data = context.data
        members = [
            memo(self.env, "export:member", (context.site_url, context.contacts, record.slug, record.url, record.partners, record.logo_url, record.member), partial(member_export, context, record))
            for record in data.members.values()
        ]
        document = members_document(context, members)
        outputs = {MEMBERS_JSON: members_json(document, members), MEMBERS_CSV: members_csv(members)}
        header = (context.site_url, context.edition, context.generated, context.licence, context.contacts, data.profile)
        outputs[EVENTS_JSON] = memo(self.env, "export:events", (header, events), lambda: dump(events_document(context, events)))
        if issues:
            host = urlsplit(identity_url).hostname or ""
            outputs[f"{self.newsletter_dir}/{ISSUES_JSON}"] = dump(issues_document(self.context, issues, issue_urls, host))
        for key, model in SCHEMAS.items():
            outputs[schema_path(key)] = memo(self.env, "export:schema", (model, key, context.site_url), partial(schema_document, model, key, context.site_url))
        return [File.generated(self.config, path, content=content) for path, content in outputs.items()]

    def catalogue_files(self, files: Files) -> list[File]:
        """The catalogue and the page, naming every dataset whose files this build contains."""
        self.datasets = []
        for entry in DATASETS:
            dataset = resolve(entry, self.newsletter_dir)
            if all(files.get_file_from_path(d.path) is not None for d in dataset.distributions):
                self.datasets.append(dataset)
                self.examples[dataset.key] = self._example(files.get_file_from_path(dataset.distributions[0].path))
        profile = self.data.profile
        catalogue = dcat_catalogue(
            self.datasets, site_url=self.context.site_url, cluster=profile.name if profile else self.config.site_name, generated=self.context.generated, licence=self.context.licence
        )
        return [self.page.file, File.generated(self.config, CATALOGUE_PATH, content=catalogue)]

    def _example(self, file: File | None) -> str:
        """The first record of a JSON export, indented, for the page."""
        if file is None or not file.src_uri.endswith(".json"):
            return ""
        try:
            return first_record(file.content_string)
        except OSError:
            return ""

    def _render(self, page: GeneratedPage) -> str:
        licence = self.context.licence
        return render(
            self.env,
            "opendata/index.html",
            page=page,
            datasets=self.datasets,
            examples=self.examples,
            licence=licence,
            licence_url=LICENCES[licence].url,
            catalogue=CATALOGUE_PATH,
            contacts=self.context.contacts,
            version=models.EXPORT_VERSION,
            generated=self.language.date(self.context.generated) if isinstance(self.context.generated, dt.date) else "",
        )


_RECORDS = re.compile(r'^ "[^"\n]*": \[\n +\{', re.MULTILINE)
"""A top-level list of objects in an export as `dump_value` writes it (keys sorted, one space per level)."""


def first_record(export: str) -> str:
    """The export's first record, indented: the first object of its first list of objects in key
    order (`members`, not `languages`), or of a JSON Feed's `items`.

    An export `dump_value` wrote (one space per level, keys sorted) has only that object decoded:
    the members export is megabytes, and serve mode writes it again on every save of a member.
    Any other JSON (the opportunities' JSON Feed) is decoded whole."""
    found = _RECORDS.search(export)
    try:
        if found is not None:
            record, _ = json.JSONDecoder().raw_decode(export, found.end() - 1)
        else:
            record = _first_object(json.loads(export))
    except ValueError:
        return ""
    if record is None:
        return ""
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True)
    return text if len(text) <= EXAMPLE_LIMIT else text[:EXAMPLE_LIMIT] + "\n…"


def _first_object(document: Any) -> Any:
    if not isinstance(document, dict):
        return None
    if str(document.get("version", "")).startswith("https://jsonfeed.org/") and isinstance(document.get("items"), list):
        lists = [document["items"]]  # a feed's records are its items, not its authors
    else:
        lists = [value for _, value in sorted(document.items()) if isinstance(value, list)]
    return next((value[0] for value in lists if value and isinstance(value[0], dict)), None)
