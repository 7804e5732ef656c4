"""The directory's script counts in the page's language, with the language's plural rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import serve
from conftest import run_build
from sitefactory import Site
from test_i18n import ROMANIAN_SITE

pytestmark = pytest.mark.browser


def test_the_directory_counts_members_in_romanian(tmp_path: Path, page) -> None:
    site = Site.create(tmp_path / "site", ROMANIAN_SITE)
    # Romanian has three plural forms: 1 membru, 2-19 membri, 20 and more "de membri".
    for number in range(25):
        kind = "sme" if number < 21 else "hospital" if number < 24 else "university"
        site.write(f"members/m{number:02d}.yml", f"name: Member {number:02d}\ntype: {kind}\nsummary: A member.\ncountry: RO\n")
    result = run_build(site.root)
    assert result.returncode == 0, result.stderr
    with serve(site.root / "site") as base:
        page.goto(base + "members/")
        page.wait_for_selector("[data-cs-directory][data-cs-ready]")
        count = "[data-cs-result-count]"
        assert page.text_content(count) == "25 de membri"
        page.check("[data-cs-facet=type] input[value=sme]")
        assert page.text_content(count) == "21 de membri"
        page.uncheck("[data-cs-facet=type] input[value=sme]")
        page.check("[data-cs-facet=type] input[value=hospital]")
        assert page.text_content(count) == "3 membri"
        page.uncheck("[data-cs-facet=type] input[value=hospital]")
        page.check("[data-cs-facet=type] input[value=university]")
        assert page.text_content(count) == "1 membru"
