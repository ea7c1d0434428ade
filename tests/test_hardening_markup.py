"""Markdown, HTML entities and Jinja in policy text reach readers as text, everywhere a
value is stated (tests/hostile/markup_in_values.yml): pages, <title>, navigation, meta
description, headings and their table of contents, widgets' data- attributes, the
search index, the Atom feed, policy.json, links.json, llms.txt and the Markdown copies
of reader pages.

Each case is built twice, with its hostile values and with plain words in the same
places: the two sites must have exactly the same elements and attributes, page by page
(no link, image or emphasis came of a value), and each hostile value must be found
verbatim as text where it is stated."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import Site, align_app_config, copy_project, mkdocs_build, replace_in
from hostile import entries, ids

CASES = entries("markup_in_values")
ATOM = "{http://www.w3.org/2005/Atom}"
UNSAFE_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


def _site_with(values: dict[str, str], folder: Path) -> Site:
    """The project, with a nav title and a heading that state the product name, built
    with `values` set in policy.yml (and the app's settings agreeing)."""
    project = copy_project(folder)
    replace_in(project / "mkdocs.yml", "  - Privacy: privacy.md",
               '  - "Privacy at {{ policy.company.product }}": privacy.md')
    replace_in(project / "docs" / "support.md", "# Contact support { #contact-support }",
               "# Contact support { #contact-support }\n\n"
               "## About {{ policy.company.product }} { #about-the-product }\n\nText.")
    data = yaml.safe_load((project / "policy.yml").read_text(encoding="utf-8"))
    for dotted, value in values.items():
        _set(data, dotted, value)
    (project / "policy.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    align_app_config(project)
    return mkdocs_build(project).site


def _set(data: Any, dotted: str, value: str) -> None:
    *parents, last = [int(part) if part.isdigit() else part for part in dotted.split(".")]
    for part in parents:
        data = data[part]
    data[last] = value


def _shape(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every element of a page, in order, with the names of its attributes."""
    soup = BeautifulSoup(html, "lxml")
    return [(tag.name, tuple(sorted(tag.attrs))) for tag in soup.find_all(True)]


def _text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Site, Site]]:
    built = {}
    for case in CASES:
        plain = {key: f"Plain words {number}" for number, key in enumerate(case["values"])}
        built[case["name"]] = (_site_with(case["values"], tmp_path_factory.mktemp("hostile")),
                               _site_with(plain, tmp_path_factory.mktemp("plain")))
    return built


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_no_element_or_attribute_comes_of_a_value(case: dict[str, Any], sites: dict[str, tuple[Site, Site]]) -> None:
    hostile, plain = sites[case["name"]]
    pages = [path.relative_to(hostile.root) for path in hostile.html_files()]
    assert pages == [path.relative_to(plain.root) for path in plain.html_files()]
    for page in pages:
        assert _shape((hostile.root / page).read_text(encoding="utf-8")) == \
            _shape((plain.root / page).read_text(encoding="utf-8")), f"{page}: a value became markup"
        soup = BeautifulSoup((hostile.root / page).read_text(encoding="utf-8"), "lxml")
        assert not [a for a in soup.find_all(href=True) if UNSAFE_SCHEMES.match(a["href"])], page
        assert not [tag for tag in soup.find_all(src=True) if "evil.example" in tag["src"]], page


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_each_value_reads_verbatim_in_pages_titles_nav_and_meta(case: dict[str, Any],
                                                                sites: dict[str, tuple[Site, Site]]) -> None:
    site, _ = sites[case["name"]]
    values = case["values"]
    every_page = " ".join(_text(site.page(str(path.relative_to(site.root)))) for path in site.html_files())
    for key, value in values.items():
        assert value in every_page, f"{key}: {value!r} is not on any page as written"
    product = values["company.product"]
    support = site.page("support/")
    assert product in support.title.get_text()
    assert f"Privacy at {product}" in [" ".join(a.get_text(" ").split()) for a in support.select("nav a")]
    assert f"About {product}" in _text(support.find(id="about-the-product"))
    home_description = site.page("").find("meta", attrs={"name": "description"})["content"]
    assert product in home_description
    if "company.name" in values:
        privacy_description = site.page("privacy/").find("meta", attrs={"name": "description"})["content"]
        assert values["company.name"] in privacy_description


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_each_value_reads_verbatim_in_search_widgets_feed_and_exports(case: dict[str, Any],
                                                                      sites: dict[str, tuple[Site, Site]]) -> None:
    site, plain = sites[case["name"]]
    values = case["values"]
    product = values["company.product"]
    search_text = []
    plain_docs = plain.search_index()["docs"]
    for number, doc in enumerate(site.search_index()["docs"]):
        for field in ("title", "text"):
            assert _shape(doc[field]) == _shape(plain_docs[number][field]), f"a value became markup: {doc}"
            search_text.append(_text(BeautifulSoup(doc[field], "lxml")))
    searchable = " ".join(search_text)
    for key, value in values.items():
        if not key.startswith("history"):
            assert value in searchable, f"{key}: {value!r} is not in the search index as written"
    assert f"About {product}" in searchable

    refunds = site.page("refunds/")
    mailto = refunds.select_one("[data-hc-widget=refund-checker]")["data-mailto"]
    assert product in unquote(mailto)
    assert refunds.select_one("[data-copy]")["data-copy"] == site_policy(site)["support"]["email"]

    feed = ET.fromstring((site.root / "policy-changes.xml").read_bytes())
    assert product in feed.findtext(f"{ATOM}title")
    if "company.name" in values:
        assert feed.findtext(f"{ATOM}author/{ATOM}name") == values["company.name"]
    if "history.0.reason" in values:
        summaries = [entry.findtext(f"{ATOM}summary") for entry in feed.iter(f"{ATOM}entry")]
        assert any(summary.startswith(values["history.0.reason"]) for summary in summaries)

    exported = site_policy(site)
    for key, value in values.items():
        node: Any = exported
        for part in key.split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        assert node == value, f"policy.json changed {key}"
    links = json.loads((site.root / "links.json").read_text(encoding="utf-8"))
    titles = [section["title"] for article in links["articles"] for section in article["sections"]]
    assert f"About {product}" in titles


def site_policy(site: Site) -> dict[str, Any]:
    return json.loads((site.root / "policy.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_each_value_is_text_in_llms_txt_and_the_markdown_copies(case: dict[str, Any],
                                                                sites: dict[str, tuple[Site, Site]]) -> None:
    """Assistants read these files as Markdown: rendered, they must hold the same
    elements as the plain site's, and each value as text."""
    site, plain = sites[case["name"]]
    copies = sorted(path.relative_to(site.root) for path in site.root.glob("*.md"))
    assert copies and copies == sorted(path.relative_to(plain.root) for path in plain.root.glob("*.md"))
    texts = []
    for name in [Path("llms.txt"), *copies]:
        source = (site.root / name).read_text(encoding="utf-8")
        hostile_html = markdown.markdown(source)
        plain_html = markdown.markdown((plain.root / name).read_text(encoding="utf-8"))
        assert _shape(hostile_html) == _shape(plain_html), f"{name}: a value became Markdown markup"
        soup = BeautifulSoup(hostile_html, "lxml")
        assert not [a for a in soup.find_all(href=True) if UNSAFE_SCHEMES.match(a["href"])], name
        # As CommonMark reads the text: backslash escapes and character references decoded.
        texts.append(" ".join(html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", source)).split()))
    text = " ".join(texts)
    for key, value in case["values"].items():
        if not key.startswith("history"):
            assert value in text, f"{key}: {value!r} is not in the Markdown copies as written"
