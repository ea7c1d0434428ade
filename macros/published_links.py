"""The support-link contract: every deep link support has published keeps working.

links/published.yml lists the links (page URL and heading id) that support has pasted
into replies, saved answers and the app. A link fails when its page is gone (it would
404) or its heading id is gone (it would open at the top of the page, "losing its
anchor"), unless a redirect in mkdocs.yml (mkdocs-redirects' `redirect_maps`) takes a
moved page to where its sections now are.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, read_data_file
from .site_config import SiteConfig
from .site_sections import Article

REGISTRY_RULE = "published-links-file"
NOT_FOUND_RULE = "published-link-404"
ANCHOR_RULE = "published-link-anchor"
REDIRECT_RULE = "redirect-target"


@dataclass(frozen=True)
class PublishedLink:
    url: str  # as support published it: "/refunds/#can-i-get-my-money-back"
    line: int

    @property
    def path(self) -> str:
        """Site-relative page URL without the leading slash: "refunds/"."""
        path = self.url.partition("#")[0].lstrip("/")
        return path.removesuffix("index.html")

    @property
    def anchor(self) -> str | None:
        return self.url.partition("#")[2] or None


@dataclass(frozen=True)
class Target:
    """Where a link really lands after any redirect."""

    article: Article | None
    anchor: str | None
    via: str = ""  # "go/refund.md -> refunds.md#..." when redirected
    missing_page: str = ""  # the redirect's target page, when it does not exist


def load_published_links(
    path: Path, display_name: str
) -> tuple[list[PublishedLink], list[Finding]]:
    doc, findings = read_data_file(path, display_name, REGISTRY_RULE,
                                   "the list of published links is missing")
    if doc is None:
        return [], findings
    entries = (doc.data or {}).get("published") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        findings.append(
            Finding(
                display_name,
                doc.line_of(("published",)),
                REGISTRY_RULE,
                "no `published:` list of links",
                "a `published:` key with one `- /page/#heading-id` line per link",
            )
        )
        return [], findings
    links = []
    for index, url in enumerate(entries):
        line = doc.line_of(("published", index))
        if not isinstance(url, str) or not url.startswith("/"):
            findings.append(
                Finding(
                    display_name,
                    line,
                    REGISTRY_RULE,
                    f"the entry {url!r} is not a link on this site",
                    "the link's path on the site, starting with /: "
                    "/refunds/#can-i-get-my-money-back",
                )
            )
            continue
        links.append(PublishedLink(url, line))
    return links, findings


def check_published_links(
    links: list[PublishedLink],
    articles: list[Article],
    site: SiteConfig,
    registry: str,
    docs_label: str = "docs",
) -> list[Finding]:
    """A finding for each published link that would 404 or lose its anchor, and for each
    redirect in mkdocs.yml that points at a page or heading that does not exist."""
    resolver = _Resolver(articles, site, docs_label, links)
    findings = [*resolver.broken_redirects()]
    for link in links:
        findings += resolver.check(link, registry)
    return findings


class _Resolver:
    """Follows published links the way a browser would: page, redirect, heading."""

    def __init__(
        self, articles: list[Article], site: SiteConfig, docs_label: str, links: list[PublishedLink]
    ):
        self.site = site
        self.docs = docs_label
        self.by_page = {article.page: article for article in articles}
        self.by_url = {site.page_url(article.page): article for article in articles}
        self.redirect_by_url = {site.page_url(old): old for old in site.redirects}
        self.published = {(link.path, link.anchor) for link in links}

    def check(self, link: PublishedLink, registry: str) -> list[Finding]:
        target = self.resolve(link.path)
        if target is None:
            page = self._page_named_by(link.path)
            return [
                Finding(
                    registry,
                    link.line,
                    NOT_FOUND_RULE,
                    f"the published link {link.url} would 404: there is no page {self.docs}/{page} "
                    f"and no redirect from {page} in mkdocs.yml",
                    f"restore {self.docs}/{page}, or if it moved, add `{page}: <new page>.md` "
                    "under the redirects plugin's redirect_maps in mkdocs.yml",
                )
            ]
        if target.missing_page:
            return [
                Finding(
                    registry,
                    link.line,
                    NOT_FOUND_RULE,
                    f"the published link {link.url} would 404: its redirect {target.via} in "
                    f"mkdocs.yml points at {self.docs}/{target.missing_page}, which does not exist",
                    "point the redirect at the page that now has this content",
                )
            ]
        if target.article is None:
            return []  # redirected off this site: nothing here to check
        if link.anchor and target.anchor:
            return [
                Finding(
                    registry,
                    link.line,
                    ANCHOR_RULE,
                    f"the published link {link.url} goes through the redirect {target.via}, "
                    f"which already ends in #{target.anchor}; the link's own #{link.anchor} "
                    "would be appended and lost",
                    "redirect this page to a page without #, so the link's heading id is kept",
                )
            ]
        anchor = link.anchor or target.anchor
        if anchor and anchor not in target.article.anchors:
            return [self._lost_anchor(link, target, anchor, registry)]
        return []

    def resolve(self, path: str) -> Target | None:
        if self.site.use_directory_urls and path and not path.endswith(("/", ".html")):
            path += "/"  # web servers answer /refunds with /refunds/
        if path in self.by_url:
            return Target(self.by_url[path], None)
        old = self.redirect_by_url.get(path)
        if old is None:
            return None
        new = self.site.redirects[old]
        via = f"{old} -> {new}"
        if new.lower().startswith(("http://", "https://")):
            return Target(None, None, via)
        page, _, anchor = new.partition("#")
        article = self.by_page.get(page)
        return Target(article, anchor or None, via, "" if article else page)

    def broken_redirects(self) -> list[Finding]:
        findings = []
        for old, new in self.site.redirects.items():
            if new.lower().startswith(("http://", "https://")):
                continue
            page, _, anchor = new.partition("#")
            article = self.by_page.get(page)
            if article is None:
                findings.append(
                    Finding(
                        "mkdocs.yml",
                        self._line_of(old),
                        REDIRECT_RULE,
                        f"the redirect {old} -> {new} points at {self.docs}/{page}, "
                        "which does not exist",
                        "point it at an existing page (a path under docs/, such as refunds.md)",
                    )
                )
            elif anchor and anchor not in article.anchors:
                findings.append(
                    Finding(
                        "mkdocs.yml",
                        self._line_of(old),
                        REDIRECT_RULE,
                        f"the redirect {old} -> {new} points at #{anchor}, which "
                        f"{self.docs}/{page} has no heading for"
                        + self._renamed_to(anchor, article),
                        f"point it at one of the ids of {page}, or give the heading back its id "
                        f"{{ #{anchor} }}",
                    )
                )
        return findings

    def _lost_anchor(
        self, link: PublishedLink, target: Target, anchor: str, registry: str
    ) -> Finding:
        page = target.article.page if target.article else "?"
        via = f" (through the redirect {target.via})" if target.via else ""
        return Finding(
            registry,
            link.line,
            ANCHOR_RULE,
            f"the published link {link.url} would lose its anchor{via}: {self.docs}/{page} has no "
            f"heading with the id #{anchor}" + self._renamed_to(anchor, target.article),
            f"end the heading that answers this question with {{ #{anchor} }} again (its words may "
            f"change, its id may not); if the section is gone for good, remove "
            f"{link.url} from {registry} and tell support",
        )

    def _renamed_to(self, anchor: str, article: Article | None) -> str:
        """A hint when the heading's id was probably changed: the ids on the page that no
        published link uses yet, closest first."""
        if article is None:
            return ""
        url = self.site.page_url(article.page)
        unpublished = sorted(a for a in article.anchors if (url, a) not in self.published)
        close = difflib.get_close_matches(anchor, unpublished, n=1, cutoff=0.3)
        if not close:
            return ""
        return f" (was it changed to #{close[0]}, an id no published link uses?)"

    def _line_of(self, redirect_source: str) -> int:
        """The line of mkdocs.yml where the redirect from `redirect_source` is written."""
        try:
            lines = self.site.config_file.read_text(encoding="utf-8").splitlines()
        except OSError:
            return 0
        pattern = re.compile(rf"^\s*['\"]?{re.escape(redirect_source)}['\"]?\s*:")
        return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), 0)

    def _page_named_by(self, path: str) -> str:
        if path in ("", "/"):
            return "index.md"
        if path.endswith(".html"):
            return path.removesuffix(".html") + ".md"
        return path.rstrip("/") + ".md"
