"""Notices of scheduled changes: a change announced for a later day is not applied to
the page; the page says what will change, and when, with links to the policy as it
will be and to the change's entry on the Policy changes page."""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup

from ..datafiles.schema import Schema
from ..policy.model import Policy
from . import phrases
from .changes import POLICY_TITLES, published_changes
from .links import SiteLinks
from .markup import render

_FIRST_H1 = re.compile(r"^#[ \t]+.*$", re.MULTILINE)


def announced_days(policy: Policy, day: dt.date) -> list[dt.date]:
    """The days, after `day`, on which announced changes take effect, soonest first."""
    return sorted({entry.date for entry in policy.history if entry.date > day})


def scheduled_notice(policy: Policy, schema: Schema, day: dt.date, change_day: dt.date,
                     links: SiteLinks) -> Markup:
    """The notice for the changes that take effect on `change_day`."""
    changes = [change for change in published_changes(policy, schema, day) if change.entry.date == change_day]
    names = list(dict.fromkeys(change.entry.policy for change in changes))
    return render(
        "scheduled_notice.html", changes=changes, day=phrases.long_date(change_day),
        versions=[(POLICY_TITLES[name], links.href(links.version_url(name, change_day)))
                  for name in names if name in links.policy_pages],
        change_href=lambda change: links.href(f"{links.changes_page}#{change.anchor}"))


def with_notice(markdown: str, notice: Markup) -> str:
    """The page's Markdown with `notice` under its title (at the top when it has none)."""
    title = _FIRST_H1.search(markdown)
    if title is None:
        return f"{notice}\n\n{markdown}"
    return f"{markdown[: title.end()]}\n\n{notice}\n{markdown[title.end():]}"
