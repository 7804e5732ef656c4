"""`clustersite add opportunity`: each kind's file, valid from the start, in the right tier."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from clustersite.commands import main
from clustersite.yamlfile import parse_yaml


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def load(root: Path, edition: str | None = None):
    from mkdocs.config import load_config

    from clustersite.sitedata import load_site_data

    config = load_config(str(root / "mkdocs.yml"))
    return load_site_data(config.plugins["cluster"].config, root, Path(config.docs_dir), edition)


def test_add_a_job_writes_a_valid_file_with_the_schema_line(site) -> None:
    site.member("acme")
    result = invoke(
        "add", "opportunity", "-f", str(site.root / "mkdocs.yml"), "--kind", "Job", "--title", "Radiographer (MRI): day shifts",
        "--summary", "A new 3 T MRI suite.", "--member", "acme", "--technology", "MRI", "--employment-type", "full-time", "--employment-type", "Part-time",
        "--city", "Iași", "--country", "ro", "--valid-through", "2027-01-31", "--apply-email", "jobs@acme.example", "--posted", "2026-11-20",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = site.root / "opportunities" / "radiographer-mri-day-shifts.yml"
    assert path.read_text().startswith("# yaml-language-server: $schema=../schemas/opportunity.schema.json\n")
    job = load(site.root).opportunities["radiographer-mri-day-shifts"].opportunity
    assert (job.kind, job.technologies, job.employment_type, job.place.country, job.valid_through) == ("job", ["mri"], ["full-time", "part-time"], "RO", dt.date(2027, 1, 31))


def test_an_offer_expires_twelve_months_after_posting_unless_told_and_a_member_only_call_goes_private(site) -> None:
    mkdocs = site.root / "mkdocs.yml"
    assert invoke("add", "opportunity", "-f", str(mkdocs), "--kind", "offer", "--title", "Phantoms", "--summary", "MRI phantoms to lend.",
                  "--cooperation", "technical", "--posted", "2026-02-28").exit_code == 0  # fmt: skip
    assert parse_yaml((site.root / "opportunities/phantoms.yml").read_text())["expires"] == "2027-02-28"
    result = invoke("add", "opportunity", "-f", str(mkdocs), "--kind", "call", "--title", "Travel grants", "--summary", "For members.", "--funder", "The cluster",
                    "--programme", "Members' fund", "--deadline", "2027-03-31", "--link", "https://cluster.example.org/fund", "--audience", "members")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (site.root / "private/opportunities/travel-grants.yml").exists() and not (site.root / "opportunities/travel-grants.yml").exists()
    assert load(site.root, "members").opportunities["travel-grants"].opportunity.audience == ["members"]


def test_a_file_the_build_would_refuse_is_not_written(site) -> None:
    result = CliRunner().invoke(main, [
        "add", "opportunity", "-f", str(site.root / "mkdocs.yml"), "--kind", "request", "--title", "Partner", "--summary", "A partner.",
        "--cooperation", "research", "--posted", "2026-11-20", "--expires", "2028-01-01",
    ])  # fmt: skip
    assert result.exit_code == 1
    assert "opportunities/partner.yml:8: expires: 2028-01-01 is more than 12 months after it was posted (2026-11-20)" in result.output
    assert not (site.root / "opportunities/partner.yml").exists()
    usage = CliRunner().invoke(main, ["add", "opportunity", "-f", str(site.root / "mkdocs.yml"), "--title", "X", "--summary", "Y"])
    assert usage.exit_code == 2 and "missing --kind" in usage.output
