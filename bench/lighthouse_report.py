"""Medians of the Lighthouse runs, as Markdown: one table per page, ours against stock,
and the audits that fail on our pages."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from .lighthouse_run import RunFigures

ROWS: list[tuple[str, Callable[[RunFigures], float], str]] = [
    ("Performance (mobile)", lambda run: run.scores["performance"], "{:.0f}"),
    ("Accessibility", lambda run: run.scores["accessibility"], "{:.0f}"),
    ("Best practices", lambda run: run.scores["best-practices"], "{:.0f}"),
    ("SEO", lambda run: run.scores["seo"], "{:.0f}"),
    ("Requests", lambda run: run.requests, "{:.0f}"),
    ("CLS", lambda run: run.cls, "{:.3f}"),
    ("Total bytes (transferred)", lambda run: run.total_bytes, "{:,.0f}"),
    ("LCP (ms, simulated)", lambda run: run.lcp_ms, "{:,.0f}"),
    ("TBT (ms, simulated)", lambda run: run.tbt_ms, "{:,.0f}"),
]


def medians(runs: list[RunFigures]) -> dict[str, float]:
    return {label: statistics.median(value(run) for run in runs) for label, value, _ in ROWS}


def page_table(page: str, ours: list[RunFigures], stock: list[RunFigures]) -> str:
    mine, theirs = medians(ours), medians(stock)
    lines = [f"### /{page}", "", f"| median of {len(ours)} runs | ours | stock Material |",
             "| --- | ---: | ---: |"]
    for label, _, form in ROWS:
        lines.append(f"| {label} | {form.format(mine[label])} | {form.format(theirs[label])} |")
    spread = [run.scores["performance"] for run in ours], [run.scores["performance"] for run in stock]
    lines.append(f"| Performance, every run | {' '.join(map(str, spread[0]))} | {' '.join(map(str, spread[1]))} |")
    return "\n".join(lines)


def failing_table(runs_by_page: dict[str, list[RunFigures]]) -> str:
    """Each audit that failed in any run of our pages: on which pages, in how many runs."""
    seen: dict[str, dict[str, Any]] = {}
    for page, runs in runs_by_page.items():
        for run in runs:
            for audit in run.failing:
                entry = seen.setdefault(audit.id, {"audit": audit, "pages": {}})
                entry["pages"][page] = entry["pages"].get(page, 0) + 1
    if not seen:
        return "No scored audit failed on our pages."
    lines = ["| audit | weight | pages (runs failing) | what Lighthouse says |", "| --- | ---: | --- | --- |"]
    for audit_id, entry in sorted(seen.items(), key=lambda item: (-item[1]["audit"].weight, item[0])):
        audit = entry["audit"]
        pages = ", ".join(f"/{page} ({count})" for page, count in entry["pages"].items())
        said = audit.title + (f": {audit.display}" if audit.display else "") \
            + (f" (e.g. `{audit.example.replace('|', '/').replace('`', '')}`)" if audit.example else "")
        lines.append(f"| `{audit_id}` | {audit.weight:g} | {pages} | {said} |")
    return "\n".join(lines)
