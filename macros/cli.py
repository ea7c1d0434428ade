"""`python -m macros`: the help center's command line.

    python -m macros check [--policy FILE] [--app-config PATH_OR_URL]
                                              validate policy.yml, check changed values are
                                              recorded in its history, compare it with the
                                              app's settings, lint pages for typed-in policy
                                              values, check published links; no build
    python -m macros build [--site-dir DIR]   strict build, swapped into place on success
    python -m macros diff [--base REF] [--format text|markdown]
                                              every sentence readers will read differently

Exit codes: 0 success, 1 the policy or site has problems, 2 usage errors or unreadable
input (including app settings that cannot be fetched or parsed).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import yaml

from . import impact, impact_report
from .app_config import DEFAULT_TIMEOUT_SECONDS
from .change_record import check_change_record
from .errors import PolicyError
from .findings import report
from .guardrails import DEFAULT_APP_CONFIG, run_guardrails
from .policy import read_policy
from .site_build import build_site
from .site_config import read_site_config

PROJECT_DIR = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="every guardrail, fast, without a build")
    check.add_argument("--policy", type=Path, default=PROJECT_DIR / "policy.yml",
                       help="the policy file to check (default: policy.yml)")
    check.add_argument("--app-config", default=DEFAULT_APP_CONFIG, metavar="PATH_OR_URL",
                       help="the app's settings: a JSON file or an http(s) URL "
                            f"(default: {DEFAULT_APP_CONFIG})")
    check.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_SECONDS, metavar="SECONDS",
                       help="how long to wait for an --app-config URL "
                            f"(default: {DEFAULT_TIMEOUT_SECONDS:g})")
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
        print("The app-settings, typed-value and link checks need a valid policy; "
              "fix the problems above first.", file=sys.stderr)
        return 1
    try:
        site = read_site_config(PROJECT_DIR / "mkdocs.yml")
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        print(f"mkdocs.yml cannot be read: {error}", file=sys.stderr)
        return 2
    record = check_change_record(source, args.policy)
    result = run_guardrails(source.policy, site, args.policy, args.app_config, args.timeout)
    elapsed_ms = (time.perf_counter() - started) * 1000
    print(f"{args.policy.name} is valid.")
    print(record.note)
    for line in result.passed:
        print(line)
    if record.problems:
        print(PolicyError(record.problems), file=sys.stderr)
        print(f"\n{record.suggestion}", file=sys.stderr)
    for reason in result.unreadable:
        print(f"Cannot compare the app's settings with {args.policy.name}: {reason}",
              file=sys.stderr)
    if result.findings:
        print(report(result.findings), file=sys.stderr)
    if record.problems or result.findings or result.unreadable:
        print(f"Checked in {elapsed_ms:.0f} ms.", file=sys.stderr)
        return 2 if result.unreadable else 1
    print(f"All checks passed in {elapsed_ms:.0f} ms.")
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
