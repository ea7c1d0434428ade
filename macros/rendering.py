"""The one way a page is rendered, in the build and in `check`: mkdocs-macros' own
Jinja environment and variables (its `config`, `page`, filters and all, plus our
vocabulary), with escaping switched on.

mkdocs-macros is told not to render pages itself (`render_by_default: false` in
mkdocs.yml); `on_pre_page_macros` calls `render_page` instead, so a page that fails
becomes one diagnostic naming its file and real line rather than a traceback.
"""

from __future__ import annotations

import difflib
import html
import re
import traceback
from copy import copy
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, UndefinedError
from markupsafe import escape

from helpcenter.content.escaping import as_page_text
from helpcenter.content.vocabulary import VocabularyError
from helpcenter.diagnostics import Diagnostic, rule
from helpcenter.site import RenderedPage

RENDER_RULE = rule("page-does-not-render", "a page's macros fail: an unknown name, a bad value, broken Jinja")

_UNDEFINED_NAME = re.compile(r"^'([^']+)' is undefined$")
_MISSING_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'$")


def prepare_environment(plugin: Any) -> None:
    """Escaping for every `{{ value }}`; mkdocs-macros creates its Jinja environment at
    the end of its on_config, after our define_env, so this runs before each render."""
    plugin.env.autoescape = True
    plugin.env.finalize = as_page_text
    # Jinja's optimizer folds constants at compile time; pages have almost none to fold,
    # and compiling every page is most of what a build spends on us: 15% less without it.
    plugin.env.optimized = False


def render_page(plugin: Any, page: Any, label: str, vocabulary: dict[str, Any]) -> RenderedPage:
    """Render `page` (a MkDocs Page whose source was read) with the plugin's environment,
    its variables and `vocabulary` (the writers' names for this page and day). The page
    itself is left as it is: `apply` puts a rendering's title and front matter on it."""
    prepare_environment(plugin)
    raw = page.file.content_string
    body = page.markdown or ""
    body_line = raw[: len(raw) - len(body)].count("\n") + 1 if raw.endswith(body) else 1
    plugin._page = page  # what mkdocs-macros' own on_page_markdown sets for `page` and filters
    plugin.variables["page"] = copy(page)
    variables = {**plugin.variables, **vocabulary, **page.meta}
    title = str(page.title or "")
    meta = dict(page.meta)
    try:
        if page.meta.get("render_macros") is False:
            return RenderedPage(page.file.src_uri, raw, body_line, body, title, meta=meta)
        markdown = plugin.env.from_string(body).render(**variables)
        for key in ("title", "description"):
            value = meta.get(key)
            if isinstance(value, str) and plugin.has_j2(value):
                meta[key] = plugin.env.from_string(value).render(**variables)
        if plugin.has_j2(title):
            title = plugin.env.from_string(title).render(**variables)
    except Exception as error:  # noqa: BLE001 (any failure of a page's macros is the writer's to fix)
        known = {**plugin.env.globals, **variables}  # macros live in the globals
        return RenderedPage(page.file.src_uri, raw, body_line, None, title,
                            _problem(error, label, raw, body_line, known), meta=meta)
    if isinstance(meta.get("description"), str):
        # Themes print the description into an attribute as it is: text, escaped once.
        meta["description"] = str(escape(html.unescape(str(meta["description"]))))
    return RenderedPage(page.file.src_uri, raw, body_line, markdown, title, meta=meta)


def apply(page: Any, rendered: RenderedPage) -> None:
    """Give the MkDocs page the title and front matter its rendering produced."""
    if rendered.title:
        page.title = rendered.title
    page.meta.update(rendered.meta)


def _problem(error: Exception, label: str, raw: str, body_line: int,
             variables: dict[str, Any]) -> Diagnostic:
    line = _template_line(error)
    file_line = line + body_line - 1 if line else 0
    source_line = raw.splitlines()[file_line - 1] if 0 < file_line <= len(raw.splitlines()) else ""
    found, allowed, fix = _explain(error, source_line, variables)
    return Diagnostic(label, file_line, RENDER_RULE, _expression(source_line), found, allowed, fix)


def _template_line(error: Exception) -> int:
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return int(error.lineno)
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
             if frame.filename == "<template>" and frame.lineno]
    return lines[-1] if lines else 0


def _expression(source_line: str) -> str:
    found = re.search(r"\{\{.*?\}\}|\{%.*?%\}", source_line)
    return found.group(0) if found else ""


def _explain(error: Exception, source_line: str, variables: dict[str, Any]) -> tuple[str, str, str]:
    message = str(getattr(error, "message", None) or error)
    allowed = "the names pages know (README, For writers), called with values they accept"
    if isinstance(error, UndefinedError):
        undefined = _UNDEFINED_NAME.match(message)
        if undefined:
            name = undefined.group(1)
            return (f"`{name}`, a name pages do not know", allowed,
                    _did_you_mean(name, [k for k in variables if not k.startswith("_")]))
        attribute = _MISSING_ATTRIBUTE.search(message)
        if attribute:
            return _missing_attribute(attribute.group(1), source_line, variables, allowed)
    if isinstance(error, VocabularyError):
        return f"a value the macro does not accept: {message}", "the values the macro lists", ""
    if isinstance(error, TemplateSyntaxError):
        return f"Jinja that does not parse ({error.message})", "well-formed {{ }} and {% %}", ""
    return f"a macro that fails: {type(error).__name__}: {message}", allowed, ""


def _missing_attribute(name: str, source_line: str, variables: dict[str, Any],
                       allowed: str) -> tuple[str, str, str]:
    path = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(name)}\b", source_line)
    if path is None:
        return f"`{name}`, which is not there", allowed, ""
    owner: Any = variables.get(path.group(1).split(".")[0])
    for part in path.group(1).split(".")[1:]:
        owner = getattr(owner, part, None)
    fields = list(getattr(owner, "__dataclass_fields__", {}))
    return (f"`{path.group(1)}.{name}`, which is not a value of `{path.group(1)}`", allowed,
            _did_you_mean(f"{path.group(1)}.{name}", [f"{path.group(1)}.{f}" for f in fields]))


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?" if close else ""


def page_label(docs_dir: Path, project_root: Path, src_uri: str) -> str:
    try:
        return (docs_dir / src_uri).relative_to(project_root).as_posix()
    except ValueError:
        return f"{docs_dir.name}/{src_uri}"
