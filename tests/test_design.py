"""What a reader notices about the help center's pages, read from the built HTML: the
Link directory kept out of their way, the developer notes, link previews (Open Graph
and Twitter card), "Was this page helpful?", the footer, one style sheet and one
script of ours, the search dialog's name and headings in order. In a browser (requests,
layout shift, axe): tests/test_design_browser.py."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import material
import pytest
from bs4 import BeautifulSoup

from helpcenter.policy import timeline
from helpers import REPO, TEST_DAY, Site, align_app_config, load_policy, mkdocs_build, replace_in

POLICY = load_policy()
SITE_URL = "http://127.0.0.1:8000/"
# Pages readers read; every one of them ends with "Was this page helpful?".
ARTICLES = ["privacy/", "refunds/", "images-visibility/", "support/", "policy-changes/", "developers/"]
# Every page a browser can open (redirect stubs aside).
PAGES = ["", *ARTICLES, "support-links/"]


def _pages(site: Site) -> list[tuple[str, BeautifulSoup]]:
    """(url path, parsed page) of every built page but redirect stubs."""
    found = []
    for path in site.html_files():
        relative = path.relative_to(site.root).as_posix()
        page = site.page(relative)
        if not page.find("meta", attrs={"http-equiv": "refresh"}):
            found.append((relative.removesuffix("index.html"), page))
    return found


# --- The Link directory and the developer notes ------------------------------------------


def test_link_directory_keeps_its_address_but_leaves_nav_search_and_sitemap(built_site: Site) -> None:
    page = built_site.page("support-links/")
    assert page.h1.get_text(" ", strip=True).startswith("Link directory")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    for url, other in _pages(built_site):
        assert not other.select("nav.md-nav--primary a[href*='support-links']"), f"/{url} lists it"
        if url != "support-links/":
            assert other.find("meta", attrs={"name": "robots"}) is None, f"/{url} is noindex"
    locations = [doc["location"] for doc in built_site.search_index()["docs"]]
    assert locations and not [loc for loc in locations if loc.startswith("support-links/")]
    sitemap = (built_site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}refunds/" in sitemap and "support-links" not in sitemap


def test_developer_notes_are_linked_from_every_footer_and_not_from_the_nav(built_site: Site) -> None:
    notes = built_site.article_text("developers/")
    assert "policy.json" in notes and "policy.schema.json" in notes
    support = built_site.article_text("support/")
    assert "JSON Schema" not in support and "version" not in support
    for url, page in _pages(built_site):
        if url == "404.html":
            continue
        footer_links = [a["href"] for a in page.select("footer a")]
        assert any(urljoin(f"http://site/{url}", href) == "http://site/developers/" for href in footer_links), url
        assert not page.select("nav.md-nav--primary a[href*='developers']"), url


# --- Link previews -----------------------------------------------------------------------


def _meta(page: BeautifulSoup, key: str) -> str:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    assert tag is not None, f"no <meta> {key}"
    return tag["content"]


def test_every_page_carries_open_graph_and_twitter_card_tags(built_site: Site) -> None:
    for url in PAGES:
        page = built_site.page(url)
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert _meta(page, "og:url") == SITE_URL + url == page.find("link", rel="canonical")["href"]
        assert _meta(page, "og:site_name") == f"{POLICY.company.product} Help Center"
        assert _meta(page, "og:description") == _meta(page, "twitter:description") == description
        assert _meta(page, "og:title") == _meta(page, "twitter:title")
        assert _meta(page, "twitter:card") == "summary"
    refunds = built_site.page("refunds/")
    assert _meta(refunds, "og:title") == \
        f"Refunds and the {POLICY.refunds.window_days}-day money-back guarantee"
    assert f"{POLICY.refunds.window_days} days" in _meta(refunds, "og:description")
    assert _meta(built_site.page(""), "og:title") == f"{POLICY.company.product} Help Center"


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The site published at its public address, with a product name full of characters
    HTML and Markdown treat specially and another support address."""
    from helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("published"))
    replace_in(project / "policy.yml", "product: ArtSmart AI", """product: 'Tom & Jerry''s "Art" *Studio*'""")
    replace_in(project / "policy.yml", "email: cs@artsmart.ai", "email: help@pixel.example")
    align_app_config(project)
    result = mkdocs_build(project, env={"HELP_CENTER_URL": "https://help.artsmart.example/"})
    return result.site


def test_previews_use_the_public_address_and_escape_policy_text(published_site: Site) -> None:
    product = """Tom & Jerry's "Art" *Studio*"""
    for url in PAGES:
        page = published_site.page(url)
        assert _meta(page, "og:url") == f"https://help.artsmart.example/{url}"
        assert _meta(page, "og:site_name") == f"{product} Help Center"
    home = published_site.page("")
    assert product in _meta(home, "og:description") and product in _meta(home, "og:title")
    raw = (published_site.root / "index.html").read_text(encoding="utf-8")
    assert "Tom & Jerry" not in raw and '"Art"' not in raw, "policy text reached the HTML unescaped"
    assert not home.select("em"), "policy text became Markdown"


# --- "Was this page helpful?" ----------------------------------------------------------


def test_every_article_asks_was_this_helpful_and_no_mails_support_with_the_page_address(
        built_site: Site) -> None:
    for url in ARTICLES:
        page = built_site.page(url)
        block = page.select_one("[data-hc-feedback]")
        assert block is not None, url
        assert block.find_parent("article") is None  # page furniture, after the article
        assert "Was this page helpful?" in block.get_text(" ")
        href = block.select_one("a.hc-feedback__no")["href"]
        mailto = urlsplit(href)
        assert (mailto.scheme, mailto.path) == ("mailto", POLICY.support.email), url
        subject = parse_qs(mailto.query)["subject"][0]
        assert SITE_URL + url in subject, url
        assert "+" not in href, "mail clients show + literally"
        assert block.select_one("button.hc-feedback__yes").get_text(strip=True) == "Yes"
        assert block.select_one("[role=status]") is not None
    for url in ("", "support-links/"):
        assert built_site.page(url).select_one("[data-hc-feedback]") is None, url


def test_feedback_and_footer_state_policy_values_from_policy_yml(published_site: Site) -> None:
    refunds = published_site.page("refunds/")
    href = refunds.select_one("a.hc-feedback__no")["href"]
    assert href.startswith("mailto:help@pixel.example?")
    assert "https://help.artsmart.example/refunds/" in parse_qs(urlsplit(href).query)["subject"][0]
    assert "help@pixel.example" in refunds.select_one("a.hc-feedback__no")["data-hc-feedback-answer"]
    assert """Tom & Jerry's "Art" *Studio* Help Center""" in refunds.select_one("footer").get_text(" ")


# --- The footer ---------------------------------------------------------------------------


def test_footer_names_the_product_policy_pages_contact_and_newest_effective_date(built_site: Site) -> None:
    # The day the newest of the versions in force on the site's day took effect.
    day = dt.date.fromisoformat(TEST_DAY)
    newest = max(timeline.version_on(POLICY, name, day).first_day for name in ("privacy", "refunds", "images"))
    for url, page in _pages(built_site):
        if url == "404.html":
            continue
        footer = page.select_one("footer.hc-footer")
        text = " ".join(footer.get_text(" ").split())
        assert f"{POLICY.company.product} Help Center" in text, url
        targets = {urljoin(f"http://site/{url}", a["href"]).removeprefix("http://site/"): a.get_text(strip=True)
                   for a in footer.select("a")}
        for target in ("privacy/", "refunds/", "images-visibility/", "policy-changes/", "support/",
                       "developers/"):
            assert target in targets, f"/{url}: no link to /{target}"
        assert targets["support/"] == "Contact support" and targets["policy-changes/"] == "Policy changes"
        assert footer.select_one("time")["datetime"] == newest.isoformat(), url
        assert f"{newest.day} {newest:%B %Y}" in text, "dates are written as the pages write them"


# --- Requests, the feed, the search dialog, headings ---------------------------------------


def test_each_page_loads_one_style_sheet_and_one_script_of_ours(built_site: Site) -> None:
    material_assets = ("assets/stylesheets/", "assets/javascripts/")
    for url, page in _pages(built_site):
        sheets = [link["href"] for link in page.select("link[rel~=stylesheet]")]
        scripts = [script["src"] for script in page.select("script[src]")]
        ours = [u for u in sheets + scripts if not any(m in u for m in material_assets)]
        names = sorted(re.sub(r"\.[0-9a-f]{10}\.", ".", Path(u).name) for u in ours)  # hashed names
        assert names == ["help-center.css", "help-center.js"], f"/{url}: {ours}"


def test_no_page_gives_material_a_reason_to_fetch_the_sitemap(built_site: Site) -> None:
    # Material fetches /sitemap.xml for every link whose rel is exactly "alternate",
    # taking it for a translation; the feed's link says "alternate feed".
    for url, page in _pages(built_site):
        assert not [link for link in page.select("link[rel]") if link["rel"] == ["alternate"]], url


def test_search_dialog_has_a_name(built_site: Site) -> None:
    dialog = built_site.page("refunds/").select_one(".md-search[role=dialog]")
    assert dialog["aria-label"] == "Search"


def test_search_partial_is_materials_own_plus_the_dialog_name() -> None:
    """overrides/partials/search.html copies Material's: an upgrade that changes the
    original fails here, so the copy is refreshed rather than silently stale."""
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    ours = (REPO / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")

    def body(template: str) -> str:
        return re.sub(r"^\{#-.*?-#\}\n", "", template, flags=re.S)

    assert body(ours) == body(theirs).replace(
        'role="dialog">', """role="dialog" aria-label="{{ lang.t('search') }}">""", 1)


def test_headings_go_down_one_level_at_a_time_on_every_page(built_site: Site) -> None:
    for url, page in _pages(built_site):
        levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3, main h4, main h5, main h6, "
                                                      "footer h2, footer h3")]
        assert levels[:1] == [1] and levels.count(1) == 1, f"/{url}: {levels}"
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not jumps, f"/{url}: heading levels {levels}"


def test_header_mark_is_drawn_inline_and_the_favicon_is_ours(built_site: Site) -> None:
    page = built_site.page("refunds/")
    logo = page.select_one(".md-header a.md-logo")
    assert logo.find("img") is None and logo.select_one("svg.hc-mark[aria-hidden=true]") is not None
    icon = page.find("link", rel="icon")["href"]
    assert icon.endswith("assets/favicon.svg")
    assert (built_site.root / "refunds" / icon).resolve().read_text(encoding="utf-8").startswith("<svg")


def test_controls_that_need_javascript_are_hidden_by_the_style_sheet_until_it_runs() -> None:
    # No `hidden` attribute to remove (which would move the page); the style sheet
    # draws the final layout from the first paint once our script marks html.hc-js.
    css = (REPO / "docs" / "assets" / "help-center.css").read_text(encoding="utf-8")
    for control in (".hc-contact-card__copy", ".hc-feedback__yes", ".as-copy-link", ".hc-search-button",
                    ".hc-visibility__choice"):
        assert f"html:not(.hc-js) {control}" in css, control
