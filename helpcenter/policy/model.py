"""The policy model: one frozen, typed object built from a validated policy.yml.

Nothing downstream reads YAML or indexes raw dictionaries: pages, widgets, checks and
exports all receive a `Policy`. Its shape is the shape of policy.schema.json, key for
key; tests/test_policy_model.py walks both so they cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

Visibility = Literal["public", "private"]
Surface = Literal["my_profile", "public_profile", "explore"]
WayToChange = Literal["eye_icon", "image_window_toggle", "playground_switch", "default_setting"]
# The three published policies: each has a first version and its own change history.
PolicyName = Literal["privacy", "refunds", "images"]
POLICY_NAMES: tuple[PolicyName, ...] = typing.get_args(PolicyName)
# A value as the change history records it: whatever that policy value was or became.
RecordedValue = str | int | bool | tuple[str, ...] | None

@dataclass(frozen=True)
class Company:
    name: str
    product: str


@dataclass(frozen=True)
class Support:
    email: str


@dataclass(frozen=True)
class Cancellation:
    takes_effect: Literal["next_billing_month", "immediately"]
    still_billed: Literal["current_month", "nothing"]


@dataclass(frozen=True)
class Refunds:
    first_effective: dt.date
    window_days: int
    processing_days: int
    amount: Literal["full"]
    method: Literal["original_payment_method"]
    request_from_registered_email: bool
    refund_stops_invoices: bool
    cancellation: Cancellation
    refuse_repeated_refund_cycles: bool


@dataclass(frozen=True)
class CollectedData:
    provided_by_you: tuple[str, ...]
    collected_automatically: tuple[str, ...]
    from_third_parties: tuple[str, ...]
    inferred: tuple[str, ...]


@dataclass(frozen=True)
class Privacy:
    first_effective: dt.date
    never_sell_personal_data: bool
    collected: CollectedData
    third_party_services_covered: bool


@dataclass(frozen=True)
class AppLabels:
    my_profile: str
    images_tab: str
    explore: str
    playground: str
    public_toggle: str


@dataclass(frozen=True)
class ShownIn:
    public: tuple[Surface, ...]
    private: tuple[Surface, ...]


@dataclass(frozen=True)
class Images:
    first_effective: dt.date
    default_visibility: Visibility
    app_labels: AppLabels
    shown_in: ShownIn
    ways_to_change: tuple[WayToChange, ...]

    @property
    def other_visibility(self) -> Visibility:
        return "private" if self.default_visibility == "public" else "public"


@dataclass(frozen=True)
class ValueChange:
    """One policy value as it was and as it became, `key` dotted as in messages."""

    key: str
    old: RecordedValue
    new: RecordedValue


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded change to a policy: when it took effect, what changed and why."""

    date: dt.date  # the day the change takes effect
    policy: PolicyName
    changes: tuple[ValueChange, ...]
    reason: str
    announced: dt.date | None = None  # the day readers were first told, when it was earlier


@dataclass(frozen=True)
class Policy:
    """The newest values (some may be scheduled, see `history`) and the record of every
    change. `policy.timeline.in_force_on(policy, day)` gives the values of a given day."""

    time_zone: str
    company: Company
    support: Support
    refunds: Refunds
    privacy: Privacy
    images: Images
    history: tuple[HistoryEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, key for key as in policy.yml (dates as 2026-01-15)."""
        plain: dict[str, Any] = _plain(self)
        return plain

    def value_at(self, dotted_key: str) -> tuple[bool, Any]:
        """The value at `dotted_key` ("refunds.window_days"), lists as lists; (False, None)
        when there is no such value or it names a whole section."""
        value: Any = self
        for part in dotted_key.split("."):
            fields = getattr(value, "__dataclass_fields__", None)
            if fields is None or part.startswith("_") or part not in fields:
                return False, None
            value = getattr(value, part)
        if hasattr(value, "__dataclass_fields__"):
            return False, None
        return True, list(value) if isinstance(value, tuple) else value

    def section(self, name: PolicyName) -> Refunds | Privacy | Images:
        """The policy called `name` ("refunds"), for code that works on any of the three."""
        section: Refunds | Privacy | Images = getattr(self, name)
        return section


def build(cls: Any, data: Any) -> Any:
    """Turn schema-valid data into the dataclass `cls`, recursively, by its type hints."""
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        return cls(**{f.name: build(hints[f.name], data[f.name])
                      for f in dataclasses.fields(cls) if f.name in data})
    if typing.get_origin(cls) in (typing.Union, types.UnionType):
        choices = [arg for arg in typing.get_args(cls) if arg is not type(None)]
        if data is None or len(choices) != 1:
            return _frozen(data)  # None, or a recorded value of any of several types
        return build(choices[0], data)
    if typing.get_origin(cls) is tuple:
        (item_type, _) = typing.get_args(cls)
        return tuple(build(item_type, item) for item in data)
    if cls is dt.date:
        return dt.date.fromisoformat(data)  # the schema has checked the form already
    return _frozen(data)


def _frozen(value: Any) -> Any:
    """Lists inside untyped values (a recorded old or new list) become tuples."""
    return tuple(_frozen(item) for item in value) if isinstance(value, list) else value


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # An optional field left out of policy.yml (default None) stays out.
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)
                if not (field.default is None and getattr(value, field.name) is None)}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
