"""Render pages the way our site does, to write the plain twin's Markdown.

The plain twin must state exactly what our site states, with every `{{ ... }}` already
replaced by its text. Rather than copy our rendering rules, this drives the project's own
mkdocs-macros module (`define_env`, `on_pre_page_macros`, `on_post_page_macros` in
`macros/__init__.py`) through `MacrosStandIn`, a small stand-in for the plugin object. So
the writer context is `macros.page_context.writer_context` over `macros.policy.load_policy`,
the escaping is `macros.safe_text.as_page_text`, and whatever the project wires in later
(new macros, widgets) reaches the twin without a change here.

The stand-in offers the part of the plugin's API the module uses (`conf`, `project_dir`,
`variables`, `macro`, `filter`, `env`, `page`, `markdown`, `render`, `has_j2`). `conf` is
MkDocs' own parsed configuration of the project (absolute `docs_dir`, loaded plugins,
theme), as in a build, and each page has its real URL. The Jinja environment is built
as mkdocs-macros 1.5 builds it: loader on the docs folder, the `on_undefined` behaviour
and `j2_*` options from the plugin's validated settings.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data
from mkdocs_macros.context import define_env as define_standard_env
from mkdocs_macros.plugin import UNDEFINED_BEHAVIOR


@dataclass
class SourceFile:
    src_path: str


@dataclass
class PageStandIn:
    """What our hooks read of a MkDocs page."""

    title: str | None
    meta: dict[str, Any]
    file: SourceFile
    url: str = ""
    markdown: str = ""


@dataclass
class RenderedPage:
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)

    def as_file_text(self) -> str:
        if not self.meta:
            return self.markdown
        front = yaml.safe_dump(_plain_data(self.meta), sort_keys=False, allow_unicode=True,
                               width=1000)
        return f"---\n{front}---\n\n{self.markdown}"


class MacrosStandIn:
    """Plays mkdocs-macros' plugin object for the project's macros module."""

    def __init__(self, project_dir: Path):
        config = load_config(config_file=str(project_dir / "mkdocs.yml"))
        options = dict(config["plugins"]["macros"].config)
        self.project_dir = str(project_dir)
        self.conf = config
        self.config = options
        extra = dict(config.get("extra") or {})
        self.variables: dict[str, Any] = {"extra": extra, "config": config}
        self.macros: dict[str, Callable[..., Any]] = {}
        self.filters: dict[str, Callable[..., Any]] = {}
        self.page: PageStandIn | None = None
        self.markdown = ""
        self.env = Environment(
            loader=FileSystemLoader(str(project_dir / options["include_dir"])
                                    if options.get("include_dir") else config["docs_dir"]),
            undefined=UNDEFINED_BEHAVIOR[options.get("on_undefined", "keep")],
            **{key[3:]: value for key, value in options.items()
               if key.startswith("j2_") and value},
        )
        # In the plugin's order: its own variables, macros and filters (`relative_url`,
        # `now`, `git`, ...), then `extra:` from mkdocs.yml, then the project's module.
        define_standard_env(self)
        self.variables.update(extra)
        self._module = _import_module(project_dir, options.get("module_name", "main"))
        before = _simple_settings(config)
        self._module.define_env(self)
        # What the module wrote into the configuration (the site name, ...), as text.
        self.changed_settings = {key: value for key, value in _simple_settings(config).items()
                                 if before.get(key) != value}
        self.env.globals.update(self.macros)
        self.env.filters.update(self.filters)

    # -- the plugin API our module uses -------------------------------------------------
    def macro(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.filters[name or function.__name__] = function
        return function

    def has_j2(self, text: str) -> bool:
        starts = (self.env.variable_start_string, self.env.block_start_string,
                  self.env.comment_start_string)
        return any(start in text for start in starts)

    def render(self, markdown: str, force_rendering: bool = False) -> str:
        meta = self.page.meta if self.page else {}
        if meta.get("render_macros") is False:
            return markdown
        template = self.env.from_string(markdown)
        return template.render(**{**self.variables, "page": self.page, **meta})

    # -- what the bench calls -----------------------------------------------------------
    def render_page(self, src_path: str, text: str, title: str | None = None) -> RenderedPage:
        """Render one page's source as mkdocs-macros' `on_page_markdown` would."""
        body, meta = get_data(text)
        url = File(src_path, self.conf["docs_dir"], self.conf["site_dir"],
                   self.conf["use_directory_urls"]).url
        self.page = PageStandIn(title=title, meta=dict(meta), file=SourceFile(src_path), url=url)
        self.markdown = body
        self._call_hook("on_pre_page_macros")
        try:
            self.markdown = self.render(self.markdown)
        except Exception as error:  # name the page: a bench that rots must say where
            raise RuntimeError(f"{src_path}: cannot render for the plain twin: "
                               f"{type(error).__name__}: {error}") from error
        self._call_hook("on_post_page_macros")
        return RenderedPage(self.markdown, self.page.meta)

    def render_title(self, title: str) -> str:
        """A nav title, as mkdocs-macros renders `page.title` when it holds Jinja."""
        self.page = PageStandIn(title=title, meta={}, file=SourceFile(""))
        return str(self.render(title)) if self.has_j2(title) else title

    def _call_hook(self, name: str) -> None:
        hook = getattr(self._module, name, None)
        if hook is not None:
            hook(self)


def _import_module(project_dir: Path, module_name: str) -> Any:
    """The project's macros module, imported from `project_dir` (a copy of the repo)."""
    sys.path.insert(0, str(project_dir))
    try:
        module = importlib.import_module(module_name)
    finally:
        sys.path.remove(str(project_dir))
    return module


def _simple_settings(config: Any) -> dict[str, Any]:
    return {key: value for key, value in config.items()
            if isinstance(value, (str, int, float, bool)) or value is None}


def _plain_data(value: Any) -> Any:
    """Markup and other str subclasses as plain str, so safe_dump accepts them."""
    if isinstance(value, dict):
        return {key: _plain_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_data(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value
