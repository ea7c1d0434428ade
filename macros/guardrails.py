"""Every guardrail in one pass, for `python -m macros check` and for the build.

With a valid policy in hand this compares it with the app's settings, looks for
policy values typed by hand, and checks the support-link contract. It returns every
finding at once so that one run tells writers, legal and engineering everything they
have to change.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import link_directory, policy_literals
from .app_config import DEFAULT_TIMEOUT_SECONDS, AppConfigUnreadable, read_app_config
from .app_consistency import compare, load_policy_map, policy_key_lines
from .findings import Finding
from .page_check_cache import PageCheckCache
from .page_context import writer_context
from .policy import Policy
from .published_links import check_published_links, load_published_links
from .site_config import SiteConfig
from .site_sections import Article, read_articles

DEFAULT_APP_CONFIG = "app/config.json"
POLICY_MAP = "app/policy-map.yml"
PUBLISHED_LINKS = "links/published.yml"


@dataclass
class GuardrailReport:
    findings: list[Finding] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # inputs that could not be read
    articles: list[Article] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)  # one line per check that passed


def run_guardrails(
    policy: Policy,
    site: SiteConfig,
    policy_file: Path,
    app_config: str = DEFAULT_APP_CONFIG,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> GuardrailReport:
    report = GuardrailReport()
    _check_app_config(report, policy, site.project_dir, policy_file, app_config, timeout)
    # Per-page results are re-used while the page, the policy and our code are unchanged.
    cache = PageCheckCache(site.project_dir, policy)
    _check_literals(report, policy, site, cache)
    _check_links(report, policy, site, cache)
    return report


def section_context(policy: Policy) -> dict[str, Any]:
    """The names pages use, for reading their sections. The link directory adds no
    sections of its own (its headings are markup), so here it renders as nothing."""
    return {**writer_context(policy), link_directory.MACRO_NAME: lambda: Markup("")}


def _check_app_config(
    report: GuardrailReport,
    policy: Policy,
    project_dir: Path,
    policy_file: Path,
    location: str,
    timeout: float,
) -> None:
    try:
        app = read_app_config(location, project_dir, timeout)
    except AppConfigUnreadable as error:
        report.unreadable.append(str(error))
        return
    pairs, findings = load_policy_map(project_dir / POLICY_MAP, POLICY_MAP)
    findings += compare(
        policy,
        policy_key_lines(policy_file),
        pairs,
        app,
        policy_file=policy_file.name,
        map_file=POLICY_MAP,
    )
    report.findings += findings
    if not findings:
        report.passed.append(
            f"{app.source} agrees with {policy_file.name} ({len(pairs)} settings compared)."
        )


def _check_literals(report: GuardrailReport, policy: Policy, site: SiteConfig,
                    cache: PageCheckCache) -> None:
    patterns = policy_literals.literal_patterns(policy)
    files = policy_literals.files_to_scan(site.project_dir, site.docs_dir, site.template_dirs)
    findings = []
    for path in files:
        is_template = path.suffix != ".md" and path != site.config_file
        label, text = _label(path, site.project_dir), path.read_text(encoding="utf-8")
        findings += cache.result("literals", label, text, functools.partial(
            policy_literals.lint_file, path, label, patterns, is_template, text))
    report.findings += findings
    if not findings:
        report.passed.append(f"No policy value typed by hand ({len(files)} files scanned).")


def _check_links(report: GuardrailReport, policy: Policy, site: SiteConfig,
                 cache: PageCheckCache) -> None:
    docs_label = _label(site.docs_dir, site.project_dir)
    articles, findings = read_articles(site.docs_dir, section_context(policy), docs_label, cache)
    links, registry_findings = load_published_links(
        site.project_dir / PUBLISHED_LINKS, PUBLISHED_LINKS
    )
    findings += registry_findings
    findings += check_published_links(links, articles, site, PUBLISHED_LINKS, docs_label)
    report.articles = articles
    report.findings += findings
    if not findings:
        report.passed.append(
            f"{len(links)} published links and {len(site.redirects)} redirects "
            f"resolve; all {sum(len(a.headings) for a in articles)} headings have "
            "an explicit id."
        )


def _label(path: Path, project_dir: Path) -> str:
    try:  # without touching the disk first: this runs for every page of the site
        return path.relative_to(project_dir).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return str(path)
