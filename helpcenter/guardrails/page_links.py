"""Links written in pages (and in what our templates put into pages) lead somewhere.

The generator checks links only while it builds; moving a page used to pass `check`
and then stop the build on every link to the old name. Here every link to another page
(`refunds.md#can-i-get-my-money-back`) and to a heading on the same page (`#section`)
is followed through the rendered pages: the page must exist and have the heading. When
a redirect says where a page went, the message names the new page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, rule
from ..site import RenderedPage, SiteConfig
from .outlines import Article

PAGE_LINK = rule("page-link", "a link in a page leads to a page or heading that does not exist")

_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_LINK = re.compile(r"""<a\s[^>]*?href=["']([^"']+)["']""", re.IGNORECASE)
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def check_page_links(pages: list[RenderedPage], articles: list[Article], site: SiteConfig,
                     docs_label: str) -> list[Diagnostic]:
    by_page = {article.page: article for article in articles}
    findings = []
    for page in pages:
        if page.markdown is None or page.meta.get("version") or page.page not in by_page:
            continue
        for line, target in _links(page):
            problem = _problem(page.page, target, by_page, site)
            if problem:
                findings.append(Diagnostic(f"{docs_label}/{page.page}", page.file_line(line), PAGE_LINK,
                                           target, problem[0], "links to pages and headings that exist",
                                           problem[1]))
    return findings


def _links(page: RenderedPage) -> Iterator[tuple[int, str]]:
    in_fence = False
    for number, line in enumerate((page.markdown or "").splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for pattern in (_MARKDOWN_LINK, _HTML_LINK):
            for match in pattern.finditer(line):
                yield number, match.group(1)


def _problem(page: str, target: str, by_page: dict[str, Article],
             site: SiteConfig) -> tuple[str, str] | None:
    if _EXTERNAL.match(target) or target.startswith("/"):
        return None  # another site, or an absolute path the generator resolves
    path, _, anchor = target.partition("#")
    if path and not path.endswith(".md"):
        return None  # a file (policy.json, a feed, an image): the generator copies or writes it
    linked = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    article = by_page.get(linked)
    if article is None:
        moved = site.redirects.get(linked)
        if moved and not moved.lower().startswith(("http://", "https://")):
            new_page = moved.partition("#")[0]
            new_target = posixpath.relpath(new_page, posixpath.dirname(page) or ".")
            return (f"a link to {linked}, which moved to {new_page} (a redirect in {site.config_display})",
                    f"link to {new_target}" + (f"#{anchor}" if anchor else ""))
        return (f"a link to {linked}, which is not a page", "point it at an existing page")
    if anchor and anchor not in article.anchors:
        return (f"a link to #{anchor}, which {linked} has no heading for",
                "use one of the page's heading ids: " + ", ".join(f"#{a}" for a in sorted(article.anchors)))
    return None
