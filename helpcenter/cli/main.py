"""`python -m macros`: the help center's command line.

    python -m macros check [--policy FILE] [--app-config PATH_OR_URL] [--timeout S]
        validate policy.yml and its history, compare it with the app's settings, render
        every page as the build does and check typed-in values, heading ids and
        published links; no build
    python -m macros build [--site-dir DIR]
        strict build, swapped into place only when it succeeded
    python -m macros diff [--base REF] [--format text|markdown]
        every sentence readers will read differently
    python -m macros serve [--dev-addr HOST:PORT]
        a preview that rebuilds on every save

Exit codes: 0 success, 1 the policy or site has problems, 2 usage errors or input that
cannot be read (including app settings that cannot be fetched or parsed).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..diagnostics import Diagnostic, Refused, exit_status, report
from ..guardrails.app_settings import DEFAULT_TIMEOUT_SECONDS, parse_timeout
from ..guardrails.runner import check_pages, check_sources
from ..policy.change_record import check_change_record
from ..policy.loading import read_policy
from ..project import Project
from ..publishing.site_swap import build_into_place
from ..site import BuildOptions, SiteGenerator


def main(argv: list[str] | None, generator: SiteGenerator, project_root: Path) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args, generator, project_root)
    except Refused as refused:
        print(report(refused.diagnostics), file=sys.stderr)
        return exit_status(refused.diagnostics)
    except KeyboardInterrupt:
        return 130
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m macros", description=(__doc__ or "").split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="every guardrail, fast, without a build")
    check.add_argument("--policy", type=_local_path, help="another policy file to check (default: policy.yml)")
    check.add_argument("--app-config", metavar="PATH_OR_URL",
                       help="the app's settings: a JSON file or an http(s) URL (default: app/config.json)")
    check.add_argument("--timeout", type=_timeout, default=DEFAULT_TIMEOUT_SECONDS, metavar="SECONDS",
                       help=f"the most an --app-config URL may take, in all (default: {DEFAULT_TIMEOUT_SECONDS:g})")
    check.set_defaults(run=run_check)

    build = commands.add_parser("build", help="strict build; the previous site stays until it succeeds")
    build.add_argument("--site-dir", type=Path, help="where to publish the site (default: site/)")
    build.set_defaults(run=run_build)

    diff = commands.add_parser("diff", help="every sentence readers will read differently, page by page")
    diff.add_argument("--base", type=_revision, help="git revision to compare with (default: the merge base "
                                                     "with main, or HEAD when on main)")
    diff.add_argument("--format", choices=["text", "markdown"], default="text",
                      help="text for the terminal (default), markdown for a review")
    diff.set_defaults(run=run_diff)

    serve = commands.add_parser("serve", help="a preview that rebuilds on every save")
    serve.add_argument("--dev-addr", type=_address, default="127.0.0.1:8000", metavar="HOST:PORT")
    serve.set_defaults(run=run_serve)
    return parser


def _timeout(text: str) -> float:
    try:
        return parse_timeout(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _local_path(text: str) -> Path:
    # From the folder the command runs in, as --app-config and every shell command take it.
    return Path(os.path.abspath(text))


def _revision(text: str) -> str:
    # Handed to git as an argument: one that starts with - would be read as an option.
    if not text or text.startswith("-") or any(c.isspace() or ord(c) < 32 for c in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a git revision (a branch, tag or commit)")
    return text


def _address(text: str) -> str:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) <= 65535 or any(c.isspace() for c in host):
        raise argparse.ArgumentTypeError(f"{text!r}: give HOST:PORT, such as 127.0.0.1:8000")
    return text


def run_check(args: argparse.Namespace, generator: SiteGenerator, root: Path) -> int:
    started = time.perf_counter()
    project = Project(root, args.policy.absolute() if args.policy else None)
    try:
        source = read_policy(project)
    except Refused as refused:
        print(report(refused.diagnostics), file=sys.stderr)
        print("The app-settings, typed-value and link checks need a valid policy; "
              "fix the problems above first.", file=sys.stderr)
        return exit_status(refused.diagnostics)
    site = generator.read_site(project)
    record = check_change_record(source, project.policy_file)
    sources = check_sources(project, site, source, args.app_config, args.timeout)
    pages = check_pages(project, site, generator.render_pages(project, source))
    findings: list[Diagnostic] = [*record.problems, *sources.diagnostics, *pages.diagnostics]
    elapsed_ms = (time.perf_counter() - started) * 1000
    print(f"{source.document.file} is valid.")
    print(record.note)
    for line in [*sources.passed, *pages.passed]:
        print(line)
    if findings:
        print(report(findings), file=sys.stderr)
        if record.suggestion:
            print(f"\n{record.suggestion}", file=sys.stderr)
        print(f"Checked in {elapsed_ms:.0f} ms.", file=sys.stderr)
        return exit_status(findings)
    print(f"All checks passed in {elapsed_ms:.0f} ms.")
    return 0


def run_build(args: argparse.Namespace, generator: SiteGenerator, root: Path) -> int:
    project = Project(root)
    # The generator's configuration and the public address are the operator's input:
    # refused here (exit 2, the message once) before a build process starts.
    generator.read_site(project)
    site_dir = args.site_dir or root / "site"
    protected = (*project.data_inputs, *generator.site_inputs, ".git")
    status = build_into_place(root, site_dir, protected,
                              lambda staging: generator.build(project, staging, BuildOptions()).status)
    if status != 0:
        print(f"Build failed; {site_dir} was left as it was.", file=sys.stderr)
        return 2 if status == 2 else 1  # 2: the build could not read an input
    return 0


def run_diff(args: argparse.Namespace, generator: SiteGenerator, root: Path) -> int:
    from ..preview import impact
    from ..preview import report as impact_report

    started = time.perf_counter()
    try:
        base = impact.resolve(root, args.base) if args.base else impact.default_base(root)
        impacts = impact.site_impact(root, base, generator)
    except impact.ImpactError as error:
        print(error, file=sys.stderr)
        return 2
    if args.format == "markdown":
        print(impact_report.markdown_report(impacts, base.label), end="")
    else:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        print(impact_report.text_report(impacts, base.label, color))
    print(f"Built and compared both sites in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0


def run_serve(args: argparse.Namespace, generator: SiteGenerator, root: Path) -> int:
    return generator.serve(Project(root), args.dev_addr, BuildOptions(preview=True))
