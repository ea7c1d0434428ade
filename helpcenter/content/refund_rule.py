"""The money-back rule, stated once in code (the widget's JavaScript mirrors it and both
run the shared vectors in tests/refund_vectors.json).

The day of payment is day 0. A request made on any day from day 0 to day
`window_days` inclusive is inside the window, so with a 30-day window a payment on
1 March can be refunded on a request made up to and including 31 March. The refund is
paid at the latest `processing_days` after the day the request is received. Dates are
calendar dates in the reader's own time zone: the rule never looks at hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..policy.model import Refunds


@dataclass(frozen=True)
class RefundDecision:
    eligible: bool
    last_day_to_ask: date
    days_since_payment: int
    refund_paid_by: date | None  # None when outside the window


def last_day_to_ask(paid_on: date, window_days: int) -> date:
    return paid_on + timedelta(days=window_days)


def decide(refunds: Refunds, paid_on: date, asked_on: date) -> RefundDecision:
    """Whether a request made on `asked_on` for a payment made on `paid_on` is refundable."""
    last_day = last_day_to_ask(paid_on, refunds.window_days)
    eligible = paid_on <= asked_on <= last_day
    return RefundDecision(
        eligible=eligible,
        last_day_to_ask=last_day,
        days_since_payment=(asked_on - paid_on).days,
        refund_paid_by=asked_on + timedelta(days=refunds.processing_days) if eligible else None,
    )
