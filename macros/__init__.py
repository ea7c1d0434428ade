"""The adapter between the help center's core (`helpcenter`) and MkDocs.

This folder is the only code that imports `mkdocs` or `mkdocs_macros`, reads
mkdocs.yml, starts a MkDocs build or touches what a MkDocs plugin wrote. mkdocs-macros
loads this module by name (`module_name: macros` in mkdocs.yml) and calls the hooks
below; `python -m macros` is the command line, run with the MkDocs generator
(`generator.py`). A move to another site generator (Zensical, say) rewrites this
folder and nothing else.

    define_env            load and check the policy, hand pages their vocabulary
    on_pre_page_macros    render the page once, through mkdocs-macros' environment
"""

from __future__ import annotations

from typing import Any

from . import build_session


def define_env(env: Any) -> None:
    build_session.start(env)


def on_pre_page_macros(env: Any) -> None:
    build_session.render_current_page(env, build_session.current())
