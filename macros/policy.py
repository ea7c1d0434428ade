"""The policy model: one frozen, typed object built from a validated policy.yml.

Nothing downstream reads YAML or indexes raw dictionaries; pages, widgets, checks and
exports all receive a `Policy`.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import PolicyError
from .validation import validate
from .yaml_source import read_yaml

Visibility = Literal["public", "private"]
Surface = Literal["my_profile", "public_profile", "explore"]
WayToChange = Literal["eye_icon", "image_window_toggle", "playground_switch", "default_setting"]

DEFAULT_POLICY_PATH = Path(__file__).resolve().parent.parent / "policy.yml"


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
    default_visibility: Visibility
    app_labels: AppLabels
    shown_in: ShownIn
    ways_to_change: tuple[WayToChange, ...]

    @property
    def other_visibility(self) -> Visibility:
        return "private" if self.default_visibility == "public" else "public"


@dataclass(frozen=True)
class Policy:
    company: Company
    support: Support
    refunds: Refunds
    privacy: Privacy
    images: Images

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, key for key as in policy.yml."""
        return _plain(dataclasses.asdict(self))


def load_policy(path: Path = DEFAULT_POLICY_PATH, display_name: str | None = None) -> Policy:
    """Read, check and type `path`. Raises PolicyError listing every problem."""
    doc = read_yaml(path, display_name or path.name)
    if doc.data is not None:
        validate(doc)
    if doc.problems:
        raise PolicyError(doc.problems)
    return build(Policy, doc.data)


def policy_from_data(data: dict[str, Any], display_name: str = "policy data") -> Policy:
    """Type already-parsed data (for tools that hold a dict), with the same checks."""
    from .yaml_source import YamlDocument

    doc = YamlDocument(file=display_name, data=data)
    validate(doc)
    if doc.problems:
        raise PolicyError(doc.problems)
    return build(Policy, data)


def build(cls: Any, data: Any) -> Any:
    """Turn schema-valid data into the dataclass `cls`, recursively, by its type hints."""
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        return cls(**{f.name: build(hints[f.name], data[f.name]) for f in dataclasses.fields(cls)})
    if typing.get_origin(cls) is tuple:
        (item_type, _) = typing.get_args(cls)
        return tuple(build(item_type, item) for item in data)
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
