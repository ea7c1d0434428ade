"""The change-record rule: a policy value that changed since the previous committed
version of policy.yml must be recorded in `history:` by a new entry.

"Previous committed version" is found with git, read-only:
- policy.yml differs from the last commit: the last commit's version (legal editing);
- policy.yml is as committed (a fresh clone in CI): the version before the last commit
  that changed it, so a change committed without its record is still caught;
- no git, no commit yet, or no earlier version: nothing to compare with, and `check`
  says so instead of failing.

A value counts as changed when it exists in both versions and differs; a key that is
new in the schema is not a change of policy. Effective dates and the history itself are
not policy values. A new entry is one dated after the newest entry the previous version
had, and it must name the key with the old and new values as they really are.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..datafiles.text import decode
from ..datafiles.yaml_reader import parse_yaml
from ..diagnostics import Diagnostic, Refused, rule
from .history import newest_date, newest_first
from .loading import PolicySource, parse_policy
from .model import POLICY_NAMES, HistoryEntry, ValueChange

UNRECORDED = rule("change-not-recorded", "a policy value changed without a history entry recording it")


@dataclass(frozen=True)
class Baseline:
    """The version to compare with, or why there is none (`text` is None)."""

    text: str | None
    label: str


@dataclass(frozen=True)
class ValueDifference:
    key: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordCheck:
    """The outcome of the rule: problems (if any), and a note saying what was compared."""

    problems: list[Diagnostic]
    note: str
    suggestion: str = ""


def check_change_record(source: PolicySource, policy_path: Path,
                        today: dt.date | None = None) -> RecordCheck:
    """Apply the rule to the loaded policy at `policy_path` (`today` dates the suggestion)."""
    baseline = find_baseline(policy_path)
    if baseline.text is None:
        return RecordCheck([], f"Change record: nothing to compare with ({baseline.label}).")
    previous = _previous_values(source, baseline.text, baseline.label)
    if previous is None:
        return RecordCheck([], f"Change record: {baseline.label} cannot be read, "
                               "so it was not compared.")
    old_values, last_recorded = previous
    differences = differences_between(old_values, _leaf_values(source.policy.to_dict()))
    problems = [problem for difference in differences
                for problem in _record_problems(source, difference, last_recorded, baseline.label)]
    if not problems:
        count = len(differences)
        what = "no policy value changed" if not count else (
            f"{count} changed value{'s are' if count > 1 else ' is'} recorded in history")
        return RecordCheck([], f"Change record: compared with {baseline.label}; {what}.")
    unrecorded = [d for d in differences
                  if not _fresh_records(source, d.key, last_recorded)]
    suggestion = suggested_entry(unrecorded, last_recorded, today) if unrecorded else ""
    return RecordCheck(problems, "", suggestion)


def find_baseline(policy_path: Path) -> Baseline:
    folder, spec = policy_path.resolve().parent, f"./{policy_path.name}"
    if _git(folder, "rev-parse", "--is-inside-work-tree") is None:
        return Baseline(None, "not inside a git repository")
    committed = _git(folder, "show", f"HEAD:{spec}")
    if committed is None:
        return Baseline(None, f"{policy_path.name} has no committed version yet")
    if committed != policy_path.read_text(encoding="utf-8"):
        return Baseline(committed, f"{policy_path.name} at HEAD (the last commit)")
    last_change = (_git(folder, "log", "-1", "--first-parent", "--format=%H", "HEAD", "--", spec)
                   or "").strip()
    before = _git(folder, "show", f"{last_change}^:{spec}") if last_change else None
    if before is None:
        return Baseline(None, f"{policy_path.name} has no earlier committed version")
    return Baseline(before, f"{policy_path.name} before commit {last_change[:7]}")


def differences_between(old: dict[str, Any], new: dict[str, Any]) -> list[ValueDifference]:
    return [ValueDifference(key, old[key], value) for key, value in new.items()
            if key in old and _same(old[key]) != _same(value)]


def suggested_entry(differences: list[ValueDifference], last_recorded: dt.date | None,
                    today: dt.date | None = None) -> str:
    """A history entry to paste, with the real old and new values filled in."""
    day = today or dt.date.today()
    if last_recorded and day <= last_recorded:
        day = last_recorded + dt.timedelta(days=1)
    lines = ["To record the changes, add this at the top of `history:` in policy.yml, with the",
             "day the change takes effect (a later day announces it until then) and a reason:", ""]
    by_policy: dict[str, list[ValueDifference]] = {}
    for difference in differences:
        section = difference.key.split(".")[0]
        # The support address and names belong to no one policy: legal picks one.
        policy_name: str = section if section in POLICY_NAMES else "privacy, refunds or images"
        by_policy.setdefault(policy_name, []).append(difference)
    for policy_name, group in by_policy.items():
        lines += [f"  - date: {day.isoformat()}", f"    policy: {policy_name}", "    changes:"]
        for difference in group:
            lines += [f"      - key: {difference.key}",
                      f"        old: {_as_yaml(difference.old)}",
                      f"        new: {_as_yaml(difference.new)}"]
        # A placeholder the schema refuses (it has < and >), so it cannot be published.
        lines += ["    reason: <say in one line what changes for readers, and why>"]
    return "\n".join(lines)


def _record_problems(source: PolicySource, difference: ValueDifference,
                     last_recorded: dt.date | None, label: str) -> list[Diagnostic]:
    doc, key = source.document, difference.key
    line = doc.line_of(tuple(key.split(".")))
    changed = f"`{_as_yaml(difference.new)}`, changed from `{_as_yaml(difference.old)}` in {label}"
    after = f"after {last_recorded.isoformat()}" if last_recorded else "on any day"
    fresh = _fresh_records(source, key, last_recorded)
    if not fresh:
        older = _records(source, key)
        stale = f"; the entry dated {older[0][0].date.isoformat()} is older" if older else ""
        return [Diagnostic(doc.file, line, UNRECORDED, key,
                           f"{changed}, with no history entry dated {after} recording it{stale}",
                           f"a new entry at the top of `history:` dated {after}, listing "
                           f"`key: {key}` with `old: {_as_yaml(difference.old)}` and "
                           f"`new: {_as_yaml(difference.new)}`, and a reason",
                           "paste the entry printed below and fill in its date and reason")]
    # Several new entries may record one key (30 -> 14, then 14 -> 21): the oldest
    # must start from the committed value and the newest end at today's.
    (newest, last), (oldest, first) = fresh[0], fresh[-1]
    if _same(first.old) == _same(difference.old) and _same(last.new) == _same(difference.new):
        return []
    history = source.policy.history
    lines = sorted({doc.line_of(("history", history.index(e))) for e in (newest, oldest)})
    where = " and ".join(str(number) for number in lines)
    return [Diagnostic(doc.file, line, UNRECORDED, key,
                       f"{changed}, but the history on line {where} records old "
                       f"`{_as_yaml(first.old)}` and new `{_as_yaml(last.new)}`",
                       f"the record saying `old: {_as_yaml(difference.old)}` and "
                       f"`new: {_as_yaml(difference.new)}`")]


def _records(source: PolicySource, key: str) -> list[tuple[HistoryEntry, ValueChange]]:
    """Every record of `key` in the history, newest first."""
    return [(entry, change) for entry in newest_first(source.policy.history)
            for change in entry.changes if change.key == key]


def _fresh_records(source: PolicySource, key: str,
                   last_recorded: dt.date | None) -> list[tuple[HistoryEntry, ValueChange]]:
    """Records of `key` newer than everything the previous version had."""
    return [(entry, change) for entry, change in _records(source, key)
            if last_recorded is None or entry.date > last_recorded]


def _previous_values(source: PolicySource, text: str,
                     label: str) -> tuple[dict[str, Any], dt.date | None] | None:
    try:
        previous = parse_policy(text, label, source.schema)
    except Refused:
        # Written before today's schema (before effective dates, say): its values are
        # still compared key by key, read by the same strict YAML reader.
        doc = parse_yaml(text, label)
        if not isinstance(doc.data, dict):
            return None
        # Only the values that were valid then: a typo once committed (window_days:
        # "thirty") is not a value to record as the old one.
        valid = {key: value for key, value in _leaf_values(doc.data).items()
                 if source.schema.accepts(tuple(key.split(".")), value)}
        return valid, None
    return _leaf_values(previous.policy.to_dict()), newest_date(previous.policy.history)


def _leaf_values(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Every policy value by dotted key; lists are one value. Not the effective dates
    or the history: those describe changes, they are not policy."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if dotted == "history" or (key == "effective" and prefix):
            continue
        if isinstance(value, dict):
            values.update(_leaf_values(value, dotted + "."))
        else:
            values[dotted] = value
    return values


def _same(value: Any) -> str:
    """A form in which equal values compare equal and 1 never equals true."""
    return json.dumps(list(value) if isinstance(value, tuple) else value, sort_keys=True)


def _as_yaml(value: Any) -> str:
    """A value written as legal would write it in policy.yml."""
    plain = list(value) if isinstance(value, tuple) else value
    text = yaml.safe_dump(plain, default_flow_style=True, width=1000)
    return text.strip().removesuffix("\n...").strip()  # a lone scalar ends with "..."


def _git(folder: Path, *args: str) -> str | None:
    """Standard output of a read-only git command, or None if it failed."""
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    try:
        return decode(result.stdout, "git")  # a committed policy.yml is read like the file
    except Refused:
        return None
