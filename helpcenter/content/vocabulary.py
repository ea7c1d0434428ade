"""What docs writers can use in pages, keyed by the name they type.

    {{ policy.refunds.window_days }}           -> 30 (the value in force on the page's day)
    {{ days(policy.refunds.processing_days) }} -> 10 days
    {{ support_link("refund") }}               -> mailto: link, subject prefilled
    {{ ui("my_profile") }}                     -> the app's label, in bold
    {{ shown_in("public") }}                   -> where a public image appears
    {{ window_example() }}                     -> "paid on 1 March ... up to 31 March"
    {{ effective_date("refunds") }}            -> <time datetime="2026-06-01">1 June 2026</time>
    {{ version_stamp("refunds") }}             -> in force since ..., earlier versions, or
                                                  (on a version's own page) from ... to ...
    {{ policy_page_href("refunds") }}          -> the link to the page that states a policy
    {% for change in policy_changes %}         -> every change, newest first (changes.py)
    {{ changes_to("refunds") }}                -> one policy's changes, newest first
    {{ refund_checker() }}, {{ visibility_explainer() }}, {{ contact_card("refund") }}
                                               -> the reader widgets (widgets.py)
    {{ link_directory() }}                     -> support's Link directory

A page is rendered for a day: the day the site is built for, or, on the page of one
version of a policy, that version's first day. Every value is the one in force then.
An unknown name stops the check and the build, naming the page and line; so does a
macro called with a value it does not know (`support_link("billing")`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from ..policy import timeline
from ..policy.loading import PolicySource
from ..policy.model import POLICY_NAMES, PolicyName, Visibility
from . import phrases, widgets
from .changes import POLICY_TITLES, PublishedChange, published_changes
from .links import SiteLinks
from .markup import render

# Where the Link directory goes: it lists every page's sections, so it is filled in once
# every page is rendered (publishing/link_directory.py).
LINK_DIRECTORY_SLOT = Markup('<div class="as-link-directory" data-link-directory-slot></div>')


class VocabularyError(ValueError):
    """A macro was called with a value it does not accept; the message lists the values."""


def writer_vocabulary(source: PolicySource, day: dt.date, links: SiteLinks,
                      viewing: timeline.Version | None = None,
                      values_day: dt.date | None = None) -> dict[str, Any]:
    """Variables and macros for a page rendered as of `day` (the site's day), or, for the
    page of one version of a policy, as that version (`viewing`) states it. With
    `values_day`, the values are those of that day and all else is as of `day`: how a
    page will read once announced changes take effect (to find the pages they alter)."""
    policy_day = viewing.first_day if viewing is not None else (values_day or day)
    stamp_day = viewing.first_day if viewing is not None else day
    policy = timeline.in_force_on(source.policy, policy_day)
    schema = source.schema

    def support_link(topic: str | None = None) -> Markup:
        _known_topic("support_link", topic)
        return render("support_link.html", email=policy.support.email,
                      subject=phrases.SUPPORT_SUBJECTS.get(topic or "", ""))

    def ui(label_key: str) -> Markup:
        labels = policy.images.app_labels
        if label_key not in labels.__dataclass_fields__:
            raise VocabularyError(f"ui({label_key!r}): the app labels are "
                                  + ", ".join(repr(k) for k in labels.__dataclass_fields__))
        return render("ui_label.html", label=getattr(labels, label_key))

    def shown_in(visibility: Visibility) -> str:
        _known("shown_in", visibility, ("public", "private"))
        return phrases.surfaces_phrase(getattr(policy.images.shown_in, visibility),
                                       policy.images.app_labels)

    def audience(visibility: Visibility) -> str:
        _known("audience", visibility, ("public", "private"))
        return phrases.VISIBILITY_AUDIENCE[visibility]

    def hidden_when_private() -> str:
        shown = policy.images.shown_in
        return phrases.surfaces_phrase([s for s in shown.public if s not in shown.private],
                                       policy.images.app_labels)

    def effective_date(name: PolicyName) -> Markup:
        _known("effective_date", name, POLICY_NAMES)
        return dated(timeline.version_on(source.policy, name, stamp_day).first_day)

    def version_stamp(name: PolicyName) -> Markup:
        _known("version_stamp", name, POLICY_NAMES)
        return _version_stamp(source, name, day, links, viewing)

    def policy_page_href(name: PolicyName) -> str:
        _known("policy_page_href", name, POLICY_NAMES)
        if name not in links.policy_pages:
            raise VocabularyError(f"policy_page_href({name!r}): no page states the {name} policy; give its "
                                  f"page `policy_page: {name}` in its front matter")
        return links.href(links.policy_pages[name])

    def changes_to(name: PolicyName) -> list[PublishedChange]:
        _known("changes_to", name, POLICY_NAMES)
        return published_changes(source.policy, schema, day, name)

    def contact_card(topic: str | None = None) -> Markup:
        _known_topic("contact_card", topic)
        return widgets.contact_card(policy, topic)

    return {
        "policy": policy,
        "days": phrases.days,
        "join_words": phrases.join_words,
        "long_date": phrases.long_date,
        "wording": phrases.WORDING,
        "support_link": support_link,
        "ui": ui,
        "shown_in": shown_in,
        "audience": audience,
        "hidden_when_private": hidden_when_private,
        "window_example": lambda: phrases.window_example(policy.refunds.window_days),
        "effective_date": effective_date,
        "version_stamp": version_stamp,
        "changes_to": changes_to,
        "policy_changes": published_changes(source.policy, schema, day),
        "policy_titles": POLICY_TITLES,
        "policy_page_href": policy_page_href,
        # Reader widgets: a template each, run by docs/assets/help-center.js.
        "refund_checker": lambda: widgets.refund_checker(source.policy, policy_day, links),
        "visibility_explainer": lambda: widgets.visibility_explainer(policy),
        "contact_card": contact_card,
        "link_directory": lambda: LINK_DIRECTORY_SLOT,
    }


def _version_stamp(source: PolicySource, name: PolicyName, day: dt.date, links: SiteLinks,
                   viewing: timeline.Version | None) -> Markup:
    every = timeline.versions(source.policy, name)
    shown = viewing or timeline.version_on(source.policy, name, day)
    current = timeline.version_on(source.policy, name, day)
    address = links.version_url(name, shown.first_day)
    return render(
        "version_stamp.html",
        title=POLICY_TITLES[name],
        shown=shown, status=shown.status(day), is_version_page=viewing is not None,
        long_date=phrases.long_date,
        current_href=links.href(links.policy_pages[name]),
        current_first_day=current.first_day,
        changes_href=links.href(f"{links.changes_page}#{name}"),
        address=links.absolute(address) if links.site_url else "/" + address,
        others=[(version, links.href(links.version_url(name, version.first_day)), version.status(day))
                for version in every if version.first_day != shown.first_day],
    )


def dated(day: dt.date) -> Markup:
    """A day as pages show it: <time datetime="2026-06-01">1 June 2026</time>."""
    return render("effective_date.html", iso=day.isoformat(), words=phrases.long_date(day))


def site_name(source: PolicySource) -> str:
    return f"{source.policy.company.product} Help Center"


def _known_topic(macro: str, topic: str | None) -> None:
    if topic is not None:
        _known(macro, topic, tuple(phrases.SUPPORT_SUBJECTS))


def _known(macro: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise VocabularyError(f"{macro}({value!r}): use one of " + ", ".join(repr(a) for a in allowed))
