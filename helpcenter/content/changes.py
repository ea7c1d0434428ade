"""Policy changes as readers meet them, on the Policy changes page, in the feed and in
the notices of scheduled changes: each history entry with a stable anchor, a title,
every changed value in words, and whether it is in force yet."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..datafiles.schema import Schema
from ..policy.history import newest_first
from ..policy.model import HistoryEntry, Policy, PolicyName
from . import phrases

POLICY_TITLES: dict[PolicyName, str] = {
    "privacy": "Privacy policy",
    "refunds": "Refund policy",
    "images": "Image visibility policy",
}


@dataclass(frozen=True)
class PublishedChange:
    """A history entry as readers meet it."""

    slug: str  # "2026-06-01-refunds": unique and never renamed, so links and feed ids hold
    entry: HistoryEntry
    lines: tuple[str, ...]  # "The money-back window: was 30 days, now 14 days."
    clauses: tuple[str, ...]  # "the money-back window becomes 14 days"
    upcoming: bool  # announced, not yet in force on the day the site is built for

    @property
    def anchor(self) -> str:
        """The id of this change on the policy-changes page."""
        return f"change-{self.slug}"

    @property
    def policy_title(self) -> str:
        return POLICY_TITLES[self.entry.policy]

    @property
    def title(self) -> str:
        if self.upcoming:
            return f"{self.policy_title}: change announced, effective {phrases.long_date(self.entry.date)}"
        return f"{self.policy_title}: change effective {phrases.long_date(self.entry.date)}"

    @property
    def announcement(self) -> str:
        """"From 1 January 2027 the money-back window becomes 14 days." """
        return f"From {phrases.long_date(self.entry.date)} {phrases.join_words(self.clauses)}."


def published_changes(policy: Policy, schema: Schema, day: dt.date,
                      only: PolicyName | None = None) -> list[PublishedChange]:
    """Every change with its anchor and words, newest first (of one policy if `only`)."""
    slugs = _slugs(policy.history)
    return [_published(slugs[id(entry)], entry, schema, day) for entry in newest_first(policy.history, only)]


def _published(slug: str, entry: HistoryEntry, schema: Schema, day: dt.date) -> PublishedChange:
    lines, clauses = [], []
    for change in entry.changes:
        path = tuple(change.key.split("."))
        label = schema.label_of(path) or schema.description_of(path) or change.key
        lines.append(phrases.change_line(label, change.key, change.old, change.new))
        clauses.append(phrases.becomes(label, change.key, change.old, change.new))
    return PublishedChange(slug, entry, tuple(lines), tuple(clauses), entry.date > day)


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
