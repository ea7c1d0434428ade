"""The policy as a function of the day: which values are in force, which versions each
policy has had and will have, and what is still to come.

policy.yml holds the newest values at the top and every change in `history:` with the
day it takes effect. The values in force on a day are the newest values with every
change dated after that day undone, newest first. Each policy (privacy, refunds,
images) has a first version from its `first_effective` day, and a new version from
each day one of its changes takes effect.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import HistoryEntry, Policy, PolicyName, RecordedValue

Status = Literal["past", "current", "upcoming"]


@dataclass(frozen=True)
class Version:
    """One version of one policy: the days it is in force and the values it states."""

    policy_name: PolicyName
    first_day: dt.date
    last_day: dt.date | None  # None: in force until further notice
    values: Policy  # every value as in force on `first_day`
    entries: tuple[HistoryEntry, ...]  # the changes that start it (none for the first)

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)

    def status(self, day: dt.date) -> Status:
        if self.first_day > day:
            return "upcoming"
        return "current" if self.last_day is None or day <= self.last_day else "past"


def today(policy: Policy, now: dt.datetime | None = None) -> dt.date:
    """The date it is now in the policy's time zone."""
    moment = now or dt.datetime.now(dt.UTC)
    return moment.astimezone(zone(policy)).date()


def zone(policy: Policy) -> ZoneInfo:
    try:
        return ZoneInfo(policy.time_zone)
    except (ZoneInfoNotFoundError, ValueError):  # refused when the policy is loaded
        return ZoneInfo("UTC")


def in_force_on(policy: Policy, day: dt.date) -> Policy:
    """The values in force on `day`: every change dated after it undone."""
    undone = policy
    for entry in sorted(policy.history, key=lambda e: e.date, reverse=True):
        if entry.date <= day:
            break
        for change in entry.changes:
            undone = with_value(undone, change.key, change.old)
    return undone


def upcoming(policy: Policy, day: dt.date) -> list[HistoryEntry]:
    """Changes announced for a day after `day`, soonest first."""
    return sorted((entry for entry in policy.history if entry.date > day), key=lambda e: e.date)


def next_change(policy: Policy, day: dt.date) -> dt.date | None:
    coming = upcoming(policy, day)
    return coming[0].date if coming else None


def versions(policy: Policy, name: PolicyName) -> list[Version]:
    """Every version of one policy, oldest first: the first one, then one per day a
    change to it takes effect."""
    first = policy.section(name).first_effective
    days = sorted({first, *(e.date for e in policy.history if e.policy == name and e.date > first)})
    found = []
    for index, day in enumerate(days):
        last = days[index + 1] - dt.timedelta(days=1) if index + 1 < len(days) else None
        starting = tuple(e for e in policy.history if e.policy == name and e.date == day)
        found.append(Version(name, day, last, in_force_on(policy, day), starting))
    return found


def version_on(policy: Policy, name: PolicyName, day: dt.date) -> Version:
    """The version in force on `day` (the first one for a day before it existed)."""
    every = versions(policy, name)
    return next((version for version in reversed(every) if version.first_day <= day), every[0])


def with_value(policy: Policy, dotted_key: str, value: RecordedValue) -> Policy:
    """`policy` with the value at `dotted_key` replaced (lists as tuples, as typed)."""
    head, _, rest = dotted_key.partition(".")
    replaced: Policy = _replaced(policy, head, rest, value)
    return replaced


def _replaced(node: Any, head: str, rest: str, value: Any) -> Any:
    if not rest:
        return dataclasses.replace(node, **{head: tuple(value) if isinstance(value, list) else value})
    child_head, _, child_rest = rest.partition(".")
    return dataclasses.replace(node, **{head: _replaced(getattr(node, head), child_head, child_rest, value)})
