"""What pages can use about effective dates and policy changes.

    {{ effective_date("refunds") }}     -> <time datetime="2026-06-01">1 June 2026</time>
    {% for change in policy_changes %}  -> every change, newest first (see history.py)
    {{ changes_to("refunds") }}         -> the refund policy's changes, newest first
    {{ long_date(change.entry.date) }}  -> 1 June 2026
    {{ policy_titles["refunds"] }}      -> Refund policy
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from . import phrases
from .history import POLICY_TITLES, PublishedChange, published_changes
from .policy import Policy, PolicyName
from .templating import render


def history_context(policy: Policy) -> dict[str, Any]:
    def effective_date(name: PolicyName) -> Markup:
        effective = policy.section(name).effective
        return render("effective_date.html", iso=effective.isoformat(),
                      words=phrases.long_date(effective))

    def changes_to(name: PolicyName) -> list[PublishedChange]:
        return published_changes(policy, name)

    return {
        "effective_date": effective_date,
        "changes_to": changes_to,
        "long_date": phrases.long_date,
        "policy_changes": published_changes(policy),
        "policy_titles": POLICY_TITLES,
    }
