"""nginx `location` blocks for mkdocs-redirects' `redirect_maps`, as real 301 redirects.

mkdocs-redirects writes an HTML page per old address that redirects from the browser;
nginx answers the same addresses with a 301 first, so links, crawlers and `curl` see a
real redirect. The URLs follow MkDocs' own rules (`File.url`, `File.dest_uri`) without
importing MkDocs, so this runs beside any build.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

# What a redirect's target keeps as written. Everything else is percent-encoded, and so
# are `$` (nginx would read a variable in `return`), quotes, backslashes and spaces.
_URL_SAFE = "/#%-._~!&'()*+,;=:@?"
_EXTERNAL = re.compile(r"^https?://", re.IGNORECASE)
_MARKDOWN = (".md", ".markdown")


def nginx_redirects(redirect_maps: dict[str, str], use_directory_urls: bool = True) -> str:
    """The `location = ... { return 301 ...; }` blocks for every entry of `redirect_maps`.

    `go/refund.md: refunds.md#can-i-get-my-money-back` gives, with directory URLs, blocks
    for `/go/refund/`, `/go/refund` and `/go/refund/index.html`, each answering
    `301 /refunds/#can-i-get-my-money-back`. Targets stay relative to the host (no scheme
    or port) so they are right behind a TLS proxy too. Raises ValueError naming the
    entry when a source or target cannot be a redirect.
    """
    blocks: list[str] = []
    seen: dict[str, str] = {}
    for source, target in redirect_maps.items():
        location = _target_url(str(source), str(target), use_directory_urls)
        for path in _source_paths(str(source), use_directory_urls):
            if path in seen:
                raise ValueError(f"redirect_maps: {source!r} and {seen[path]!r} both redirect {path}")
            seen[path] = str(source)
            blocks.append(
                f"location = {_quoted(path)} {{\n"
                "    include headers.conf;\n"
                # A short link may be re-pointed later: browsers revalidate instead of
                # keeping an old 301 forever.
                '    add_header Cache-Control "no-cache" always;\n'
                f"    return 301 {_quoted(location)};\n"
                "}\n")
    return "".join(blocks)


def page_url(src_path: str, use_directory_urls: bool = True) -> str:
    """The site-absolute URL MkDocs gives the page `src_path` (`refunds.md` -> `/refunds/`)."""
    stem = src_path.rsplit(".", 1)[0]
    folder, _, name = stem.rpartition("/")
    prefix = f"/{folder}/" if folder else "/"
    if name in ("index", "README"):  # MkDocs makes both a folder's index page
        return prefix if use_directory_urls else f"{prefix}index.html"
    return f"{prefix}{name}/" if use_directory_urls else f"{prefix}{name}.html"


def _source_paths(source: str, use_directory_urls: bool) -> list[str]:
    """Every request path that means the old page `source`."""
    clean = _docs_path(source, "source")
    if not clean.endswith(_MARKDOWN):
        raise ValueError(f"redirect_maps: source {source!r} is not a Markdown page")
    url = page_url(clean, use_directory_urls)
    if not url.endswith("/"):
        return [url]
    paths = [url, f"{url}index.html"]
    if url != "/":
        paths.insert(1, url.rstrip("/"))  # nginx would answer this one with a 301 to url first
    return paths


def _target_url(source: str, target: str, use_directory_urls: bool) -> str:
    if _EXTERNAL.match(target):
        return _encoded(target)
    page, hash_mark, fragment = target.partition("#")
    clean = _docs_path(page, f"target of {source!r}")
    if not clean.endswith(_MARKDOWN):
        raise ValueError(f"redirect_maps: target {target!r} of {source!r} is neither a "
                         "Markdown page nor an http(s) URL")
    return _encoded(page_url(clean, use_directory_urls) + hash_mark + fragment)


def _docs_path(path: str, what: str) -> str:
    """`path` relative to docs/, normalised; refuses paths that leave docs/."""
    clean = posixpath.normpath(path.strip().lstrip("/"))
    if clean.startswith("..") or clean in (".", "") or "\\" in clean:
        raise ValueError(f"redirect_maps: {what} {path!r} is not a page inside docs/")
    return clean


def _encoded(url: str) -> str:
    return quote(url, safe=_URL_SAFE)


def _quoted(text: str) -> str:
    """An nginx string: quoted, so `#`, `;` and `{` stay literal."""
    if any(char in text for char in '"\\$\n\r') or any(ord(char) < 0x20 for char in text):
        raise ValueError(f"redirect_maps: {text!r} cannot be written into an nginx config")
    return f'"{text}"'
