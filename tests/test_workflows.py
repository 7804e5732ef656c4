"""The GitHub Actions workflows, in this repository and in what `clustersite new` scaffolds:
valid against GitHub's workflow schema, every action pinned, and running exactly the
commands the README documents (so what CI does is what an editor can do by hand).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

SCAFFOLD = REPO / "plugins" / "clustersite" / "scaffold"
REPO_WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SCAFFOLD_WORKFLOWS = sorted((SCAFFOLD / "github" / "workflows").glob("*.yml"))
PRIVATE_WORKFLOWS = sorted((SCAFFOLD / "private" / "github" / "workflows").glob("*.yml"))
"""The office's private repository's workflow, which builds and deploys the members' edition."""
ALL = REPO_WORKFLOWS + SCAFFOLD_WORKFLOWS + PRIVATE_WORKFLOWS
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$")
"""An action at a full commit SHA: a tag such as `v4` can be moved to other code, a commit cannot."""
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
DEPENDABOT = [REPO / ".github" / "dependabot.yml", SCAFFOLD / "github" / "dependabot.yml"]


def ids(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def workflow(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def run_lines(data: dict[str, Any]) -> list[str]:
    """Every command the workflow runs, a line each, without comments."""
    lines = []
    for step in steps(data):
        for line in str(step.get("run", "")).splitlines():
            line = line.split(" #")[0].strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def documented_commands(readme: str) -> set[str]:
    """The commands a README shows: each line of its code blocks and each inline code span."""
    commands = set()
    for block in re.findall(r"```(?:bash|sh|console)?\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            line = line.split(" #")[0].strip()
            if line:
                commands.add(line)
    commands |= {span.strip() for span in re.findall(r"`([^`\n]+)`", readme)}
    return commands


def test_there_are_workflows_for_pull_requests_and_publication() -> None:
    for folder in (REPO_WORKFLOWS, SCAFFOLD_WORKFLOWS):
        assert sorted(path.name for path in folder) == ["publish.yml", "pull-request.yml"]


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_workflow_is_valid_yaml_with_jobs(path: Path) -> None:
    data = workflow(path)
    assert data["name"] and data["on"] and data["jobs"]
    for name, job in data["jobs"].items():
        assert job.get("runs-on") == "ubuntu-latest", name
        assert job.get("timeout-minutes"), f"{name}: a stuck job must not run for six hours"
    assert data.get("permissions") == {"contents": "read"}, "least privilege by default"


def test_workflows_match_githubs_workflow_schema() -> None:
    """check-jsonschema ships schemastore's GitHub workflow schema: no network needed."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, ALL)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment(path: Path) -> None:
    uses = [step["uses"] for step in steps(workflow(path)) if "uses" in step]
    assert uses
    assert [action for action in uses if not PINNED.match(action)] == []
    lines = [USES_LINE.match(line) for line in path.read_text(encoding="utf-8").splitlines()]
    comments = {match.group(1): match.group(2).strip() for match in lines if match}
    assert sorted(comments) == sorted(set(uses)), "every uses: is on a line of its own"
    unversioned = [action for action, comment in comments.items() if not re.fullmatch(r"# v\d+\.\d+\.\d+", comment)]
    assert unversioned == [], "each SHA says which release it is, e.g. `# v4.4.0`, for reviewers and Dependabot"


def test_dependabot_keeps_the_actions_current() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.dependabot", *map(str, DEPENDABOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for path in DEPENDABOT:
        updates = yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]
        assert {"package-ecosystem": "github-actions", "directory": "/"}.items() <= next(u for u in updates if u["package-ecosystem"] == "github-actions").items(), path


@pytest.mark.parametrize("path", [p for p in ALL if p.name == "pull-request.yml"], ids=ids)
def test_pull_request_workflow_checks_builds_and_uploads_a_preview(path: Path) -> None:
    data = workflow(path)
    assert "pull_request" in data["on"]
    preview = data["jobs"]["preview"]["steps"]
    setup = [step for step in preview if str(step.get("uses", "")).startswith("actions/setup-python@")]
    assert setup and setup[0]["with"]["python-version"] == "3.11", 'quoted: 3.11 unquoted would be 3.1'
    runs = run_lines({"jobs": {"preview": data["jobs"]["preview"]}})
    assert any(re.search(r"(^|/)clustersite check --format github$", line) for line in runs)
    assert any(line in ("./scripts/site", "mkdocs build --strict") for line in runs)
    upload = [step for step in preview if str(step.get("uses", "")).startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site-preview/", "the copy that opens from disk"
    assert any(re.search(r"(^|/)clustersite offline site site-preview$", line) for line in runs)
    assert preview.index(upload[0]) == len(preview) - 1, "the preview is uploaded after the build"


@pytest.mark.parametrize("path", [p for p in ALL if p.name == "publish.yml"], ids=ids)
def test_publish_workflow_deploys_main_to_github_pages(path: Path) -> None:
    data = workflow(path)
    assert data["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in data["on"], "a pull request never publishes"
    used = [step.get("uses", "").split("@")[0] for step in steps(data)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    build_runs = run_lines({"jobs": {"build": data["jobs"]["build"]}})
    assert any(line in ("./scripts/site", "mkdocs build --strict") for line in build_runs)


@pytest.mark.parametrize(
    ("paths", "readme"),
    [(REPO_WORKFLOWS, REPO / "README.md"), (SCAFFOLD_WORKFLOWS, SCAFFOLD / "README.md.jinja"), (PRIVATE_WORKFLOWS, SCAFFOLD / "README.md.jinja")],
    ids=["repository", "scaffold", "scaffold-private"],
)
def test_workflows_run_the_commands_the_readme_documents(paths: list[Path], readme: Path) -> None:
    documented = documented_commands(readme.read_text(encoding="utf-8"))
    for path in paths:
        undocumented = [line for line in run_lines(workflow(path)) if line not in documented]
        assert undocumented == [], f"{path.name} runs commands the README does not show"


def test_repository_workflows_build_with_the_readmes_first_command() -> None:
    """The README opens with `./scripts/site serve` (and says `./scripts/site` only builds): CI builds with it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```bash\n(.*?)```", readme, re.S).group(1).splitlines()
    assert first[0].split("#")[0].split() == ["./scripts/site", "serve"]
    assert first[1].split("#")[0].split() == ["./scripts/test"]
    for path in REPO_WORKFLOWS:
        assert "./scripts/site" in run_lines(workflow(path)), path.name
    tests = workflow(REPO / ".github" / "workflows" / "pull-request.yml")["jobs"]["tests"]
    assert [step["run"] for step in tests["steps"] if "run" in step] == ["./scripts/test"]


def test_members_workflow_checks_out_both_repositories_builds_the_members_edition_and_deploys_it() -> None:
    [path] = PRIVATE_WORKFLOWS
    data = workflow(path)
    assert "pull_request" not in data["on"] and "pull_request_target" not in data["on"], "no outsider's change runs with the private data"
    assert data["on"]["push"]["branches"] == ["main"] and data["on"]["schedule"]
    [job] = data["jobs"].values()
    checkouts = [step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert [step["with"].get("repository") for step in checkouts] == ["${{ vars.PUBLIC_REPOSITORY }}", None]
    assert checkouts[1]["with"]["path"] == "private", "the private repository lands where private_dir points"
    runs = run_lines(data)
    assert "CLUSTERSITE_EDITION=members clustersite check --format github" in runs
    assert "CLUSTERSITE_EDITION=members mkdocs build --strict" in runs
    assert any(line.startswith("npx --yes wrangler@4 pages deploy site-members ") for line in runs)
    assert runs.index("CLUSTERSITE_EDITION=members mkdocs build --strict") < len(runs) - 1, "deployed after the build"
    build = next(step for step in job["steps"] if step.get("run") == "CLUSTERSITE_EDITION=members mkdocs build --strict")
    assert build["env"] == {"CLUSTERSITE_FEED_SECRET": "${{ secrets.CLUSTERSITE_FEED_SECRET }}"}, "the feed secret comes from CI, never a file"
    assert "secrets." not in "\n".join(runs), "no secret is written into a command line"


def test_the_public_repository_ignores_the_private_folder() -> None:
    ignored = (SCAFFOLD / "gitignore").read_text(encoding="utf-8").splitlines()
    assert "/private/" in ignored


def test_pull_request_template_has_a_checklist() -> None:
    for path in (REPO / ".github" / "pull_request_template.md", SCAFFOLD / "github" / "pull_request_template.md"):
        boxes = re.findall(r"^- \[ \] ", path.read_text(encoding="utf-8"), re.M)
        assert len(boxes) >= 5, path
