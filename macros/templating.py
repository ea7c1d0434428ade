"""Our own Jinja environment for markup snippets (links, widgets), independent of the
mkdocs-macros plugin so the same templates render under any site generator."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .safe_text import as_page_text

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    # For values a template places in Markdown (see `render_markdown`): HTML-escaped and
    # with Markdown punctuation neutralised, as page values are.
    environment.filters["markdown_text"] = as_page_text
    return environment


def render(template_name: str, **values: Any) -> Markup:
    """Render `templates/<template_name>` with every value HTML-escaped. The result is
    one line, so Markdown treats it as inline HTML wherever a writer places it."""
    try:
        return _render_once(template_name, tuple(sorted(values.items())))
    except TypeError:  # a list or dict among the values: not hashable, render afresh
        return _render(template_name, values)


@lru_cache(maxsize=1024)
def _render_once(template_name: str, values: tuple[tuple[str, Any], ...]) -> Markup:
    # Pages repeat the same snippet (a support link on every page): a template is a pure
    # function of its values, so each distinct call is rendered once per build.
    return _render(template_name, dict(values))


def _render(template_name: str, values: dict[str, Any]) -> Markup:
    html = _environment().get_template(template_name).render(**values)
    return Markup(" ".join(line.strip() for line in html.splitlines() if line.strip()))


def render_markdown(template_name: str, **values: Any) -> Markup:
    """Render a template whose body is Markdown inside `<div markdown>` (md_in_html), so
    MkDocs rewrites and checks its links like any page link. Lines are kept: Markdown
    needs them."""
    return Markup(_environment().get_template(template_name).render(**values).strip())
