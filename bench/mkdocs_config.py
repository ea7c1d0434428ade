"""Read and write `mkdocs.yml` for the synthetic help centers, keeping what PyYAML's safe
loader cannot: MkDocs configs carry tags such as `!ENV [CI, false]` or
`!!python/name:pymdownx.superfences.fence_code_format`, which must survive a round trip
untouched for the twin sites to build like the real one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# Plugins that come with MkDocs or Material and do not depend on the project's own code:
# the plain twin keeps these and drops every other plugin, because the others (macros,
# redirects, link guards, ...) are the policy layer whose cost is being measured.
STOCK_PLUGINS = frozenset({"search", "material/search", "tags", "material/tags",
                           "offline", "material/offline"})


@dataclass(frozen=True)
class Tagged:
    """A YAML value with an application tag, kept as written."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node, prefix: str) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(prefix + suffix, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _Loader.add_multi_constructor(
        _prefix, lambda loader, suffix, node, p=_prefix: _construct_tagged(loader, suffix, node, p))
_Dumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe subclass)


def write_config(config: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                              width=100), encoding="utf-8")


def plugin_name(entry: Any) -> str:
    """`- search` and `- macros: {...}` both name their plugin."""
    return entry if isinstance(entry, str) else next(iter(entry))


def plugin_options(config: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The options of plugin `name` (empty if it has none), or None when it is not enabled."""
    for entry in config.get("plugins") or []:
        if plugin_name(entry) == name:
            return {} if isinstance(entry, str) else dict(entry[name] or {})
    return None


def stock_only(config: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """`config` without the project's own plugins and hooks, and the names it removed."""
    plugins = config.get("plugins") or ["search"]
    kept = [entry for entry in plugins if plugin_name(entry) in STOCK_PLUGINS]
    removed = [plugin_name(entry) for entry in plugins if plugin_name(entry) not in STOCK_PLUGINS]
    removed += [f"hook {hook}" for hook in config.get("hooks") or []]
    stock = {key: value for key, value in config.items() if key != "hooks"}
    stock["plugins"] = kept
    return stock, removed
