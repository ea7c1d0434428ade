"""The facts of MkDocs' configuration the core needs, as a `SiteConfig`, and what makes
a configuration unsafe to hand to MkDocs at all."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from helpcenter.datafiles.text import read_text
from helpcenter.datafiles.yaml_reader import expansion_problems
from helpcenter.diagnostics import Diagnostic, Refused, rule
from helpcenter.project import Project
from helpcenter.publishing.site_swap import checked_site_dir
from helpcenter.site import SiteConfig, checked_site_url

REDIRECTS_PLUGIN = "redirects"
CONFIG_UNREADABLE = rule("site-config-unreadable", "mkdocs.yml cannot be read or is not valid",
                         unreadable=True)
# The generator's own inputs, relative to the project: a build must never write there.
SITE_INPUTS = ("mkdocs.yml", "docs", "overrides", "macros")
_INHERIT = re.compile(r"^INHERIT:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(#.*)?$", re.MULTILINE)
_MAX_INHERITED = 5


class UnreadableInput(Abort):
    """Stops `mkdocs build` with exit status 2, as `python -m macros` does when an input
    cannot be read (MkDocs' own errors exit 1, which means findings to us)."""

    code = 2
    exit_code = 2


def prescan_config(config_file: Path) -> None:
    """Refuse a mkdocs.yml (and the files it INHERITs) that MkDocs' YAML loader would
    choke on or run: alias bombs, runaway nesting, `!!python/object` tags, duplicate
    keys, links out of the project. Raises Refused (unreadable)."""
    root = config_file.absolute().parent
    for _ in range(_MAX_INHERITED):
        display = Project(root).display(config_file.absolute())
        text = read_text(config_file, display, root)
        problems = expansion_problems(text, display)
        if problems:
            raise Refused([_as_unreadable(problem) for problem in problems])
        inherited = _INHERIT.search(text)
        if inherited is None:
            return
        config_file = config_file.absolute().parent / inherited.group(1).strip()
    raise unreadable(config_file, f"INHERIT followed more than {_MAX_INHERITED} times")


def checked_output(conf: Any) -> None:
    """A build writes into conf["site_dir"] after MkDocs empties it: refuse the project,
    its sources, a symbolic link or a folder no build wrote (`mkdocs build -d ~` would
    empty a home folder). Raises Refused (unreadable)."""
    root = Path(conf["config_file_path"]).absolute().parent
    checked_site_dir(root, Path(conf["site_dir"]), (*Project(root).data_inputs, *SITE_INPUTS, ".git"))


def site_config(conf: Any) -> SiteConfig:
    """The facts from MkDocs' parsed configuration."""
    config_file = Path(conf["config_file_path"])
    plugin = conf["plugins"].get(REDIRECTS_PLUGIN)
    redirects = {str(k): str(v) for k, v in (plugin.config.get("redirect_maps") or {}).items()} if plugin else {}
    custom_dir = conf["theme"].custom_dir if conf.get("theme") is not None else None
    problem = checked_site_url(conf.get("site_url") or "")
    if problem is not None:
        raise Refused([problem])
    return SiteConfig(
        config_file=config_file,
        docs_dir=Path(conf["docs_dir"]),
        site_url=conf.get("site_url") or "",
        use_directory_urls=bool(conf.get("use_directory_urls")),
        nav_pages=tuple(_nav_pages(conf.get("nav") or [])),
        redirects=redirects,
        redirect_lines=_redirect_lines(config_file, redirects),
        template_dirs=(Path(custom_dir),) if custom_dir else (),
    )


def unreadable(config_file: Path, message: str) -> Refused:
    # MkDocs' messages span lines and name the file by its absolute path: one line here.
    text = " ".join(message.replace(str(config_file.absolute()), config_file.name).split())
    return Refused([Diagnostic(config_file.name, 0, CONFIG_UNREADABLE, "", text,
                               "a valid MkDocs configuration")])


def _as_unreadable(problem: Diagnostic) -> Diagnostic:
    return Diagnostic(problem.file, problem.line, CONFIG_UNREADABLE, problem.subject, problem.found,
                      problem.allowed, problem.fix)


def _nav_pages(nav: Any) -> list[str]:
    pages: list[str] = []
    for item in nav:
        if isinstance(item, str):
            if item.endswith(".md"):
                pages.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                pages += _nav_pages([value] if isinstance(value, str) else value or [])
    return pages


def _redirect_lines(config_file: Path, redirects: dict[str, str]) -> dict[str, int]:
    try:
        lines = config_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for old in redirects:
        pattern = re.compile(rf"^\s*['\"]?{re.escape(old)}['\"]?\s*:")
        found[old] = next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), 0)
    return found
