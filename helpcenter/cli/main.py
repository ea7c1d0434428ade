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
import datetime as dt
import errno
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Refused, exit_status, report
from ..guardrails.app_settings import DEFAULT_TIMEOUT_SECONDS, parse_timeout
from ..guardrails.runner import check_pages, check_sources
from ..policy import timeline
from ..policy.change_record import check_change_record
from ..policy.loading import PolicySource, read_policy
from ..project import Project
from ..publishing.precompress import precompress_site
from ..publishing.site_swap import build_into_place
from ..site import AS_OF_VARIABLE, BuildOptions, SiteGenerator, parse_day


def main(argv: list[str] | None, generator: SiteGenerator, project_root: Path) -> int:
    try:
        args = _parser().parse_args(argv)
        status: int = args.run(args, generator, project_root)
        sys.stdout.flush()
    except Refused as refused:
        print(report(refused.diagnostics), file=sys.stderr)
        return exit_status(refused.diagnostics)
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        if error.errno not in (errno.EPIPE, errno.ENOSPC, errno.EIO):
            raise
        # The output cannot be written (a closed pipe, a full disk): say so once, where
        # it can still be read, and leave nothing for the interpreter to trip over.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"python -m macros: cannot write the output ({error.strerror})", file=sys.stderr)
        return 2
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
    _add_as_of(check, "check")
    check.set_defaults(run=run_check)

    build = commands.add_parser("build", help="strict build; the previous site stays until it succeeds")
    build.add_argument("--site-dir", type=Path, help="where to publish the site (default: site/)")
    _add_as_of(build, "build")
    build.set_defaults(run=run_build)

    diff = commands.add_parser("diff", help="every sentence readers will read differently, page by page")
    diff.add_argument("--base", type=_revision, help="git revision to compare with (default: the merge base "
                                                     "with main, or HEAD when on main)")
    diff.add_argument("--format", choices=["text", "markdown"], default="text",
                      help="text for the terminal (default), markdown for a review")
    diff.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD",
                      help="what readers will read differently on that day, against today")
    diff.set_defaults(run=run_diff)

    serve = commands.add_parser("serve", help="a preview that rebuilds on every save")
    serve.add_argument("--dev-addr", type=_address, default="127.0.0.1:8000", metavar="HOST:PORT")
    serve.set_defaults(run=run_serve)
    return parser


def _add_as_of(command: argparse.ArgumentParser, verb: str) -> None:
    command.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", default=_day_from_environment(),
                         help=f"{verb} the site as it is on that day (default: ${AS_OF_VARIABLE}, or today "
                              "in policy.yml's time zone)")


def _day_from_environment() -> dt.date | None:
    text = os.environ.get(AS_OF_VARIABLE, "").strip()
    return parse_day(text, AS_OF_VARIABLE) if text else None


def _day(text: str) -> dt.date:
    try:
        return parse_day(text)
    except Refused as refused:
        raise argparse.ArgumentTypeError(refused.diagnostics[0].found + ": give " +
                                         refused.diagnostics[0].allowed) from None


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


@dataclass
class CheckOutcome:
    source: PolicySource
    day: dt.date
    note: str  # what the change-record rule compared with
    passed: list[str]
    findings: list[Diagnostic]
    suggestion: str  # the history entry to paste, when values changed without one


def collect(project: Project, generator: SiteGenerator, day: dt.date | None,
            app_config: str | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> CheckOutcome:
    """Every check, on the project as it is, for `day` (today when None). Raises Refused
    when the policy cannot be read at all: nothing else can be checked then."""
    source = read_policy(project)
    site = generator.read_site(project)
    day = day or timeline.today(source.policy)
    record = check_change_record(source, project.policy_file, day)
    sources = check_sources(project, site, source, day, app_config, timeout)
    pages = check_pages(project, site, generator.render_pages(project, source, day))
    return CheckOutcome(source, day, record.note, [*sources.passed, *pages.passed],
                        [*record.problems, *sources.diagnostics, *pages.diagnostics], record.suggestion)


def run_check(args: argparse.Namespace, generator: SiteGenerator, root: Path) -> int:
    started = time.perf_counter()
    project = Project(root, args.policy.absolute() if args.policy else None)
    try:
        outcome = collect(project, generator, args.as_of, args.app_config, args.timeout)
    except Refused as refused:
        print(report(refused.diagnostics), file=sys.stderr)
        if any(d.file == project.display(project.policy_file) for d in refused.diagnostics):
            print("The app-settings, typed-value and link checks need a valid policy; "
                  "fix the problems above first.", file=sys.stderr)
        return exit_status(refused.diagnostics)
    elapsed_ms = (time.perf_counter() - started) * 1000
    policy = outcome.source.policy
    print(f"{outcome.source.document.file} is valid. Checked as of {outcome.day.isoformat()}"
          f"{'' if args.as_of else f' (today in {policy.time_zone})'}.")
    coming = timeline.next_change(policy, outcome.day)
    if coming is not None:
        print(f"The next announced change takes effect on {coming.isoformat()}; "
              f"`check --as-of {coming.isoformat()}` checks the site as it will be then.")
    print(outcome.note)
    for line in outcome.passed:
        print(line)
    if outcome.findings:
        print(report(outcome.findings), file=sys.stderr)
        if outcome.suggestion:
            print(f"\n{outcome.suggestion}", file=sys.stderr)
        print(f"Checked in {elapsed_ms:.0f} ms.", file=sys.stderr)
        return exit_status(outcome.findings)
    print(f"All checks passed in {elapsed_ms:.0f} ms.")
    return 0


def run_build(args: argparse.Namespace, generator: SiteGenerator, root: Path) -> int:
    project = Project(root)
    # The generator's configuration and the public address are the operator's input:
    # refused here (exit 2, the message once) before a build process starts.
    generator.read_site(project)
    site_dir = args.site_dir or root / "site"
    protected = (*project.data_inputs, *generator.site_inputs, ".git")
    options = BuildOptions(as_of=args.as_of)
    status = build_into_place(root, site_dir, protected,
                              lambda staging: _published(generator.build(project, staging, options).status, staging))
    if status != 0:
        print(f"Build failed; {site_dir} was left as it was.", file=sys.stderr)
        return 2 if status == 2 else 1  # 2: the build could not read an input
    return 0


def _published(status: int, staging: Path) -> int:
    """After a good build, before the swap: the .gz files nginx serves (`gzip_static`).
    Here, not in every build: the writers' preview rebuilds on each save and needs none
    (measured on 200 pages: 0.43 s of a 4.4 s build)."""
    if status == 0:
        precompress_site(staging)
    return status


def run_diff(args: argparse.Namespace, generator: SiteGenerator, root: Path) -> int:
    from ..preview import impact
    from ..preview import report as impact_report

    started = time.perf_counter()
    project = Project(root)
    try:
        source = read_policy(project)
    except Refused as refused:
        print(report(refused.diagnostics), file=sys.stderr)
        print("The preview needs a policy.yml it can read; fix the problems above first.", file=sys.stderr)
        return exit_status(refused.diagnostics)
    today = _day_from_environment() or timeline.today(source.policy)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ and args.format == "text"
    try:
        if args.as_of:
            sections = _days_apart(generator, root, today, args.as_of)
        else:
            base = impact.resolve(root, args.base) if args.base else impact.default_base(root)
            with impact.exported(root, base) as base_project:
                sections = _against_base(generator, root, base_project, base.label, source, today)
    except impact.ImpactError as error:
        print(error, file=sys.stderr)
        return 2
    for older, newer, impacts in sections:
        if args.format == "markdown":
            print(impact_report.markdown_report(impacts, older, newer), end="\n")
        else:
            print(impact_report.text_report(impacts, older, newer, color) + "\n")
    outcome = collect(project, generator, args.as_of or today)
    if outcome.findings:
        print("To settle before publishing (what `make check` reports):")
        print(report(outcome.findings))
        if outcome.suggestion:
            print(f"\n{outcome.suggestion}")
    print(f"Built and compared in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0


def _days_apart(generator: SiteGenerator, root: Path, today: dt.date,
                day: dt.date) -> list[tuple[str, str, Any]]:
    from ..preview import impact

    older = impact.Snapshot(root, today, f"the working tree today ({today.isoformat()})")
    newer = impact.Snapshot(root, day, f"the working tree on {day.isoformat()}")
    [impacts] = impact.site_impacts(generator, [impact.Comparison(older, newer)])
    return [(older.label, newer.label, impacts)]


def _against_base(generator: SiteGenerator, root: Path, base_project: Path, base_label: str,
                  source: PolicySource, today: dt.date) -> list[tuple[str, str, Any]]:
    """The base against the working tree today; then, for each change the working tree
    newly announces, the working tree today against the working tree on its day."""
    from ..preview import impact

    try:
        base_policy = read_policy(Project(base_project)).policy
        known = {(e.date, e.policy, str(e.changes)) for e in base_policy.history}
    except Refused:
        known = set()
    new_days = sorted({e.date for e in timeline.upcoming(source.policy, today)
                       if (e.date, e.policy, str(e.changes)) not in known})
    now = impact.Snapshot(root, today, "the working tree")
    comparisons = [impact.Comparison(impact.Snapshot(base_project, today, base_label), now)]
    comparisons += [impact.Comparison(now, impact.Snapshot(root, day, f"the working tree on {day.isoformat()}, "
                                                           "when the announced change takes effect"))
                    for day in new_days]
    results = impact.site_impacts(generator, comparisons)
    return [(c.older.label, c.newer.label, impacts) for c, impacts in zip(comparisons, results, strict=True)]


def run_serve(args: argparse.Namespace, generator: SiteGenerator, root: Path) -> int:
    return generator.serve(Project(root), args.dev_addr, BuildOptions(preview=True))
