"""The few facts of the MkDocs configuration the guardrails need: where the pages are,
their URLs, the navigation order and the redirects.

`python -m macros check` reads them from mkdocs.yml without importing MkDocs (which
would cost most of the check's time budget); the build hands over MkDocs' own parsed
configuration. Both end up as the same `SiteConfig`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REDIRECTS_PLUGIN = "redirects"


@dataclass(frozen=True)
class SiteConfig:
    config_file: Path
    docs_dir: Path
    site_url: str
    use_directory_urls: bool
    nav_pages: tuple[str, ...]  # Markdown paths under docs/, in navigation order
    redirects: Mapping[str, str]  # mkdocs-redirects' redirect_maps: old .md -> target
    template_dirs: tuple[Path, ...]  # theme overrides (`custom_dir`), if any

    @property
    def project_dir(self) -> Path:
        return self.config_file.parent

    def page_url(self, page: str) -> str:
        """The site-relative URL MkDocs gives the page `page` (a path under docs/)."""
        stem, _ = posixpath.splitext(page)
        directory, name = posixpath.split(stem)
        if name in ("index", "README"):
            return f"{directory}/" if directory else ""
        if self.use_directory_urls:
            return f"{stem}/"
        return f"{stem}.html"

    def absolute_url(self, site_relative_url: str) -> str:
        return self.site_url.rstrip("/") + "/" + site_relative_url.lstrip("/")


# libyaml's parser when PyYAML has it: a nav of 1,000 pages parses several times faster.
class _TolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads mkdocs.yml while ignoring MkDocs' own tags (`!ENV`, `!!python/name:`)."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_config(config_file: Path) -> SiteConfig:
    """The configuration in `config_file` (mkdocs.yml), with MkDocs' defaults."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    project = config_file.parent
    theme = data.get("theme")
    theme = theme if isinstance(theme, dict) else {}
    custom_dir = theme.get("custom_dir")
    return SiteConfig(
        config_file=config_file,
        docs_dir=project / data.get("docs_dir", "docs"),
        site_url=data.get("site_url") or "",
        use_directory_urls=data.get("use_directory_urls", True),
        nav_pages=tuple(_nav_pages(data.get("nav") or [])),
        redirects=_redirect_maps(data.get("plugins") or []),
        template_dirs=(project / custom_dir,) if custom_dir else (),
    )


def site_config_from_mkdocs(conf: Mapping[str, Any]) -> SiteConfig:
    """The same facts from MkDocs' parsed configuration (inside a build)."""
    plugin = conf["plugins"].get(REDIRECTS_PLUGIN)
    custom_dir = conf["theme"].custom_dir if conf.get("theme") is not None else None
    return SiteConfig(
        config_file=Path(conf["config_file_path"]),
        docs_dir=Path(conf["docs_dir"]),
        site_url=conf.get("site_url") or "",
        use_directory_urls=bool(conf.get("use_directory_urls")),
        nav_pages=tuple(_nav_pages(conf.get("nav") or [])),
        redirects=dict(plugin.config.get("redirect_maps", {})) if plugin else {},
        template_dirs=(Path(custom_dir),) if custom_dir else (),
    )


def _nav_pages(nav: Iterable[Any]) -> Iterable[str]:
    for item in nav:
        if isinstance(item, str):
            if item.endswith(".md"):
                yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from _nav_pages([value] if isinstance(value, str) else value or [])


def _redirect_maps(plugins: Any) -> dict[str, str]:
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins)
    )
    for name, options in entries:
        if name == REDIRECTS_PLUGIN and isinstance(options, dict):
            return {str(old): str(new) for old, new in (options.get("redirect_maps") or {}).items()}
    return {}
