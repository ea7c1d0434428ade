"""`make serve` previews the site and rebuilds it when legal saves policy.yml."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import align_app_config, replace_in


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, deadline: float) -> str:
    """Poll `url` until its body contains `text` or the deadline passes."""
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.2)  # polling interval, not a timing assumption: the deadline bounds it
    raise AssertionError(f"{url} did not show {text!r} in time; last body had {len(body)} chars")


def test_preview_rebuilds_when_policy_yml_changes(project: Path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/refunds/"
        _wait_for(url, "within 30 days of paying", time.monotonic() + 60)
        replace_in(project / "policy.yml", "window_days: 30", "window_days: 45")
        align_app_config(project)
        _wait_for(url, "within 45 days of paying", time.monotonic() + 60)
    finally:
        server.terminate()
        server.wait(timeout=10)
