"""`check --app-config URL` against servers that misbehave (tests/hostile/app_servers.yml),
played on 127.0.0.1: `--timeout` bounds the whole exchange (a byte every two seconds in
the headers or the body cannot hold it), answers over a megabyte are refused, redirects
stay on the same host, and a password in the URL is never printed. Each ends with a
message and exit 2, or reads the settings."""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from guardrail_faults import serve
from helpcenter.diagnostics import Refused
from helpcenter.guardrails.app_settings import read_app_settings
from helpcenter.project import Project
from helpers import REPO, copy_project, run_cli
from hostile import assert_no_traceback, entries, ids

CASES = entries("app_servers")
SETTINGS = (REPO / "app" / "config.json").read_bytes()
STOP = threading.Event()  # set when a test ends: dripping servers stop at once


class Misbehaving(BaseHTTPRequestHandler):
    behaviour = ""
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        getattr(self, self.behaviour.replace("-", "_"))()

    def drip_body(self) -> None:
        self._head(200, "application/json", {"Content-Length": "1000"})
        self._drip(b"{" + b" " * 998 + b"}")

    def drip_headers(self) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self._drip(b"X-Slow: " + b"a" * 100 + b"\r\n")

    def endless_body(self) -> None:
        self._head(200, "application/json", {"Connection": "close"})
        self.wfile.write(b'{"padding": "')
        for _ in range(5 * 1024):
            if not self._write(b"x" * 1024):
                return

    def huge_length(self) -> None:
        self._head(200, "application/json", {"Content-Length": str(5 * 1024 ** 3)})
        self._write(b"{")

    def redirect_elsewhere(self) -> None:
        port = self.server.server_address[1]
        self._head(302, "text/plain", {"Location": f"http://localhost:{port}/config.json", "Content-Length": "0"})

    def redirect_loop(self) -> None:
        self._head(302, "text/plain", {"Location": self.path, "Content-Length": "0"})

    def not_found(self) -> None:
        self._answer(404, "text/plain", b"no such settings")

    def login_page(self) -> None:
        self._answer(200, "text/html", b"<!doctype html><title>Sign in</title><form></form>")

    def deep_json(self) -> None:
        self._answer(200, "application/json", b'{"a": ' + b"[" * 1000 + b"]" * 1000 + b"}")

    def settings_with_bom(self) -> None:
        self._answer(200, "application/json; charset=utf-8", b"\xef\xbb\xbf" + SETTINGS)

    def settings_with_password(self) -> None:
        expected = "Basic " + base64.b64encode(b"user:s3cret").decode()
        if self.headers.get("Authorization") != expected:
            self._answer(401, "text/plain", b"who are you?")
        else:
            self._answer(200, "application/json", SETTINGS)

    def _head(self, status: int, content_type: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _answer(self, status: int, content_type: str, body: bytes) -> None:
        self._head(status, content_type, {"Content-Length": str(len(body))})
        self._write(body)

    def _drip(self, data: bytes) -> None:
        for byte in data:
            if not self._write(bytes([byte])) or STOP.wait(2):
                return

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            return False
        return True

    def log_message(self, *args: object) -> None:
        pass


def _url(base: str, case: dict[str, Any]) -> str:
    if "password" in case:
        base = base.replace("http://", f"http://user:{case['password']}@")
    return f"{base}/config.json"


@pytest.fixture
def server_for() -> Any:
    STOP.clear()
    opened = []

    def start(case: dict[str, Any]) -> str:
        handler = type("Handler", (Misbehaving,), {"behaviour": case["behaviour"]})
        context = serve(handler)
        opened.append(context)
        return context.__enter__()

    yield start
    STOP.set()
    for context in opened:
        context.__exit__(None, None, None)


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_the_fetch_ends_within_the_timeout_with_a_message(case: dict[str, Any], server_for: Any,
                                                          tmp_path: Path) -> None:
    url = _url(server_for(case), case)
    timeout = float(case.get("timeout", 5))
    started = time.monotonic()
    try:
        document = read_app_settings(url, Project(tmp_path), timeout)
    except Refused as refused:
        elapsed = time.monotonic() - started
        assert case.get("exit", 2) == 2, refused
        message = str(refused)
        assert case["says"] in message, message
        assert "s3cret" not in message
    else:
        elapsed = time.monotonic() - started
        assert case.get("exit") == 0
        assert document.data == json.loads(SETTINGS)
    assert elapsed < timeout + 2, f"the exchange took {elapsed:.1f} s with --timeout {timeout:g}"


@pytest.mark.parametrize("case", [c for c in CASES if c.get("exit", 2) == 2 or "password" in c],
                         ids=ids([c for c in CASES if c.get("exit", 2) == 2 or "password" in c]))
def test_check_prints_the_message_and_exits_2(case: dict[str, Any], server_for: Any, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    url = _url(server_for(case), case)
    result = run_cli(project, "check", "--app-config", url, "--timeout", str(case.get("timeout", 5)), timeout=120)
    assert_no_traceback(result)
    assert "s3cret" not in result.output
    if case.get("exit") == 0:
        assert result.returncode == 0, result.output
        return
    assert result.returncode == 2, result.output
    assert case["says"] in result.output and "[app-settings-unreadable]" in result.output, result.output
