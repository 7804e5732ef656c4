"""The catalogue of the site's datasets, and its DCAT-AP description for data portals.

`DATASETS` is the one list of what the site publishes as open data: the "Open data" page and
`data/catalog.jsonld` are made from it. Adding a dataset is one entry here; a dataset whose
file a build does not contain (no newsletter issue yet, a feature switched off) is left out
of that build's catalogue.

The DCAT-AP description (the EU's application profile of W3C DCAT, which data.europa.eu
and national portals harvest) is JSON-LD with its context inline, so that a processor
needs no network to read it. Its words are English, like the exports' labels: it describes
language-neutral files, and portals translate titles themselves.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from ..i18n import N_
from .exports import EVENTS_JSON, ISSUES_JSON, MEMBERS_CSV, MEMBERS_JSON, schema_path
from .licences import LICENCES

CATALOGUE_PATH = "data/catalog.jsonld"
PAGE_PATH = "data/index.md"
"""The "Open data" page, at /data/."""

FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Distribution:
    """One file of a dataset: its site-relative path (`{newsletter}` stands for newsletter_dir) and format."""

    path: str
    media_type: str
    file_type: str
    """The EU file-type authority's code: JSON, CSV…"""


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    distributions: tuple[Distribution, ...]
    schema: str | None = None
    """The site-relative address of its JSON Schema."""
    keywords: tuple[str, ...] = ()


JSON = ("application/json", "JSON")
CSV = ("text/csv", "CSV")

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "members",
        N_("Member organisations"),
        N_("Every member's public profile: name, type, summary, place, technologies, roles, value-chain stages, identifiers (ROR, LEI, VAT, Wikidata) and partners."),
        (Distribution(MEMBERS_JSON, *JSON), Distribution(MEMBERS_CSV, *CSV)),
        schema_path("members"),
        ("cluster", "members", "organisations"),
    ),
    Dataset(
        "events",
        N_("Events"),
        N_("The cluster's events, past and upcoming, with their times, places, audiences and organisers, as the calendars hold them."),
        (Distribution(EVENTS_JSON, *JSON),),
        schema_path("events"),
        ("cluster", "events"),
    ),
    Dataset(
        "issues",
        N_("Newsletter issues"),
        N_("Every newsletter issue: title, date, summary, address, and the members and events it is about. The full text is in the feeds."),
        (Distribution("{newsletter}/" + ISSUES_JSON, *JSON),),
        schema_path("issues"),
        ("cluster", "newsletter"),
    ),
    Dataset(
        "opportunities",
        N_("Opportunities"),
        N_("Open jobs, funding calls, and cooperation offers and requests of the cluster and its members, as feeds (no schema of its own: JSON Feed 1.1 and RSS 2.0)."),
        (Distribution("opportunities/feed.json", "application/feed+json", "JSON"), Distribution("opportunities/rss.xml", "application/rss+xml", "RSS")),
        None,
        ("cluster", "jobs", "funding", "partner search"),
    ),
    Dataset(
        "figures",
        N_("The cluster in figures"),
        N_("The numbers behind the figures page: members by type, country and year of joining, connections between members, events and newsletter issues per year."),
        (Distribution("figures/figures.json", *JSON),),
        None,
        ("cluster", "statistics"),
    ),
)


def resolve(dataset: Dataset, newsletter_dir: str) -> Dataset:
    """The dataset with its distributions' paths for this site."""
    folder = newsletter_dir.strip("/")
    distributions = tuple(Distribution(d.path.format(newsletter=folder), d.media_type, d.file_type) for d in dataset.distributions)
    return Dataset(dataset.key, dataset.title, dataset.description, distributions, dataset.schema, dataset.keywords)


def _text(value: str) -> dict[str, str]:
    return {"@value": value, "@language": "en"}


def dcat_catalogue(datasets: list[Dataset], *, site_url: str, cluster: str, generated: dt.date, licence: str) -> str:
    """The DCAT-AP catalogue of `datasets` as JSON-LD text (keys sorted: rebuilds match)."""
    eu_licence = {"@id": LICENCES[licence].eu_authority}
    modified = {"@value": generated.isoformat(), "@type": "xsd:date"}
    publisher = {"@id": f"{site_url}#organization", "@type": "foaf:Agent", "foaf:name": cluster}
    page = site_url + PAGE_PATH.removesuffix("index.md")
    entries: list[dict[str, Any]] = []
    for dataset in datasets:
        distributions = []
        for distribution in dataset.distributions:
            url = site_url + distribution.path
            entry: dict[str, Any] = {
                "@id": url,
                "@type": "dcat:Distribution",
                "dct:title": _text(f"{dataset.title} ({distribution.file_type})"),
                "dcat:accessURL": {"@id": url},
                "dcat:downloadURL": {"@id": url},
                "dcat:mediaType": {"@id": MEDIA_TYPES + distribution.media_type},
                "dct:format": {"@id": FILE_TYPES + distribution.file_type},
                "dct:license": eu_licence,
                "dct:modified": modified,
            }
            if dataset.schema and distribution.file_type == "JSON":
                entry["dct:conformsTo"] = {"@id": site_url + dataset.schema}
            distributions.append(entry)
        entries.append({
            "@id": f"{page}#{dataset.key}",
            "@type": "dcat:Dataset",
            "dct:identifier": f"{page}#{dataset.key}",
            "dct:title": _text(dataset.title),
            "dct:description": _text(dataset.description),
            "dct:publisher": publisher,
            "dct:modified": modified,
            "dcat:landingPage": {"@id": f"{page}#{dataset.key}"},
            "dcat:keyword": [_text(keyword) for keyword in dataset.keywords],
            "dcat:distribution": distributions,
        })
    catalogue = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": site_url + CATALOGUE_PATH,
        "@type": "dcat:Catalog",
        "dct:title": _text(f"{cluster}: open data"),
        "dct:description": _text(f"The public data of {cluster}, as machine-readable files with JSON Schemas, free to reuse under {licence}."),
        "dct:publisher": publisher,
        "dct:license": eu_licence,
        "dct:modified": modified,
        "foaf:homepage": {"@id": page},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/ENG"},
        "dcat:dataset": entries,
    }
    return json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
