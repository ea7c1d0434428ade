"""Redirects that would do harm: the redirect plugin writes one HTML file per entry of
`redirect_maps`, at the old page's address, with the new address inside.

So an old page that is a live page (`refunds.md: privacy.md`) replaces that page with a
redirect, one that climbs out of the site (`../../x.md`) or is absolute writes a file
wherever it points, two old pages with one address overwrite each other, and an
external target is printed into the page as it is written. Each is refused with the
line of mkdocs.yml; targets that do not exist are `published_links.py`'s to report.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from ..diagnostics import Diagnostic, rule
from ..site import SiteConfig
from .published_links import REDIRECT_RULE

SOURCE_RULE = rule("redirect-source", "a redirect would replace a live page or write outside the site")

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # as MkDocs tells pages
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][A-Za-z0-9._~!$&()*+,;=:@%/?#-]*)?",
                        re.IGNORECASE)


def unsafe_redirects(site: SiteConfig, pages: Iterable[str]) -> list[Diagnostic]:
    """A diagnostic for each redirect whose old page is not a safe new file in the site,
    and each external target that is not a plain http(s) address. `pages` are the
    site's pages (paths under docs/)."""
    live = {site.page_url(page).lower(): page for page in pages}
    written: dict[str, str] = {}
    findings = []
    for old, new in site.redirects.items():
        line, subject = site.redirect_lines.get(old, 0), f"{old} -> {new}"
        problem = _source_problem(site, old, live, written)
        if problem:
            found, fix = problem
            findings.append(Diagnostic(site.config_display, line, SOURCE_RULE, subject, found,
                                       "an old page's name under docs/, such as old-page.md, that no "
                                       "page uses now", fix))
        if new.lower().startswith(("http://", "https://")) and not _PLAIN_URL.fullmatch(new):
            findings.append(Diagnostic(site.config_display, line, REDIRECT_RULE, subject,
                                       "an address with quotes, spaces or brackets, which the "
                                       "redirect page would print as it is",
                                       "a plain http or https address",
                                       "write the address as the browser's address bar shows it"))
    return findings


def _source_problem(site: SiteConfig, old: str, live: dict[str, str],
                    written: dict[str, str]) -> tuple[str, str] | None:
    if not old.lower().endswith(MARKDOWN_SUFFIXES):
        return (f"`{old}`, which is not the name of a Markdown page",
                "name the old page as it was under docs/, ending in .md")
    if (old.startswith("/") or "\\" in old or posixpath.normpath(old) != old
            or old.split("/")[0] == ".." or any(ord(c) < 32 for c in old)):
        return (f"`{old}`, a path that leads out of the site's folder or around it",
                "a path under docs/ without /, .. or \\ at its start or inside it")
    url = site.page_url(old).lower()
    if url in live:
        return (f"the address of the live page {live[url]}: its redirect would replace the page",
                f"remove this redirect, or move {live[url]} first and redirect its old name")
    if url in written:
        return (f"the address the redirect from {written[url]} already writes",
                "one redirect per old address")
    written[url] = old
    return None
