"""mkdocs-macros wiring, kept thin: prepare the build once (macros/build_plan.py), hand
pages the writers' vocabulary, switch on escaping, and write the extra files after the
build. All policy logic lives in plain modules beside this one, so a move to another
site generator rewires only this file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .build_plan import BuildRefused, prepare_build, write_published_files, writer_vocabulary
from .errors import PolicyError
from .safe_text import as_page_text
from .site_config import site_config_from_mkdocs
from .template_cache import CACHE_DIR, remember_compiled_templates


def define_env(env: Any) -> None:
    from mkdocs.exceptions import PluginError

    try:
        plan = prepare_build(Path(env.project_dir) / "policy.yml", site_config_from_mkdocs(env.conf))
    except PolicyError as error:
        # PluginError makes MkDocs stop with this message and no traceback.
        raise PluginError(f"policy.yml was refused, nothing was built.\n{error}") from None
    except BuildRefused as error:
        raise PluginError(str(error)) from None
    env.help_center_plan = plan
    for name, value in writer_vocabulary(plan, lambda: env.page.url).items():
        if callable(value):
            env.macro(value, name)
        else:
            env.variables[name] = value
    env.conf["site_name"] = plan.site_name_html


def on_pre_page_macros(env: Any) -> None:
    # The Jinja environment only exists once pages render, so escaping is switched on here.
    env.env.autoescape = True
    env.env.finalize = as_page_text
    # Compiling each page's Jinja is the policy layer's main per-page cost: keep the code.
    remember_compiled_templates(env.env, Path(env.project_dir) / CACHE_DIR / "templates")


def on_post_page_macros(env: Any) -> None:
    # MkDocs does not render Jinja in front matter; Material prints the description as is.
    description = env.page.meta.get("description")
    if description and env.has_j2(description):
        env.page.meta["description"] = str(env.render(description, force_rendering=True))


def on_post_build(env: Any) -> None:
    write_published_files(env.help_center_plan, Path(env.conf["site_dir"]))
