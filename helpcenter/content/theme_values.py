"""The policy values the site's theme templates show (the footer, "Was this page
helpful?"), handed to the theme as one object, so a template never reaches into the
macros plugin or types a value by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ..policy import timeline
from ..policy.loading import PolicySource
from ..policy.model import POLICY_NAMES
from .changes import POLICY_TITLES
from .vocabulary import dated


@dataclass(frozen=True)
class ThemeValues:
    product: str
    company: str
    support_email: str
    newest_policy_title: str  # "refund policy": the policy whose version in force is newest
    newest_date: Markup  # <time datetime="2026-06-01">1 June 2026</time>


def theme_values(source: PolicySource, day: dt.date) -> ThemeValues:
    """The values as of `day`, the day the site is built for."""
    policy = timeline.in_force_on(source.policy, day)
    first_days = {name: timeline.version_on(source.policy, name, day).first_day for name in POLICY_NAMES}
    newest = max(POLICY_NAMES, key=first_days.__getitem__)
    return ThemeValues(
        product=policy.company.product,
        company=policy.company.name,
        support_email=policy.support.email,
        newest_policy_title=POLICY_TITLES[newest].lower(),
        newest_date=dated(first_days[newest]),
    )
