"""The Atom feed of policy changes, so readers can subscribe instead of checking back.

Atom 1.0 (RFC 4287): the feed and every entry carry an id, a title and an updated time;
entries link to their place on the policy-changes page and summarise the change. The
XML is built with ElementTree, which escapes every value.
"""

from __future__ import annotations

import datetime as dt
import uuid
from xml.etree import ElementTree as ET

from ..content.changes import PublishedChange, published_changes
from ..content.vocabulary import site_name
from ..policy.loading import PolicySource
from ..policy.model import POLICY_NAMES, Policy

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
FEED_FILE = "policy-changes.xml"

# Feed readers tell new entries from ones already shown by their ids, so ids never
# change once published: they come from the change alone, not from the site's address,
# which moves between previews and production.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:artsmart-help-center:policy-changes")


def atom_feed(source: PolicySource, site_url: str, changes_page: str, day: dt.date) -> bytes:
    """The feed as of `day`, as UTF-8 XML. `changes_page` is the page's URL relative to
    `site_url`. No date in it lies after `day`: an announced change is published on the
    day it was announced and updated on the day it takes effect."""
    policy = source.policy
    base = site_url.rstrip("/") + "/" if site_url else ""
    changes = published_changes(policy, source.schema, day)
    feed = ET.Element("feed", {"xmlns": ATOM_NAMESPACE, f"{{{_XML_NAMESPACE}}}lang": "en"})
    _text(feed, "id", f"urn:uuid:{_ID_NAMESPACE}")
    _text(feed, "title", f"{site_name(source)}: policy changes")
    _text(feed, "subtitle", "Every change to our privacy, refund and image visibility policies.")
    _text(feed, "updated", _timestamp(_last_change_day(policy, changes, day)))
    author = ET.SubElement(feed, "author")
    _text(author, "name", policy.company.name)
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=base + changes_page)
    if base:
        ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_FILE)
    for change in changes:
        _entry(feed, change, f"{base}{changes_page}#{change.anchor}", day)
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _entry(feed: ET.Element, change: PublishedChange, link: str, day: dt.date) -> None:
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, change.slug)}")
    _text(entry, "title", change.title)
    _text(entry, "updated", _timestamp(_updated(change, day)))
    _text(entry, "published", _timestamp(_published(change, day)))
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=link)
    ET.SubElement(entry, "category", term=change.entry.policy, label=change.policy_title)
    lead = [change.announcement] if change.upcoming else []
    _text(entry, "summary", " ".join([*lead, change.entry.reason, *change.lines]), type="text")


def _published(change: PublishedChange, day: dt.date) -> dt.date:
    """When readers were told: the announcement day, else the change's day, never later
    than the day the feed is built for."""
    return min(change.entry.announced or change.entry.date, day)


def _updated(change: PublishedChange, day: dt.date) -> dt.date:
    return change.entry.date if not change.upcoming else _published(change, day)


def _last_change_day(policy: Policy, changes: list[PublishedChange], day: dt.date) -> dt.date:
    # The feed's time is its newest entry's, never the build time: rebuilding the same
    # policy on the same day gives the same feed.
    first = min(policy.section(name).first_effective for name in POLICY_NAMES)
    return max([first, *(_updated(change, day) for change in changes)])


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element
