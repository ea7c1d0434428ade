"""The facts of MkDocs' configuration the core needs, as a `SiteConfig`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from helpcenter.diagnostics import Diagnostic, Refused, rule
from helpcenter.site import SiteConfig, checked_site_url

REDIRECTS_PLUGIN = "redirects"
CONFIG_UNREADABLE = rule("site-config-unreadable", "mkdocs.yml cannot be read or is not valid",
                         unreadable=True)


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
    return Refused([Diagnostic(config_file.name, 0, CONFIG_UNREADABLE, "", message.strip(),
                               "a valid MkDocs configuration")])


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
