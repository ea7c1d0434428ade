"""The change history of the three policies (privacy, refunds, images): the questions
every reader of `policy.history` asks, and the rules a history must keep by itself.

The rules run whenever the policy is loaded, so a build refuses a page that would show
a wrong effective date.
"""

from __future__ import annotations

import datetime as dt

from ..datafiles.yaml_reader import YamlDocument
from ..diagnostics import Diagnostic, rule
from .model import POLICY_NAMES, HistoryEntry, Policy, PolicyName

HISTORY = rule("policy-history", "the change history contradicts itself or the policy")

# Sections every policy relies on (the support address is where refunds and privacy
# requests go), so a change to them may be recorded under whichever policy it affects.
SHARED_SECTIONS = ("company", "support")


def newest_first(history: tuple[HistoryEntry, ...],
                 policy: PolicyName | None = None) -> list[HistoryEntry]:
    """Entries newest first; on the same day, the one higher in policy.yml first."""
    chosen = [entry for entry in history if policy is None or entry.policy == policy]
    return sorted(chosen, key=lambda entry: entry.date, reverse=True)


def newest_date(history: tuple[HistoryEntry, ...],
                policy: PolicyName | None = None) -> dt.date | None:
    entries = newest_first(history, policy)
    return entries[0].date if entries else None


def history_problems(policy: Policy, doc: YamlDocument) -> list[Diagnostic]:
    """What is wrong with the history on its own, each with the line to fix."""
    problems: list[Diagnostic] = []
    for index, entry in enumerate(policy.history):
        for number, change in enumerate(entry.changes):
            section = change.key.split(".")[0]
            if section != entry.policy and section not in SHARED_SECTIONS:
                path = ("history", index, "changes", number, "key")
                problems.append(Diagnostic(
                    doc.file, doc.line_of(path), HISTORY, f"history[{index}].changes[{number}].key",
                    f"`{change.key}` in an entry for policy: {entry.policy}",
                    f"a key starting with `{entry.policy}.` (or `support.`, `company.`)",
                    f"move it to a separate entry with policy: {section}"))
    for name in POLICY_NAMES:
        latest = newest_first(policy.history, name)
        effective = policy.section(name).effective
        if latest and effective < latest[0].date:
            entry_line = doc.line_of(("history", policy.history.index(latest[0])))
            problems.append(Diagnostic(
                doc.file, doc.line_of((name, "effective")), HISTORY, f"{name}.effective",
                f"{effective.isoformat()}, older than the newest {name} change in history "
                f"(dated {latest[0].date.isoformat()}, line {entry_line})",
                f"a date on or after {latest[0].date.isoformat()}: a policy takes effect "
                "on or after its latest change",
                f"set {name}.effective to {latest[0].date.isoformat()}"))
    return problems
