"""One Lighthouse run of one page: Lighthouse (npm, pinned in package.json, installed by
`npm ci`) driving Debian's Chromium, mobile form factor (its default), with every request
to another host refused at once, so nothing waits on a network this machine lacks."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = " ".join([
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    # No updates, sync, field trials or first-run pings: the run stays on this machine.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--no-first-run", "--no-default-browser-check",
    # Any other host fails at once instead of waiting on DNS.
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
])
SCORED_MODES = frozenset({"binary", "numeric", "metricSavings"})


class LighthouseFailed(RuntimeError):
    """A prerequisite is missing, or Lighthouse failed or ran past its timeout."""


@dataclass(frozen=True)
class Failing:
    id: str
    title: str
    display: str
    weight: float  # its weight in its category's score (0: listed, not scored)
    example: str   # the first thing it names (an element, a URL, a console message)


@dataclass(frozen=True)
class RunFigures:
    scores: dict[str, int]  # category -> 0..100
    requests: int
    cls: float
    total_bytes: int
    lcp_ms: float
    tbt_ms: float
    seconds: float
    failing: list[Failing]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_prerequisites() -> None:
    node = shutil.which("node")
    if node is None:
        raise LighthouseFailed("node is not installed (Node 20 is needed for Lighthouse 12)")
    if not LIGHTHOUSE.is_file():
        raise LighthouseFailed(f"Lighthouse is not installed in {REPO / 'node_modules'}: run `npm ci`")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        raise LighthouseFailed(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`")


def run_lighthouse(url: str, timeout_s: float) -> RunFigures:
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}",
                   f"--chrome-flags={CHROME_FLAGS}", "--quiet", "--no-enable-error-reporting",
                   "--max-wait-for-load=30000", "--disable-full-page-screenshot"]
        # TMPDIR: Chrome's profile goes in the folder that is removed afterwards.
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "TMPDIR": folder}
        # A session of its own, so a timeout also ends the Chromium that Lighthouse started.
        process = subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            output, _ = process.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise LighthouseFailed(f"Lighthouse on {url}: killed after {timeout_s:.0f} s") from None
        if process.returncode != 0 or not report.is_file():
            raise LighthouseFailed(f"Lighthouse on {url}: exit code {process.returncode}\n"
                                   f"{output.decode('utf-8', 'replace')[-3000:]}")
        return figures(json.loads(report.read_text(encoding="utf-8")))


def network_requests(items: list[dict[str, Any]]) -> int:
    """Requests that go to a server. Lighthouse also lists each `data:` URL an image or
    a style sheet holds (Material's icons, Chromium's own date-picker icon): they are
    decoded in place, with no request and no byte transferred."""
    return sum(1 for item in items if not str(item.get("url", "")).startswith("data:"))


def figures(lhr: dict[str, Any]) -> RunFigures:
    """What the comparison reads from one Lighthouse result."""
    if lhr.get("runtimeError"):
        raise LighthouseFailed(f"Lighthouse: {lhr['runtimeError']}")
    audits = lhr["audits"]
    scores = {}
    for name in CATEGORIES:
        score = lhr["categories"][name]["score"]
        if score is None:  # e.g. a page that never painted: no score is not a zero
            raise LighthouseFailed(f"Lighthouse gave {lhr['finalDisplayedUrl']} no {name} score")
        scores[name] = round(score * 100)
    return RunFigures(
        scores=scores,
        requests=network_requests(audits["network-requests"]["details"]["items"]),
        cls=float(audits["cumulative-layout-shift"]["numericValue"]),
        total_bytes=int(audits["total-byte-weight"]["numericValue"]),
        lcp_ms=float(audits["largest-contentful-paint"]["numericValue"]),
        tbt_ms=float(audits["total-blocking-time"]["numericValue"]),
        seconds=float(lhr["timing"]["total"]) / 1000,
        failing=_failing(lhr),
    )


def _failing(lhr: dict[str, Any]) -> list[Failing]:
    """Scored audits below full marks; the metrics (FCP, LCP, ..., and the hidden TTI)
    are left out: the performance score already is them."""
    weights: dict[str, float] = {}
    for name in CATEGORIES:
        for ref in lhr["categories"][name]["auditRefs"]:
            if ref.get("group") not in ("metrics", "hidden"):  # hidden: TTI, max FID
                weights[ref["id"]] = max(weights.get(ref["id"], 0.0), float(ref["weight"]))
    found = []
    for audit_id in weights:
        audit = lhr["audits"][audit_id]
        if audit.get("scoreDisplayMode") in SCORED_MODES and audit.get("score") is not None \
                and audit["score"] < 1:
            found.append(Failing(audit_id, audit["title"], audit.get("displayValue") or "",
                                 weights[audit_id], _example(audit)))
    return found


def _example(audit: dict[str, Any]) -> str:
    items = (audit.get("details") or {}).get("items") or []
    if not items or not isinstance(items[0], dict):
        return ""
    first: dict[str, Any] = items[0]
    node: dict[str, Any] = first["node"] if isinstance(first.get("node"), dict) else {}
    text = first.get("description") or node.get("snippet") or first.get("url") or first.get("source") or ""
    return " ".join(str(text).split())[:160]
