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
from typing import Any

from ..datafiles.files import read_yaml_file
from ..datafiles.json_reader import JsonDocument
from ..datafiles.schema import Schema
from ..diagnostics import Diagnostic, rule
from ..policy.model import Policy
from ..project import Project

MAP_RULE = rule("policy-map", "app/policy-map.yml names a policy key or word it cannot translate")
MISMATCH_RULE = rule("app-config-mismatch", "policy.yml and the app's settings disagree")
MISSING_RULE = rule("app-setting-missing", "the app has no setting the map pairs with a policy key")


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


def read_policy_map(project: Project) -> list[SettingPair]:
    """The pairs the map declares. Raises Refused listing every line that cannot be used."""
    schema = Schema.load(project.policy_map_schema, project.display(project.policy_map_schema), project.root)
    doc = read_yaml_file(project.policy_map, project.display(project.policy_map), schema,
                         project.root, "a mapping of policy keys to app settings")
    pairs = []
    for policy_key, target in doc.data.items():
        line = doc.line_of((policy_key,))
        if isinstance(target, str):
            pairs.append(SettingPair(policy_key, target, line))
        else:
            pairs.append(SettingPair(policy_key, target["setting"], line, target.get("values", {})))
    return pairs


@dataclass(frozen=True)
class _Sources:
    """Where each side of a pair is written, for messages."""

    policy: Policy
    policy_lines: Mapping[str, int]
    app: JsonDocument
    policy_file: str
    map_file: str
    scheduled: Mapping[str, str]  # key -> "the newest value, 14, takes effect on 2026-12-01"

    def policy_line(self, key: str) -> int:
        return self.policy_lines.get(key, 0)

    def app_where(self, setting: str) -> str:
        line = self.app.line_of(setting)
        return f"{self.app.source}:{line}" if line else self.app.source


def compare(policy: Policy, policy_lines: Mapping[str, int], pairs: list[SettingPair],
            app: JsonDocument, policy_file: str = "policy.yml",
            map_file: str = "app/policy-map.yml",
            scheduled: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """A diagnostic for every pair whose two sides disagree, or whose sides do not exist.
    `policy` holds the values in force; `scheduled` says, per key, what policy.yml's newest
    value is when it is not in force yet."""
    sources = _Sources(policy, policy_lines, app, policy_file, map_file, scheduled or {})
    return [found for pair in pairs if (found := _check_pair(pair, sources))]


def _check_pair(pair: SettingPair, sources: _Sources) -> Diagnostic | None:
    found, value = policy_value(sources.policy, pair.policy_key)
    if not found:
        return Diagnostic(sources.map_file, pair.line, MAP_RULE, pair.policy_key,
                          f"`{pair.policy_key}`, which is not a value in {sources.policy_file}",
                          "the dotted name of a policy value, such as refunds.window_days",
                          "correct the name, or remove the line if the value is gone")
    policy_where = f"{sources.policy_file}:{sources.policy_line(pair.policy_key)}"
    untranslated = [_word(item) for item in _items(value)
                    if pair.app_words and _word(item) not in pair.app_words]
    if untranslated:
        return Diagnostic(sources.map_file, pair.line, MAP_RULE, pair.policy_key,
                          f"the policy word `{untranslated[0]}` ({policy_where}) with no app word "
                          "under `values:`", "an app word for every policy word",
                          f"add `{untranslated[0]}: <the app's word>` to its values table")
    present, app_value = sources.app.value_at(pair.app_setting)
    if not present:
        return Diagnostic(
            sources.app.source, 0, MISSING_RULE, pair.app_setting,
            f"no setting `{pair.app_setting}`, which {sources.map_file}:{pair.line} pairs with "
            f"{pair.policy_key} = {_show(value)} ({policy_where})",
            "every setting the map names",
            f"add `{pair.app_setting}` to the app's settings, or correct its name in {sources.map_file}")
    if _same(pair.in_app_words(value), app_value):
        return None
    return _mismatch(pair, value, app_value, sources)


def _mismatch(pair: SettingPair, policy_value: Any, app_value: Any, sources: _Sources) -> Diagnostic:
    policy_side = _show(policy_value)
    app_side = _show(app_value)
    if pair.app_words:
        policy_side += f" (in the app's words {_show(pair.in_app_words(policy_value))})"
        meaning = pair.in_policy_words(app_value)
        if not _same(meaning, app_value):
            app_side += f" (meaning {_show(meaning)})"
    where = (f" in force ({sources.scheduled[pair.policy_key]})" if pair.policy_key in sources.scheduled
             else " here")
    return Diagnostic(
        sources.policy_file, sources.policy_line(pair.policy_key), MISMATCH_RULE, pair.policy_key,
        f"{policy_side}{where}, but the app's {pair.app_setting} is {app_side} "
        f"({sources.app_where(pair.app_setting)})",
        "the same value on both sides",
        f"legal changes {pair.policy_key} in {sources.policy_file}, or engineering changes "
        f"{pair.app_setting} in the app's settings ({sources.app.source}) on the day the change ships")


def policy_value(policy: Policy, dotted_key: str) -> tuple[bool, Any]:
    return policy.value_at(dotted_key)


def expected_app_settings(policy: Policy, pairs: list[SettingPair]) -> dict[str, Any]:
    """Each mapped app setting as it must be for the app to do what `policy` promises."""
    expected: dict[str, Any] = {}
    for pair in pairs:
        found, value = policy_value(policy, pair.policy_key)
        if found:
            expected[pair.app_setting] = pair.in_app_words(value)
    return expected


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
