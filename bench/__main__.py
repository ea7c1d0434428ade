"""`python -m bench` (what `make bench` runs): what the policy layer costs a help center.

For each size it writes twin help centers (`bench.twins`), builds each once to warm up
(and to prove both build), then builds them alternately, ours and plain, `--runs` times
each, swapping which goes first in every other pair so drift on a shared CPU falls on
both. It times the policy layer from inside a few more builds of our twin (`bench.layer_share`:
immune to the rest of a shared machine), times `python -m macros check` (what
`make check` runs) in our twin, measures the built sites, and, on the smallest size,
the page weight per page type. It prints Markdown tables and writes everything, every
single run included, to `bench/out/results.json`.

Every build has a timeout, and the whole run a budget: past the budget, the remaining
pairs are skipped and the size is marked as stopped early.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .measure import Run, RunFailed, measure
from .page_weight import page_weights
from .report import SizeResult, machine, table, weight_table
from .twins import Twins, write_twins

REPO = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT_S = 240.0
CHECK_TIMEOUT_S = 30.0
LAYER_RUNS = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000],
                        help="help-center sizes, in articles (default: 10 100 1000)")
    parser.add_argument("--runs", type=int, default=5,
                        help="timed builds of each twin per size, after one warm-up (default: 5)")
    parser.add_argument("--budget", type=float, default=360.0,
                        help="seconds after which no new pair is started (default: 360)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    args = parser.parse_args(argv)
    if args.runs < 1 or any(size < 1 for size in args.sizes):
        parser.error("--runs and --sizes must be at least 1")

    deadline = time.monotonic() + args.budget
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    results: dict[str, object] = {"machine_at_start": machine(), "runs_per_twin": args.runs}
    sizes, weights = [], []
    try:
        for articles in sorted(args.sizes):
            first = articles == min(args.sizes)
            twins = write_twins(REPO, args.out / "sites" / str(articles), articles, with_stock=first)
            print(f"{twins.articles} articles: warming up", file=sys.stderr, flush=True)
            size = bench_size(twins, args.runs, deadline, env)
            sizes.append(size.figures())
            if twins.stock is not None:
                _build(twins.stock, env)
                weights = [row.as_dict() for row in page_weights(
                    twins.ours / "site", twins.stock / "site", twins.page_types)]
    except RunFailed as failure:
        print(f"A build failed, so the benchmark stopped:\n{failure}", file=sys.stderr)
        return 1
    results.update(machine_at_end=machine(), sizes=sizes, page_weight=weights)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(sizes))
    print()
    print(weight_table(weights))
    print(f"\nEvery run: {args.out / 'results.json'}")
    return 0


def bench_size(twins: Twins, runs: int, deadline: float, env: dict[str, str]) -> SizeResult:
    result = SizeResult(twins.articles, removed_from_plain=twins.removed_from_plain)
    _build(twins.ours, env)
    _build(twins.plain, env)
    for pair in range(runs):
        if time.monotonic() > deadline:
            result.complete = False
            break
        order = ("ours", "plain") if pair % 2 == 0 else ("plain", "ours")
        for twin in order:
            getattr(result, twin).append(_build(getattr(twins, twin), env))
    result.layer = [_layer_share(twins.ours, env) for _ in range(min(runs, LAYER_RUNS))]
    check = [sys.executable, "-m", "macros", "check"]
    measure(check, twins.ours, CHECK_TIMEOUT_S, env)  # warm-up
    result.check = [measure(check, twins.ours, CHECK_TIMEOUT_S, env) for _ in range(runs)]
    for twin in ("ours", "plain"):
        site = getattr(twins, twin) / "site"
        files = [path for path in site.rglob("*") if path.is_file()]
        result.site_bytes[twin] = sum(path.stat().st_size for path in files)
        pages = [path for path in files if path.suffix == ".html"]
        result.site_files[twin] = len(pages)
        result.html_bytes[twin] = sum(path.stat().st_size for path in pages)
    return result


def _layer_share(project: Path, env: dict[str, str]) -> dict[str, float]:
    """One build of our twin that times the policy layer from inside (bench.layer_share)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    with tempfile.NamedTemporaryFile("r", suffix=".json") as report:
        run = measure([sys.executable, "-m", "bench.layer_share", report.name], project,
                      BUILD_TIMEOUT_S, {**env, "PYTHONPATH": str(REPO)})
        figures = json.loads(report.read())
    return {**figures, "total_wall_s": run.seconds, "total_cpu_s": run.cpu_seconds}


def _build(project: Path, env: dict[str, str]) -> Run:
    """A clean, strict build, as `make build` does it, into `project/site`."""
    shutil.rmtree(project / "site", ignore_errors=True)
    return measure([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet",
                    "--site-dir", "site"], project, BUILD_TIMEOUT_S, env)


if __name__ == "__main__":
    sys.exit(main())
