"""A cluster's own identity: its colours (checked for contrast), logo, favicon, hero image,
footer, 404 page and social previews; and the honest states of events, members and e-mails."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import build_ok, copy_example, run_build
from hypothesis import given, settings
from hypothesis import strategies as st

from clustersite.colours import BLACK, WHITE, Palette, contrast, readable_on_white

hex_colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda n: f"#{n:06x}")


def test_contrast_matches_wcags_reference_values() -> None:
    assert round(contrast(WHITE, BLACK), 2) == 21.0
    assert round(contrast("#767676", WHITE), 2) == 4.54  # the lightest grey that passes on white
    assert round(contrast("#777777", WHITE), 2) == 4.48


@settings(max_examples=300, deadline=None)
@given(primary=hex_colours, accent=hex_colours)
def test_every_colour_the_site_derives_reaches_4_5_to_1(primary: str, accent: str) -> None:
    palette = Palette.derive(primary, readable_on_white(accent))
    for pairing, (text, background) in palette.pairs().items():
        assert contrast(text, background) >= 4.5, f"{pairing}: {text} on {background} from primary {primary}"


def test_a_light_primary_gets_black_text_and_darker_links(site) -> None:
    site.write("cluster.yml", (site.root / "cluster.yml").read_text(encoding="utf-8") + 'colours:\n  primary: "#ffd600"\n  accent: "#00695c"\n')
    css = (build_ok(site) / "assets" / "clustersite-colours.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #ffd600;" in css and "--md-primary-bg-color: #000000;" in css
    link = re.search(r"--md-typeset-a-color: (#[0-9a-f]{6});", css)
    assert link and contrast(link.group(1), WHITE) >= 4.5 and link.group(1) != "#ffd600"


def test_every_page_links_the_colours_after_the_theme(site) -> None:
    page = (build_ok(site) / "index.html").read_text(encoding="utf-8")
    assert page.index("clustersite-colours.css") > page.index("assets/stylesheets/main"), "the cluster's colours win over Material's"


@pytest.fixture(scope="module")
def example(example_site: Path) -> Path:
    return example_site


def test_the_footer_is_the_clusters_not_the_themes(example: Path) -> None:
    for path in ("index.html", "events/index.html", "contribute/index.html", "members/nordsonic/index.html"):
        page = (example / path).read_text(encoding="utf-8")
        assert "Made with" not in page and "Material for MkDocs" not in page
        assert "md-footer__link" not in page, "no docs-style Previous / Next links"
        footer = page[page.index('<footer class="md-footer cs-footer">') :]
        assert "office@carpathia-medimaging.example.org" in footer and "Strada Exemplu 12" in footer


def test_logo_favicon_and_hero_image_come_from_cluster_yml(example: Path) -> None:
    home = (example / "index.html").read_text(encoding="utf-8")
    assert '<img src="assets/cluster/logo.svg"' in home
    assert '<link rel="icon" href="assets/cluster/favicon.svg">' in home
    assert '<img class="cs-hero__image" src="assets/cluster/hero-image.jpg" alt="">' in home
    assert (example / "assets/cluster/hero-image.jpg").read_bytes()[:3] == b"\xff\xd8\xff"


def test_the_404_page_offers_search_and_the_three_doors(example: Path) -> None:
    page = (example / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in page
    assert "data-cs-site-search" in page and 'type="search"' in page
    for target in ("/for-members/", "/for-partners/", "/for-public/"):
        assert f'href="{target}"' in page


def test_the_404_search_opens_the_sites_search_with_the_words(example: Path, page) -> None:
    from browser import serve

    with serve(example) as base:
        page.goto(base + "404.html")
        page.fill("#cs-notfound-query", "ultrasound")
        page.keyboard.press("Enter")
        page.wait_for_selector(".md-search-result__item")
        assert page.input_value("[data-md-component=search-query]") == "ultrasound"
        assert "ultrasound" in page.text_content(".md-search-result").lower()


def meta(page: str, key: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)]


def test_social_previews_carry_title_description_and_the_image_where_there_is_one(example: Path) -> None:
    issue = (example / "newsletter/2026-02-funding-and-paediatric-mri/index.html").read_text(encoding="utf-8")
    assert meta(issue, "og:title") == ["Funding calls for 2026 and a workshop on paediatric MRI"]
    assert meta(issue, "og:image") == ["https://carpathia-medimaging.example.org/newsletter/images/paediatric-mri.png"]
    assert meta(issue, "twitter:card") == ["summary_large_image"] and meta(issue, "og:type") == ["article"]
    assert meta(issue, "og:url") == ["https://carpathia-medimaging.example.org/newsletter/2026-02-funding-and-paediatric-mri/"]
    member = (example / "members/nordsonic/index.html").read_text(encoding="utf-8")
    assert meta(member, "og:title") == ["Nordsonic AS"] and meta(member, "og:description")[0].startswith("Trondheim company")
    home = (example / "index.html").read_text(encoding="utf-8")
    assert meta(home, "og:image") == ["https://carpathia-medimaging.example.org/assets/cluster/hero-image.jpg"], "the hero image by default"


def test_social_preview_values_from_front_matter_are_escaped(site) -> None:
    site.write(
        "content/about.md",
        '---\ntitle: \'Doses < 1 mSv & "us">\'\ndescription: \'Fish & chips" onload="x\'\n---\n# About\n',
    )
    page = (build_ok(site) / "about" / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r'<meta (?:property="og:|name="twitter:)[^>]*>', page)
    assert len(tags) >= 6 and not any("< " in tag or 'onload="' in tag or '"us">' in tag for tag in tags)
    assert meta(page, "og:title") == ['Doses < 1 mSv & "us">']
    assert meta(page, "og:description") == ['Fish & chips" onload="x']
    assert meta(page, "twitter:card") == ["summary"] and meta(page, "og:image") == [], "no image where there is none"


def test_past_and_cancelled_events_say_so_and_offer_no_calendar(example: Path) -> None:
    past = (example / "events/imaging-days-2024/index.html").read_text(encoding="utf-8")
    assert "This event took place on" in past and "<dt>Took place</dt>" in past
    assert "data-cs-add-to-calendar" not in past and "Google Calendar" not in past
    cancelled = (example / "events/paediatric-mri-workshop-2026/index.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="cs-event__status cs-event__status--cancelled"[^>]*>(.*?)</p>', cancelled, re.S)
    assert banner and '<strong class="cs-event__status-label">Cancelled</strong>' in banner.group(1)
    assert "data-cs-add-to-calendar" not in cancelled and ">Register<" not in cancelled
    upcoming = (example / "events/imaging-days-2027/index.html").read_text(encoding="utf-8")
    assert "data-cs-add-to-calendar" in upcoming and "took place" not in upcoming


def test_a_member_without_public_contact_points_to_the_office(example: Path) -> None:
    page = (example / "members/alfold-radiochemistry-institute/index.html").read_text(encoding="utf-8")
    office = re.search(r'<section class="cs-section cs-member__office".*?</section>', page, re.S)
    assert office and 'href="mailto:office@carpathia-medimaging.example.org?subject=Contact%20with%20' in office.group(0)
    with_contacts = (example / "members/copou-medical-university/index.html").read_text(encoding="utf-8")
    assert "cs-member__office" not in with_contacts


def test_the_e_mail_of_a_member_only_issue_says_so_at_its_top(tmp_path: Path, example: Path) -> None:
    copy_example(tmp_path)
    assert run_build(tmp_path, env={"CLUSTERSITE_EDITION": "members"}).returncode == 0
    email = (tmp_path / "site-members/newsletter/2026-05-members-briefing-strategy/email.html").read_text(encoding="utf-8")
    notice = email.index("For members only.")
    assert notice < email.index("View it in your browser") < email.index("<h1"), "the first thing the reader sees"
    public = (tmp_path / "site-members/newsletter/2026-02-funding-and-paediatric-mri/email.html").read_text(encoding="utf-8")
    assert "For members only." not in public
