"""Small phrases built from policy values, so page prose reads naturally in English
whatever legal sets ("1 day" / "30 days", "A, B and C")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ..policy.model import AppLabels, RecordedValue, Surface, Visibility
from . import refund_rule

# A word from the schema's lists of allowed values, such as next_billing_month.
_SCHEMA_WORD = re.compile(r"^[a-z]+(_[a-z]+)+$")

# A fixed, non-leap example date keeps the worked example stable between builds.
EXAMPLE_PAYMENT_DAY = date(2026, 3, 1)

SURFACE_NAMES: dict[Surface, str] = {
    "my_profile": "the {images_tab} tab of {my_profile}",
    "public_profile": "your public profile",
    "explore": "the {explore} page",
}

# The subject line prefilled in support mailto: links, per topic.
SUPPORT_SUBJECTS = {
    "refund": "Refund request",
    "privacy": "Privacy question",
    "other": "Help request",
}

VISIBILITY_AUDIENCE: dict[Visibility, str] = {
    "public": "everyone",
    "private": "only you",
}


def days(count: int) -> str:
    """`30` -> "30 days", `1` -> "1 day"."""
    return f"{count} day" if count == 1 else f"{count} days"


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def surface_name(surface: Surface, labels: AppLabels) -> str:
    return SURFACE_NAMES[surface].format(
        images_tab=labels.images_tab, my_profile=labels.my_profile, explore=labels.explore
    )


def surfaces_phrase(surfaces: Iterable[Surface], labels: AppLabels) -> str:
    """Where an image appears, as one phrase: "the Images tab of My profile and Explore"."""
    return join_words(surface_name(surface, labels) for surface in surfaces)


def long_date(day: date) -> str:
    """A date as readers write it, without a leading zero: "1 March 2026"."""
    return f"{day.day} {day:%B %Y}"


def window_example(window_days: int) -> str:
    """The money-back rule worked through once; the page prose and the refund checker
    both say it with these words."""
    last = refund_rule.last_day_to_ask(EXAMPLE_PAYMENT_DAY, window_days)
    return (f"if you paid on {long_date(EXAMPLE_PAYMENT_DAY)}, you can ask for "
            f"your money back up to and including {long_date(last)}")


# How each enumerated policy value reads in a sentence. The schema lists the values; a
# new value there fails the build here until it has words (a KeyError names it).
WORDING: dict[str, dict[str, str]] = {
    "takes_effect": {
        "next_billing_month": "at the start of the next month: your subscription keeps "
                              "running until the end of the month you are in",
        "immediately": "immediately",
    },
    "still_billed": {
        "current_month": "the month in progress is still billed in full",
        "nothing": "nothing more is billed",
    },
    "refund_method": {
        "original_payment_method": "to the same card or account you paid with",
    },
    "refund_amount": {
        "full": "in full",
    },
}


def recorded_value(value: RecordedValue) -> str:
    """A value from the change history as readers read it: switches as yes/no, lists
    as "a, b and c", the schema's words (next_billing_month) with spaces."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return join_words(recorded_value(item) for item in value)
    text = str(value)
    return text.replace("_", " ") if _SCHEMA_WORD.match(text) else text


def change_line(label: str, key: str, old: RecordedValue, new: RecordedValue) -> str:
    """One changed value as a sentence for the record: "The money-back window: was 30
    days, now 14 days." A list says what was added and what was removed."""
    if isinstance(old, tuple) and isinstance(new, tuple):
        added = [recorded_value(item) for item in new if item not in old]
        removed = [recorded_value(item) for item in old if item not in new]
        parts = ([f"added {join_words(added)}"] if added else []) + \
                ([f"removed {join_words(removed)}"] if removed else [])
        return f"{_capital(label)}: {'; '.join(parts) or 'reordered'}."
    return f"{_capital(label)}: was {_value(key, old)}, now {_value(key, new)}."


def becomes(label: str, key: str, old: RecordedValue, new: RecordedValue) -> str:
    """What a scheduled change will do, as a clause: "the money-back window becomes 14
    days"."""
    if isinstance(old, tuple) and isinstance(new, tuple):
        added = [recorded_value(item) for item in new if item not in old]
        removed = [recorded_value(item) for item in old if item not in new]
        parts = ([f"gain {join_words(added)}"] if added else []) + \
                ([f"lose {join_words(removed)}"] if removed else [])
        return f"{label} {' and '.join(parts) or 'change order'}"
    if isinstance(new, bool):
        return f"{label}: {'yes' if new else 'no'} (until then, {'yes' if old else 'no'})"
    return f"{label} becomes {_value(key, new)}"


def _value(key: str, value: RecordedValue) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and key.endswith("_days"):
        return days(value)
    return recorded_value(value)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
