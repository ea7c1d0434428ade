"""Write a synthetic help center of N articles as twin MkDocs projects.

- `ours`: a copy of the project (everything a build reads: the data `Project.data_inputs` names, the
  generator's `site_inputs`)
  whose docs hold the real pages plus numbered copies, Jinja and all (each copy ends
  with an HTML comment naming it, so that no two pages have the same source), and whose
  `mkdocs.yml` is the real one with the grouped navigation of `help_center`.
- `plain`: the same Markdown with every macro already rendered (by the project's own
  wiring, see `plain_twin`), and the real `mkdocs.yml` without the project's own plugins
  and hooks (`mkdocs_config.stock_only`): plain Material plus its search. The values the
  macros module sets in the config (the site name) are written in as text.
- `stock` (optional): the plain twin without our CSS, JavaScript and template overrides
  (`theme.custom_dir`), the stock Material page that page weight is measured against.

Every other setting (theme, features, Markdown extensions, validation, strictness) is
the real site's, so the twins scale the way the real site would.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpcenter.project import Project, copy_inputs
from macros.generator import MkDocsGenerator

from .help_center import SINGLE_PAGES, Article, NavPage, grouped_nav, nav_pages, plan_articles
from .mkdocs_config import plugin_options, read_config, stock_only, write_config
from .plain_twin import render_project


@dataclass(frozen=True)
class Twins:
    articles: int
    ours: Path
    plain: Path
    stock: Path | None
    removed_from_plain: list[str] = field(default_factory=list)
    page_types: dict[str, str] = field(default_factory=dict)  # docs path -> page type


def write_twins(project: Path, destination: Path, article_count: int,
                with_stock: bool = False) -> Twins:
    """Write the twin projects of an `article_count`-article help center under `destination`."""
    shutil.rmtree(destination, ignore_errors=True)
    config = read_config(project / "mkdocs.yml")
    docs_dir = config.get("docs_dir", "docs")
    pages = nav_pages(config.get("nav") or [])
    home = next((page for page in pages if page.path == "index.md"), NavPage("index.md", None))
    # Never fewer than the real articles: they link to each other.
    singles = tuple(page for page in pages if page.path in SINGLE_PAGES)
    real_articles = [page for page in pages if page != home and page not in singles]
    articles = plan_articles(real_articles, max(article_count, len(real_articles)))

    inputs = (*Project(project).data_inputs, *MkDocsGenerator.site_inputs)
    ours = copy_inputs(project, inputs, destination / "ours")
    for article in articles:
        if article.is_copy:
            text = (ours / docs_dir / article.source.path).read_text(encoding="utf-8")
            # A line of its own makes every copy's source unique, as real articles are,
            # so no cache keyed on page text can make copies cheaper than articles.
            # One page states each policy (and gets its version pages): not its copies.
            text = re.sub(r"^policy_page: .*\n", "", text, count=1, flags=re.MULTILINE)
            (ours / docs_dir / article.path).write_text(
                f"{text.rstrip()}\n\n<!-- {article.path}: bench copy of {article.source.path} -->\n",
                encoding="utf-8")
    write_config({**config, "nav": grouped_nav(home, articles, singles=singles)},
                 ours / "mkdocs.yml")

    plain, removed = _write_plain(ours, destination / "plain", config, home, articles, singles)
    stock = _write_stock(plain, destination / "stock") if with_stock else None
    page_types = {home.path: "home", **{a.path: a.source.path.removesuffix(".md")
                                        for a in articles},
                  **{page.path: page.path.removesuffix(".md") for page in singles}}
    return Twins(len(articles), ours, plain, stock, removed, page_types)


def _write_plain(ours: Path, destination: Path, config: dict[str, Any], home: NavPage,
                 articles: list[Article], singles: tuple[NavPage, ...]) -> tuple[Path, list[str]]:
    shutil.copytree(ours, destination)
    options = plugin_options(config, "macros")
    plain_config, removed = stock_only(config)
    if options is None:  # no macros at all: the twins are the same site
        write_config({**plain_config, "nav": grouped_nav(home, articles, singles=singles)},
                     destination / "mkdocs.yml")
        return destination, removed
    rendered, changed = render_project(destination)
    docs = destination / config.get("docs_dir", "docs")
    generated = [src_path for src_path in rendered if not (docs / src_path).exists()]
    for src_path, page in rendered.items():
        (docs / src_path).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_path).write_text(page.as_file_text(), encoding="utf-8")
    # Pages our build generates (a policy's versions) are files here, out of the nav, as
    # are the pages mkdocs.yml itself keeps out of it.
    out_of_nav = [line for line in str(plain_config.get("not_in_nav") or "").splitlines() if line.strip()]
    plain_config = {**plain_config, "not_in_nav": "\n".join(out_of_nav + [f"/{path}" for path in generated])}

    def rendered_title(article: Article) -> str | None:
        return rendered[article.path].title if article.source.title is not None else None

    def with_rendered_title(page: NavPage) -> NavPage:
        return NavPage(page.path, rendered[page.path].title if page.title else None)

    nav = grouped_nav(with_rendered_title(home), articles, rendered_title,
                      tuple(map(with_rendered_title, singles)))
    write_config({**plain_config, **changed, "nav": nav}, destination / "mkdocs.yml")
    return destination, removed


def _write_stock(plain: Path, destination: Path) -> Path:
    shutil.copytree(plain, destination)
    config = read_config(destination / "mkdocs.yml")
    for key in ("extra_css", "extra_javascript"):
        config.pop(key, None)
    if isinstance(config.get("theme"), dict):
        config["theme"] = {key: value for key, value in config["theme"].items()
                           if key != "custom_dir"}  # our template overrides
    write_config(config, destination / "mkdocs.yml")
    return destination
