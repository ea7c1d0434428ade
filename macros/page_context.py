"""What docs writers can use in pages: the `policy` object and a few named macros.

    {{ policy.refunds.window_days }}        -> 30
    {{ days(policy.refunds.processing_days) }} -> 10 days
    {{ support_link("refund") }}            -> mailto: link, subject prefilled
    {{ ui("my_profile") }}                  -> the app's label, in bold
    {{ shown_in("public") }}                -> where a public image appears
    {{ window_example() }}                  -> "paid on 1 March ... up to 31 March"
    {{ refund_checker() }}, {{ visibility_explainer() }}, {{ contact_card("refund") }},
    {{ policy_at_a_glance() }}              -> the reader widgets (macros/widgets.py)

Everything here is plain Python over a `Policy`; the plugin wiring lives in
`macros/__init__.py`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from . import phrases, widgets
from .history_context import history_context
from .phrases import SUPPORT_SUBJECTS
from .policy import Policy, Visibility
from .templating import render


def writer_context(policy: Policy) -> dict[str, Any]:
    """Variables and macros available in every page, keyed by the name writers type."""

    def support_link(topic: str | None = None) -> Markup:
        if topic is not None and topic not in SUPPORT_SUBJECTS:
            raise ValueError(f"support_link topic {topic!r}: use one of {sorted(SUPPORT_SUBJECTS)}")
        return render("support_link.html", email=policy.support.email,
                      subject=SUPPORT_SUBJECTS.get(topic or "", ""))

    def ui(label_key: str) -> Markup:
        label = getattr(policy.images.app_labels, label_key)
        return Markup("<strong>{}</strong>").format(label)

    def shown_in(visibility: Visibility) -> str:
        return phrases.surfaces_phrase(getattr(policy.images.shown_in, visibility),
                                       policy.images.app_labels)

    def hidden_when_private() -> str:
        shown = policy.images.shown_in
        return phrases.surfaces_phrase([s for s in shown.public if s not in shown.private],
                                       policy.images.app_labels)

    def window_example() -> str:
        return phrases.window_example(policy.refunds.window_days)

    vocabulary: dict[str, Any] = {
        "days": phrases.days,
        "join_words": phrases.join_words,
        "support_link": support_link,
        "ui": ui,
        "shown_in": shown_in,
        "audience": lambda visibility: phrases.VISIBILITY_AUDIENCE[visibility],
        "window_example": window_example,
        "hidden_when_private": hidden_when_private,
        "wording": phrases.WORDING,
        # Reader widgets (macros/widgets.py): a template, plus a script and a style sheet
        # under docs/assets/widgets/.
        "refund_checker": lambda: widgets.refund_checker(policy),
        "visibility_explainer": lambda: widgets.visibility_explainer(policy),
        "contact_card": lambda topic=None: widgets.contact_card(policy, topic),
        "policy_at_a_glance": lambda: widgets.policy_at_a_glance(policy),
    }
    return {"policy": policy, **vocabulary, **history_context(policy)}


def site_name(policy: Policy) -> str:
    return f"{policy.company.product} Help Center"
