"""The site as the generator describes it, in terms the checks and exports need.

The generator adapter (`macros/` for MkDocs) reads its own configuration and renders
pages with its own templating; it hands the core a `SiteConfig` and `RenderedPage`s
through the `SiteGenerator` protocol, and the core never parses a generator's files.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .diagnostics import Diagnostic, Refused, rule
from .policy.loading import PolicySource
from .project import Project

AS_OF = rule("as-of-day", "the day to build or check for is not a date", unreadable=True)
# The day a build or check is for, when not today: `--as-of`, or this variable.
AS_OF_VARIABLE = "HELP_CENTER_AS_OF"


def parse_day(text: str, source: str = "--as-of") -> dt.date:
    """A day given as YYYY-MM-DD (on the command line or in the environment)."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Refused([Diagnostic(source, 0, AS_OF, "", f"`{text}`",
                                  "a day written year-month-day, such as 2027-01-01")]) from None
    if len(text.strip()) != 10:
        raise Refused([Diagnostic(source, 0, AS_OF, "", f"`{text}`",
                                  "a day written year-month-day, such as 2027-01-01")])
    return day


PUBLIC_ADDRESS = rule("public-address", "HELP_CENTER_URL (the site's public address) is not an http(s) URL",
                      unreadable=True)
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_SITE_URL = re.compile(rf"^https?://{_LABEL}(\.{_LABEL})*(:(?P<port>[0-9]{{1,5}}))?(/[A-Za-z0-9._~/-]*)?\Z",
                       re.IGNORECASE)


def checked_site_url(url: str) -> Diagnostic | None:
    """The site's public address lands in every page, links.json and the feed: only a
    plain absolute http(s) URL is accepted (no quotes, spaces, credentials, query,
    fragment or scripts; a host name of DNS labels and a port that exists)."""
    match = _SITE_URL.match(url)
    if url == "" or (match and 0 < int(match.group("port") or 80) <= 65535):
        return None
    shown = re.sub(r"(//)[^/?#@]*@", r"\1***@", url)  # a password is not printed into CI logs
    return Diagnostic("HELP_CENTER_URL", 0, PUBLIC_ADDRESS, "", f"`{shown}`",
                      "an absolute http or https address such as https://help.artsmart.ai/",
                      "set HELP_CENTER_URL to the address readers open, or leave it unset for a preview")


@dataclass(frozen=True)
class SiteConfig:
    config_file: Path  # the generator's configuration, for messages
    docs_dir: Path
    site_url: str
    use_directory_urls: bool
    nav_pages: tuple[str, ...]  # Markdown paths under docs/, in navigation order
    redirects: Mapping[str, str]  # old page (.md) -> new page (.md, #anchor allowed) or URL
    redirect_lines: Mapping[str, int] = field(default_factory=dict)  # in config_file
    template_dirs: tuple[Path, ...] = ()  # theme templates of ours, if any

    @property
    def config_display(self) -> str:
        return self.config_file.name

    def page_url(self, page: str) -> str:
        """The site-relative URL the generator gives the page `page` (a path under docs/)."""
        stem, _ = posixpath.splitext(page)
        directory, name = posixpath.split(stem)
        if name in ("index", "README"):
            return f"{directory}/" if directory else ""
        if self.use_directory_urls:
            return f"{stem}/"
        return f"{stem}.html"

    def absolute_url(self, site_relative_url: str) -> str:
        return self.site_url.rstrip("/") + "/" + site_relative_url.lstrip("/")


@dataclass(frozen=True)
class RenderedPage:
    """One page after the generator's templating ran, as the build renders it."""

    page: str  # path under docs/, e.g. "refunds.md"
    source: str  # the file as the writer wrote it, front matter included
    body_line: int  # the file's line on which the body (after front matter) starts
    markdown: str | None  # None when the page does not render
    title: str  # as the navigation shows it
    problem: Diagnostic | None = None  # why it does not render
    meta: Mapping[str, Any] = field(default_factory=dict)  # front matter, rendered

    def file_line(self, rendered_line: int) -> int:
        """The line of the file a line of the rendered body comes from (the same number
        when Jinja added no lines before it, as in every page here)."""
        return rendered_line + self.body_line - 1


@dataclass(frozen=True)
class BuildOptions:
    as_of: dt.date | None = None  # None: today
    preview: bool = False  # a preview server: show problems as a page instead of stopping
    quiet: bool = False
    tolerant: bool = False  # build despite guardrail findings (the impact preview lists them)


@dataclass(frozen=True)
class BuildOutcome:
    status: int  # the generator's exit status: 0 when the site was built
    log: str = ""  # what it printed, when the build was quiet (captured)


class SiteGenerator(Protocol):
    """What the core needs from a site generator. `macros/` implements it for MkDocs."""

    # The generator's own inputs, relative to the project root: its configuration, the
    # pages, its templates and its adapter code.
    site_inputs: tuple[str, ...]

    def read_site(self, project: Project) -> SiteConfig: ...

    def render_pages(self, project: Project, source: PolicySource, day: dt.date) -> list[RenderedPage]: ...

    def build(self, project: Project, site_dir: Path, options: BuildOptions) -> BuildOutcome: ...

    def serve(self, project: Project, address: str, options: BuildOptions) -> int: ...
