"""Tools for the guardrail tests: run `python -m macros check` in a project copy, edit
the app's settings, serve files on 127.0.0.1, and the five faults the issue lists, each
with the edit that fixes it."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from helpers import CliResult, replace_in, run_cli


def run_check(project: Path, *args: str) -> CliResult:
    """`python -m macros check` as a writer runs it, in the project copy `project`."""
    return run_cli(project, "check", *args)


def line_of(path: Path, text: str) -> int:
    """The line of `path` on which `text` (planted by a test) stands."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def set_app_setting(project: Path, dotted: str, value: object) -> None:
    """Change one setting in the project's app/config.json, keeping its layout."""
    path = project / "app" / "config.json"
    settings = json.loads(path.read_text(encoding="utf-8"))
    node = settings
    *parents, last = dotted.split(".")
    for part in parents:
        node = node[part]
    assert last in node, f"{dotted} is not in app/config.json"
    node[last] = value
    path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve with `handler` on a free port of 127.0.0.1; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def responses(routes: dict[str, tuple[int, str, bytes]]) -> type[BaseHTTPRequestHandler]:
    """A handler answering each path in `routes` with (status, content type, body)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            status, content_type, body = routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    with serve(partial(Quiet, directory=str(root))) as url:  # type: ignore[arg-type]
        yield url


# --- The five faults of issue 3, point 6 ------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """A change that must be caught, the words the message must contain, and a fix."""

    name: str
    make: Callable[[Path], None]
    message: tuple[str, ...]
    fix: Callable[[Path], None]

    def __str__(self) -> str:
        return self.name


def _app_only(project: Path) -> None:
    set_app_setting(project, "billing.refund_window_days", 14)


def _policy_only(project: Path) -> None:
    replace_in(project / "policy.yml", "window_days: 30", "window_days: 14")


def _planted_literal(project: Path) -> None:
    replace_in(
        project / "docs" / "refunds.md",
        "Yes, if you ask within",
        "Yes: you have 30 days. Ask within",
    )


def _renamed_heading(project: Path) -> None:
    replace_in(
        project / "docs" / "refunds.md",
        "## Can I get my money back? { #can-i-get-my-money-back }",
        "## Can I get a refund? { #can-i-get-a-refund }",
    )


def _deleted_page(project: Path) -> None:
    (project / "docs" / "privacy.md").unlink()
    replace_in(project / "mkdocs.yml", "  - Privacy: privacy.md\n", "")
    # The writer also points every link to the deleted page elsewhere (a strict build
    # would refuse the broken links anyway): what remains broken is support's links.
    for page in (project / "docs").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(?<![\w-])privacy\.md(#[\w-]+)?", "support.md", text), encoding="utf-8")


def _restore_privacy_elsewhere(project: Path) -> None:
    """The fix for a deleted page: the content lives on under a new name and a
    redirect takes the old URL (and its anchors) there."""
    from helpers import REPO

    (project / "docs" / "data-privacy.md").write_text(
        (REPO / "docs" / "privacy.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    replace_in(
        project / "mkdocs.yml",
        "  - Contact support: support.md\n",
        "  - Contact support: support.md\n  - Privacy: data-privacy.md\n",
    )
    replace_in(
        project / "mkdocs.yml",
        "      redirect_maps:\n",
        "      redirect_maps:\n        privacy.md: data-privacy.md\n",
    )
    replace_in(
        project / "mkdocs.yml", "go/privacy.md: privacy.md#", "go/privacy.md: data-privacy.md#"
    )


FAULTS = [
    Fault(
        "app-setting-changed-only",
        _app_only,
        (
            "policy.yml:",
            "refunds.window_days: found 30 here",
            "billing.refund_window_days is 14",
            "app/config.json:",
        ),
        lambda project: set_app_setting(project, "billing.refund_window_days", 30),
    ),
    Fault(
        "policy-value-changed-only",
        _policy_only,
        (
            "policy.yml:",
            "refunds.window_days: found 14 here",
            "billing.refund_window_days is 30",
            "app/config.json:",
        ),
        lambda project: set_app_setting(project, "billing.refund_window_days", 14),
    ),
    Fault(
        "literal-planted-in-a-page",
        _planted_literal,
        (
            "docs/refunds.md:",
            '"30 days"',
            "refunds.window_days",
            "{{ days(policy.refunds.window_days) }}",
        ),
        lambda project: replace_in(
            project / "docs" / "refunds.md",
            "you have 30 days.",
            "you have {{ days(policy.refunds.window_days) }}.",
        ),
    ),
    Fault(
        "published-heading-renamed",
        _renamed_heading,
        (
            "links/published.yml:",
            "/refunds/#can-i-get-my-money-back",
            "docs/refunds.md",
            "lose its anchor",
        ),
        lambda project: replace_in(
            project / "docs" / "refunds.md",
            "{ #can-i-get-a-refund }",
            "{ #can-i-get-my-money-back }",
        ),
    ),
    Fault(
        "published-page-deleted",
        _deleted_page,
        ("links/published.yml:", "/privacy/#what-we-collect", "would 404", "docs/privacy.md"),
        _restore_privacy_elsewhere,
    ),
]
