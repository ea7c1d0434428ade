"""One MkDocs build of the help center, from mkdocs-macros' `define_env` to the end.

Before any page renders, the policy is loaded and every check that needs no page runs.
Each page is then rendered once (`rendering.py`); once all are rendered, and before
MkDocs writes one of them, the checks that need every page run (MkDocs' `on_env`
event). A finding stops the build there, listing everything to change; in a preview
(`python -m macros serve`) every page shows the findings instead, and the next save
rebuilds the site.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from helpcenter.content.markup import render_markdown
from helpcenter.content.vocabulary import site_name, writer_vocabulary
from helpcenter.diagnostics import Diagnostic, Refused, exit_status, report
from helpcenter.guardrails.runner import check_pages, check_sources
from helpcenter.policy.loading import PolicySource, read_policy
from helpcenter.project import Project
from helpcenter.publishing.link_directory import LinkDirectory, fill_directory_slot, link_directory
from helpcenter.publishing.site_files import publish
from helpcenter.site import RenderedPage, SiteConfig

from .redirect_pages import make_redirect_pages_csp_safe
from .rendering import page_label, render_page
from .site_config import UnreadableInput, checked_output, site_config

PREVIEW_SWITCH = "HELP_CENTER_PREVIEW"  # set by `python -m macros serve`


@dataclass
class BuildSession:
    project: Project
    site: SiteConfig | None
    source: PolicySource | None
    preview: bool
    problems: list[Diagnostic] = field(default_factory=list)
    pages: list[RenderedPage] = field(default_factory=list)
    directory: LinkDirectory | None = None

    @property
    def refused(self) -> bool:
        return bool(self.problems)


# What `python -m macros check` hands to define_env: the policy it already loaded, so
# pages render with it and no build-only work runs.
preloaded: PolicySource | None = None


def start(env: Any) -> BuildSession:
    """mkdocs-macros' define_env: load, check, and hand pages their vocabulary."""
    project = Project(Path(env.project_dir))
    if preloaded is not None:
        session = BuildSession(project, None, preloaded, preview=False)
    else:
        session = _checked_session(env, project)
    if session.source is not None:
        for name, value in writer_vocabulary(session.source).items():
            if callable(value):
                env.macro(value, name)
            else:
                env.variables[name] = value
        # Themes print the site name into HTML as it is.
        env.conf["site_name"] = str(escape(site_name(session.source)))
    if preloaded is None:
        env.conf.plugins["help-center"] = _Events(session)
    return session


def _checked_session(env: Any, project: Project) -> BuildSession:
    preview = os.environ.get(PREVIEW_SWITCH) == "1"
    session = BuildSession(project, None, None, preview)
    try:
        session.site = site_config(env.conf)
        if not preview:  # the preview writes into a folder of MkDocs' own
            checked_output(env.conf)
        session.source = read_policy(project)
        session.problems += check_sources(project, session.site, session.source).diagnostics
    except Refused as refused:
        session.problems += refused.diagnostics
    if session.problems and not preview:
        raise _refusal(session.problems)
    return session


def render_current_page(env: Any, session: BuildSession) -> None:
    """mkdocs-macros' on_pre_page_macros: render the page once, remember its outline."""
    page = env.page
    if session.refused and session.preview:
        env.markdown = ""
        page.title = "Preview stopped"
        return
    label = page_label(Path(env.conf["docs_dir"]), session.project.root, page.file.src_uri)
    rendered = render_page(env, page, label)
    session.pages.append(rendered)
    if rendered.problem is not None:
        session.problems.append(rendered.problem)
    env.markdown = rendered.markdown if rendered.markdown is not None else ""


class _Events(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """The MkDocs events mkdocs-macros does not pass to modules, registered from
    define_env for this build only."""

    def __init__(self, session: BuildSession):
        super().__init__()
        self.session = session

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        session = self.session
        if not session.refused and session.site is not None:
            pages = check_pages(session.project, session.site, session.pages)
            session.problems += pages.diagnostics
            session.directory = link_directory(pages.articles, session.site)
        if session.refused:
            if not session.preview:
                raise _refusal(session.problems)
            stopped = render_markdown("preview_stopped.html", report=report(session.problems))
            for file in files.documentation_pages():
                if file.page is not None:
                    file.page.content, file.page.toc = stopped, []
        return env

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if self.session.directory is None:
            return output
        return fill_directory_slot(output, self.session.directory, page.url)

    def on_post_build(self, config: Any) -> None:
        session = self.session
        site_dir = Path(config["site_dir"])
        if session.refused or session.source is None or session.site is None or session.directory is None:
            return
        publish(session.source, session.site, session.directory, site_dir)
        make_redirect_pages_csp_safe(site_dir)


def _refusal(problems: list[Diagnostic]) -> Exception:
    """The error that stops MkDocs: exit 2 when an input cannot be read, else 1."""
    message = "The help center was not built; nothing was written.\n" + report(problems)
    return UnreadableInput(message) if exit_status(problems) == 2 else PluginError(message)
