"""Tiny help centers for tests that need a site, not this one: the real policy and app
settings (data the schema and the app check insist on), the adapter, a plain MkDocs
theme and only the pages a test writes. They build in about a second."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import yaml

from helpers import REPO

MKDOCS_YML = """\
site_name: Tiny help center
site_url: http://127.0.0.1:8000/
site_description: A help center of a few pages.
strict: true
theme:
  name: mkdocs
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
markdown_extensions:
  - attr_list
plugins:
  - search
  - macros:
      module_name: macros
      on_undefined: strict
      render_by_default: false
"""


def tiny_site(folder: Path, pages: dict[str, str], published: list[str] | None = None,
              nav: list[dict[str, str]] | None = None) -> Path:
    """A project in `folder` whose docs are `pages` (path -> Markdown, dedented) and
    whose support links are `published` (default: the first page)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("policy.yml", "policy.schema.json"):
        shutil.copy2(REPO / name, folder / name)
    for name in ("app", "links", "macros"):
        shutil.copytree(REPO / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = MKDOCS_YML + (yaml.safe_dump({"nav": nav}) if nav else "")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    for path, text in pages.items():
        page = folder / "docs" / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    links = ["/"] if published is None else published
    (folder / "links" / "published.yml").write_text(
        yaml.safe_dump({"published": links}), encoding="utf-8")
    return folder
