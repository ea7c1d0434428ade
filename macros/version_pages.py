"""The pages of a policy's versions (`refunds/2026-06-01/`), made from the policy page
itself and added to MkDocs' files before anything renders, and which page states which
policy (front matter `policy_page:`) and which lists the changes (`role:`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils.meta import get_data

from helpcenter.content.changes import POLICY_TITLES
from helpcenter.content.phrases import long_date
from helpcenter.datafiles.text import source_file_problem
from helpcenter.policy import timeline
from helpcenter.policy.loading import PolicySource
from helpcenter.policy.model import POLICY_NAMES, PolicyName

CHANGES_ROLE = "policy-changes"  # front matter `role:` of the Policy changes page
# Markdown links relative to the page: a version page sits one folder deeper.
_RELATIVE_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|/|#)([^)\s]+)\)", re.IGNORECASE)


@dataclass(frozen=True)
class VersionPage:
    source_page: str  # "refunds.md"
    version: timeline.Version


def page_roles(docs_dir: Path, project_root: Path) -> tuple[dict[PolicyName, str], str]:
    """Which page states which policy (front matter `policy_page: refunds`) and which lists
    the changes (`role: policy-changes`), read from the pages' front matter. A page that
    links out of the project, is a pipe or is not UTF-8 is not read here: the checks
    report it with its reason."""
    policy_pages: dict[PolicyName, str] = {}
    changes_page = "policy-changes.md"
    for path in sorted(docs_dir.rglob("*.md")):
        if source_file_problem(path, path.name, project_root) is not None or not path.is_file():
            continue
        try:
            _, meta = get_data(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
        page = path.relative_to(docs_dir).as_posix()
        if meta.get("policy_page") in POLICY_NAMES:
            policy_pages[meta["policy_page"]] = page
        if meta.get("role") == CHANGES_ROLE:
            changes_page = page
    return policy_pages, changes_page


def add_version_pages(source: PolicySource | None, policy_pages: dict[PolicyName, str], files: Any,
                      config: Any) -> dict[str, VersionPage]:
    """A page for every version of every policy page, at `<page>/<first day>/`, out of
    the navigation and the search index (their canonical address is their own), added
    to MkDocs' `files`; returns them by source path ("refunds/2026-06-01.md")."""
    added: dict[str, VersionPage] = {}
    if source is None:
        return added
    for name, page in policy_pages.items():
        source_file = files.get_file_from_path(page)
        if source_file is None:
            continue
        stem = page.removesuffix(".md")
        for version in timeline.versions(source.policy, name):
            src_uri = f"{stem}/{version.first_day.isoformat()}.md"
            content = _version_source(source_file.content_string, name, version.first_day)
            generated = File(src_uri, None, config["site_dir"], config["use_directory_urls"],
                             inclusion=InclusionLevel.NOT_IN_NAV)
            generated.generated_by = "help-center"
            generated.content_string = content
            files.append(generated)
            added[src_uri] = VersionPage(page, version)
    return added


def _version_source(text: str, name: PolicyName, first_day: dt.date) -> str:
    body, meta = get_data(text)
    title = f"{POLICY_TITLES[name]} from {long_date(first_day)}"
    meta = {**meta, "title": title, "version": first_day.isoformat(), "search": {"exclude": True}}
    # One folder deeper than the page it copies: its relative links go up one more level.
    body = _RELATIVE_LINK.sub(r"](../\1)", body)
    return f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n\n{body}"
