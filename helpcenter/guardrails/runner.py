"""Every guardrail, in two passes, for `python -m macros check` and for the build.

Each pass returns every finding at once, so that one run tells writers, legal,
engineering and support everything they have to change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..datafiles.text import read_text
from ..datafiles.yaml_reader import dotted
from ..diagnostics import Diagnostic, Refused
from ..policy import timeline
from ..policy.loading import PolicySource
from ..policy.model import Policy
from ..project import Project
from ..site import RenderedPage, SiteConfig
from . import typed_values
from .app_agreement import compare, read_policy_map
from .app_settings import DEFAULT_TIMEOUT_SECONDS, read_app_settings
from .outlines import Article, outline
from .page_links import check_page_links
from .published_links import check_published_links, read_published_links
from .redirects import unsafe_redirects
from .source_files import source_file_problems


@dataclass
class GuardrailReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)  # one line per check that passed
    articles: list[Article] = field(default_factory=list)
    aliases: dict[tuple[str, str], str] = field(default_factory=dict)  # (page URL, old id) -> id


def check_sources(project: Project, site: SiteConfig, source: PolicySource, day: dt.date,
                  app_settings: str | None = None,
                  timeout: float = DEFAULT_TIMEOUT_SECONDS) -> GuardrailReport:
    """What needs no rendered page: the files the generator will read, the app's settings
    and policy values typed by hand, both against the values in force on `day` (the app
    switches on a change's day)."""
    report = GuardrailReport()
    report.diagnostics += source_file_problems(project, site)
    in_force = timeline.in_force_on(source.policy, day)
    _check_app(report, project, source, in_force, day, app_settings, timeout)
    _check_typed_values(report, project, site, in_force)
    return report


def check_pages(project: Project, site: SiteConfig, pages: list[RenderedPage]) -> GuardrailReport:
    """What needs every page rendered: heading ids, published links, redirects."""
    report = GuardrailReport()
    report.diagnostics += unsafe_redirects(site, [page.page for page in pages])
    docs_label = project.display(site.docs_dir)
    unrendered = []
    for page in pages:
        if page.meta.get("version"):
            # A version of a policy page: its headings are the page's own (checked there);
            # only whether it renders is its own.
            report.diagnostics += [page.problem] if page.problem else []
            continue
        article, findings = outline(page, f"{docs_label}/{page.page}")
        report.diagnostics += findings
        if article is None:
            unrendered.append(page.page)
        else:
            report.articles.append(article)
    report.diagnostics += check_page_links(pages, report.articles, site, docs_label)
    try:
        registry = read_published_links(project)
    except Refused as refused:
        report.diagnostics += refused.diagnostics
        return report
    report.aliases = {(alias.path, alias.old_anchor): alias.anchor for alias in registry.aliases}
    links = registry.links
    findings = check_published_links(links, report.articles, site,
                                     project.display(project.published_links), docs_label,
                                     frozenset(unrendered), registry.aliases)
    report.diagnostics += findings
    if not report.diagnostics:
        headings = sum(len(article.headings) for article in report.articles)
        report.passed.append(f"{len(links)} published links and {len(site.redirects)} redirects "
                             f"resolve; all {headings} headings have an explicit id.")
    return report


def _check_app(report: GuardrailReport, project: Project, source: PolicySource, in_force: Policy,
               day: dt.date, location: str | None, timeout: float) -> None:
    try:
        app = read_app_settings(location or str(project.app_config), project, timeout)
        pairs = read_policy_map(project)
    except Refused as refused:
        report.diagnostics += refused.diagnostics
        return
    lines = {dotted(path): line for path, line in source.document.lines.items()}
    policy_display = source.document.file
    findings = compare(in_force, lines, pairs, app, policy_display,
                       project.display(project.policy_map), _scheduled(source, day))
    report.diagnostics += findings
    if not findings:
        report.passed.append(f"{app.source} agrees with {policy_display} "
                             f"({len(pairs)} settings compared).")


def _check_typed_values(report: GuardrailReport, project: Project, site: SiteConfig,
                        in_force: Policy) -> None:
    patterns = typed_values.literal_patterns(in_force)
    files = typed_values.files_to_scan(site.docs_dir, site.config_file, site.template_dirs)
    findings: list[Diagnostic] = []
    for path in files:
        label = project.display(path)
        try:
            text = read_text(path, label, project.root)
        except Refused as refused:
            findings += refused.diagnostics
            continue
        is_template = path.suffix != ".md" and path != site.config_file
        findings += typed_values.lint_file(path, label, patterns, is_template, text)
    report.diagnostics += findings
    if not findings:
        report.passed.append(f"No policy value typed by hand ({len(files)} files scanned).")


def _scheduled(source: PolicySource, day: dt.date) -> dict[str, str]:
    """For each value whose newest version is not in force on `day`: when it will be."""
    notes: dict[str, str] = {}
    for entry in timeline.upcoming(source.policy, day):
        for change in entry.changes:
            notes.setdefault(change.key, f"on {day.isoformat()}; policy.yml's `{change.new}` takes effect "
                                         f"on {entry.date.isoformat()}")
    return notes
