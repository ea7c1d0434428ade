"""The one renderer of our HTML snippets (links, widgets): Jinja templates in
`templates/`, with every value escaped by `escaping.as_page_text`.

It is our own Jinja environment, not the site generator's, so the same templates
render under any generator. Snippets land inside Markdown pages, so a value is escaped
for both HTML and Markdown, even in attributes (the browser decodes the references).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .escaping import as_page_text

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        finalize=as_page_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template_name: str, **values: Any) -> Markup:
    """Render `templates/<template_name>` as one line, so Markdown treats it as inline
    HTML wherever a writer places it."""
    html = _environment().get_template(template_name).render(**values)
    return Markup(" ".join(line.strip() for line in html.splitlines() if line.strip()))


def render_markdown(template_name: str, **values: Any) -> Markup:
    """Render a template whose body is Markdown inside `<div markdown>` (md_in_html), so
    the site generator rewrites and checks its links like any page link. Lines are kept:
    Markdown needs them."""
    return Markup(_environment().get_template(template_name).render(**values).strip())
