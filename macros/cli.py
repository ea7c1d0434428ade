"""`python -m macros`: the help center's command line.

    python -m macros check [--policy FILE]    validate policy.yml without building, and
                                              check changed values are recorded in history
    python -m macros build [--site-dir DIR]   strict build, swapped into place on success
    python -m macros diff [--base REF] [--format text|markdown]
                                              every sentence readers will read differently

Exit codes: 0 success, 1 the policy or site has problems, 2 usage errors or unreadable
input.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import impact, impact_report
from .change_record import check_change_record
from .errors import PolicyError
from .policy import read_policy
from .site_build import build_site

PROJECT_DIR = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate policy.yml fast, without a build")
    check.add_argument("--policy", type=Path, default=PROJECT_DIR / "policy.yml",
                       help="the policy file to check (default: policy.yml)")
    check.set_defaults(run=run_check)

    build = commands.add_parser("build", help="strict build; an existing site is kept on failure")
    build.add_argument("--site-dir", type=Path, default=PROJECT_DIR / "site")
    build.set_defaults(run=run_build)

    diff = commands.add_parser("diff", help="every sentence readers will read differently, page by page")
    diff.add_argument("--base", help="git revision to compare with (default: the merge base "
                                     "with main, or HEAD when on main)")
    diff.add_argument("--format", choices=["text", "markdown"], default="text",
                      help="text for the terminal (default), markdown for a review")
    diff.set_defaults(run=run_diff)

    args = parser.parse_args(argv)
    return args.run(args)


def run_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        source = read_policy(args.policy)
    except PolicyError as error:
        print(error, file=sys.stderr)
        return 1
    record = check_change_record(source, args.policy)
    if record.problems:
        print(PolicyError(record.problems), file=sys.stderr)
        print(f"\n{record.suggestion}", file=sys.stderr)
        return 1
    elapsed_ms = (time.perf_counter() - started) * 1000
    print(f"{args.policy.name} is valid ({elapsed_ms:.0f} ms).")
    print(record.note)
    return 0


def run_build(args: argparse.Namespace) -> int:
    return build_site(PROJECT_DIR, args.site_dir)


def run_diff(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        if args.base:
            base = impact.resolve(PROJECT_DIR, args.base)
        else:
            base = impact.default_base(PROJECT_DIR)
        impacts = impact.site_impact(PROJECT_DIR, base)
    except impact.ImpactError as error:
        print(error, file=sys.stderr)
        return 2
    if args.format == "markdown":
        print(impact_report.markdown_report(impacts, base.label), end="")
    else:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        print(impact_report.text_report(impacts, base.label, color))
    elapsed = time.perf_counter() - started
    print(f"Built and compared both sites in {elapsed:.1f} s.", file=sys.stderr)
    return 0
