"""MkDocs as the help center's site generator: the `SiteGenerator` the core's command
line drives (helpcenter/site.py).

`check` asks it for the site's configuration and for every page rendered exactly as a
build renders it, without building: MkDocs' configuration is loaded, mkdocs-macros'
environment set up by its own `on_config`, and each page read and rendered by
`rendering.render_page`. Builds and the preview run MkDocs in a child process.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import io
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

from helpcenter.datafiles.text import UNREADABLE, read_text, source_file_problem
from helpcenter.diagnostics import Diagnostic, Refused
from helpcenter.policy.loading import PolicySource
from helpcenter.project import Project
from helpcenter.site import AS_OF_VARIABLE, BuildOptions, BuildOutcome, RenderedPage, SiteConfig

from . import build_session
from .rendering import page_label
from .site_config import SITE_INPUTS, prescan_config, site_config, unreadable
from .version_pages import add_version_pages

# mkdocs-redirects (through ProperDocs) and Material print notices about MkDocs 2 and
# end-of-life on every run; no command of ours prints them.
QUIET_NOTICES = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
os.environ.update(QUIET_NOTICES)
_PR_SET_PDEATHSIG = 1


class MkDocsGenerator:
    site_inputs = SITE_INPUTS

    def __init__(self) -> None:
        self._configs: dict[Path, Any] = {}

    def read_site(self, project: Project) -> SiteConfig:
        return site_config(self._config(project))

    def render_pages(self, project: Project, source: PolicySource, day: dt.date) -> list[RenderedPage]:
        """Every page (and every version page) rendered as the build renders it for `day`."""
        from mkdocs.structure.files import get_files
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        config = self._config(project)
        plugin = config.plugins["macros"]
        build_session.preloaded = (source, day)
        try:
            plugin.on_config(config)
        finally:
            build_session.preloaded = None
        session = build_session.current()
        files = get_files(config)
        pages = []
        # A page that links out of the project (or is a pipe) is never read, not even to
        # make its versions: its text would end up in messages, and a pipe never ends.
        for file in list(files.documentation_pages()):
            label = page_label(Path(config["docs_dir"]), project.root, file.src_uri)
            problem = source_file_problem(Path(file.abs_src_path), label, project.root)
            if problem is not None:
                pages.append(RenderedPage(file.src_uri, "", 1, None, file.src_uri, problem))
                files.remove(file)
        session.version_pages = add_version_pages(session.source, session.policy_pages, files, config)
        get_navigation(files, config)  # gives pages in the navigation their nav titles
        for file in files.documentation_pages():
            page = file.page if file.page is not None else Page(None, file, config)
            try:
                page.read_source(config)
            except (OSError, UnicodeDecodeError):  # MkDocs logs a traceback and raises
                label = page_label(Path(config["docs_dir"]), project.root, file.src_uri)
                pages.append(RenderedPage(file.src_uri, "", 1, None, file.src_uri,
                                          _unreadable_page(Path(file.abs_src_path), label, project.root)))
                continue
            pages.append(build_session.render_with_notices(plugin, page, session))
        return pages

    def build(self, project: Project, site_dir: Path, options: BuildOptions) -> BuildOutcome:
        """A strict MkDocs build of `project` into `site_dir`, in a child process."""
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                   "--config-file", str(project.root / "mkdocs.yml"), "--site-dir", str(site_dir)]
        if options.quiet:
            command.append("--quiet")
        result = subprocess.run(command, cwd=project.root, env=_child_environment(options),
                                capture_output=options.quiet, text=True,
                                preexec_fn=_die_with_parent(os.getpid()))
        return BuildOutcome(result.returncode, (result.stdout or "") + (result.stderr or ""))

    def serve(self, project: Project, address: str, options: BuildOptions) -> int:
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", address,
                   "--config-file", str(project.root / "mkdocs.yml")]
        child = subprocess.Popen(command, cwd=project.root, env=_child_environment(options),
                                 preexec_fn=_die_with_parent(os.getpid()))
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.send_signal(signal.SIGINT)
            return child.wait()

    def _config(self, project: Project) -> Any:
        """MkDocs' configuration of `project`, loaded once per command."""
        if project.root not in self._configs:
            self._configs[project.root] = _load_config(project.root / "mkdocs.yml")
        return self._configs[project.root]


def _load_config(config_file: Path) -> Any:
    from mkdocs import exceptions
    from mkdocs.config import load_config

    prescan_config(config_file)  # MkDocs' own YAML loader expands aliases and runs tags
    captured = io.StringIO()
    handler = logging.StreamHandler(captured)
    handler.setLevel(logging.WARNING)
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    try:
        with redirect_stderr(captured):
            return load_config(config_file=str(config_file))
    except (exceptions.MkDocsException, OSError, ValueError) as error:
        raise unreadable(config_file, captured.getvalue() or str(error)) from None
    except Exception as error:  # noqa: BLE001 (YAML and plugin errors from a config we don't trust)
        raise unreadable(config_file, f"{type(error).__name__}: {error}") from None
    finally:
        log.removeHandler(handler)


def _unreadable_page(path: Path, label: str, root: Path) -> Diagnostic:
    """Why a page MkDocs could not read cannot be read, as the core says it (the byte and
    line of text that is not UTF-8, say)."""
    try:
        read_text(path, label, root)
    except Refused as refused:
        return refused.diagnostics[0]
    return Diagnostic(label, 0, UNREADABLE, "", "a page that cannot be read", "a UTF-8 text file")


def _child_environment(options: BuildOptions) -> dict[str, str]:
    env = {**os.environ, **QUIET_NOTICES}
    if options.as_of is not None:
        env[AS_OF_VARIABLE] = options.as_of.isoformat()
    if options.preview:
        env[build_session.PREVIEW_SWITCH] = "1"
    if options.tolerant:
        env[build_session.TOLERANT_SWITCH] = "1"
    if options.quiet:
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # a preview of another revision leaves no trace
    return env


def _die_with_parent(parent: int) -> Callable[[], None]:
    """What the child runs before MkDocs: end when the command that started it (process
    `parent`) ends, even by kill -9, so no orphaned MkDocs keeps writing."""

    def set_up() -> None:
        try:
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:  # the parent died before the line above took effect
            os._exit(1)

    return set_up
