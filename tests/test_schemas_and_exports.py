"""Editors' JSON Schemas stay current with the models; the open-data export is complete and public-only."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from conftest import REPO

from clustersite.schema import stale_schemas
from clustersite.vocabularies import merge_vocabularies


def site_vocabularies() -> dict[str, dict[str, str]]:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 (a SafeLoader that ignores !ENV)
    options = next(p["cluster"] for p in config["plugins"] if isinstance(p, dict) and "cluster" in p)
    return merge_vocabularies(options.get("vocabularies") or {})


def test_committed_schemas_are_current() -> None:
    assert stale_schemas(REPO / "schemas", site_vocabularies()) == [], "run `clustersite schema` and commit"


def test_every_data_file_points_editors_at_its_schema() -> None:
    for folder, schema in (("members", "member"), ("events", "event"), ("opportunities", "opportunity")):
        for path in sorted((REPO / folder).glob("*.yml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schemas/{schema}.schema.json", path.name


def test_schema_accepts_the_example_members_and_catches_typos() -> None:
    from clustersite.sources.members import load_members

    schema = json.loads((REPO / "schemas" / "member.schema.json").read_text(encoding="utf-8"))
    records, errors = load_members(REPO / "members", REPO, {"vocabularies": site_vocabularies(), "languages": ("en", "ro")})
    assert errors == []
    validator = jsonschema.Draft202012Validator(schema)
    for record in records.values():
        document = record.member.model_dump(mode="json", exclude_none=True)
        assert list(validator.iter_errors(document)) == [], record.slug
    typo = dict(next(iter(records.values())).member.model_dump(mode="json", exclude_none=True), websit="https://x.example")
    assert list(validator.iter_errors(typo)), "an unknown key is flagged in the editor too"
    wrong_term = dict(next(iter(records.values())).member.model_dump(mode="json", exclude_none=True), technologies=["petmri"])
    assert list(validator.iter_errors(wrong_term)), "so is a term outside the vocabulary"


def test_opportunity_schema_accepts_each_kind_of_the_examples_and_catches_typos() -> None:
    """The editors' schema is one file for four kinds: `kind:` chooses which keys an editor may write."""
    import yaml

    schema = json.loads((REPO / "schemas" / "opportunity.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    kinds = set()
    for path in sorted((REPO / "opportunities").glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        document = json.loads(json.dumps(document, default=str))  # dates as the editor's text, as the editor's tool sees them
        assert list(validator.iter_errors(document)) == [], path.name
        kinds.add(document["kind"])
        if document["kind"] == "job":
            wrong_kind = dict(document, deadlines=["2027-01-10"])
            assert list(validator.iter_errors(wrong_kind)), "a call's key in a job is flagged"
            wrong_term = dict(document, technologies=["petmri"])
            assert list(validator.iter_errors(wrong_term)), "so is a term outside the vocabulary"
    assert kinds == {"job", "call", "offer", "request"}


def test_open_data_export_lists_every_member_with_public_data_only(example_site: Path) -> None:
    export = json.loads((example_site / "members" / "members.json").read_text(encoding="utf-8"))
    assert export["format"] == "clustersite-members" and export["version"] == 1
    slugs = [m["slug"] for m in export["members"]]
    assert slugs == sorted(p.stem for p in (REPO / "members").glob("*.yml"))
    nordsonic = next(m for m in export["members"] if m["slug"] == "nordsonic")
    assert nordsonic["country"] == "NO" and nordsonic["url"] == "https://carpathia-medimaging.example.org/members/nordsonic/"
    for member in export["members"]:
        assert "internal" not in member
        for contact in member.get("contacts", []):
            assert "public" not in contact
    import yaml

    private = [c["name"] for p in (REPO / "example-private/members").glob("*.yml") for c in (yaml.safe_load(p.read_text(encoding="utf-8")).get("contacts") or [])]
    text = json.dumps(export, ensure_ascii=False)
    assert private and not [name for name in private if name in text]
