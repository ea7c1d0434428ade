"""What a reader reads on a built site, as sentences per page.

The impact preview compares these between two builds, so they cover everything a
policy value can reach: each page's <title> and meta description, its article (prose,
lists, tables, headings and widget text, including labels in alt, title, placeholder
and aria-label attributes), and the navigation labels, which appear on every page and
are reported once.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

NAVIGATION = "navigation (on every page)"

# Elements that start a new line of text; inline ones (strong, a, code) run on.
_BLOCKS = ["address", "article", "aside", "blockquote", "button", "caption", "dd", "details",
           "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
           "h1", "h2", "h3", "h4", "h5", "h6", "header", "label", "legend", "li", "ol",
           "option", "output", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"]
_BLOCK_EDGE = "\u2029"  # Unicode's paragraph separator never occurs in our pages
_LABEL_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
# A sentence ends at . ! or ? followed by a space (a closing quote or bracket may follow).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"')\u201d])\s+")


def site_sentences(site_dir: Path) -> dict[str, list[str]]:
    """Sentences by page address ("/refunds/"), plus the navigation's labels."""
    pages: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        pages[_address(path.relative_to(site_dir))] = page_sentences(soup)
        if path == site_dir / "index.html":
            pages[NAVIGATION] = navigation_labels(soup)
    return pages


def page_sentences(soup: BeautifulSoup) -> list[str]:
    sentences: list[str] = []
    if soup.title and soup.title.string:
        sentences.append(f"Page title: {_clean(soup.title.get_text())}")
    description = soup.find("meta", attrs={"name": "description"})
    if description and description.get("content"):
        sentences.append(f"Search description: {_clean(str(description['content']))}")
    article = soup.select_one("article")
    if article is not None:
        sentences += article_sentences(article)
    return sentences


def article_sentences(article: Tag) -> list[str]:
    for hidden in article.select("script, style, a.headerlink"):
        hidden.decompose()
    labels = [f"{attribute}: {_clean(str(element[attribute]))}"
              for element in article.find_all(lambda tag: any(map(tag.has_attr, _LABEL_ATTRIBUTES)))
              for attribute in _LABEL_ATTRIBUTES if element.get(attribute)]
    # Line breaks in the HTML source are just spaces; block edges are marked instead.
    for block in article.find_all(_BLOCKS):
        block.insert_before(_BLOCK_EDGE)
        block.insert_after(_BLOCK_EDGE)
    sentences = [sentence for line in article.get_text().split(_BLOCK_EDGE)
                 for sentence in split_sentences(_clean(line))]
    return sentences + labels


def navigation_labels(soup: BeautifulSoup) -> list[str]:
    nav = soup.select_one("nav.md-nav--primary")
    if nav is None:
        return []
    labels = [_clean(link.get_text()) for link in nav.select("a.md-nav__link, label.md-nav__link")
              if link.find_parent("nav", class_="md-nav--secondary") is None]  # not the page's TOC
    return list(dict.fromkeys(label for label in labels if label))  # sections repeat their label


def split_sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()] if text else []


def _clean(text: str) -> str:
    return " ".join(text.split())


def _address(relative: Path) -> str:
    url = "/" + relative.as_posix()
    return url.removesuffix("index.html")
