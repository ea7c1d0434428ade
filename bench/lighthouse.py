"""`python -m bench.lighthouse`: Lighthouse on every page of our help center and of stock
Material with the same pages, both served by nginx with the production configuration.

Both sites are built for the address they are served at, with their .gz files
(`bench.lighthouse_sites`). Stock Material is served without our Content-Security-Policy
header (everything else as ours): its templates carry inline scripts that the policy
refuses, after which its bundle stops (`__md_get is not defined`), search is dead and
the page does less work than a working one, a baseline too easy to beat.
`--stock-with-csp` measures it that way all the same. Each page is audited `--runs` times on each site (mobile, as
Lighthouse's default), ours and stock back to back, swapping which goes first on every
other page and run, so a busy machine weighs on both alike: on 2 cores mobile
performance moves by several points between runs, so compare within one run only. It
prints one Markdown table per page (medians) and the audits failing on our pages, and
writes every run to bench/out/lighthouse.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from deploy.render import read_site_settings
from deploy.server import NginxError, find_nginx, free_port, running_nginx

from .lighthouse_report import failing_table, medians, page_table
from .lighthouse_run import LIGHTHOUSE, LighthouseFailed, RunFigures, check_prerequisites, run_lighthouse
from .lighthouse_sites import build_site, write_sites
from .measure import RunFailed
from .report import machine

REPO = Path(__file__).resolve().parent.parent
TWINS = ("ours", "stock")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and site (default: 3)")
    parser.add_argument("--pages", nargs="+", metavar="PATH",
                        help="only these URL paths, e.g. refunds/ (default: every page of the nav)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds before one run is killed")
    parser.add_argument("--stock-with-csp", action="store_true",
                        help="serve stock Material with our Content-Security-Policy too: its "
                             "inline scripts are then refused and its bundle stops with an error")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        check_prerequisites()
        find_nginx()
        return _compare(args)
    except (LighthouseFailed, NginxError, RunFailed) as failure:
        print(f"bench.lighthouse: {failure}", file=sys.stderr)
        return 1


def _compare(args: argparse.Namespace) -> int:
    started = time.monotonic()
    sites = write_sites(REPO, args.out / "lighthouse-sites")
    pages = args.pages if args.pages is not None else sites.pages
    runs: dict[str, dict[str, list[RunFigures]]] = {page: {twin: [] for twin in TWINS} for page in pages}
    with ExitStack() as stack:
        urls: dict[str, str] = {}
        for twin in TWINS:
            port = _unused_port(exclude=[int(url.rsplit(":", 1)[1].strip("/")) for url in urls.values()])
            project = getattr(sites, twin)
            site = build_site(project, f"http://127.0.0.1:{port}/")
            csp = twin == "ours" or args.stock_with_csp
            urls[twin] = stack.enter_context(
                running_nginx(site, read_site_settings(project), port=port, csp=csp))
        built = time.monotonic()
        for run in range(args.runs):
            for number, page in enumerate(pages):
                order = TWINS if (run + number) % 2 == 0 else TWINS[::-1]
                for twin in order:
                    figures = run_lighthouse(urls[twin] + page, args.timeout)
                    runs[page][twin].append(figures)
                    print(f"run {run + 1}/{args.runs} /{page} {twin}: performance "
                          f"{figures.scores['performance']} ({figures.seconds:.1f} s)",
                          file=sys.stderr, flush=True)
    audited = time.monotonic()
    timing = {"build_and_start_s": round(built - started, 1), "lighthouse_s": round(audited - built, 1),
              "lighthouse_runs": args.runs * len(pages) * len(TWINS)}
    _write_json(args.out / "lighthouse.json", runs, timing, stock_csp=args.stock_with_csp)
    for page in pages:
        print(page_table(page, runs[page]["ours"], runs[page]["stock"]) + "\n")
    print(f"Stock Material served {'with' if args.stock_with_csp else 'without'} our "
          "Content-Security-Policy header; every other header as ours.\n")
    print("### Audits failing on our pages\n")
    print(failing_table({page: runs[page]["ours"] for page in pages}))
    print(f"\n{timing['lighthouse_runs']} Lighthouse runs in {timing['lighthouse_s']:.0f} s "
          f"(+{timing['build_and_start_s']:.0f} s to write, build and serve both sites). "
          f"Every run: {args.out / 'lighthouse.json'}")
    return 0


def _unused_port(exclude: list[int]) -> int:
    """A free loopback port; the OS may hand out a port it just handed out, so not those."""
    while (port := free_port()) in exclude:
        pass
    return port


def _write_json(path: Path, runs: dict[str, dict[str, list[RunFigures]]], timing: dict[str, float],
                stock_csp: bool) -> None:
    lighthouse = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]
    pages = {page: {twin: {"median": medians(figures), "runs": [run.as_dict() for run in figures]}
                    for twin, figures in by_twin.items()}
             for page, by_twin in runs.items()}
    data = {"machine": machine(), "lighthouse": lighthouse, "form_factor": "mobile",
            "served_by": "nginx, deploy/nginx/ production configuration",
            "stock_served_with_csp": stock_csp, "timing": timing,
            "pages": pages}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
