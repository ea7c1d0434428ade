"""Page weight: the bytes our styles, scripts and widgets add to a page, per page type,
over the same page built as stock Material (the plain twin without `extra_css` and
`extra_javascript`).

A page's weight is its HTML plus every local stylesheet and script it loads. Files that
both builds load (Material's own bundle) cancel out; what is left is ours.
"""

from __future__ import annotations

import posixpath
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup


@dataclass(frozen=True)
class PageWeight:
    page_type: str
    page: str
    html_bytes: int
    stock_html_bytes: int
    our_css_bytes: int
    our_js_bytes: int
    our_files: tuple[str, ...]

    @property
    def added_bytes(self) -> int:
        return self.html_bytes - self.stock_html_bytes + self.our_css_bytes + self.our_js_bytes

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "our_files": list(self.our_files), "added_bytes": self.added_bytes}


def page_weights(ours_site: Path, stock_site: Path, page_types: dict[str, str]) -> list[PageWeight]:
    """One row per page type, measured on the first page of that type (the real page)."""
    first_of_type: dict[str, str] = {}
    for src_path, page_type in page_types.items():
        first_of_type.setdefault(page_type, src_path)
    return [_weigh(ours_site, stock_site, page_type, _html_path(src_path))
            for page_type, src_path in first_of_type.items()]


def _html_path(src_path: str) -> str:
    """`refunds.md` -> `refunds/index.html` (use_directory_urls), `index.md` -> `index.html`."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return posixpath.join(posixpath.dirname(stem), "index.html")
    return f"{stem}/index.html"


def _weigh(ours_site: Path, stock_site: Path, page_type: str, html_path: str) -> PageWeight:
    ours_assets = _local_assets(ours_site, html_path)
    stock_assets = _local_assets(stock_site, html_path)
    ours_only = sorted(set(ours_assets) - set(stock_assets))
    css = sum(ours_assets[name] for name in ours_only if name.endswith(".css"))
    js = sum(ours_assets[name] for name in ours_only if not name.endswith(".css"))
    return PageWeight(page_type, html_path, (ours_site / html_path).stat().st_size,
                      (stock_site / html_path).stat().st_size, css, js, tuple(ours_only))


def _local_assets(site: Path, html_path: str) -> dict[str, int]:
    """Site-relative path -> size of every local stylesheet and script the page loads."""
    soup = BeautifulSoup((site / html_path).read_text(encoding="utf-8"), "lxml")
    links = [tag.get("href") for tag in soup.find_all("link", rel="stylesheet")]
    links += [tag.get("src") for tag in soup.find_all("script", src=True)]
    assets: dict[str, int] = {}
    for link in links:
        if not isinstance(link, str) or not link:
            continue
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            continue  # another host: never ours (the site makes no such request anyway)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(html_path), parts.path))
        if (site / path).is_file():
            assets[path] = (site / path).stat().st_size
    return assets
