"""One build of the help center, independent of the site generator: everything a build
needs, prepared and checked once before any page renders, and the files it writes
beside the built pages afterwards.

`macros/__init__.py` calls these two functions from mkdocs-macros' hooks; another
generator (Zensical, say) would call the same two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from .findings import report
from .guardrails import run_guardrails
from .link_directory import MACRO_NAME, LinkDirectory, directory_markup, link_directory, write_links_json
from .page_context import site_name, writer_context
from .policy import Policy
from .policy_cache import load_policy_remembered
from .publish import publish_policy_files
from .redirect_stubs import make_redirect_pages_csp_safe
from .site_config import SiteConfig
from .template_cache import CACHE_DIR


class BuildRefused(Exception):
    """The guardrails found problems; the message lists every one."""


@dataclass(frozen=True)
class BuildPlan:
    policy: Policy
    site: SiteConfig
    site_name_html: str  # escaped: themes print the site name into HTML as it is
    directory: LinkDirectory


def prepare_build(policy_file: Path, site: SiteConfig) -> BuildPlan:
    """Load and check the policy, run every guardrail. Raises PolicyError or
    BuildRefused, each listing every problem, before anything is written."""
    # A policy file that already passed every check is not checked again (policy_cache).
    policy = load_policy_remembered(policy_file, policy_file.parent / CACHE_DIR)
    result = run_guardrails(policy, site, policy_file)
    if result.findings or result.unreadable:
        problems = [*result.unreadable, report(result.findings) if result.findings else ""]
        raise BuildRefused("The help center disagrees with itself; nothing was built.\n"
                           + "\n".join(p for p in problems if p))
    return BuildPlan(policy, site, str(escape(site_name(policy))), link_directory(result.articles, site))


def writer_vocabulary(plan: BuildPlan, current_page_url: Callable[[], str]) -> dict[str, Any]:
    """The names pages use: the policy, the writers' macros and the link directory
    (drawn for whichever page is rendering, `current_page_url()`)."""
    return {
        **writer_context(plan.policy),
        MACRO_NAME: lambda: directory_markup(plan.directory, current_page_url()),
    }


def write_published_files(plan: BuildPlan, site_dir: Path) -> None:
    """policy.json, its schema and the changes feed; links.json; CSP-safe redirects."""
    publish_policy_files(plan.policy, {"site_dir": site_dir, "site_url": plan.site.site_url,
                                       "use_directory_urls": plan.site.use_directory_urls})
    write_links_json(plan.directory, site_dir)
    make_redirect_pages_csp_safe(site_dir)
