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
from ..policy.history import newest_date
from ..policy.loading import PolicySource
from ..policy.model import POLICY_NAMES, Policy

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
FEED_FILE = "policy-changes.xml"

# Feed readers tell new entries from ones already shown by their ids, so ids never
# change once published: they come from the change alone, not from the site's address,
# which moves between previews and production.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:artsmart-help-center:policy-changes")


def atom_feed(source: PolicySource, site_url: str, changes_page: str) -> bytes:
    """The feed as UTF-8 XML. `changes_page` is the page's URL relative to `site_url`."""
    policy = source.policy
    base = site_url.rstrip("/") + "/" if site_url else ""
    changes = published_changes(policy, source.schema)
    feed = ET.Element("feed", {"xmlns": ATOM_NAMESPACE, f"{{{_XML_NAMESPACE}}}lang": "en"})
    _text(feed, "id", f"urn:uuid:{_ID_NAMESPACE}")
    _text(feed, "title", f"{site_name(source)}: policy changes")
    _text(feed, "subtitle", "Every change to our privacy, refund and image visibility policies.")
    _text(feed, "updated", _timestamp(_last_change_day(policy)))
    author = ET.SubElement(feed, "author")
    _text(author, "name", policy.company.name)
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=base + changes_page)
    if base:
        ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_FILE)
    for change in changes:
        _entry(feed, change, f"{base}{changes_page}#{change.anchor}")
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _entry(feed: ET.Element, change: PublishedChange, link: str) -> None:
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, change.slug)}")
    _text(entry, "title", change.title)
    _text(entry, "updated", _timestamp(change.entry.date))
    _text(entry, "published", _timestamp(change.entry.date))
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=link)
    ET.SubElement(entry, "category", term=change.entry.policy, label=change.policy_title)
    details = [f"{line.label}: was {line.old}, now {line.new}." for line in change.lines]
    _text(entry, "summary", " ".join([change.entry.reason, *details]), type="text")


def _last_change_day(policy: Policy) -> dt.date:
    # The feed's time is the newest change, never the build time: rebuilding the same
    # policy gives the same feed, and readers are not told of changes that did not happen.
    effective = max(policy.section(name).effective for name in POLICY_NAMES)
    return newest_date(policy.history) or effective


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element
