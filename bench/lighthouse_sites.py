"""The two sites Lighthouse compares: ours, and stock Material with the same pages.

Both come from `bench.twins.write_twins` at the real size (no copied articles): `ours`
is the project itself, `stock` is the plain twin (every macro rendered by the project's
own wiring, `bench.plain_twin`) without our plugins, CSS, JavaScript and template
overrides, i.e. Material as shipped with the same Markdown. Both then get the real
navigation back (the twins group theirs into categories for the size benchmark), so
each page is the page readers get.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deploy.redirects import page_url
from helpcenter.publishing.precompress import precompress_site

from .help_center import nav_pages
from .measure import measure
from .mkdocs_config import read_config, write_config
from .plain_twin import render_project
from .twins import write_twins

BUILD_TIMEOUT_S = 240.0


@dataclass(frozen=True)
class ComparedSites:
    ours: Path     # project folders; each builds into its site/
    stock: Path
    pages: list[str]  # URL paths of the nav's pages, "" for the home page


def write_sites(project: Path, destination: Path) -> ComparedSites:
    twins = write_twins(project, destination, article_count=1, with_stock=True)
    assert twins.stock is not None
    config = read_config(project / "mkdocs.yml")
    nav = config.get("nav") or []
    _set_nav(twins.ours, nav)
    rendered, _ = render_project(twins.ours)  # nav titles hold Jinja, and stock has no macros
    _set_nav(twins.stock, _rendered_nav(nav, {path: page.title for path, page in rendered.items()}))
    shutil.rmtree(twins.plain)
    pages = [page_url(page.path, config.get("use_directory_urls", True)).lstrip("/")
             for page in nav_pages(nav)]
    return ComparedSites(twins.ours, twins.stock, pages)


def build_site(project: Path, base_url: str) -> Path:
    """A strict build as `make build` does it, for the address it will be served at
    (canonical links, sitemap), plus the .gz files nginx serves."""
    shutil.rmtree(project / "site", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "HELP_CENTER_URL": base_url}
    measure([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet",
             "--site-dir", "site"], project, BUILD_TIMEOUT_S, env)
    precompress_site(project / "site")
    return project / "site"


def _set_nav(project: Path, nav: list[Any]) -> None:
    config = read_config(project / "mkdocs.yml")
    write_config({**config, "nav": nav}, project / "mkdocs.yml")


def _rendered_nav(nav: list[Any], titles: dict[str, str]) -> list[Any]:
    """The nav with each page's title as our build renders it (by the page's path)."""
    rendered: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            title, target = next(iter(item.items()))
            if isinstance(target, list):
                rendered.append({title: _rendered_nav(target, titles)})
            else:
                rendered.append({titles.get(target) or title: target})
        else:
            rendered.append(item)
    return rendered
