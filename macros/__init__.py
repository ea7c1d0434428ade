"""mkdocs-macros wiring, kept thin: load the policy once, hand pages the writer's
vocabulary from `page_context`, and switch on escaping. All policy logic lives in plain
modules beside this one, so a move to another site generator rewires only this file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import escape

from .errors import PolicyError
from .findings import report
from .guardrails import run_guardrails, section_context
from .link_directory import MACRO_NAME, directory_markup, link_directory, write_links_json
from .page_context import site_name, writer_context
from .policy import load_policy
from .publish import publish_policy_files
from .redirect_stubs import make_redirect_pages_csp_safe
from .safe_text import as_page_text
from .site_config import site_config_from_mkdocs
from .site_sections import read_articles


def define_env(env: Any) -> None:
    from mkdocs.exceptions import PluginError

    try:
        policy = load_policy(Path(env.project_dir) / "policy.yml")
    except PolicyError as error:
        # PluginError makes MkDocs stop with this message and no traceback.
        raise PluginError(f"policy.yml was refused, nothing was built.\n{error}") from None
    for name, value in writer_context(policy).items():
        if callable(value):
            env.macro(value, name)
        else:
            env.variables[name] = value
    # Material prints site_name into HTML unescaped.
    env.conf["site_name"] = str(escape(site_name(policy)))
    _guard(env, policy)


def _guard(env: Any, policy: Any) -> None:
    """The same guardrails as `make check`: any finding stops the build."""
    from mkdocs.exceptions import PluginError

    site = site_config_from_mkdocs(env.conf)
    result = run_guardrails(policy, site, Path(env.project_dir) / "policy.yml")
    if result.findings or result.unreadable:
        problems = [*result.unreadable, report(result.findings) if result.findings else ""]
        raise PluginError("The help center disagrees with itself; nothing was built.\n"
                          + "\n".join(p for p in problems if p))
    directory = link_directory(result.articles, site)
    env.macro(lambda: directory_markup(directory, env.page.url), MACRO_NAME)


def on_pre_page_macros(env: Any) -> None:
    # The Jinja environment only exists once pages render, so escaping is switched on here.
    env.env.autoescape = True
    env.env.finalize = as_page_text


def on_post_page_macros(env: Any) -> None:
    # MkDocs does not render Jinja in front matter; Material prints the description as is.
    description = env.page.meta.get("description")
    if description and env.has_j2(description):
        env.page.meta["description"] = str(env.render(description, force_rendering=True))


def on_post_build(env: Any) -> None:
    # policy.json, its schema and the changes feed, written beside the built pages.
    publish_policy_files(env.variables["policy"], env.conf)
    # links.json: every article and section with its canonical URL, for support's tools.
    site = site_config_from_mkdocs(env.conf)
    articles, _ = read_articles(site.docs_dir, section_context(env.variables["policy"]))
    write_links_json(link_directory(articles, site), Path(env.conf["site_dir"]))
    make_redirect_pages_csp_safe(Path(env.conf["site_dir"]))
