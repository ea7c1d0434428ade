"""`python -m bench.layer_share OUT.json`: run one `mkdocs build` in the current folder and
write to OUT.json how much of it the policy layer took.

On a shared CPU, two builds timed one after the other differ by more than the layer
costs; inside one process, the layer's share of that same process is immune to what
the rest of the machine does. This times everything the macros plugin does (its
`on_*` events, which include importing and running our `macros` module), the events our
adapter registers for itself (`help-center`: the checks that need every page, the files
published after the build) and the plugin's own import, both in CPU time and in wall
time, against the whole build. Modules that a
plain Material build imports anyway are imported before the clock starts on the plugin.

Of the layer's time, it also reports what compiling the pages' Jinja took (every
`Environment.from_string`: page bodies, titles and descriptions; the theme's templates
and our snippets load through `get_template` and are not counted). Every mkdocs-macros
site pays that for its pages, whatever its own code does: the floor of the layer.
"""

from __future__ import annotations

import json
import runpy
import sys
import time
from typing import Any

# Shared with a plain build: imported first so that they are not counted as ours.
import jinja2
import mkdocs.commands.build  # noqa: F401
import mkdocs.config.config_options  # noqa: F401
import mkdocs.plugins  # noqa: F401
import mkdocs.structure.pages  # noqa: F401
import pathspec  # noqa: F401
import yaml  # noqa: F401

EVENTS = ("on_config", "on_pre_build", "on_nav", "on_page_markdown", "on_post_build")


def main() -> int:
    out = sys.argv[1]
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    import mkdocs_macros.plugin as plugin

    spent = {"wall": time.perf_counter() - started_wall, "cpu": time.process_time() - started_cpu}
    compiling = {"wall": 0.0, "cpu": 0.0}
    jinja2.Environment.from_string = _timed(jinja2.Environment.from_string, compiling)  # type: ignore[method-assign]
    for event in EVENTS:
        setattr(plugin.MacrosPlugin, event, _timed(getattr(plugin.MacrosPlugin, event), spent))
    register = mkdocs.plugins.PluginCollection._register_event

    def register_timed(self: Any, event_name: str, method: Any, plugin_name: str | None = None) -> None:
        if plugin_name == "help-center":
            method = _timed_function(method, spent)
        register(self, event_name, method, plugin_name=plugin_name)

    mkdocs.plugins.PluginCollection._register_event = register_timed  # type: ignore[method-assign]
    sys.argv = ["mkdocs", "build", "--strict", "--clean", "--quiet", "--site-dir", "site"]
    try:
        runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        if stop.code not in (0, None):
            return int(stop.code) if isinstance(stop.code, int) else 1
    total = {"wall": time.perf_counter() - started_wall, "cpu": time.process_time() - started_cpu}
    with open(out, "w", encoding="utf-8") as report:
        json.dump({"layer_wall_s": spent["wall"], "layer_cpu_s": spent["cpu"],
                   "page_compile_wall_s": compiling["wall"], "page_compile_cpu_s": compiling["cpu"],
                   "in_process_wall_s": total["wall"], "in_process_cpu_s": total["cpu"]}, report)
    return 0


def _timed_function(function: Any, spent: dict[str, float]) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent["wall"] += time.perf_counter() - wall
            spent["cpu"] += time.process_time() - cpu
    return timed


def _timed(method: Any, spent: dict[str, float]) -> Any:
    def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return method(self, *args, **kwargs)
        finally:
            spent["wall"] += time.perf_counter() - wall
            spent["cpu"] += time.process_time() - cpu
    return timed


if __name__ == "__main__":
    sys.exit(main())
