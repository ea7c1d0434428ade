"""Browser-test fixtures: Debian's Chromium driven by Playwright, the built site served
from loopback by nginx with the production configuration (its Content-Security-Policy
included), and a guard that fails a test on any console error, CSP violation or request
to another host.

Browsers are never downloaded: Playwright is pointed at /usr/bin/chromium. Without it
the browser tests skip with install instructions, except in CI (CI set), where a missing
browser must fail the run instead of silently testing less.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from helpers import REPO, Site
from nginx_server import serve_with_nginx

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = "install Debian's Chromium with `apt-get install -y chromium` (as root)"
LAUNCH_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Any request to another host fails fast instead of waiting on DNS.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass
class ServedSite:
    root: Path
    base_url: str

    def url(self, path: str = "") -> str:
        return self.base_url + path


@dataclass
class PageWatch:
    """What a page did that a reader must never see: errors and off-site requests."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


def serve(root: Path, project: Path = REPO, port: int | None = None) -> Iterator[ServedSite]:
    """The built site at `root` served by Debian's nginx with the production configuration
    (deploy/nginx/: its Content-Security-Policy, gzip, caching, 404 page and redirects)."""
    with serve_with_nginx(root, project, port) as base_url:
        yield ServedSite(root, base_url)


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """The one place that decides between running, skipping and failing browser tests."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"browser tests need {CHROMIUM}: {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(f"{message}. CI must run them, so this is a failure, not a skip.")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium_executable: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_executable),
                                              args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served_site(built_site: Site) -> Iterator[ServedSite]:
    yield from serve(built_site.root)


OpenPage = Callable[..., Any]


@pytest.fixture
def open_page(browser: Any, served_site: ServedSite) -> Iterator[OpenPage]:
    """`open_page("refunds/", timezone_id=..., color_scheme=...)` -> a Playwright page on
    the served site. After the test, fails if any page logged a console error (a CSP
    violation is one) or asked for anything outside the local server."""
    opened: list[tuple[Any, PageWatch, bool]] = []

    def _open(path: str = "", *, site: ServedSite | None = None, now: str | None = None,
              expect_errors: bool = False, **context_options: Any) -> Any:
        site = site or served_site
        context = browser.new_context(**context_options)
        context.set_default_timeout(5_000)  # a local page answers at once; fail fast
        watch = PageWatch(origin=urlsplit(site.base_url).netloc)
        opened.append((context, watch, expect_errors))
        # Watching, not intercepting (interception costs a round trip per request); the
        # host-resolver rule in LAUNCH_ARGS already stops anything aimed elsewhere.
        context.on("request", functools.partial(_record_foreign, watch))
        page = context.new_page()
        page.watch = watch
        page.on("console", lambda message: message.type == "error"
                and watch.console_errors.append(message.text))
        page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
        if now:
            page.clock.set_fixed_time(now)
        page.goto(site.url(path))
        return page

    yield _open
    for context, _, _ in opened:
        context.close()
    for _, watch, expect_errors in opened:
        assert not watch.foreign_requests, f"requests left the local server: {watch.foreign_requests}"
        assert expect_errors or not watch.console_errors, f"console errors: {watch.console_errors}"


def _record_foreign(watch: PageWatch, request: Any) -> None:
    if urlsplit(request.url).scheme in ("http", "https", "ws", "wss") \
            and urlsplit(request.url).netloc != watch.origin:
        watch.foreign_requests.append(request.url)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2 A/AA violations on the page as it is now (bundled, offline)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA},
                                       "resultTypes": ["violations"]})
    return results.response["violations"]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['id']}: {v['help']} at " + ", ".join(
        str(node["target"]) for node in v["nodes"][:5]) for v in violations)
