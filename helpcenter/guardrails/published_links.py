"""The support-link contract: every deep link support has published keeps working.

links/published.yml lists the links (page URL and heading id) that support has pasted
into replies, saved answers and the app. A link fails when its page is gone (it would
404) or its heading id is gone (it would open at the top of the page, "losing its
anchor"), unless a redirect takes a moved page to where its sections now are.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..datafiles.files import read_yaml_file
from ..datafiles.schema import Schema
from ..diagnostics import Diagnostic, rule
from ..project import Project
from ..site import SiteConfig
from .outlines import Article

NOT_FOUND_RULE = rule("published-link-404", "a published link would 404")
ANCHOR_RULE = rule("published-link-anchor", "a published link would lose its #anchor")
REDIRECT_RULE = rule("redirect-target", "a redirect points at a page or heading that does not exist")

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


@dataclass(frozen=True)
class LinkRegistry:
    links: list[PublishedLink]
    aliases: list[Alias]


@dataclass(frozen=True)
class Alias:
    """An old section id that still answers: `url` (with the old id) opens `anchor`."""

    url: str
    anchor: str
    line: int

    @property
    def path(self) -> str:
        return PublishedLink(self.url, self.line).path

    @property
    def old_anchor(self) -> str:
        return self.url.partition("#")[2]


def read_published_links(project: Project) -> LinkRegistry:
    """The links support has published, and the old ids that still answer. Raises
    Refused listing every unusable line."""
    schema = Schema.load(project.published_links_schema,
                         project.display(project.published_links_schema), project.root)
    doc = read_yaml_file(project.published_links, project.display(project.published_links),
                         schema, project.root, "a `published:` list of links")
    links = [PublishedLink(url, doc.line_of(("published", index)))
             for index, url in enumerate(doc.data["published"])]
    aliases = [Alias(url, anchor, doc.line_of(("aliases", url)))
               for url, anchor in (doc.data.get("aliases") or {}).items()]
    return LinkRegistry(links, aliases)


def check_published_links(links: list[PublishedLink], articles: list[Article], site: SiteConfig,
                          registry: str, docs_label: str = "docs",
                          unrendered: frozenset[str] = frozenset(),
                          aliases: list[Alias] | None = None) -> list[Diagnostic]:
    """A diagnostic for each published link that would 404 or lose its anchor, and for
    each redirect that points at a page or heading that does not exist. Pages in
    `unrendered` failed to render: their own diagnostic says so, and links into them are
    not judged (their headings are unknown, not gone)."""
    resolver = _Resolver(articles, site, docs_label, links, unrendered, aliases or [])
    findings = resolver.broken_redirects() + resolver.broken_aliases(registry)
    for link in links:
        findings += resolver.check(link, registry)
    return findings


class _Resolver:
    """Follows published links the way a browser would: page, redirect, heading."""

    def __init__(self, articles: list[Article], site: SiteConfig, docs_label: str,
                 links: list[PublishedLink], unrendered: frozenset[str], aliases: list[Alias]):
        self.site = site
        self.docs = docs_label
        self.config = site.config_display
        self.unrendered = unrendered
        self.by_page = {article.page: article for article in articles}
        self.by_url = {site.page_url(article.page): article for article in articles}
        self.redirect_by_url = {site.page_url(old): old for old in site.redirects}
        self.published = {(link.path, link.anchor) for link in links}
        self.aliases = aliases
        self.alias_of = {(alias.path, alias.old_anchor): alias.anchor for alias in aliases}

    def check(self, link: PublishedLink, registry: str) -> list[Diagnostic]:
        target = self.resolve(link.path)
        if target is None:
            page = self._page_named_by(link.path)
            if page in self.unrendered:
                return []
            return [Diagnostic(
                registry, link.line, NOT_FOUND_RULE, link.url,
                f"a link that would 404: there is no page {self.docs}/{page} and no redirect "
                f"from {page} in {self.config}",
                "links to pages that exist, or that a redirect takes to their new place",
                f"if {page} moved, add `{page}: <its new name>.md` under the redirects plugin's "
                f"redirect_maps in {self.config}; if it is gone for good, remove {link.url} from "
                f"{registry} and tell support")]
        if target.missing_page:
            return [Diagnostic(
                registry, link.line, NOT_FOUND_RULE, link.url,
                f"a link that would 404: its redirect {target.via} in {self.config} points at "
                f"{self.docs}/{target.missing_page}, which does not exist",
                "redirects to pages that exist",
                "point the redirect at the page that now has this content")]
        if target.article is None:
            return []  # redirected off this site, or into a page that did not render
        if link.anchor and target.anchor:
            return [Diagnostic(
                registry, link.line, ANCHOR_RULE, link.url,
                f"a link through the redirect {target.via}, which already ends in "
                f"#{target.anchor}: the link's own #{link.anchor} would be lost",
                "redirects without # for pages whose links carry their own #",
                "redirect this page to a page without #, so the link's heading id is kept")]
        anchor = link.anchor or target.anchor
        path = self.site.page_url(target.article.page)
        anchor = self.alias_of.get((path, anchor), anchor) if anchor else anchor
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
        for _ in range(5):  # a redirect to a page that moved again: the browser follows both
            if article is not None or page not in self.site.redirects:
                break
            moved = self.site.redirects[page]
            via += f" -> {moved}"
            page, _, moved_anchor = moved.partition("#")
            anchor = anchor or moved_anchor
            article = self.by_page.get(page)
        if article is None and page in self.unrendered:
            return Target(None, None, via)
        return Target(article, anchor or None, via, "" if article else page)

    def broken_aliases(self, registry: str) -> list[Diagnostic]:
        findings = []
        for alias in self.aliases:
            target = self.resolve(alias.path)
            if target is None or target.article is None:
                findings.append(Diagnostic(registry, alias.line, ANCHOR_RULE, alias.url,
                                           f"an alias on {alias.path or '/'}, which is not a page",
                                           "aliases of sections on pages that exist"))
            elif alias.anchor not in target.article.anchors:
                findings.append(Diagnostic(registry, alias.line, ANCHOR_RULE, alias.url,
                                           f"an alias to #{alias.anchor}, which {self.docs}/{target.article.page} "
                                           "has no heading for", "the id the section has now",
                                           "write the section's current { #id }"))
            elif alias.old_anchor in target.article.anchors:
                findings.append(Diagnostic(registry, alias.line, ANCHOR_RULE, alias.url,
                                           f"an alias whose old id #{alias.old_anchor} is still a heading's id",
                                           "old ids no heading uses any more",
                                           "remove the alias, or the heading's old id"))
        return findings

    def broken_redirects(self) -> list[Diagnostic]:
        findings = []
        for old, new in self.site.redirects.items():
            if new.lower().startswith(("http://", "https://")):
                continue
            page, _, anchor = new.partition("#")
            article = self.by_page.get(page)
            line = self.site.redirect_lines.get(old, 0)
            if article is None and page not in self.unrendered:
                moved = self.site.redirects.get(page, "").partition("#")[0]
                fix = (f"point it at {moved}" + (f"#{anchor}" if anchor else "") + f" ({page} moved there)"
                       if moved in self.by_page else "point it at the page that now has this content")
                findings.append(Diagnostic(
                    self.config, line, REDIRECT_RULE, f"{old} -> {new}",
                    f"a redirect to {self.docs}/{page}, which does not exist",
                    "redirects to existing pages (a path under docs/)", fix))
            elif article is not None and anchor and anchor not in article.anchors:
                findings.append(Diagnostic(
                    self.config, line, REDIRECT_RULE, f"{old} -> {new}",
                    f"a redirect to #{anchor}, which {self.docs}/{page} has no heading for"
                    + self._renamed_to(anchor, article),
                    f"redirects to ids that {page} has",
                    f"point it at one of the ids of {page}, or give the heading back its id "
                    f"{{ #{anchor} }}"))
        return findings

    def _lost_anchor(self, link: PublishedLink, target: Target, anchor: str,
                     registry: str) -> Diagnostic:
        page = target.article.page if target.article else "?"
        via = f" (through the redirect {target.via})" if target.via else ""
        return Diagnostic(
            registry, link.line, ANCHOR_RULE, link.url,
            f"a link that would lose its anchor{via}: {self.docs}/{page} has no heading with "
            f"the id #{anchor}" + self._renamed_to(anchor, target.article),
            "links whose heading id still exists on the page",
            f"end the heading that answers this question with {{ #{anchor} }} again (its words "
            f"may change, its id may not); if the section is gone for good, remove {link.url} "
            f"from {registry} and tell support")

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

    def _page_named_by(self, path: str) -> str:
        if path in ("", "/"):
            return "index.md"
        if path.endswith(".html"):
            return path.removesuffix(".html") + ".md"
        return path.rstrip("/") + ".md"
