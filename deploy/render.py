"""Write a runnable nginx runtime folder: the configuration of `deploy/nginx/` with its
@NAME@ fields filled in, plus redirects.conf generated from the site's redirects."""

from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from helpcenter.project import Project
from macros.generator import MkDocsGenerator

from .redirects import nginx_redirects

TEMPLATES = Path(__file__).resolve().parent / "nginx"
SNIPPETS = ("headers.conf", "mime.types")
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
_FIELD = re.compile(r"@[A-Z_]+@")


@dataclass(frozen=True)
class SiteSettings:
    """What nginx needs from mkdocs.yml."""

    redirect_maps: dict[str, str]
    use_directory_urls: bool = True


def read_site_settings(project_root: Path) -> SiteSettings:
    """The redirects and URL style, as the site generator reads its own configuration
    (only the adapter reads mkdocs.yml)."""
    site = MkDocsGenerator().read_site(Project(project_root))
    return SiteSettings(dict(site.redirects), site.use_directory_urls)


def render_runtime(runtime: Path, site_root: Path, port: int, settings: SiteSettings, *,
                   host: str = "127.0.0.1", logs_to_terminal: bool = False, csp: bool = True) -> Path:
    """Fill `runtime` with everything nginx reads and writes; returns the nginx.conf path.

    `logs_to_terminal`: errors to stderr and requests to stdout (a foreground preview);
    otherwise both go to files in `runtime`, for a caller to show when nginx fails.
    `csp=False` leaves out the Content-Security-Policy header and nothing else: only for
    the benchmark's stock Material, whose inline scripts that policy refuses.
    """
    root = site_root.resolve()
    if any(char in str(root) for char in '"\\$\n'):
        raise ValueError(f"the site folder {root} has a character nginx would misread (\" \\ $)")
    runtime.mkdir(parents=True, exist_ok=True)
    for folder in TEMP_FOLDERS:
        (runtime / "temp" / folder).mkdir(parents=True, exist_ok=True)
    for name in SNIPPETS:
        shutil.copyfile(TEMPLATES / name, runtime / name)
    if not csp:
        headers = (TEMPLATES / "headers.conf").read_text(encoding="utf-8").splitlines(keepends=True)
        (runtime / "headers.conf").write_text("".join(
            line for line in headers if not line.startswith("add_header Content-Security-Policy")),
            encoding="utf-8")
    (runtime / "redirects.conf").write_text(
        nginx_redirects(settings.redirect_maps, settings.use_directory_urls), encoding="utf-8")
    fields = {
        "@USER@": _user_directive(),
        "@ERROR_LOG@": "stderr" if logs_to_terminal else "error.log",
        "@ACCESS_LOG@": "/dev/stdout" if logs_to_terminal else "off",
        "@LISTEN@": f"{host}:{port}",
        "@SITE_ROOT@": str(root),
    }
    text = (TEMPLATES / "nginx.conf").read_text(encoding="utf-8")
    for field, value in fields.items():
        text = text.replace(field, value)
    if leftover := _FIELD.findall(text):
        raise ValueError(f"deploy/nginx/nginx.conf has fields nobody fills in: {leftover}")
    config = runtime / "nginx.conf"
    config.write_text(text, encoding="utf-8")
    return config


def _user_directive() -> str:
    """Started as root, nginx runs its workers as `nobody`, who cannot read a site in a
    private (0700) folder such as a test's temp dir: keep them as the starting user.
    Without root the directive is not needed (nginx would only warn about it)."""
    if os.geteuid() != 0:
        return "# (not started as root: workers run as the starting user)"
    user = pwd.getpwuid(os.geteuid()).pw_name
    group = grp.getgrgid(os.getegid()).gr_name
    return f"user {user} {group};  # started as root here; see deploy/render.py"
