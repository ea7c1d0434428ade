"""Does the app do what the help center promises? Compare each policy value with the
app setting that app/policy-map.yml pairs it with, and report every disagreement.

The map is data so that legal and engineering can read and review it; the only
conversion it knows is a word-for-word table (`values:`) for settings the app spells
in its own words.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .app_config import AppConfig
from .findings import Finding, read_data_file
from .policy import Policy
from .yaml_source import dotted, read_yaml

MAP_RULE = "policy-map"
MISMATCH_RULE = "app-config-mismatch"
MISSING_RULE = "app-setting-missing"


@dataclass(frozen=True)
class SettingPair:
    """One line of the map: a policy key and the app setting that must agree with it."""

    policy_key: str
    app_setting: str
    line: int
    app_words: Mapping[str, Any] = field(default_factory=dict)  # policy word -> app word

    def in_app_words(self, value: Any) -> Any:
        """The policy value as the app would write it."""
        if isinstance(value, (list, tuple)):
            return [self.in_app_words(item) for item in value]
        return self.app_words.get(_word(value), value) if self.app_words else value

    def in_policy_words(self, app_value: Any) -> Any:
        """The app's value in policy words, when the table says what it means."""
        if isinstance(app_value, list):
            return [self.in_policy_words(item) for item in app_value]
        meaning = [word for word, app_word in self.app_words.items() if _same(app_word, app_value)]
        return meaning[0] if len(meaning) == 1 else app_value


def load_policy_map(path: Path, display_name: str) -> tuple[list[SettingPair], list[Finding]]:
    """The pairs declared in `path`, and a finding for each line that cannot be used."""
    doc, findings = read_data_file(path, display_name, MAP_RULE,
                                   "the map of policy keys to app settings is missing")
    if doc is None:
        return [], findings
    pairs: list[SettingPair] = []
    for policy_key, target in (doc.data or {}).items():
        line = doc.line_of((policy_key,))
        if isinstance(target, str):
            pairs.append(SettingPair(policy_key, target, line))
        elif (
            isinstance(target, dict)
            and isinstance(target.get("setting"), str)
            and isinstance(target.get("values", {}), dict)
            and set(target) <= {"setting", "values"}
        ):
            pairs.append(SettingPair(policy_key, target["setting"], line, target.get("values", {})))
        else:
            findings.append(
                Finding(
                    display_name,
                    line,
                    MAP_RULE,
                    f"{policy_key}: this entry names no app setting",
                    "`policy.key: app.setting`, or `setting:` with an optional "
                    "`values:` table of policy word: app word",
                )
            )
    return pairs, findings


def policy_key_lines(policy_path: Path) -> dict[str, int]:
    """The line of every key in policy.yml, so a mismatch points at the line legal edits.
    (Only positions are taken from this read; values come from the loaded `Policy`.)"""
    doc = read_yaml(policy_path)
    return {dotted(path): line for path, line in doc.lines.items()}


@dataclass(frozen=True)
class _Sources:
    """Where each side of a pair is written, for messages."""

    policy: Policy
    policy_lines: Mapping[str, int]
    app: AppConfig
    policy_file: str
    map_file: str

    def policy_line(self, key: str) -> int:
        return self.policy_lines.get(key, 0)

    def app_where(self, setting: str) -> str:
        line = self.app.line_of(setting)
        return f"{self.app.source}:{line}" if line else self.app.source


def compare(
    policy: Policy,
    policy_lines: Mapping[str, int],
    pairs: list[SettingPair],
    app: AppConfig,
    policy_file: str = "policy.yml",
    map_file: str = "app/policy-map.yml",
) -> list[Finding]:
    """A finding for every pair whose two sides disagree, or whose sides do not exist."""
    sources = _Sources(policy, policy_lines, app, policy_file, map_file)
    return [finding for pair in pairs if (finding := _check_pair(pair, sources))]


def _check_pair(pair: SettingPair, sources: _Sources) -> Finding | None:
    found, policy_value = _policy_value(sources.policy, pair.policy_key)
    if not found:
        return Finding(
            sources.map_file,
            pair.line,
            MAP_RULE,
            f"`{pair.policy_key}` is not a key of {sources.policy_file}",
            f"use a key that {sources.policy_file} has, written with dots (refunds.window_days)",
        )
    policy_where = f"{sources.policy_file}:{sources.policy_line(pair.policy_key)}"
    untranslated = [
        _word(item)
        for item in _items(policy_value)
        if pair.app_words and _word(item) not in pair.app_words
    ]
    if untranslated:
        return Finding(
            sources.map_file,
            pair.line,
            MAP_RULE,
            f"{pair.policy_key}: the policy word `{untranslated[0]}` ({policy_where}) "
            "has no app word under `values:`",
            f"add `{untranslated[0]}: <the app's word>` to its values table",
        )
    present, app_value = sources.app.setting(pair.app_setting)
    if not present:
        return Finding(
            sources.app.source,
            0,
            MISSING_RULE,
            f"the app has no setting `{pair.app_setting}`, which {sources.map_file}:{pair.line} "
            f"pairs with {pair.policy_key} = {_show(policy_value)} ({policy_where})",
            f"add `{pair.app_setting}` to the app's settings, or correct its name in "
            f"{sources.map_file}",
        )
    if _same(pair.in_app_words(policy_value), app_value):
        return None
    return _mismatch(pair, policy_value, app_value, sources)


def _mismatch(pair: SettingPair, policy_value: Any, app_value: Any, sources: _Sources) -> Finding:
    policy_side = _show(policy_value)
    app_side = _show(app_value)
    if pair.app_words:
        policy_side += f" (in the app's words {_show(pair.in_app_words(policy_value))})"
        meaning = pair.in_policy_words(app_value)
        if not _same(meaning, app_value):
            app_side += f" (meaning {_show(meaning)})"
    return Finding(
        sources.policy_file,
        sources.policy_line(pair.policy_key),
        MISMATCH_RULE,
        f"{sources.policy_file} says {pair.policy_key}: {policy_side}, but the app says "
        f"{pair.app_setting}: {app_side} ({sources.app_where(pair.app_setting)})",
        f"make them agree: legal changes {pair.policy_key} in {sources.policy_file}, or "
        f"engineering changes {pair.app_setting} in the app's settings ({sources.app.source})",
    )


def _policy_value(policy: Policy, dotted_key: str) -> tuple[bool, Any]:
    value: Any = policy
    for part in dotted_key.split("."):
        if (
            part.startswith("_")
            or not hasattr(value, "__dataclass_fields__")
            or part not in value.__dataclass_fields__
        ):
            return False, None
        value = getattr(value, part)
    if hasattr(value, "__dataclass_fields__"):
        return False, None  # a whole section, not a value: pair its keys one by one
    return True, list(value) if isinstance(value, tuple) else value


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _word(value: Any) -> str:
    """A value as the map's `values:` table keys spell it (YAML keys are text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _same(left: Any, right: Any) -> bool:
    """Equal as JSON: 1 is not true, 30 is not "30", and lists match in any order."""
    if isinstance(left, list) and isinstance(right, list):
        return sorted(map(_canonical, left)) == sorted(map(_canonical, right))
    return _canonical(left) == _canonical(right)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _show(value: Any) -> str:
    return _canonical(value)


def expected_app_settings(policy: Policy, pairs: list[SettingPair]) -> dict[str, Any]:
    """Each mapped app setting as it must be for the app to do what `policy` promises."""
    expected: dict[str, Any] = {}
    for pair in pairs:
        found, value = _policy_value(policy, pair.policy_key)
        if found:
            expected[pair.app_setting] = pair.in_app_words(value)
    return expected
