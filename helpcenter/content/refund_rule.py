"""The money-back rule, stated once in code (the widget's JavaScript mirrors it and both
run the shared vectors in tests/refund_vectors.json).

The day of payment is day 0. A request made on any day from day 0 to day
`window_days` inclusive is inside the window, so with a 30-day window a payment on
1 March can be refunded on a request made up to and including 31 March. The refund is
paid at the latest `processing_days` after the day the request is received. Dates are
calendar dates in the reader's own time zone: the rule never looks at hours.

Terms change over time: the window and processing days that apply are those of the
refund policy in force on the day the reader paid, whatever the day they ask.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# The days a reader can have paid or asked on; the widget uses the same bounds.
READER_DAYS = (date(2000, 1, 1), date(2999, 12, 31))


@dataclass(frozen=True)
class RefundTerms:
    """The money-back terms of one version of the refund policy."""

    first_day: date
    last_day: date | None  # None: in force until further notice
    window_days: int
    processing_days: int


@dataclass(frozen=True)
class RefundDecision:
    eligible: bool
    last_day_to_ask: date
    days_since_payment: int
    refund_paid_by: date | None  # None when outside the window
    terms: RefundTerms  # the terms that applied: those in force on the day of payment


def last_day_to_ask(paid_on: date, window_days: int) -> date:
    return paid_on + timedelta(days=window_days)


def terms_on(versions: Sequence[RefundTerms], day: date) -> RefundTerms:
    """The terms in force on `day`; before the first version, the first version's."""
    in_force = [terms for terms in versions if terms.first_day <= day]
    return max(in_force, key=lambda terms: terms.first_day) if in_force else min(
        versions, key=lambda terms: terms.first_day)


def decide(versions: Sequence[RefundTerms], paid_on: date, asked_on: date) -> RefundDecision:
    """Whether a request made on `asked_on` for a payment made on `paid_on` is refundable,
    under the terms in force on `paid_on`. Days outside READER_DAYS are refused (a year
    typed as 9999 is a typo, and its window would run past the calendar)."""
    for day in (paid_on, asked_on):
        if not READER_DAYS[0] <= day <= READER_DAYS[1]:
            raise ValueError(f"{day.isoformat()} is not a day between {READER_DAYS[0]} and {READER_DAYS[1]}")
    terms = terms_on(versions, paid_on)
    last_day = last_day_to_ask(paid_on, terms.window_days)
    eligible = paid_on <= asked_on <= last_day
    return RefundDecision(
        eligible=eligible,
        last_day_to_ask=last_day,
        days_since_payment=(asked_on - paid_on).days,
        refund_paid_by=asked_on + timedelta(days=terms.processing_days) if eligible else None,
        terms=terms,
    )
