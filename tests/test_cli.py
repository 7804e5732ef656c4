"""The editor's commands: `clustersite new` scaffolds a site that builds strictly at once,
`clustersite add` writes files the build accepts (and refuses a taken slug), and every
command keeps the conventions: --help, documented exit codes, no colour off a terminal.
The editors' guide's annotated examples are checked here too: they must stay valid.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, run_build
from hypothesis import given, settings
from hypothesis import strategies as st

from clustersite.commands import adding, main
from clustersite.commands.adding import yaml_scalar
from clustersite.commands.values import slugify
from clustersite.yamlfile import parse_yaml

SCAFFOLD = REPO / "plugins" / "clustersite" / "scaffold"


def clustersite(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command as an editor runs it: a new process, no terminal."""
    environ = {**os.environ, **env} if env else None
    return subprocess.run([sys.executable, "-m", "clustersite", *args], cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300, env=environ)


def invoke(*args: str, input: str | None = None) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def load(root: Path, edition: str | None = None):
    """The site's data through the build's own loader."""
    from mkdocs.config import load_config

    from clustersite.sitedata import load_site_data

    config = load_config(str(root / "mkdocs.yml"))
    return load_site_data(config.plugins["cluster"].config, root, Path(config.docs_dir), edition)


# --------------------------------------------------------------------------- new


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("new") / "north-imaging"
    result = clustersite("new", str(root), "--name", "North Imaging: Cluster", "--country", "no", "--city", "Trondheim", "--site-url", "https://north-imaging.example.net/")
    assert result.returncode == 0, result.stderr
    assert "Next steps" in result.stdout
    return root


def test_new_site_has_everything_an_office_needs(scaffolded: Path) -> None:
    files = {path.relative_to(scaffolded).as_posix() for path in scaffolded.rglob("*") if path.is_file()}
    newsletter = [name for name in files if name.startswith("content/newsletter/")]
    assert {
        "mkdocs.yml",
        "cluster.yml",
        "README.md",
        "requirements.txt",
        ".gitignore",
        ".github/workflows/pull-request.yml",
        ".github/workflows/publish.yml",
        ".github/pull_request_template.md",
        "members/example-imaging.yml",
        "events/imaging-innovation-day.yml",
        "overrides/main.html",
        "overrides/404.html",
        "schemas/member.schema.json",
        "content/index.md",
        "content/contribute/member-entry.md",
        "vendor/clustersite/pyproject.toml",
        "vendor/clustersite/clustersite/plugin.py",
    } <= files
    assert len(newsletter) == 1 and re.fullmatch(r"content/newsletter/\d{4}-\d{2}-\d{2}-welcome\.md", newsletter[0])
    site_files = [name for name in files if not name.startswith("vendor/")]  # vendor/ holds the plugin's own templates
    assert not any(".jinja" in name or "__date__" in name for name in site_files), "templates are rendered, not copied"
    assert (scaffolded / "requirements.txt").read_text().splitlines()[-1] == "./vendor/clustersite"
    config = yaml.safe_load((scaffolded / "mkdocs.yml").read_text().replace("!ENV", ""))
    assert config["site_name"] == "North Imaging: Cluster", "a name with a colon is quoted"
    assert config["theme"]["name"] == "material"
    assert any(isinstance(plugin, dict) and "cluster" in plugin for plugin in config["plugins"])
    member = (scaffolded / "members/example-imaging.yml").read_text()
    assert member.startswith("# yaml-language-server: $schema=../schemas/member.schema.json\n")
    assert 'country: "NO"' in member, "Norway's code is quoted for YAML 1.1 readers"
    assert config["plugins"][1]["cluster"]["timezone"] == "Europe/Oslo", "the time zone comes from the country"
    assert not list(scaffolded.parent.glob(".clustersite-new-*")), "no staging folder is left behind"


def test_new_site_builds_strictly_and_checks_clean(scaffolded: Path) -> None:
    result = run_build(scaffolded)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    out = scaffolded / "site"
    for page in ("index.html", "members/example-imaging/index.html", "events/imaging-innovation-day/index.html", "contribute/member-entry/index.html"):
        assert (out / page).is_file(), page
    assert list(out.glob("newsletter/*-welcome/index.html"))
    check = clustersite("check", cwd=scaffolded)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "all data is valid (1 member, 1 event, 1 newsletter issue)" in check.stdout
    assert "\x1b[" not in check.stdout + check.stderr, "no colour codes off a terminal"


def test_new_site_scaffolds_the_private_side_and_its_members_edition(scaffolded: Path) -> None:
    private = scaffolded / "private"
    for name in ("README.md", ".github/workflows/members.yml", "members/example-imaging.yml", "events/members-meeting.yml", "content/member-services.md"):
        assert (private / name).is_file(), name
    assert "/private/" in (scaffolded / ".gitignore").read_text().splitlines(), "the public repository never commits it"
    assert "Sam Example" not in "".join(p.read_text() for p in scaffolded.rglob("*.yml") if "private" not in p.parts)
    result = run_build(scaffolded, env={"CLUSTERSITE_EDITION": "members", "CLUSTERSITE_FEED_SECRET": "a-secret-for-the-scaffold-test"})
    assert result.returncode == 0, result.stderr
    members = scaffolded / "site-members"
    assert "Sam Example" in (members / "members/example-imaging/index.html").read_text()
    assert (members / "events/members-meeting/index.html").is_file() and (members / "member-services/index.html").is_file()
    assert list(members.glob("feeds/*/events/members.ics"))
    check = clustersite("check", cwd=scaffolded, env={"CLUSTERSITE_EDITION": "members"})
    assert check.returncode == 0 and "2 events" in check.stdout, check.stdout + check.stderr
    allowed = clustersite("access-list", cwd=scaffolded)
    assert allowed.returncode == 0 and allowed.stdout.split() == ["example.org"], allowed.stdout + allowed.stderr


def test_new_scaffold_calendar_is_in_the_countrys_time_zone(scaffolded: Path) -> None:
    import icalendar

    event = yaml.safe_load((scaffolded / "events" / "imaging-innovation-day.yml").read_text())
    out = scaffolded / "site"
    if not out.exists():
        assert run_build(scaffolded).returncode == 0
    calendar = icalendar.Calendar.from_ical((out / "events" / "events.ics").read_bytes())
    start = calendar.walk("VEVENT")[0].decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Oslo" and start.strftime("%Y-%m-%dT%H:%M") == str(event["start"])[:16]


def test_new_asks_for_the_time_zone_of_a_country_with_several(tmp_path: Path, monkeypatch) -> None:
    result = clustersite("new", str(tmp_path / "es"), "--country", "ES", "--city", "Madrid")
    assert result.returncode == 2
    assert "ES has several time zones: choose one with --timezone (Europe/Madrid (Spain (mainland)), Atlantic/Canary (Canary Islands))" in result.stderr
    monkeypatch.setattr(adding, "interactive", lambda: True)
    result = invoke("new", str(tmp_path / "canarias"), "--name", "Canarias Imaging", "--country", "ES", "--city", "Las Palmas", input="2\n")
    assert result.exit_code == 0, result.output
    assert "2. Atlantic/Canary  Canary Islands" in result.output
    assert "timezone: Atlantic/Canary" in (tmp_path / "canarias" / "mkdocs.yml").read_text()


def test_publishing_with_the_example_site_url_is_a_strict_mode_warning(tmp_path: Path) -> None:
    result = clustersite("new", str(tmp_path / "site"), "--country", "RO", "--city", "Iași")
    assert result.returncode == 0, result.stderr
    assert "site_url is still https://www.example.org/" in result.stdout
    build = run_build(tmp_path / "site")
    assert build.returncode != 0
    assert "mkdocs.yml:" in build.stderr and "site_url: https://www.example.org/ is an example address" in build.stderr
    assert "re-sends every newsletter issue" in build.stderr
    from clustersite.plugin import is_placeholder_url

    assert [is_placeholder_url(url) for url in ("https://example.org/", "https://cluster.example/", "https://imaging.example.org/", "https://www.cluster.ro/")] == [True, True, False, False]


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = clustersite("new", str(tmp_path), "--country", "RO", "--city", "Iași")
    assert result.returncode == 1
    assert "is not empty" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_new_fills_an_existing_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    result = clustersite("new", str(target), "--country", "RO", "--city", "Iași")
    assert result.returncode == 0, result.stderr
    assert (target / "mkdocs.yml").is_file()
    assert yaml.safe_load((target / "cluster.yml").read_text())["name"] == "Empty"


def test_new_without_a_terminal_names_the_missing_options(tmp_path: Path) -> None:
    result = clustersite("new", str(tmp_path / "site"))
    assert result.returncode == 2
    assert "missing --country, --city" in result.stderr
    assert not (tmp_path / "site").exists()


def test_scaffold_ships_as_package_data() -> None:
    """setuptools' globs skip dotted names, so the scaffold stores none (`new` adds the dots)."""
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["clustersite"]
    package = REPO / "plugins" / "clustersite"
    shipped = {Path(path) for pattern in patterns for path in glob.glob(str(package / pattern), recursive=True) if Path(path).is_file()}
    files = {path for path in SCAFFOLD.rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert files and files <= shipped, sorted(str(p) for p in files - shipped)
    assert not [p for p in files if any(part.startswith(".") for part in p.relative_to(SCAFFOLD).parts)]


def test_scaffold_guide_is_the_example_sites_guide() -> None:
    """The editors' guide is written once: `new` ships the same pages as this repository."""
    ours = {p.name: p.read_text() for p in (REPO / "content" / "contribute").glob("*.md")}
    shipped = {p.name: p.read_text() for p in (SCAFFOLD / "content" / "contribute").glob("*.md")}
    assert ours == shipped, "copy content/contribute/ to plugins/clustersite/scaffold/content/contribute/"


def test_scaffold_overrides_are_the_example_sites_overrides() -> None:
    """Feed autodiscovery and any other theme override reach new sites too."""
    ours = {p.relative_to(REPO / "overrides").as_posix(): p.read_text() for p in (REPO / "overrides").rglob("*") if p.is_file()}
    shipped = {p.relative_to(SCAFFOLD / "overrides").as_posix(): p.read_text() for p in (SCAFFOLD / "overrides").rglob("*") if p.is_file()}
    assert ours == shipped, "copy overrides/ to plugins/clustersite/scaffold/overrides/"


# --------------------------------------------------------------------------- add


MEMBER_FLAGS = ["--name", "Clinica Sfântul Spiridon", "--type", "hospital", "--country", "ro", "--summary", "Teaching hospital: radiology and nuclear medicine.", "--city", "Iași"]


def test_add_member_writes_a_valid_file_with_the_schema_line(site) -> None:
    site.member("acme")
    result = invoke("add", "member", "-f", str(site.root / "mkdocs.yml"), *MEMBER_FLAGS)
    assert result.exit_code == 0, result.output
    path = site.root / "members" / "clinica-sfantul-spiridon.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/member.schema.json\n")
    assert 'summary: "Teaching hospital: radiology and nuclear medicine."' in text
    member = load(site.root).members["clinica-sfantul-spiridon"].member
    assert (member.name, member.type, member.country, member.city) == ("Clinica Sfântul Spiridon", "hospital", "RO", "Iași")


def test_add_event_writes_a_valid_file(site) -> None:
    from clustersite.schema import SCHEMA_FILES

    site.member("acme")
    result = invoke(
        "add", "event", "-f", str(site.root / "mkdocs.yml"),
        "--title", "PET-MRI Workshop: hands-on", "--type", "workshop", "--start", "2026-05-12 09:30", "--end", "2026-05-12T17:00",
        "--venue", "Palas Congress Hall", "--city", "Iași", "--country", "RO", "--summary", "Hybrid imaging for clinicians.",
        "--audience", "community", "--audience", "public", "--organiser", "acme", "--registration", "https://events.example.org/pet-mri",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = site.root / "events" / "pet-mri-workshop-hands-on.yml"
    data = parse_yaml(path.read_text())
    assert {"title", "type", "start", "end", "location", "summary", "audience", "organisers"} <= set(data)
    assert data["location"] == {"venue": "Palas Congress Hall", "city": "Iași", "country": "RO"}
    if "event.schema.json" in SCHEMA_FILES:
        assert path.read_text().startswith("# yaml-language-server: $schema=../schemas/event.schema.json\n")
    event = load(site.root).events["pet-mri-workshop-hands-on"].event
    assert (event.title, event.type, event.audience, event.organisers) == ("PET-MRI Workshop: hands-on", "workshop", ["community", "public"], ["acme"])


def test_add_newsletter_writes_a_valid_issue(site) -> None:
    result = invoke("add", "newsletter", "-f", str(site.root / "mkdocs.yml"), "--title", "Spring 2026", "--date", "2026-04-01", "--summary", "New members and open calls.", "--number", "12", "--audience", "members")
    assert result.exit_code == 0, result.output
    path = site.root / "private" / "content" / "newsletter" / "2026-04-01-spring-2026.md"  # for members alone: the private folder
    assert not (site.root / "content" / "newsletter" / path.name).exists()
    front = parse_yaml(path.read_text().split("---\n")[1])
    assert front == {"title": "Spring 2026", "date": "2026-04-01", "summary": "New members and open calls.", "audience": ["members"], "number": "12"}
    assert load(site.root).newsletter == []
    [record] = load(site.root, "members").newsletter
    assert (record.stem, record.issue.title, record.issue.number, record.issue.audience) == ("2026-04-01-spring-2026", "Spring 2026", 12, ["members"])


@pytest.mark.parametrize(
    ("kind", "args", "existing"),
    [
        ("member", ["--name", "Acme", "--type", "sme", "--country", "RO", "--summary", "Other."], "members/acme.yml"),
        ("member", ["--name", "Another name", "--slug", "acme", "--type", "sme", "--country", "RO", "--summary", "Other."], "members/acme.yml"),
        ("event", ["--title", "Fair", "--type", "fair", "--start", "2026-06-03", "--online", "https://fair.example.org", "--summary", "Fair."], "events/fair.yml"),
        ("newsletter", ["--title", "Spring", "--date", "2026-05-01"], "content/newsletter/2026-04-01-spring.md"),
    ],
)
def test_add_refuses_a_slug_that_is_taken(site, kind: str, args: list[str], existing: str) -> None:
    site.member("acme")
    site.write("events/fair.yml", "title: Fair\ntype: fair\nstart: 2026-06-03\nonline: https://fair.example.org\nsummary: Fair.\n")
    site.write("content/newsletter/2026-04-01-spring.md", "---\ntitle: Spring\ndate: 2026-04-01\n---\nText.\n")
    before = {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    result = invoke("add", kind, "-f", str(site.root / "mkdocs.yml"), *args)
    assert result.exit_code == 1
    assert f"{existing} already exists" in result.output and "--slug" in result.output
    assert {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file()} == before, "nothing was written or changed"


def test_add_keeps_nothing_the_build_would_reject(site) -> None:
    result = invoke("add", "event", "-f", str(site.root / "mkdocs.yml"), "--title", "Meeting", "--type", "member-meeting", "--start", "2026-06-03", "--city", "Iași", "--country", "RO", "--summary", "Annual meeting.", "--organiser", "nobody")
    assert result.exit_code == 1
    assert re.search(r'^events/meeting\.yml:\d+: organisers\[0\]: "nobody" is not a member', result.output, re.M)
    assert "was not written" in result.output
    assert not (site.root / "events" / "meeting.yml").exists()


def test_add_without_a_terminal_names_every_missing_option(site) -> None:
    result = invoke("add", "member", "-f", str(site.root / "mkdocs.yml"), "--name", "Acme")
    assert result.exit_code == 2
    assert "missing --type, --summary, --country" in result.output
    assert not list((site.root / "members").iterdir())


def test_add_asks_for_what_is_missing_in_a_terminal(site, monkeypatch) -> None:
    monkeypatch.setattr(adding, "interactive", lambda: True)
    answers = "\n".join(["Acme Imaging", "smee", "sme", "Imaging software for hospitals.", "Norway", "no", "Trondheim", "not a url", "https://acme.example.org", "", "", "", ""])
    result = invoke("add", "member", "-f", str(site.root / "mkdocs.yml"), input=answers)
    assert result.exit_code == 0, result.output
    assert '"Norway" is not an ISO country code (did you mean "NO"?)' in result.output, "a wrong answer is explained (by the model's own rule) and asked again"
    member = load(site.root).members["acme-imaging"].member
    assert (member.type, member.country, member.city, member.website) == ("sme", "NO", "Trondheim", "https://acme.example.org")


def test_add_member_asks_for_technologies_roles_and_stages_showing_their_labels(site, monkeypatch) -> None:
    from clustersite.vocabularies import DEFAULT_VOCABULARIES

    monkeypatch.setattr(adding, "interactive", lambda: True)
    answers = "\n".join([
        "Acme Imaging", "Research institute", "Imaging research.", "RO", "", "",
        "MRI, image analysis and AI, teleportation", "mri, Image analysis and AI",
        "Intermediate user (radiology, nuclear medicine, pathology), researcher",
        "1, 2",
    ]) + "\n"
    result = invoke("add", "member", "-f", str(site.root / "mkdocs.yml"), input=answers)
    assert result.exit_code == 0, result.output
    assert "Image analysis and AI (image-analysis-ai)" in result.output  # the labels, from the vocabularies
    assert "Clinical validation (clinical-validation)" in result.output
    assert '"teleportation" is not a known technology' in result.output, "a wrong term is explained and asked again"
    member = load(site.root).members["acme-imaging"].member
    assert member.type == "research-institute"
    assert member.technologies == ["mri", "image-analysis-ai"]
    assert member.roles == ["intermediate-user", "researcher"]
    assert member.value_chain == list(DEFAULT_VOCABULARIES["value_chain"])[:2]


def test_add_member_takes_labels_and_terms_as_options(site) -> None:
    result = invoke(
        "add", "member", "-f", str(site.root / "mkdocs.yml"), "--name", "Acme", "--type", "research institute", "--country", "RO", "--summary", "S.",
        "--technology", "PET-MRI", "--technology", "ultrasound", "--role", "Manufacturer / OEM", "--value-chain", "research",
    )
    assert result.exit_code == 0, result.output
    member = load(site.root).members["acme"].member
    assert (member.type, member.technologies, member.roles, member.value_chain) == ("research-institute", ["pet-mri", "ultrasound"], ["manufacturer"], ["research"])
    result = invoke("add", "member", "-f", str(site.root / "mkdocs.yml"), "--name", "Beta", "--type", "Reserch institute", "--country", "RO", "--summary", "S.")
    assert result.exit_code == 2 and 'did you mean "Research institute"?' in result.output


def test_add_rejects_a_malformed_option_as_usage(site) -> None:
    result = invoke("add", "event", "-f", str(site.root / "mkdocs.yml"), "--title", "X", "--type", "fair", "--start", "3 June", "--online", "https://x.example.org", "--summary", "X.")
    assert result.exit_code == 2
    assert '"3 June" is not a date or a date-time' in result.output


@pytest.mark.parametrize(
    ("command", "flags", "refused"),
    [
        # Each of these the CLI once let through (its own copies of the rules were looser) and the build then refused.
        ("member", ["--website", "https://office@acme.example.org"], 'contains a user name or password before "@"'),
        ("member", ["--website", "https://аррӏе.com"], "written in Cyrillic letters that look like Latin ones"),
        ("newsletter", ["--date", "0001-01-01"], 'is outside the years 1900–2200'),
        ("event", ["--start", "2026-02-30"], "is not a valid date or time"),
    ],
)
def test_add_refuses_what_the_models_refuse_with_their_message(site, command: str, flags: list[str], refused: str) -> None:
    base = {
        "member": ["--name", "Acme", "--type", "sme", "--country", "RO", "--summary", "S."],
        "newsletter": ["--title", "Spring", "--summary", "S."],
        "event": ["--title", "Fair", "--type", "fair", "--online", "https://fair.example.org", "--summary", "S."],
    }[command]
    result = invoke("add", command, "-f", str(site.root / "mkdocs.yml"), *base, *flags)
    assert result.exit_code == 2, result.output  # wrong usage, caught before any file is written
    assert refused in result.output
    assert not [path for path in site.root.rglob("*.yml") if path.parent.name in ("members", "events")]


def test_add_takes_what_the_models_take(site) -> None:
    result = invoke(
        "add", "event", "-f", str(site.root / "mkdocs.yml"), "--title", "Call", "--type", "Webinar", "--start", "2026-05-12T09:30+02:00",
        "--online", "https://call.example.org", "--summary", "S.",
    )
    assert result.exit_code == 0, result.output
    event = load(site.root).events["call"].event
    assert (event.type, event.start.isoformat()) == ("webinar", "2026-05-12T09:30:00+02:00")


def test_add_shows_the_labels_the_site_shows_in_its_language(tmp_path: Path, monkeypatch) -> None:
    from sitefactory import MKDOCS_YML, Site

    site = Site.create(tmp_path / "site", MKDOCS_YML.replace("      timezone:", "      languages: [ro]\n      timezone:"))
    monkeypatch.setattr(adding, "interactive", lambda: True)
    answers = "\n".join(["Acme Imaging", "Institut de cercetare", "Imaging research.", "RO", "", "", "Analiză de imagini și IA, mri", "", ""]) + "\n"
    result = invoke("add", "member", "-f", str(site.root / "mkdocs.yml"), input=answers)
    assert result.exit_code == 0, result.output
    assert "Institut de cercetare (research-institute)" in result.output
    assert "Analiză de imagini și IA (image-analysis-ai)" in result.output
    member = load(site.root).members["acme-imaging"].member
    assert (member.type, member.technologies) == ("research-institute", ["image-analysis-ai", "mri"])
    monkeypatch.setattr(adding, "interactive", lambda: False)
    result = invoke("add", "event", "-f", str(site.root / "mkdocs.yml"), "--title", "Hands-on", "--type", "Atelier", "--start", "2026-05-12", "--online", "https://x.example.org", "--summary", "S.")
    assert result.exit_code == 0, result.output
    assert load(site.root).events["hands-on"].event.type == "workshop"


def test_add_outside_a_site_is_usage(tmp_path: Path) -> None:
    result = clustersite("add", "member", "--name", "Acme", cwd=tmp_path)
    assert result.returncode == 2
    assert "mkdocs.yml not found" in result.stderr


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Clinica Sfântul Spiridon", "clinica-sfantul-spiridon"), ("Ärzte & Co. GmbH", "arzte-and-co-gmbh"), ("Straße 12 — Ærø", "strasse-12-aero"), ("  --  ", ""), ("東京", "")],
)
def test_slugs_are_readable_ascii(name: str, slug: str) -> None:
    assert slugify(name) == slug


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_yaml_scalar_reads_back_as_the_same_text(value: str) -> None:
    written = f"k: {yaml_scalar(value)}\n"
    assert parse_yaml(written) == {"k": value}
    if not re.match(r"^\d{4}-\d{2}-\d{2}", value):  # YAML 1.1 readers see dates; the schema line says string
        assert yaml.safe_load(written) == {"k": value}


# --------------------------------------------------------------------------- conventions


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in sorted(group.commands.items()):
        found += _commands(command, path + (name,)) if isinstance(command, click.Group) else [path + (name,)]
    return found


@pytest.mark.parametrize("command", _commands(main), ids=lambda c: " ".join(c) or "clustersite")
def test_every_command_has_help_with_the_exit_codes(command: tuple[str, ...]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Exit codes: 0 success, 1" in result.output
    assert "\x1b[" not in result.output


def test_readme_documents_the_exit_codes() -> None:
    readme = (REPO / "README.md").read_text()
    assert "Exit codes: **0** success, **1** errors in the data or refused" in readme
    assert "**2** wrong usage" in readme


def test_unreadable_configuration_exits_2(site) -> None:
    site.write("mkdocs.yml", "site_name: X\ndocs_dir: content\nplugins:\n  - search\n")
    result = clustersite("check", cwd=site.root)
    assert result.returncode == 2
    assert "the `cluster` plugin is not listed" in result.stderr


# --------------------------------------------------------------------------- the editors' guide


def _yaml_block(page: str, marker: str) -> str:
    text = (REPO / "content" / "contribute" / page).read_text()
    blocks = re.findall(r"```(?:yaml|markdown)\n(.*?)```", text, re.S)
    [block] = [block for block in blocks if marker in block]
    return block


def _keys(data) -> set[str]:
    return set(data) if isinstance(data, dict) else set()


def test_guide_member_example_is_valid_and_complete(site) -> None:
    from clustersite.models.member import Contact, Identifiers, Member, MemberOverlay

    example = _yaml_block("member-entry.md", "$schema=../schemas/member.schema.json")
    overlay = _yaml_block("member-entry.md", "# private/members/nordic-ultrasound.yml")
    site.member("nordic-ultrasound", example)
    site.member("example-university")
    site.member("example-hospital")
    site.write("members/logos/nordic-ultrasound.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    site.write("private/members/nordic-ultrasound.yml", overlay)
    record = load(site.root).members["nordic-ultrasound"]
    data = parse_yaml(example)
    assert _keys(data) | {"previous_slugs"} == set(Member.model_fields) - {"internal"}, "the public example shows every public key"
    assert "previous_slugs: [acme]" in (REPO / "content" / "contribute" / "member-entry.md").read_text(), "a renamed file's old names are explained below it"
    assert set().union(*(_keys(contact) for contact in data["contacts"])) == set(Contact.model_fields)
    assert _keys(data["identifiers"]) == set(Identifiers.model_fields)
    assert record.member.country == "NO" and record.partners == ["example-hospital", "example-university"]
    assert record.since == {"example-hospital": 2021}, "the guide shows a partnership's year"
    assert _keys(parse_yaml(overlay)) == set(MemberOverlay.model_fields), "the private example shows every key an overlay has"
    from mkdocs.config import load_config

    from clustersite.sitedata import load_site_data

    config = load_config(str(site.root / "mkdocs.yml"))
    merged = load_site_data(config.plugins["cluster"].config, site.root, Path(config.docs_dir), edition="members").members["nordic-ultrasound"].member
    assert [c.name for c in merged.contacts] == ["Ingrid Hansen", "Lars Berg"] and merged.internal == {"fee": "1200", "status": "paid 2026"}


def test_guide_says_what_check_says_about_a_members_only_contact_in_the_public_file(site) -> None:
    """The guide's example error is the check's own line for the example's second contact written in the public file."""
    guide = (REPO / "content/contribute/member-entry.md").read_text()
    [shown] = re.findall(r"^members/nordic-ultrasound\.yml:\d+: contacts\[1\].*$", guide, re.M)
    overlay = parse_yaml(_yaml_block("member-entry.md", "# private/members/nordic-ultrasound.yml"))
    lars = "".join(f"    {key}: {value}\n" for key, value in overlay["contacts"][0].items()).replace("    name:", "  - name:", 1)
    site.member("nordic-ultrasound", _yaml_block("member-entry.md", "$schema=../schemas/member.schema.json") + lars)
    site.member("example-university")
    site.member("example-hospital")
    site.write("members/logos/nordic-ultrasound.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    result = invoke("check", "-f", str(site.root / "mkdocs.yml"))
    assert result.exit_code == 1
    assert shown in result.output.splitlines(), result.output


def test_guide_event_example_is_valid_and_complete(site) -> None:
    from clustersite.models.event import Event, Place

    example = _yaml_block("events.md", "$schema=../schemas/event.schema.json")
    site.member("example-imaging")
    site.write("events/pet-mri-workshop-2026.yml", example)
    event = load(site.root).events["pet-mri-workshop-2026"].event
    data = parse_yaml(example)
    assert _keys(data) | {"previous_slugs"} == set(Event.model_fields)
    assert "previous_slugs: [old-name]" in (REPO / "content" / "contribute" / "events.md").read_text(), "a renamed file's old names are explained below it"
    assert _keys(data["location"]) == set(Place.model_fields)
    assert event.organisers == ["example-imaging"]


def test_guide_newsletter_example_is_valid(site) -> None:
    from clustersite.models.newsletter import Issue
    from clustersite.validation import validate

    example = _yaml_block("newsletter.md", "title: Spring 2026")
    front = example.split("---\n")[1]
    issue, errors = validate(Issue, parse_yaml(front), "content/newsletter/2026-04-01-spring.md")
    assert errors == [] and issue is not None
    assert set(Issue.model_fields) - _keys(parse_yaml(front)) <= {"id", "updated", "previous_slugs"}, "id, updated and previous_slugs are explained below the example"


def test_guide_commands_are_real_commands() -> None:
    """Every `clustersite add …` command the guide shows parses, with valid option values."""
    text = "\n".join(p.read_text() for p in sorted((REPO / "content" / "contribute").glob("*.md")))
    commands = re.findall(r"^clustersite (add (?:[^\n]*\\\n)*[^\n]*)$", text, re.M)
    assert len(commands) >= 5
    for command in commands:
        words = shlex.split(command.replace("\\\n", " "), comments=True)
        kind = main.commands["add"].commands[words[1]]
        kind.make_context(f"add {words[1]}", words[2:])  # raises on an unknown option or a bad value
