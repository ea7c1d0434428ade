"""Policy changes as readers meet them, on the Policy changes page and in the feed:
each history entry with a stable anchor, a title and every changed value in words."""

from __future__ import annotations

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
class ChangeLine:
    """One changed value in words: what it is, what it was, what it became."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PublishedChange:
    """A history entry as readers meet it."""

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


def published_changes(policy: Policy, schema: Schema,
                      only: PolicyName | None = None) -> list[PublishedChange]:
    """Every change with its anchor and words, newest first (of one policy if `only`)."""
    slugs = _slugs(policy.history)
    return [PublishedChange(slugs[id(entry)], entry, _lines(entry, schema))
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


def _lines(entry: HistoryEntry, schema: Schema) -> tuple[ChangeLine, ...]:
    return tuple(
        ChangeLine(schema.description_of(tuple(change.key.split("."))) or change.key,
                   phrases.recorded_value(change.old), phrases.recorded_value(change.new))
        for change in entry.changes
    )
