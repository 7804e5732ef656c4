"""`clustersite access-list`: the e-mail domains a login in front of the members' edition allows."""

from __future__ import annotations

import json
import os
import re

from click.testing import CliRunner


def run(site, *args: str):
    from clustersite.commands import main

    cwd = os.getcwd()
    os.chdir(site.root)
    try:
        return CliRunner().invoke(main, ["access-list", *args], catch_exceptions=False)
    finally:
        os.chdir(cwd)


def test_only_each_members_own_domains_and_the_offices(site) -> None:
    site.member("acme", "name: Acme\ntype: sme\nsummary: S.\ncountry: RO\nwebsite: https://www.acme.example/en/\ncontacts:\n  - name: P\n    email: p@acme.example\n    public: true\n")
    site.write("private/members/acme.yml", "contacts:\n  - name: Q\n    email: q@lab.acme.example\n  - name: R\n    email: r.private@gmail.com\n")
    site.member("beta", "name: Beta\ntype: sme\nsummary: S.\ncountry: RO\n")
    site.write("private/members/beta.yml", "contacts:\n  - name: S\n    email: s@beta.example\n")
    result = run(site)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["acme.example", "cluster.example.org", "lab.acme.example"]
    assert "left out: gmail.com (members/acme.yml: not the domain of its website acme.example)" in result.stderr
    assert "left out: beta.example (members/beta.yml: the member has no website to compare it with)" in result.stderr
    rules = json.loads(run(site, "--format", "cloudflare").stdout)
    assert rules == {"include": [{"email_domain": {"domain": d}} for d in ("acme.example", "cluster.example.org", "lab.acme.example")]}


def test_it_needs_the_private_folder(site) -> None:
    (site.root / "private").rmdir()
    result = run(site)
    assert result.exit_code == 1
    assert re.search(r'mkdocs.yml(:\d+)?: private_dir: the private folder "private" does not exist', result.stderr)
