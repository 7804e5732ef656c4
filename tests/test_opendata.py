"""Open data: every export validates against the schema the site publishes, the CSV is safe
in a spreadsheet, contacts leave only with the site's consent, member-only data never does."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, build_ok, run_build
from sitefactory import MKDOCS_YML, Site

SITE = "https://carpathia-medimaging.example.org/"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def exports(out: Path) -> dict[str, dict]:
    found = {}
    for path in ("members/members.json", "events/events.json", "newsletter/issues.json"):
        found[path] = json.loads((out / path).read_text(encoding="utf-8"))
    return found


def published_schema(out: Path, site: str, address: str) -> dict:
    """The schema at `address`, read from the built site (where another cluster would fetch it)."""
    assert address.startswith(site) and address.endswith(".json"), address
    return json.loads((out / address[len(site):]).read_text(encoding="utf-8"))


def test_every_export_validates_against_its_published_schema(example_site: Path) -> None:
    for path, document in exports(example_site).items():
        schema = published_schema(example_site, SITE, document["schema_url"])
        assert schema["$id"] == document["schema_url"] and document["schema_url"].endswith("-1.json")
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        assert [error.message for error in validator.iter_errors(document)] == [], path
        assert document["version"] == 1
        assert document["generated"] == "2026-11-18"  # SOURCE_DATE_EPOCH of the test builds, not the clock
        assert document["licence"] == {"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    documents = exports(example_site)
    assert len(documents["events/events.json"]["events"]) >= 3 and len(documents["newsletter/issues.json"]["issues"]) >= 2
    broken = dict(documents["members/members.json"], version=2)
    schema = published_schema(example_site, SITE, broken["schema_url"])
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(broken)), "the schema pins the version"


def canonical(text: str) -> str:
    """A JSON export as `json.dumps` writes the whole document at once: what the plugin, which
    writes each member's part once and assembles them, must give byte for byte."""
    return json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_the_exports_are_written_as_one_json_dump_would(example_site: Path, site: Site) -> None:
    for path in ("members/members.json", "events/events.json", "newsletter/issues.json"):
        text = (example_site / path).read_text(encoding="utf-8")
        assert text == canonical(text), path
    assert len(json.loads((example_site / "members/members.json").read_text(encoding="utf-8"))["members"]) >= 40
    empty = (build_ok(site) / "members" / "members.json").read_text(encoding="utf-8")
    assert json.loads(empty)["members"] == [] and empty == canonical(empty)


def test_members_csv_opens_as_the_json_says(example_site: Path) -> None:
    raw = (example_site / "members" / "members.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so that spreadsheets read UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    members = json.loads((example_site / "members" / "members.json").read_text(encoding="utf-8"))["members"]
    assert [(row["slug"], row["name"], row["country"]) for row in rows] == [(m["slug"], m["name"], m["country"]) for m in members]
    iasi = next(row for row in rows if row["city"] == "Iași")
    assert iasi["url"].startswith(SITE + "members/")


def cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_csv_cells_never_start_a_formula(site: Site) -> None:
    site.member("formula", """\
        name: "=HYPERLINK(\\"https://evil.example/\\"; \\"Click\\")"
        type: sme
        summary: "+cmd|' /C calc'!A0"
        country: RO
        city: "@SUM(1+1)"
        region: "-2+3+cmd|' /C calc'!A0"
        location: {lat: -33.5, lon: 18.25}
        """)
    out = build_ok(site)
    rows = cells(out / "members" / "members.csv")
    header, row = rows[0], rows[1]
    value = dict(zip(header, row, strict=True))
    assert value["name"] == "'=HYPERLINK(\"https://evil.example/\"; \"Click\")"
    assert value["summary"] == "'+cmd|' /C calc'!A0"
    assert value["city"] == "'@SUM(1+1)"
    assert value["region"] == "'-2+3+cmd|' /C calc'!A0"
    assert value["lat"] == "-33.5", "a plain negative number stays a number"
    for cell in (cell for line in rows for cell in line):
        assert not cell.startswith(FORMULA_START) or cell == "-33.5", cell
    exported = json.loads((out / "members" / "members.json").read_text(encoding="utf-8"))["members"][0]
    assert exported["name"].startswith("=HYPERLINK"), "the JSON keeps the data as written: JSON is not run"


CONTACTS = """\
name: Contact Imaging
type: sme
summary: Imaging software.
country: RO
contacts:
  - name: Ana Public
    email: ana@contact.example.org
    public: true
"""


def test_contacts_are_exported_only_if_the_site_opts_in(site: Site) -> None:
    site.member("contact-imaging", CONTACTS)
    site.write("private/members/contact-imaging.yml", "contacts:\n  - name: Ion Private\n    email: ion@contact.example.org\n")
    text = (build_ok(site) / "members" / "members.json").read_text(encoding="utf-8")
    assert "contacts" not in json.loads(text)["members"][0] and "Ana Public" not in text
    site.write("mkdocs.yml", MKDOCS_YML.replace("  - cluster:\n", "  - cluster:\n      export_contacts: true\n      licence: CC0-1.0\n"))
    out = build_ok(site)
    text = (out / "members" / "members.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert text == canonical(text), "contacts nest a level deeper in each member's part"
    assert document["members"][0]["contacts"] == [{"name": "Ana Public", "email": "ana@contact.example.org"}]
    assert "Ion Private" not in json.dumps(document), "only those who agreed to be listed publicly"
    assert document["licence"] == {"id": "CC0-1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"}


def test_member_only_events_and_issues_stay_out_of_the_public_exports(example_site: Path) -> None:
    private = REPO / "example-private"
    event_slugs = {path.stem for path in (private / "events").glob("*.yml")}
    issue_slugs = {path.stem for path in (private / "content" / "newsletter").glob("*.md")}
    assert event_slugs and issue_slugs, "the example has member-only events and issues"
    documents = exports(example_site)
    assert not event_slugs & {event["slug"] for event in documents["events/events.json"]["events"]}
    assert not issue_slugs & {issue["slug"] for issue in documents["newsletter/issues.json"]["issues"]}
    text = json.dumps(documents, ensure_ascii=False)
    for path in (private / "events").glob("*.yml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["title"] not in text
    for event in documents["events/events.json"]["events"]:
        assert event["audience"] != ["members"]


def test_a_licence_the_plugin_does_not_know_is_refused_at_its_line(tmp_path: Path) -> None:
    site = Site.create(tmp_path / "s", MKDOCS_YML.replace("  - cluster:\n", "  - cluster:\n      licence: CC-BY-5.0\n"))
    result = run_build(site.root)
    assert result.returncode != 0
    assert "mkdocs.yml:9: licence: \"CC-BY-5.0\" is not one of the allowed values (did you mean \"CC-BY-4.0\"?)" in result.stderr + result.stdout


@pytest.mark.parametrize("path", ["data/schema/members-1.json", "data/schema/events-1.json", "data/schema/issues-1.json"])
def test_schemas_are_at_their_stable_addresses(example_site: Path, path: str) -> None:
    schema = json.loads((example_site / path).read_text(encoding="utf-8"))
    assert schema["$id"] == SITE + path


DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"


def test_the_dcat_ap_catalogue_names_every_dataset_and_distribution(example_site: Path) -> None:
    from pyld import jsonld

    document = json.loads((example_site / "data" / "catalog.jsonld").read_text(encoding="utf-8"))
    nodes = jsonld.flatten(document)  # expanded by a JSON-LD processor: the context is inline, no network
    by_id = {node["@id"]: node for node in nodes}
    catalogues = [node for node in nodes if DCAT + "Catalog" in node.get("@type", [])]
    assert len(catalogues) == 1
    datasets = [by_id[ref["@id"]] for ref in catalogues[0][DCAT + "dataset"]]
    assert {d[DCT + "title"][0]["@value"] for d in datasets} == {"Member organisations", "Events", "Newsletter issues", "Opportunities", "The cluster in figures"}
    downloads = set()
    for dataset in datasets:
        assert DCAT + "Dataset" in dataset["@type"] and dataset[DCT + "description"][0]["@value"]
        for ref in dataset[DCAT + "distribution"]:
            distribution = by_id[ref["@id"]]
            url = distribution[DCAT + "downloadURL"][0]["@id"]
            assert (example_site / url[len(SITE):]).is_file(), url
            assert distribution[DCT + "license"][0]["@id"] == "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
            downloads.add(url[len(SITE):])
    assert downloads == {
        "members/members.json", "members/members.csv", "events/events.json", "newsletter/issues.json",
        "opportunities/feed.json", "opportunities/rss.xml", "figures/figures.json",
    }


def test_the_open_data_page_describes_each_dataset_with_an_example(example_site: Path) -> None:
    text = (example_site / "data" / "index.html").read_text(encoding="utf-8")
    for key, schema in (("members", "members-1.json"), ("events", "events-1.json"), ("issues", "issues-1.json")):
        assert f'id="{key}"' in text and f"href=\"schema/{schema}\"" in text
    assert "&#34;slug&#34;" in text or "&quot;slug&quot;" in text, "an example record, escaped"
    assert "creativecommons.org/licenses/by/4.0/" in text and "catalog.jsonld" in text


def test_a_site_without_issues_catalogues_no_newsletter_dataset(site: Site) -> None:
    site.member("acme")
    out = build_ok(site)
    document = json.loads((out / "data" / "catalog.jsonld").read_text(encoding="utf-8"))
    assert [d["@id"].rsplit("#", 1)[1] for d in document["dcat:dataset"]] == ["members", "events", "opportunities", "figures"]
    assert not (out / "newsletter" / "issues.json").exists()


def test_the_data_page_shows_each_export_s_first_record(example_site: Path) -> None:
    """Each dataset's example is the first object of its records (the members export's first
    list is `languages`, strings: the page showed `"en"` as the example of a member)."""
    page = (example_site / "data" / "index.html").read_text(encoding="utf-8")
    shown = [html.unescape(re.sub(r"<[^>]+>", "", block)).strip() for block in re.findall(r"<pre[^>]*>(.*?)</pre>", page, re.S)]
    for path in ("members/members.json", "events/events.json", "newsletter/issues.json"):
        document = json.loads((example_site / path).read_text(encoding="utf-8"))
        records = next(value for _, value in sorted(document.items()) if isinstance(value, list) and value and isinstance(value[0], dict))
        expected = json.dumps(records[0], ensure_ascii=False, indent=2, sort_keys=True)
        assert any(expected.startswith(block.removesuffix("…").rstrip()) and len(block) > 200 for block in shown), path
    assert '"en"' not in shown
    feed = json.loads((example_site / "opportunities" / "feed.json").read_text(encoding="utf-8"))
    item = json.dumps(feed["items"][0], ensure_ascii=False, indent=2, sort_keys=True)
    assert any(item.startswith(block.removesuffix("…").rstrip()) and len(block) > 200 for block in shown), "an opportunity, not the feed's author"
