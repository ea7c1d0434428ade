"""One MkDocs build of the help center, from mkdocs-macros' `define_env` to the end.

The site is built for a day (`--as-of` or `HELP_CENTER_AS_OF`; today in the policy's
time zone otherwise). Before any page renders, the
policy is loaded and every check that needs no page runs. Every version of each policy
page gets a page of its own (`refunds/2026-06-01/`), added to MkDocs' files. Each page
is rendered once (`rendering.py`), plus once per day an announced change takes effect,
to find the pages that change would alter (they get a notice). Once all are rendered,
and before MkDocs writes one, the checks that need every page run (MkDocs' `on_env`).
A finding stops the build there, listing everything to change; in a preview
(`python -m macros serve`) every page shows the findings instead, and the next save
rebuilds the site.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from helpcenter.content.links import SiteLinks
from helpcenter.content.markup import render_markdown
from helpcenter.content.notices import announced_days, scheduled_notice, with_notice
from helpcenter.content.theme_values import theme_values
from helpcenter.content.vocabulary import site_name, writer_vocabulary
from helpcenter.diagnostics import Diagnostic, Refused, exit_status, report
from helpcenter.guardrails.runner import check_pages, check_sources
from helpcenter.policy import timeline
from helpcenter.policy.loading import PolicySource, read_policy
from helpcenter.policy.model import PolicyName
from helpcenter.project import Project
from helpcenter.publishing.anchors import with_alias_anchors
from helpcenter.publishing.hashed_assets import hashed_path, is_ours_to_hash, rewrite_references
from helpcenter.publishing.link_directory import LinkDirectory, fill_directory_slot, link_directory
from helpcenter.publishing.reader_copies import ReaderPage, article_markdown
from helpcenter.publishing.site_files import publish
from helpcenter.site import AS_OF_VARIABLE, RenderedPage, SiteConfig, parse_day

from .redirect_pages import REDIRECT_SCRIPT, make_redirect_pages_csp_safe
from .rendering import apply, page_label, render_page
from .site_config import UnreadableInput, checked_output, site_config
from .version_pages import VersionPage, add_version_pages, page_roles

PREVIEW_SWITCH = "HELP_CENTER_PREVIEW"  # "1": set by `python -m macros serve`
TOLERANT_SWITCH = "HELP_CENTER_TOLERANT"  # "1": build despite guardrail findings (`diff`)
log = logging.getLogger("mkdocs.plugins.help_center")


@dataclass
class BuildSession:
    project: Project
    preview: bool
    day: dt.date = field(default_factory=dt.date.today)
    site: SiteConfig | None = None
    source: PolicySource | None = None
    links: SiteLinks | None = None
    policy_pages: dict[PolicyName, str] = field(default_factory=dict)  # name -> "refunds.md"
    version_pages: dict[str, VersionPage] = field(default_factory=dict)  # "refunds/2026-06-01.md"
    problems: list[Diagnostic] = field(default_factory=list)  # stop the build
    tolerant: bool = False  # guardrail findings are tolerated (the impact preview lists them)
    tolerated: list[Diagnostic] = field(default_factory=list)
    pages: list[RenderedPage] = field(default_factory=list)
    directory: LinkDirectory | None = None
    aliases: dict[tuple[str, str], str] = field(default_factory=dict)  # (page URL, old id) -> id
    reader_pages: list[ReaderPage] = field(default_factory=list)  # for llms.txt and the Markdown copies
    renamed_assets: dict[str, str] = field(default_factory=dict)  # "assets/x.css" -> "assets/x.<hash>.css"

    @property
    def refused(self) -> bool:
        return bool(self.problems)


# What `python -m macros check` hands to define_env: the policy it already loaded and
# the day it checks, so pages render with them and no build-only work runs.
preloaded: tuple[PolicySource, dt.date] | None = None


_current: BuildSession | None = None


def current() -> BuildSession:
    """The session define_env started (mkdocs-macros calls our hooks as plain functions)."""
    if _current is None:
        raise RuntimeError("define_env has not run: mkdocs-macros did not load the macros module")
    return _current


def start(env: Any) -> BuildSession:
    """mkdocs-macros' define_env: load, check, and hand pages their vocabulary."""
    global _current
    project = Project(Path(env.project_dir))
    session = _current = BuildSession(project, preview=os.environ.get(PREVIEW_SWITCH) == "1",
                                      tolerant=os.environ.get(TOLERANT_SWITCH) == "1")
    try:
        session.site = site_config(env.conf)
        if preloaded is None and not session.preview:  # the preview writes into a folder of MkDocs' own
            checked_output(env.conf)
        if preloaded is not None:
            session.source, session.day = preloaded
        else:
            session.source = read_policy(project)
            session.day = _build_day(session.source)
        session.policy_pages, changes_page = page_roles(session.site.docs_dir, project.root)
        session.links = SiteLinks(
            {name: session.site.page_url(page) for name, page in session.policy_pages.items()},
            session.site.page_url(changes_page), lambda: str(env.page.url), session.site.site_url)
        if preloaded is None:
            findings = check_sources(project, session.site, session.source, day=session.day).diagnostics
            (session.tolerated if session.tolerant else session.problems).extend(findings)
    except Refused as refused:
        session.problems += refused.diagnostics
    if session.problems and not session.preview:
        raise _refusal(session.problems)
    if session.source is not None and session.links is not None:
        for name, value in writer_vocabulary(session.source, session.day, session.links).items():
            if callable(value):
                env.macro(value, name)
            else:
                env.variables[name] = value
        # Themes print the site name into HTML as it is.
        env.conf["site_name"] = str(escape(site_name(session.source)))
    if preloaded is None:
        env.conf.plugins["help-center"] = _Events(session)
    return session


def _build_day(source: PolicySource) -> dt.date:
    text = os.environ.get(AS_OF_VARIABLE, "").strip()
    return parse_day(text, AS_OF_VARIABLE) if text else timeline.today(source.policy)


def vocabulary_for(session: BuildSession, src_uri: str, values_day: dt.date | None = None) -> dict[str, Any]:
    assert session.source is not None and session.links is not None
    version_page = session.version_pages.get(src_uri)
    return writer_vocabulary(session.source, session.day, session.links,
                             version_page.version if version_page else None, values_day)


def render_current_page(env: Any, session: BuildSession) -> None:
    """mkdocs-macros' on_pre_page_macros: render the page, with a notice for each
    announced change that alters it, and remember its outline."""
    page = env.page
    if session.refused and session.preview:
        env.markdown = ""
        page.title = "Preview stopped"
        return
    rendered = render_with_notices(env, page, session)
    session.pages.append(rendered)
    if rendered.problem is not None:
        session.problems.append(rendered.problem)
    apply(page, rendered)
    env.markdown = rendered.markdown if rendered.markdown is not None else ""


def render_with_notices(plugin: Any, page: Any, session: BuildSession) -> RenderedPage:
    assert session.source is not None and session.links is not None and session.site is not None
    src_uri = page.file.src_uri
    version_page = session.version_pages.get(src_uri)
    label = page_label(session.site.docs_dir, session.project.root,
                       version_page.source_page if version_page else src_uri)
    if version_page:
        label += f" (its version from {version_page.version.first_day.isoformat()})"
    rendered = render_page(plugin, page, label, vocabulary_for(session, src_uri))
    if version_page or rendered.markdown is None:
        return rendered
    markdown = rendered.markdown
    for change_day in announced_days(session.source.policy, session.day):
        later = render_page(plugin, page, label, vocabulary_for(session, src_uri, values_day=change_day))
        if later.markdown is not None and later.markdown != rendered.markdown:
            notice = scheduled_notice(session.source.policy, session.source.schema, session.day,
                                      change_day, session.links)
            markdown = with_notice(markdown, notice)
    return RenderedPage(rendered.page, rendered.source, rendered.body_line, markdown, rendered.title,
                        meta=rendered.meta)


class _Events(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """The MkDocs events mkdocs-macros does not pass to modules, registered from
    define_env for this build only."""

    def __init__(self, session: BuildSession):
        super().__init__()
        self.session = session

    def on_files(self, files: Any, config: Any) -> Any:
        if not self.session.refused:
            self.session.version_pages = add_version_pages(self.session.source, self.session.policy_pages,
                                                           files, config)
        self.session.renamed_assets = _give_our_assets_hashed_names(files, Path(config["docs_dir"]))
        return files

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        session = self.session
        if session.source is not None:
            env.globals["help_center"] = theme_values(session.source, session.day)
        if session.site is not None and session.pages:  # a page that did not render is one finding among all
            pages = check_pages(session.project, session.site, session.pages)
            rendering = [page.problem for page in session.pages if page.problem]
            findings = [d for d in pages.diagnostics if d not in rendering]
            (session.tolerated if session.tolerant else session.problems).extend(findings)
            session.directory = link_directory(pages.articles, session.site)
            session.aliases = pages.aliases
        if session.refused:
            if not session.preview:
                raise _refusal(session.problems)
            stopped = render_markdown("preview_stopped.html", report=report(session.problems))
            for file in files.documentation_pages():
                if file.page is not None:
                    file.page.content, file.page.toc = stopped, []
        return env

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        return rewrite_references(output_content, self.session.renamed_assets)  # the 404 page

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        output = rewrite_references(output, self.session.renamed_assets)
        if self.session.directory is None:
            return output
        output = with_alias_anchors(output, page.url, self.session.aliases)
        output = fill_directory_slot(output, self.session.directory, page.url)
        if _is_reader_page(page) and self.session.links is not None:
            self.session.reader_pages.append(ReaderPage(
                page.url, html.unescape(str(page.title or "")), html.unescape(str(page.meta.get("description") or "")),
                article_markdown(output, self.session.links.absolute(page.url))))
        return output

    def on_post_build(self, config: Any) -> None:
        session = self.session
        site_dir = Path(config["site_dir"])
        if session.refused or session.source is None or session.site is None or session.directory is None:
            return
        assert session.links is not None
        publish(session.source, session.site, session.links, session.directory, site_dir, session.day,
                session.reader_pages)
        make_redirect_pages_csp_safe(site_dir, session.renamed_assets.get(REDIRECT_SCRIPT, REDIRECT_SCRIPT))
        upcoming = timeline.next_change(session.source.policy, session.day)
        if upcoming is not None:
            log.info(f"Built as of {session.day.isoformat()}. The next announced change takes effect on "
                     f"{upcoming.isoformat()}: build the site again that day (a daily build does it).")


def _give_our_assets_hashed_names(files: Any, docs_dir: Path) -> dict[str, str]:
    """Our style sheets and scripts in MkDocs' `files`, renamed by their content;
    returns each old name with its new one."""
    renamed = {}
    docs_dir = docs_dir.resolve()
    for file in files:
        if file.generated_by or not file.src_uri.startswith("assets/") or not is_ours_to_hash(file.src_uri):
            continue
        source = Path(file.abs_src_path)
        if not source.resolve().is_relative_to(docs_dir):
            continue  # the theme's own assets carry hashes already
        hashed = hashed_path(file.dest_uri, source.read_bytes())
        renamed[file.dest_uri] = hashed
        file.dest_uri = file.url = hashed
    return renamed


def _is_reader_page(page: Any) -> bool:
    """A page readers come for: not a version of a policy, not one kept out of search
    (support's Link directory, say)."""
    search = page.meta.get("search")
    hidden = isinstance(search, dict) and search.get("exclude") is True
    return not page.meta.get("version") and not hidden and "noindex" not in str(page.meta.get("robots", ""))


def _refusal(problems: list[Diagnostic]) -> Exception:
    """The error that stops MkDocs: exit 2 when an input cannot be read, else 1."""
    message = "The help center was not built; nothing was written.\n" + report(problems)
    return UnreadableInput(message) if exit_status(problems) == 2 else PluginError(message)
