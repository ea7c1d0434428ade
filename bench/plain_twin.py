"""Render pages the way our site does, to write the plain twin's Markdown.

The plain twin must state exactly what our site states, with every `{{ ... }}` already
replaced by its text. Rather than copy our rendering rules, this asks the MkDocs
adapter for every page rendered exactly as a build renders it (`macros.generator`,
the same call `python -m macros check` makes): mkdocs-macros' own environment, our
vocabulary and escaping. The Link directory, which a build fills in once every page is
rendered, is filled in here from the same pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from helpcenter.content.vocabulary import LINK_DIRECTORY_SLOT, site_name
from helpcenter.guardrails.runner import check_pages
from helpcenter.policy import timeline
from helpcenter.policy.loading import read_policy
from helpcenter.project import Project
from helpcenter.publishing.link_directory import directory_markup, link_directory
from macros.generator import MkDocsGenerator


@dataclass(frozen=True)
class PlainPage:
    markdown: str
    title: str
    meta: Mapping[str, Any]

    def as_file_text(self) -> str:
        meta = {key: str(value) if isinstance(value, str) else value
                for key, value in self.meta.items() if key in ("title", "description", "search")}
        if not meta:
            return self.markdown
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
        return f"---\n{front}---\n\n{self.markdown}"


def render_project(project_dir: Path) -> tuple[dict[str, PlainPage], dict[str, str]]:
    """Every page of the project rendered, by docs path; and the settings the build
    writes into the configuration (the site name), as text."""
    project = Project(project_dir)
    generator = MkDocsGenerator()
    source = read_policy(project)
    site = generator.read_site(project)
    rendered = generator.render_pages(project, source, timeline.today(source.policy))
    failed = [page.problem for page in rendered if page.problem is not None]
    if failed:  # a bench that rots must say where
        raise RuntimeError(f"cannot render for the plain twin: {failed[0]}")
    directory = link_directory(check_pages(project, site, rendered).articles, site)
    pages = {}
    for page in rendered:
        markdown = str(page.markdown)
        if LINK_DIRECTORY_SLOT in markdown:
            markdown = markdown.replace(LINK_DIRECTORY_SLOT,
                                        directory_markup(directory, site.page_url(page.page)))
        pages[page.page] = PlainPage(markdown, page.title, page.meta)
    return pages, {"site_name": site_name(source)}
