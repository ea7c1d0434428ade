"""`make serve` (`python -m macros serve`) previews the site, rebuilds it on every save,
and never hangs: a save that a check refuses shows, at once, a page listing what
`make check` reports; the next save shows the fixed site."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup

from helpers import align_app_config, replace_in


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Preview:
    """A running preview server and the lines it logs, read as they come."""

    def __init__(self, process: subprocess.Popen[str], port: int):
        self.process, self.port = process, port
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for_log(self, words: str, seconds: float = 90) -> None:
        """Block until the server logs `words` (a rebuild finished, say)."""
        deadline = time.monotonic() + seconds
        seen = []
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            seen.append(line)
            if words in line:
                return
        raise AssertionError(f"the server never logged {words!r}; it logged:\n{''.join(seen[-20:])}")

    def page(self, path: str) -> tuple[str, float]:
        """The page's body and how long it took to answer (one request: no retry)."""
        started = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as answer:
            return answer.read().decode("utf-8"), time.monotonic() - started


@contextmanager
def preview(project: Path) -> Iterator[Preview]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "macros", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        server = Preview(process, port)
        server.wait_for_log("Serving on")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_preview_rebuilds_when_policy_yml_changes(project: Path) -> None:
    with preview(project) as server:
        assert "within 30 days of paying" in server.page("refunds/")[0]
        replace_in(project / "policy.yml", "window_days: 30", "window_days: 45")
        align_app_config(project)
        server.wait_for_log("Reloading browsers")
        assert "within 45 days of paying" in server.page("refunds/")[0]


def test_a_refused_save_shows_the_findings_at_once_then_the_fixed_site(project: Path) -> None:
    with preview(project) as server:
        replace_in(project / "policy.yml", "window_days: 30", "window_days: thirty")
        server.wait_for_log("Reloading browsers")
        body, seconds = server.page("refunds/")
        assert seconds < 1, "the preview must answer, not wait for a fix"
        shown = BeautifulSoup(body, "lxml").select_one("article").get_text()
        assert "The preview is waiting for a fix" in shown
        assert 'refunds.window_days: found the text "thirty"; allowed: a whole number from 1 to 365' in shown
        replace_in(project / "policy.yml", "window_days: thirty", "window_days: 30")
        server.wait_for_log("Reloading browsers")
        assert "within 30 days of paying" in server.page("refunds/")[0]
