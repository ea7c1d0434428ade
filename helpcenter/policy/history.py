"""The change history of the three policies (privacy, refunds, images): the questions
every reader of `policy.history` asks, and the rules a history must keep by itself.

The history is the public record of what each policy said when, and the site shows
every version from it, so it must be a verified record: entries newest first, each
about a real value of its own policy, each changing something, none twice, none before
its policy's first version, and for every value the entries chain: each entry's `old`
is the value the entry before it left, and the newest `new` is the value at the top of
policy.yml. The rules run whenever the policy is loaded: a build refuses a history
that contradicts itself.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from typing import Any

from ..datafiles.schema import Schema
from ..datafiles.yaml_reader import YamlDocument
from ..diagnostics import Diagnostic, rule
from .model import HistoryEntry, Policy, PolicyName, RecordedValue

HISTORY = rule("policy-history", "the change history contradicts itself or the policy")

# Sections every policy relies on (the support address is where refunds and privacy
# requests go), so a change to them may be recorded under whichever policy it affects.
SHARED_SECTIONS = ("company", "support")
# Values that describe the record rather than a policy: never recorded as a change.
_NOT_RECORDED = ("time_zone", "history")


def newest_first(history: tuple[HistoryEntry, ...],
                 policy: PolicyName | None = None) -> list[HistoryEntry]:
    """Entries newest first; on the same day, the one higher in policy.yml first."""
    chosen = [entry for entry in history if policy is None or entry.policy == policy]
    return sorted(chosen, key=lambda entry: entry.date, reverse=True)


def newest_date(history: tuple[HistoryEntry, ...],
                policy: PolicyName | None = None) -> dt.date | None:
    entries = newest_first(history, policy)
    return entries[0].date if entries else None


def recordable_keys(policy: Policy) -> list[str]:
    """Every dotted key a history entry may name."""
    keys: list[str] = []

    def walk(node: Any, prefix: str) -> None:
        for name in node.__dataclass_fields__:
            key = f"{prefix}{name}"
            value = getattr(node, name)
            if key in _NOT_RECORDED or name == "first_effective":
                continue
            if hasattr(value, "__dataclass_fields__"):
                walk(value, key + ".")
            else:
                keys.append(key)

    walk(policy, "")
    return keys


def history_problems(policy: Policy, doc: YamlDocument, schema: Schema) -> list[Diagnostic]:
    """What is wrong with the history, each with the line to fix and what to write."""
    problems: list[Diagnostic] = []

    def problem(path: tuple[str | int, ...], subject: str, found: str, allowed: str, fix: str = "") -> None:
        problems.append(Diagnostic(doc.file, doc.line_of(path), HISTORY, subject, found, allowed, fix))

    _order(policy, problem)
    keys = recordable_keys(policy)
    copies: dict[str, list[int]] = {}
    for index, entry in enumerate(policy.history):
        fingerprint = json.dumps([entry.date.isoformat(), entry.policy,
                                  [[c.key, _plain(c.old), _plain(c.new)] for c in entry.changes]])
        copies.setdefault(fingerprint, []).append(index)
    for top, *others in copies.values():
        if others:  # reported on the copy higher up: the one most likely just pasted
            lines = ", ".join(str(doc.line_of(("history", other))) for other in others)
            problem(("history", top), f"history[{top}]", f"the same entry as on line {lines}",
                    "each change recorded once", "delete one of them")
    for index, entry in enumerate(policy.history):
        where = ("history", index)
        first = policy.section(entry.policy).first_effective
        if entry.date <= first:
            problem(where + ("date",), f"history[{index}].date",
                    f"{entry.date.isoformat()}, not after the first version of the {entry.policy} policy "
                    f"({first.isoformat()}, its first_effective)",
                    f"a day after {first.isoformat()}: the day the change takes effect")
        if entry.announced is not None and entry.announced > entry.date:
            problem(where + ("announced",), f"history[{index}].announced",
                    f"{entry.announced.isoformat()}, after the day the change takes effect ({entry.date.isoformat()})",
                    "the day readers were first told, on or before the change's date")
        for number, change in enumerate(entry.changes):
            _change_problems(policy, schema, keys, entry, index, number, change.key,
                             change.old, change.new, problem)
    problems += _chains(policy, doc)
    return problems


def _order(policy: Policy, problem: Any) -> None:
    for index in range(1, len(policy.history)):
        above, entry = policy.history[index - 1], policy.history[index]
        if entry.date > above.date:
            problem(("history", index, "date"), f"history[{index}].date",
                    f"{entry.date.isoformat()} below an entry dated {above.date.isoformat()}",
                    "entries newest first: a new entry goes at the top of `history:`",
                    "move this entry above the older ones")


def _change_problems(policy: Policy, schema: Schema, keys: list[str], entry: HistoryEntry,
                     index: int, number: int, key: str, old: RecordedValue, new: RecordedValue,
                     problem: Any) -> None:
    path = ("history", index, "changes", number)
    subject = f"history[{index}].changes[{number}]"
    if key not in keys:
        close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
        problem(path + ("key",), subject + ".key", f"`{key}`, which is not a policy value",
                "the dotted name of a value above, such as refunds.window_days",
                f"did you mean `{close[0]}`?" if close else "")
        return
    section = key.split(".")[0]
    if section != entry.policy and section not in SHARED_SECTIONS:
        problem(path + ("key",), subject + ".key", f"`{key}` in an entry for policy: {entry.policy}",
                f"a key starting with `{entry.policy}.` (or `support.`, `company.`)",
                f"move it to a separate entry with policy: {section}")
    if _plain(old) == _plain(new):
        problem(path + ("old",), subject, f"old and new both `{_yaml(old)}`",
                "a change: a new value different from the old one",
                "remove this change, or write the value it had before")
    for side, value in (("old", old), ("new", new)):
        if not schema.accepts(tuple(key.split(".")), value):
            problem(path + (side,), f"{subject}.{side}", f"`{_yaml(value)}`, which {key} cannot be",
                    schema.describe(schema.at(tuple(key.split(".")))))


def _chains(policy: Policy, doc: YamlDocument) -> list[Diagnostic]:
    """For every key, walk its entries from the newest: each `new` must be the value
    that came after it (the top of the file, or the newer entry's `old`)."""
    problems = []
    after: dict[str, tuple[Any, str]] = {}
    for index, entry in sorted(enumerate(policy.history), key=lambda pair: pair[1].date, reverse=True):
        for number, change in enumerate(entry.changes):
            found, top = policy.value_at(change.key)
            if not found:
                continue  # reported as an unknown key
            expected, source = after.get(change.key, (top, "the value at the top of policy.yml"))
            if _plain(change.new) != _plain(expected):
                path = ("history", index, "changes", number, "new")
                problems.append(Diagnostic(
                    doc.file, doc.line_of(path), HISTORY, f"history[{index}].changes[{number}].new",
                    f"new `{_yaml(change.new)}` for {change.key}, but the value after this change is "
                    f"`{_yaml(expected)}` ({source})",
                    "entries that chain: each `new` is the value that follows it",
                    f"write `new: {_yaml(expected)}`, or record the change between them"))
            after[change.key] = (change.old, f"the old value of the entry on line {doc.line_of(('history', index))}")
    return problems


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, (tuple, list)) else value


def _yaml(value: Any) -> str:
    plain = _plain(value)
    if isinstance(plain, bool):
        return "true" if plain else "false"
    if isinstance(plain, list):
        return "[" + ", ".join(map(str, plain)) + "]"
    return str(plain)
