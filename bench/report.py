"""Turn the runs into figures (medians and ratios, never a single run) and print them as
the Markdown tables bench/README.md carries."""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .measure import Run

TARGET_RATIO = {200: 1.05}  # issue 9: the layer's cost on 200 policy-dense pages
TARGET_CHECK_SECONDS = 1.0
TARGET_MEMORY_RATIO = 1.10


@dataclass
class SizeResult:
    articles: int
    ours: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)
    check: list[Run] = field(default_factory=list)
    site_bytes: dict[str, int] = field(default_factory=dict)
    site_files: dict[str, int] = field(default_factory=dict)
    html_bytes: dict[str, int] = field(default_factory=dict)
    layer: list[dict[str, float]] = field(default_factory=list)
    removed_from_plain: list[str] = field(default_factory=list)
    complete: bool = True

    def figures(self) -> dict[str, Any]:
        ratios = [o.seconds / p.seconds for o, p in zip(self.ours, self.plain, strict=True)]
        memory_ratios = [o.peak_kib / p.peak_kib for o, p in zip(self.ours, self.plain, strict=True)]
        cpu_ratios = [o.cpu_seconds / p.cpu_seconds for o, p in zip(self.ours, self.plain, strict=True)
                      if p.cpu_seconds > 0]
        return {
            "articles": self.articles,
            "pairs": len(ratios),
            "complete": self.complete,
            "ours_median_s": _median(r.seconds for r in self.ours),
            "plain_median_s": _median(r.seconds for r in self.plain),
            "ratio_per_pair": [round(r, 4) for r in ratios],
            "ratio_median": _median(ratios),
            "ratio_min": min(ratios, default=None),
            "ratio_max": max(ratios, default=None),
            "cpu_ratio_median": _median(cpu_ratios),
            "layer_wall_s_median": _median(r["layer_wall_s"] for r in self.layer),
            "layer_cpu_s_median": _median(r["layer_cpu_s"] for r in self.layer),
            # What removing the layer's own time from our build would leave: plain's time.
            "layer_ratio_estimate": _median(r["total_wall_s"] / (r["total_wall_s"] - r["layer_wall_s"])
                                            for r in self.layer),
            "page_compile_wall_s_median": _median(r["page_compile_wall_s"] for r in self.layer),
            # The same, had the pages' Jinja cost nothing to compile (it is the floor: see
            # bench/layer_share.py).
            "layer_ratio_without_compile": _median(
                (r["total_wall_s"] - r["page_compile_wall_s"]) / (r["total_wall_s"] - r["layer_wall_s"])
                for r in self.layer),
            "layer_cpu_ratio_estimate": _median(r["total_cpu_s"] / (r["total_cpu_s"] - r["layer_cpu_s"])
                                                for r in self.layer),
            "ours_peak_mib_median": _median(r.peak_kib / 1024 for r in self.ours),
            "plain_peak_mib_median": _median(r.peak_kib / 1024 for r in self.plain),
            "memory_ratio_median": _median(memory_ratios),
            "check_median_s": _median(r.seconds for r in self.check),
            "check_runs": len(self.check),
            "site_mib": {twin: size / 2**20 for twin, size in self.site_bytes.items()},
            "site_kib_per_page": {twin: size / 1024 / max(self.site_files.get(twin, 1), 1)
                                  for twin, size in self.site_bytes.items()},
            "html_kib_per_page": {twin: size / 1024 / max(self.site_files.get(twin, 1), 1)
                                  for twin, size in self.html_bytes.items()},
            "html_pages": self.site_files,
            "removed_from_plain": self.removed_from_plain,
            "runs": {name: [vars(run) for run in getattr(self, name)]
                     for name in ("ours", "plain", "check")}
            | {"layer": self.layer},
        }


def _median(values: Any) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def machine() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average": os.getloadavg(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {name: version(name) for name in
                     ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Jinja2")},
    }


def _fmt(value: float | None, pattern: str) -> str:
    return "n/a" if value is None else pattern.format(value)


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " ✗")


def table(sizes: list[dict[str, Any]]) -> str:
    lines = [
        "| Articles | Ours (median) | Plain (median) | Ratio ours/plain (median of pairs) "
        "| CPU time ratio | Layer inside our build: time (compiling pages' Jinja), ratio it implies "
        "(without the compile) "
        "| Peak memory ours / plain | `make check` (median) "
        "| Built site (ours) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in sizes:
        target = TARGET_RATIO.get(s["articles"])
        ratio_ok = None if target is None or s["ratio_median"] is None else s["ratio_median"] <= target
        memory_ok = (None if s["memory_ratio_median"] is None
                     else s["memory_ratio_median"] <= TARGET_MEMORY_RATIO)
        check_ok = (None if s["check_median_s"] is None or s["articles"] != 1000
                    else s["check_median_s"] < TARGET_CHECK_SECONDS)
        pairs = f"{s['pairs']} pairs" + ("" if s["complete"] else ", stopped early")
        lines.append(
            f"| {s['articles']:,} "
            f"| {_fmt(s['ours_median_s'], '{:.2f} s')} "
            f"| {_fmt(s['plain_median_s'], '{:.2f} s')} "
            f"| {_fmt(s['ratio_median'], '{:.3f}')}{_verdict(ratio_ok)} "
            f"({_fmt(s['ratio_min'], '{:.2f}')}–{_fmt(s['ratio_max'], '{:.2f}')}, {pairs}) "
            f"| {_fmt(s['cpu_ratio_median'], '{:.3f}')} "
            f"| {_fmt(s['layer_wall_s_median'], '{:.3f} s')} ({_fmt(s['page_compile_wall_s_median'], '{:.3f} s')}), "
            f"×{_fmt(s['layer_ratio_estimate'], '{:.3f}')} (×{_fmt(s['layer_ratio_without_compile'], '{:.3f}')}) "
            f"| {_fmt(s['ours_peak_mib_median'], '{:.1f}')} / "
            f"{_fmt(s['plain_peak_mib_median'], '{:.1f}')} MiB "
            f"(×{_fmt(s['memory_ratio_median'], '{:.3f}')}){_verdict(memory_ok)} "
            f"| {_fmt(s['check_median_s'], '{:.3f} s')}{_verdict(check_ok)} "
            f"| {s['site_mib'].get('ours', 0):.1f} MiB, "
            f"{s['html_kib_per_page'].get('ours', 0):.1f} KiB of HTML a page |"
        )
    return "\n".join(lines)


def weight_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| Page type | Page | HTML ours / stock | Our CSS | Our JS | Added per page | Our files |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        files = ", ".join(f"`{name}`" for name in r["our_files"]) or "none"
        lines.append(
            f"| {r['page_type']} | `{r['page']}` | {r['html_bytes']:,} / {r['stock_html_bytes']:,} B "
            f"| {r['our_css_bytes']:,} B | {r['our_js_bytes']:,} B | {r['added_bytes']:,} B "
            f"| {files} |")
    return "\n".join(lines)
