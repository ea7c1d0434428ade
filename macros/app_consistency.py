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
from .findings import Finding
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
    if not path.is_file():
        return [], [
            Finding(
                display_name,
                0,
                MAP_RULE,
                "the map of policy keys to app settings is missing",
                "restore app/policy-map.yml from the repository",
            )
        ]
    doc = read_yaml(path, display_name)
    findings = [
        Finding(p.file, p.line, MAP_RULE, f"{p.key or 'the file'}: found {p.found}", p.allowed)
        for p in doc.problems
    ]
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


def compare(
    policy: Policy,
    policy_lines: Mapping[str, int],
    pairs: list[SettingPair],
    app: AppConfig,
    policy_file: str = "policy.yml",
    map_file: str = "app/policy-map.yml",
) -> list[Finding]:
    """A finding for every pair whose two sides disagree, or whose sides do not exist."""
    findings = []
    for pair in pairs:
        found, policy_value = _policy_value(policy, pair.policy_key)
        if not found:
            findings.append(
                Finding(
                    map_file,
                    pair.line,
                    MAP_RULE,
                    f"`{pair.policy_key}` is not a key of {policy_file}",
                    f"use a key that {policy_file} has, written with dots (refunds.window_days)",
                )
            )
            continue
        policy_where = f"{policy_file}:{policy_lines.get(pair.policy_key, 0)}"
        untranslated = [
            item
            for item in _items(policy_value)
            if pair.app_words and _word(item) not in pair.app_words
        ]
        if untranslated:
            findings.append(
                Finding(
                    map_file,
                    pair.line,
                    MAP_RULE,
                    f"{pair.policy_key}: the policy word `{_word(untranslated[0])}` "
                    f"({policy_where}) has no app word under `values:`",
                    f"add `{_word(untranslated[0])}: <the app's word>` to its values table",
                )
            )
            continue
        present, app_value = app.setting(pair.app_setting)
        app_line = app.line_of(pair.app_setting)
        app_where = f"{app.source}:{app_line}" if app_line else app.source
        if not present:
            findings.append(
                Finding(
                    app.source,
                    0,
                    MISSING_RULE,
                    f"the app has no setting `{pair.app_setting}`, which {map_file}:"
                    f"{pair.line} pairs with {pair.policy_key} = {_show(policy_value)} "
                    f"({policy_where})",
                    f"add `{pair.app_setting}` to the app's settings, or correct its "
                    f"name in {map_file}",
                )
            )
            continue
        expected = pair.in_app_words(policy_value)
        if not _same(expected, app_value):
            findings.append(
                _mismatch(
                    pair,
                    policy_value,
                    expected,
                    app_value,
                    policy_where,
                    app_where,
                    policy_file,
                    app.source,
                )
            )
    return findings


def _mismatch(
    pair: SettingPair,
    policy_value: Any,
    expected: Any,
    app_value: Any,
    policy_where: str,
    app_where: str,
    policy_file: str,
    app_file: str,
) -> Finding:
    policy_side = _show(policy_value)
    if pair.app_words:
        policy_side += f" (in the app's words {_show(expected)})"
    app_side = _show(app_value)
    meaning = pair.in_policy_words(app_value)
    if pair.app_words and not _same(meaning, app_value):
        app_side += f" (meaning {_show(meaning)})"
    file, _, line = policy_where.rpartition(":")
    return Finding(
        file,
        int(line),
        MISMATCH_RULE,
        f"{policy_file} says {pair.policy_key}: {policy_side}, but the app says "
        f"{pair.app_setting}: {app_side} ({app_where})",
        f"make them agree: legal changes {pair.policy_key} in {policy_file}, or engineering "
        f"changes {pair.app_setting} in the app's settings ({app_file})",
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
