"""The built site behind Debian's nginx with the production configuration (deploy/nginx/):
what a reader's browser, a crawler or a cache sees. The site is a copy of the session's
build with the .gz files of helpcenter/publishing/precompress.py, served by tests/nginx_server.py."""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import deploy.server
from deploy.redirects import nginx_redirects
from deploy.render import read_site_settings
from helpcenter.publishing.precompress import precompress_site
from helpers import REPO, Site
from nginx_server import NginxError, serve_with_nginx

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
IMMUTABLE = "public, max-age=31536000, immutable"
# Our own style sheet: the build names it by its content (help-center.<hash>.css).
OUR_CSS = "OUR_CSS"
REDIRECTS = read_site_settings(REPO).redirect_maps


@dataclass(frozen=True)
class Served:
    root: Path
    base_url: str

    def our_css(self) -> str:
        [css] = self.root.glob("assets/help-center.*.css")
        return css.relative_to(self.root).as_posix()

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        """One GET, redirects not followed (http.client never follows them)."""
        path = path.replace(OUR_CSS, self.our_css())
        parts = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
        try:
            connection.request("GET", "/" + path.lstrip("/"), headers=headers or {})
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message
    body: bytes


@pytest.fixture(scope="module")
def served(built_site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("nginx") / "site"
    shutil.copytree(built_site.root, root)
    precompress_site(root)  # what `python -m macros build` and `make preview` do
    with serve_with_nginx(root) as base_url:
        yield Served(root, base_url)


def material_asset(root: Path, pattern: str) -> str:
    found = sorted(root.glob(pattern))
    assert found, f"no {pattern} in the built site: has Material renamed its assets?"
    return found[0].relative_to(root).as_posix()


# -- headers on every response -------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "refunds/", "no/such/page/", "go/refund/", "refunds",
                                  OUR_CSS, "search/search_index.json"])
def test_every_response_carries_the_content_security_policy_and_security_headers(
        served: Served, path: str) -> None:
    headers = served.get(path).headers
    assert headers["Content-Security-Policy"] == CSP, f"/{path}: CSP missing or changed"
    assert headers["X-Content-Type-Options"] == "nosniff", f"/{path}"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", f"/{path}"


# -- gzip ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, file", [("refunds/", "refunds/index.html"),
                                        (OUR_CSS, OUR_CSS)])
def test_a_client_that_accepts_gzip_gets_the_precompressed_file(served: Served, path: str,
                                                                file: str) -> None:
    answer = served.get(path, {"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert answer.headers["Content-Encoding"] == "gzip", f"/{path} was sent uncompressed"
    assert answer.headers["Vary"] == "Accept-Encoding", "caches must keep both encodings apart"
    assert gzip.decompress(answer.body) == (served.root / file.replace(OUR_CSS, served.our_css())).read_bytes()


def test_a_client_without_gzip_gets_the_plain_file(served: Served) -> None:
    answer = served.get("refunds/")
    assert answer.status == 200
    assert answer.headers["Content-Encoding"] is None
    assert answer.body == (served.root / "refunds" / "index.html").read_bytes()


def test_precompress_rewrites_a_gz_older_than_its_file(tmp_path: Path) -> None:
    # nginx sends NAME.gz whenever it exists: a stale one would show readers an old page.
    page = tmp_path / "index.html"
    page.write_text("<p>old answer</p>" * 50, encoding="utf-8")
    precompress_site(tmp_path)
    page.write_text("<p>new answer</p>" * 50, encoding="utf-8")
    later = (tmp_path / "index.html.gz").stat().st_mtime + 10
    os.utime(page, (later, later))
    assert precompress_site(tmp_path) == 1
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == page.read_bytes()


# -- caching ---------------------------------------------------------------------------------

def test_content_hashed_assets_are_cached_for_a_year(served: Served) -> None:
    hashed = [material_asset(served.root, "assets/javascripts/bundle.*.min.js"),
              material_asset(served.root, "assets/stylesheets/main.*.min.css"),
              material_asset(served.root, "assets/javascripts/workers/search.*.min.js"),
              served.our_css()]
    for path in hashed:
        answer = served.get(path)
        assert answer.status == 200, path
        assert answer.headers["Cache-Control"] == IMMUTABLE, f"/{path}: {answer.headers['Cache-Control']}"


@pytest.mark.parametrize("path", ["", "refunds/", "assets/favicon.svg", "search/search_index.json",
                                  "assets/javascripts/lunr/min/lunr.de.min.js", "sitemap.xml"])
def test_pages_and_unhashed_files_are_revalidated_before_each_use(served: Served, path: str) -> None:
    answer = served.get(path)
    assert answer.status == 200, path
    assert answer.headers["Cache-Control"] == "no-cache", \
        f"/{path} must not be kept unchecked: {answer.headers['Cache-Control']}"


def test_a_missing_hashed_asset_is_a_404_that_is_not_cached_for_a_year(served: Served) -> None:
    answer = served.get("assets/javascripts/bundle.deadbeef.min.js")
    assert answer.status == 404
    assert answer.headers["Cache-Control"] == "no-cache"


# -- 404 and redirects ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["no/such/page/", "refunds/old-answer.html", "404.html"])
def test_a_missing_path_gets_the_sites_404_page_with_status_404(served: Served, path: str) -> None:
    answer = served.get(path)
    assert answer.status == 404, f"/{path} answered {answer.status}"
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert answer.body == (served.root / "404.html").read_bytes()


@pytest.mark.parametrize("path", ["go/refund/", "go/refund", "go/refund/index.html"])
def test_short_link_is_a_real_301_to_the_answer(served: Served, path: str) -> None:
    answer = served.get(path)
    assert answer.status == 301, f"/{path} answered {answer.status}"
    assert answer.headers["Location"] == "/refunds/#can-i-get-my-money-back"


@pytest.mark.parametrize("source", sorted(REDIRECTS))
def test_every_redirect_lands_on_a_page_that_has_the_heading(served: Served, source: str) -> None:
    answer = served.get("/" + source.removesuffix(".md") + "/")
    assert answer.status == 301, source
    path, _, fragment = answer.headers["Location"].partition("#")
    target = served.get(path)
    assert target.status == 200, f"{source} -> {path}: {target.status}"
    if fragment:
        assert f'id="{fragment}"'.encode() in target.body, f"{source}: no heading #{fragment} on {path}"


def test_a_folder_without_its_slash_is_redirected_so_relative_links_work(served: Served) -> None:
    answer = served.get("refunds")
    assert answer.status == 301
    assert answer.headers["Location"] == "/refunds/"


# -- the redirect generator, on its own --------------------------------------------------------

def test_redirects_answer_the_page_with_and_without_slash_and_its_index_html() -> None:
    text = nginx_redirects({"go/refund.md": "refunds.md#can-i-get-my-money-back"})
    for location in ('"/go/refund/"', '"/go/refund"', '"/go/refund/index.html"'):
        assert f"location = {location} {{" in text
    assert text.count('return 301 "/refunds/#can-i-get-my-money-back";') == 3


@pytest.mark.parametrize("source, target, use_directory_urls, expected", [
    ("old.md", "index.md", True, ('"/old/"', '"/"')),
    ("old/index.md", "new/README.md", True, ('"/old/"', '"/new/"')),
    ("go/refund.md", "refunds.md#window", False, ('"/go/refund.html"', '"/refunds.html#window"')),
    ("go/shop.md", "https://shop.example.com/a b$c", True, ('"/go/shop/"', '"https://shop.example.com/a%20b%24c"')),
])
def test_redirect_urls_follow_mkdocs_page_urls(source: str, target: str, use_directory_urls: bool,
                                               expected: tuple[str, str]) -> None:
    text = nginx_redirects({source: target}, use_directory_urls)
    location, destination = expected
    assert f"location = {location} {{" in text
    assert f"return 301 {destination};" in text


@pytest.mark.parametrize("maps, named", [
    ({"go/refund.md": "refunds.pdf"}, "refunds.pdf"),
    ({"../outside.md": "refunds.md"}, "../outside.md"),
    ({"go/x.txt": "refunds.md"}, "go/x.txt"),
    ({"go/a.md": "refunds.md", "go/a/index.md": "privacy.md"}, "go/a/index.md"),
    ({'go/"quote.md': "refunds.md"}, "quote"),
])
def test_redirect_entries_nginx_cannot_serve_are_refused_by_name(maps: dict[str, str], named: str) -> None:
    with pytest.raises(ValueError, match="redirect_maps") as refused:
        nginx_redirects(maps)
    assert named in str(refused.value)


# -- the helper and the preview: clean stops and clear errors -------------------------------------

def test_nginx_is_stopped_and_its_folder_removed_when_the_block_fails(
        served: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(RuntimeError, match="a test failed here"):
        with serve_with_nginx(served.root) as base_url:
            port = urlsplit(base_url).port
            assert Served(served.root, base_url).get("").status == 200
            raise RuntimeError("a test failed here")
    assert list(tmp_path.iterdir()) == [], "the runtime folder was left behind"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_a_missing_nginx_is_a_clear_error(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deploy.server, "NGINX", Path("/usr/sbin/no-such-nginx"))
    with pytest.raises(NginxError, match=r"apt-get install -y nginx"):
        with serve_with_nginx(served.root):
            pass


def run_preview(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deploy.serve", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=30)


def test_preview_on_a_taken_port_says_so_without_a_traceback(served: Served, tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run_preview("--site", str(served.root), "--port", str(port),
                             "--runtime", str(tmp_path / "runtime"))
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is taken" in result.stderr
    assert "PREVIEW_PORT=" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_preview_without_a_built_site_says_to_build(tmp_path: Path) -> None:
    result = run_preview("--site", str(tmp_path / "site"), "--runtime", str(tmp_path / "runtime"))
    assert result.returncode == 1
    assert "run `make build`" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# -- the pages in Chromium under the production policy ----------------------------------------

# Records every refused inline style or script, wherever it comes from (our widgets,
# Material's bundle, a template), from before any page script runs.
VIOLATION_LISTENER = """window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.cspViolations.push(
  `${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`), true);"""
# A few turns of the event loop: violation reports are queued as tasks.
SETTLE = "() => new Promise(done => setTimeout(() => requestAnimationFrame(() => setTimeout(done))))"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 412, "height": 823}


def site_pages(root: Path) -> list[str]:
    """Every page of the built site, by URL path; redirect stubs are nginx's 301s now,
    and the 404 page is reached through a missing path."""
    pages = []
    for html in sorted(root.rglob("*.html")):
        if "<title>Redirecting...</title>" in html.read_text(encoding="utf-8"):
            continue
        relative = html.relative_to(root).as_posix()
        pages.append("no/such/page/" if relative == "404.html" else relative.removesuffix("index.html"))
    return pages


@dataclass
class WatchedPage:
    context: Any
    page: Any
    errors: list[str]

    def problems(self) -> list[str]:
        """Console errors and script errors so far, plus the policy's refusals."""
        self.page.evaluate(SETTLE)
        refused: list[str] = self.page.evaluate("() => window.cspViolations")
        return self.errors + refused


def open_watched(browser: Any, url: str, viewport: dict[str, int]) -> WatchedPage:
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(5_000)  # a local page answers at once: fail fast
    context.add_init_script(VIOLATION_LISTENER)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: Any) -> None:
        # "Failed to load resource" is the 404 page's own status, not a fault.
        if message.type == "error" and "Failed to load resource" not in message.text:
            errors.append(message.text)

    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    page.on("console", on_console)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return WatchedPage(context, page, errors)


def use_like_a_reader(page: Any, viewport: dict[str, int]) -> None:
    """What runs Material's and our scripts: palette switch, back-to-top scrolling, the
    phone drawer, search results, copy buttons."""
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -1500)
    if viewport is PHONE:
        page.locator("label.md-header__button[for=__drawer]").click()
        # A tap beside the drawer closes it; the overlay's centre lies under the drawer.
        page.locator("label.md-overlay").click(position={"x": viewport["width"] - 20, "y": 400})
        page.wait_for_function("() => !document.getElementById('__drawer').checked")
        page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").click()
    page.keyboard.type("refund")  # Material searches on key events, not on fill()
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    buttons = page.locator("article button:visible")
    if buttons.count():
        buttons.first.click()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_works_under_the_production_policy(browser: Any, served: Served,
                                                      viewport: dict[str, int]) -> None:
    failures = []
    for path in site_pages(served.root):
        watched = open_watched(browser, served.base_url + path, viewport)
        try:
            use_like_a_reader(watched.page, viewport)
            problems = watched.problems()
        finally:
            watched.context.close()
        if problems:
            failures.append(f"/{path}: " + "; ".join(dict.fromkeys(problems)))
    assert not failures, "refused by the production CSP or broken:\n" + "\n".join(failures)


@pytest.mark.browser
def test_the_policy_watch_sees_a_refused_inline_style(browser: Any, served: Served) -> None:
    # Proves the test above can fail: an inline style attribute is refused under
    # style-src 'self' and reported; a style set through the CSSOM is allowed.
    watched = open_watched(browser, served.base_url + "refunds/", DESKTOP)
    try:
        watched.page.evaluate("""() => { const p = document.createElement("p");
            p.setAttribute("style", "color: red"); document.body.append(p);
            const q = document.createElement("p"); q.style.color = "red"; document.body.append(q); }""")
        watched.page.wait_for_function("() => window.cspViolations.length > 0")
        refused = [problem for problem in watched.problems() if problem.startswith("style-src")]
    finally:
        watched.context.close()
    assert len(refused) == 1 and refused[0].startswith("style-src-attr blocked inline"), refused
