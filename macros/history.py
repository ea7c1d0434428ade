"""The change history of the three policies (privacy, refunds, images).

Pages, the Atom feed and `check` all ask the same questions of `policy.history`:
which changes, newest first, for which policy, and how each reads in words. The rules a
history must keep by itself (an effective date is never older than the policy's latest
change) live here too, and run whenever the policy is loaded, so a build refuses a page
that would show a wrong effective date.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections import Counter
from dataclasses import dataclass

from . import phrases
from .errors import PolicyProblem
from .policy import HistoryEntry, Policy, PolicyName
from .validation import description_of
from .yaml_source import YamlDocument

POLICY_NAMES: tuple[PolicyName, ...] = typing.get_args(PolicyName)

POLICY_TITLES: dict[PolicyName, str] = {
    "privacy": "Privacy policy",
    "refunds": "Refund policy",
    "images": "Image visibility policy",
}

# Sections every policy relies on (the support address is where refunds and privacy
# requests go), so a change to them may be recorded under whichever policy it affects.
SHARED_SECTIONS = ("company", "support")


@dataclass(frozen=True)
class ChangeLine:
    """One changed value in words: what it is, what it was, what it became."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PublishedChange:
    """A history entry as readers meet it on the changes page and in the feed."""

    slug: str  # "2026-06-01-refunds": unique and never renamed, so links and feed ids hold
    entry: HistoryEntry
    lines: tuple[ChangeLine, ...]

    @property
    def anchor(self) -> str:
        """The id of this change on the policy-changes page."""
        return f"change-{self.slug}"

    @property
    def policy_title(self) -> str:
        return POLICY_TITLES[self.entry.policy]

    @property
    def title(self) -> str:
        # Neutral about time: a change may be announced before the day it takes effect.
        return f"{self.policy_title}: change effective {phrases.long_date(self.entry.date)}"


def newest_first(history: tuple[HistoryEntry, ...],
                 policy: PolicyName | None = None) -> list[HistoryEntry]:
    """Entries newest first; on the same day, the one higher in policy.yml first."""
    chosen = [entry for entry in history if policy is None or entry.policy == policy]
    return sorted(chosen, key=lambda entry: entry.date, reverse=True)


def newest_date(history: tuple[HistoryEntry, ...],
                policy: PolicyName | None = None) -> dt.date | None:
    entries = newest_first(history, policy)
    return entries[0].date if entries else None


def published_changes(policy: Policy, only: PolicyName | None = None) -> list[PublishedChange]:
    """Every change with its anchor and words, newest first (of one policy if `only`)."""
    slugs = _slugs(policy.history)
    return [PublishedChange(slugs[id(entry)], entry, _lines(entry))
            for entry in newest_first(policy.history, only)]


def _slugs(history: tuple[HistoryEntry, ...]) -> dict[int, str]:
    # Numbered from the oldest, so adding a second change on the same day gives the new
    # one "-2" and never renames an anchor or feed id that readers already have.
    taken: Counter[str] = Counter()
    slugs: dict[int, str] = {}
    for entry in sorted(reversed(history), key=lambda entry: entry.date):
        base = f"{entry.date.isoformat()}-{entry.policy}"
        taken[base] += 1
        slugs[id(entry)] = base if taken[base] == 1 else f"{base}-{taken[base]}"
    return slugs


def _lines(entry: HistoryEntry) -> tuple[ChangeLine, ...]:
    return tuple(
        ChangeLine(description_of(change.key) or change.key,
                   phrases.recorded_value(change.old), phrases.recorded_value(change.new))
        for change in entry.changes
    )


def history_problems(policy: Policy, doc: YamlDocument) -> list[PolicyProblem]:
    """What is wrong with the history on its own, each with the line to fix."""
    problems: list[PolicyProblem] = []
    for index, entry in enumerate(policy.history):
        for number, change in enumerate(entry.changes):
            section = change.key.split(".")[0]
            if section != entry.policy and section not in SHARED_SECTIONS:
                path = ("history", index, "changes", number, "key")
                problems.append(PolicyProblem(
                    doc.file, doc.line_of(path), f"history[{index}].changes[{number}].key",
                    f"`{change.key}` in an entry for policy: {entry.policy}",
                    f"a key starting with `{entry.policy}.` (or `support.`, `company.`), "
                    f"or a separate entry with policy: {section}"))
    for name in POLICY_NAMES:
        latest = newest_first(policy.history, name)
        effective = policy.section(name).effective
        if latest and effective < latest[0].date:
            entry_line = doc.line_of(("history", policy.history.index(latest[0])))
            problems.append(PolicyProblem(
                doc.file, doc.line_of((name, "effective")), f"{name}.effective",
                f"{effective.isoformat()}, older than the newest {name} change in history "
                f"(dated {latest[0].date.isoformat()}, line {entry_line})",
                f"a date on or after {latest[0].date.isoformat()}: a policy takes effect "
                "on or after its latest change"))
    return problems
