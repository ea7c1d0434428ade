"""The reader widgets: small tools that answer a reader's concrete question with the
values legal set in policy.yml.

Each widget is a Jinja template in `templates/` (its sentences, its no-JavaScript
fallback, and its policy values in escaped `data-` attributes), styled by the site's
one style sheet and run by its one script (`docs/assets/help-center.css`, `.js`). The
script never holds a policy value or a sentence of its own: it reads the attributes and
shows, hides or fills in what the template rendered. That keeps the wording in one place and lets the site run under
`Content-Security-Policy: script-src 'self'`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from markupsafe import Markup

from ..policy import timeline
from ..policy.model import Policy, Surface, Visibility
from . import phrases
from .links import SiteLinks
from .markup import render
from .refund_rule import RefundTerms

# What the refund checker puts in the email's body; the script replaces the placeholders
# with the payment date the reader entered and the window that applies to it.
PAID_ON_PLACEHOLDER = "{paid_on}"
WINDOW_PLACEHOLDER = "{window_days}"

SUPPORT_TOPIC_NAMES = {"refund": "refunds", "privacy": "your personal data", "other": "anything else"}


def mailto(email: str, subject: str = "", body: str = "") -> str:
    """A mailto: URL (RFC 6068): spaces as %20 and line breaks as %0D%0A, which every mail
    client reads; a `+` would reach some clients as a literal plus."""
    fields = [f"{name}={quote(value, safe='')}" for name, value in
              (("subject", subject), ("body", body)) if value]
    return f"mailto:{email}" + (f"?{'&'.join(fields)}" if fields else "")


def refund_request_body(policy: Policy) -> str:
    lines = [
        "Hello,",
        "",
        "I would like to cancel my subscription and get my money back under the "
        f"{WINDOW_PLACEHOLDER}-day money-back guarantee.",
        "",
        f"I paid on: {PAID_ON_PLACEHOLDER}",
    ]
    if policy.refunds.request_from_registered_email:
        lines += ["", f"I am writing from the email address registered on my "
                      f"{policy.company.product} account."]
    return "\r\n".join(lines + ["", "Thank you"])


def refund_terms(policy: Policy) -> list[RefundTerms]:
    """The money-back terms of every version of the refund policy, oldest first."""
    return [RefundTerms(version.first_day, version.last_day, version.values.refunds.window_days,
                        version.values.refunds.processing_days)
            for version in timeline.versions(policy, "refunds")]


def refund_checker(every_value: Policy, day: date, links: SiteLinks) -> Markup:
    """The checker as of `day`; it carries every version's terms, so it applies the ones
    in force on the day the reader paid."""
    policy = timeline.in_force_on(every_value, day)
    refunds = policy.refunds
    versions = [{
        "first_day": terms.first_day.isoformat(),
        "last_day": terms.last_day.isoformat() if terms.last_day else None,
        "window_days": terms.window_days,
        "processing_days": terms.processing_days,
        "window_phrase": phrases.days(terms.window_days),
        "processing_phrase": phrases.days(terms.processing_days),
        "href": links.href(links.version_url("refunds", terms.first_day)),
        "current": terms.first_day <= day and (terms.last_day is None or day <= terms.last_day),
    } for terms in refund_terms(every_value)]
    return render(
        "refund_checker.html",
        window_days=refunds.window_days,
        processing_days=refunds.processing_days,
        versions=json.dumps(versions, separators=(",", ":")),
        window_phrase=phrases.days(refunds.window_days),
        processing_phrase=phrases.days(refunds.processing_days),
        example=phrases.window_example(refunds.window_days),
        email=policy.support.email,
        mailto_template=mailto(policy.support.email, phrases.SUPPORT_SUBJECTS["refund"],
                               refund_request_body(policy)),
        paid_on_placeholder=quote(PAID_ON_PLACEHOLDER, safe=""),
        window_placeholder=quote(WINDOW_PLACEHOLDER, safe=""),
        registered_only=refunds.request_from_registered_email,
        product=policy.company.product,
        amount=phrases.WORDING["refund_amount"][refunds.amount],
        method=phrases.WORDING["refund_method"][refunds.method],
        takes_effect=phrases.WORDING["takes_effect"][refunds.cancellation.takes_effect],
        still_billed=phrases.WORDING["still_billed"][refunds.cancellation.still_billed],
    )


@dataclass(frozen=True)
class SurfaceRow:
    name: str
    shown: bool


@dataclass(frozen=True)
class VisibilityState:
    """One choice in the visibility explainer: who sees the image, where it is shown,
    and how to switch to the other state."""

    value: Visibility
    audience: str
    surfaces: tuple[SurfaceRow, ...]
    other: Visibility
    is_default: bool


def visibility_states(policy: Policy) -> tuple[VisibilityState, ...]:
    images = policy.images
    every_surface: list[Surface] = list(dict.fromkeys(images.shown_in.public + images.shown_in.private))
    states = []
    pairs: tuple[tuple[Visibility, Visibility], ...] = (("public", "private"), ("private", "public"))
    for value, other in pairs:
        shown_in = getattr(images.shown_in, value)
        rows = tuple(SurfaceRow(phrases.surface_name(surface, images.app_labels), surface in shown_in)
                     for surface in every_surface)
        states.append(VisibilityState(value, phrases.VISIBILITY_AUDIENCE[value], rows, other,
                                      value == images.default_visibility))
    return tuple(states)


def visibility_explainer(policy: Policy) -> Markup:
    return render("visibility_explainer.html", states=visibility_states(policy),
                  default=policy.images.default_visibility, labels=policy.images.app_labels,
                  ways=policy.images.ways_to_change)


def contact_card(policy: Policy, topic: str | None = None) -> Markup:
    subject = phrases.SUPPORT_SUBJECTS.get(topic or "", "")
    return render("contact_card.html", email=policy.support.email, subject=subject,
                  href=mailto(policy.support.email, subject),
                  topic_name=SUPPORT_TOPIC_NAMES.get(topic or ""),
                  registered_note=topic in ("refund", None)
                  and policy.refunds.request_from_registered_email,
                  topic=topic, product=policy.company.product)
