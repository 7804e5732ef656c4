"""Open data: the site's public data as documented, versioned, machine-readable exports.

Clusters of clusters (national alliances, networks, data.europa.eu) reuse a cluster's data;
a stable export with a published schema, a licence and a catalogue saves them scraping pages.

- `models`: the exports' pydantic models, the one source of truth of their JSON Schemas;
- `exports`: the exports' documents (JSON, and CSV for the members) from the site's data;
- `catalogue`: the list of datasets, the DCAT-AP description and the "Open data" page.
"""
