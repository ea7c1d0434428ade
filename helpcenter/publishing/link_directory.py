"""The link directory: every article and section with its canonical URL, for support.

The same data is written to `links.json` at the end of the build (for tools: macros
in the support desk, the app's help buttons) and shown on the "Link directory" page,
grouped by article, with copy buttons.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from markupsafe import Markup

from ..content.links import relative_href
from ..content.markup import render
from ..content.vocabulary import LINK_DIRECTORY_SLOT
from ..guardrails.outlines import Article
from ..site import SiteConfig

LINKS_FILE = "links.json"
SHORT_LINK_PREFIX = "go/"


@dataclass(frozen=True)
class SectionLink:
    title: str
    anchor: str
    url: str  # canonical: site_url + page + #anchor
    path: str  # site-relative: "refunds/#can-i-get-my-money-back"


@dataclass(frozen=True)
class ArticleLinks:
    title: str
    page: str
    url: str
    path: str
    sections: tuple[SectionLink, ...]


@dataclass(frozen=True)
class ShortLink:
    url: str
    path: str
    title: str  # the title of the section or article it opens
    target_url: str


@dataclass(frozen=True)
class LinkDirectory:
    site_url: str
    articles: tuple[ArticleLinks, ...]
    short_links: tuple[ShortLink, ...]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"


def link_directory(articles: list[Article], site: SiteConfig) -> LinkDirectory:
    """The directory of `articles`, in navigation order (pages outside it last)."""
    order = {page: index for index, page in enumerate(site.nav_pages)}
    ordered = sorted(articles, key=lambda a: (order.get(a.page, len(order)), a.page))
    entries = tuple(_article_links(article, site) for article in ordered)
    return LinkDirectory(site.site_url, entries, tuple(_short_links(entries, site)))


def _article_links(article: Article, site: SiteConfig) -> ArticleLinks:
    path = site.page_url(article.page)
    sections = tuple(
        SectionLink(
            h.title, h.anchor, site.absolute_url(f"{path}#{h.anchor}"), f"{path}#{h.anchor}"
        )
        for h in article.headings
        if h.level > 1 and h.anchor
    )
    return ArticleLinks(article.title, article.page, site.absolute_url(path), path, sections)


def _short_links(articles: tuple[ArticleLinks, ...], site: SiteConfig) -> list[ShortLink]:
    by_page = {article.page: article for article in articles}
    links = []
    for old, new in site.redirects.items():  # in the order mkdocs.yml lists them
        if not old.startswith(SHORT_LINK_PREFIX):
            continue
        page, _, anchor = new.partition("#")
        article = by_page.get(page)
        if article is None:
            continue  # reported by the link contract; nothing useful to list
        section = next((s for s in article.sections if s.anchor == anchor), None)
        title = section.title if section else article.title
        target = section.url if section else article.url
        path = site.page_url(old)
        links.append(ShortLink(site.absolute_url(path), path, title, target))
    return links


def directory_markup(directory: LinkDirectory, page_url: str) -> Markup:
    """The directory as HTML for the page at `page_url` (links in it are relative, so
    they work on a preview server as well as on the published site)."""
    return render(
        "link_directory.html", directory=directory, href=lambda path: relative_href(page_url, path)
    )


def fill_directory_slot(page_html: str, directory: LinkDirectory, page_url: str) -> str:
    """A built page with its `{{ link_directory() }}` slot filled in (pages without one
    are returned as they are)."""
    if LINK_DIRECTORY_SLOT not in page_html:
        return page_html
    return page_html.replace(LINK_DIRECTORY_SLOT, directory_markup(directory, page_url), 1)
