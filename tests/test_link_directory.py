"""links.json and the Link directory page that support staff copy links from."""

from __future__ import annotations

import json
import re

import pytest

from helpers import Site

SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def links(built_site: Site) -> dict:
    return json.loads((built_site.root / "links.json").read_text(encoding="utf-8"))


def _markdown_headings(site: Site, page_path: str) -> list[tuple[str, str]]:
    """(id, text) of every heading written in the page's Markdown (those get a
    permalink), in page order."""
    article = site.page(page_path).select_one("article")
    return [
        (h["id"], h.get_text(" ", strip=True).removesuffix("¶").strip())
        for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
        if h.find("a", class_="headerlink")
    ]


def test_links_json_lists_every_article_and_section_with_canonical_urls(
    built_site: Site, links: dict
) -> None:
    built_pages = {
        p.parent.relative_to(built_site.root).as_posix() + "/"
        for p in built_site.root.rglob("index.html")
        if p.read_text(encoding="utf-8").find('http-equiv="refresh"') == -1
    }
    built_pages = {"" if p == "./" else p for p in built_pages
                   if not re.search(r"\d{4}-\d{2}-\d{2}/$", p)}  # a policy's versions are not articles
    built_pages.discard("search/")
    assert {article["path"] for article in links["articles"]} == built_pages
    for article in links["articles"]:
        headings = _markdown_headings(built_site, article["path"])
        assert article["url"] == SITE_URL + article["path"]
        assert article["title"] == headings[0][1]
        assert [(s["anchor"], s["title"]) for s in article["sections"]] == headings[1:]
        for section in article["sections"]:
            assert section["url"] == f"{SITE_URL}{article['path']}#{section['anchor']}"


def test_links_json_titles_carry_policy_values(links: dict) -> None:
    refunds = next(a for a in links["articles"] if a["page"] == "refunds.md")
    assert refunds["title"] == "Refunds and the 30-day money-back guarantee"
    assert "What if more than 30 days have passed?" in [s["title"] for s in refunds["sections"]]


def test_directory_page_groups_every_link_by_article_with_a_copy_button(
    built_site: Site, links: dict
) -> None:
    page = built_site.page("support-links/")
    groups = page.select("[data-link-directory] section.as-link-group")
    titles = [group.find("h2").get_text(strip=True) for group in groups]
    assert titles == ["Short links"] + [article["title"] for article in links["articles"]]
    for group, article in zip(groups[1:], links["articles"], strict=True):
        buttons = [b["data-copy-url"] for b in group.select("button.as-copy-link")]
        assert buttons == [article["url"]] + [s["url"] for s in article["sections"]]
        shown = [code.get_text() for code in group.select("code.as-link-url")]
        assert shown == buttons  # readable and selectable without JavaScript
    short = [b["data-copy-url"] for b in groups[0].select("button.as-copy-link")]
    assert SITE_URL + "go/refund/" in short


def test_directory_links_work_from_the_directory_page(built_site: Site) -> None:
    page = built_site.page("support-links/")
    for anchor in page.select("[data-link-directory] a[href]"):
        path, _, fragment = anchor["href"].partition("#")
        target = (built_site.root / "support-links" / path / "index.html").resolve()
        assert target.is_file(), anchor["href"]
        if fragment:
            assert built_site.page(str(target.parent.relative_to(built_site.root)) + "/").find(
                id=fragment
            )


def test_directory_markup_has_no_inline_script_or_event_attributes(built_site: Site) -> None:
    directory = built_site.page("support-links/").select_one("[data-link-directory]")
    assert directory.find("script") is None
    assert not [
        (tag.name, attr)
        for tag in directory.find_all(True)
        for attr in tag.attrs
        if attr.lower().startswith("on")
    ]
    scripts = [s.get("src", "") for s in built_site.page("support-links/").find_all("script")]
    assert any(re.search(r"assets/help-center\.[0-9a-f]{10}\.js$", src) for src in scripts)


# --- In a real browser --------------------------------------------------------------------


# These run on the shared browser fixtures (tests/browser_fixtures.py): the site is
# served with `Content-Security-Policy: script-src 'self'`, and a console error or a
# request to another host fails the test.


@pytest.mark.browser
def test_copy_button_puts_the_canonical_url_on_the_clipboard(open_page) -> None:
    page = open_page("support-links/", permissions=["clipboard-read", "clipboard-write"])
    button = page.get_by_role("button", name="Copy link: Can I get my money back?", exact=True)
    button.click()
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == SITE_URL + "refunds/#can-i-get-my-money-back"
    )
    assert button.inner_text() == "Copied"
    assert (
        page.locator("[data-copy-status]").inner_text()
        == f"Copied {SITE_URL}refunds/#can-i-get-my-money-back"
    )


@pytest.mark.browser
def test_short_link_opens_the_answer_in_a_browser(open_page, served_site) -> None:
    page = open_page("go/refund/")
    page.wait_for_url(served_site.url("refunds/#can-i-get-my-money-back"))
    assert page.locator("#can-i-get-my-money-back").is_visible()


@pytest.mark.browser
def test_old_link_through_a_redirect_keeps_its_anchor_in_a_browser(open_page, served_site) -> None:
    # go/contact redirects to a page without an anchor: the link's own #anchor survives,
    # under the site's script-src 'self' policy too (no inline redirect script).
    page = open_page("go/contact/#refund-requests")
    page.wait_for_url(served_site.url("support/#refund-requests"))


def test_published_address_comes_from_help_center_url(project) -> None:
    """Publishing with HELP_CENTER_URL set gives support the public addresses to paste."""
    from helpers import mkdocs_build

    site = mkdocs_build(project, env={"HELP_CENTER_URL": "https://help.artsmart.example/"}).site
    urls = [section["url"] for article in json.loads((site.root / "links.json").read_text())["articles"]
            for section in article["sections"]]
    assert urls and all(url.startswith("https://help.artsmart.example/") for url in urls)
    buttons = site.page("support-links/").select("button[data-copy-url]")
    assert buttons and all(b["data-copy-url"].startswith("https://help.artsmart.example/") for b in buttons)
