"""Effective dates and the change history: what readers see on each policy page, on the
Policy changes page and in the Atom feed, and the mistakes in policy.yml that are refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from lxml import etree

from helpcenter.diagnostics import Refused
from helpcenter.policy.history import newest_first
from helpcenter.policy.timeline import version_on
from helpers import REPO, TEST_DAY, Site, align_app_config, load_policy, replace_in

ATOM = "{http://www.w3.org/2005/Atom}"
POLICY_PAGES = {"privacy": "privacy/", "refunds": "refunds/", "images": "images-visibility/"}


def resolve_link(site: Site, page: str, href: str):
    """The element an internal link lands on: (the parsed target page, the anchor's element)."""
    target = urlparse(urljoin(f"http://site/{page}", href))
    soup = site.page(target.path.lstrip("/"))
    return soup, (soup.find(id=target.fragment) if target.fragment else None)


@pytest.mark.parametrize("name", POLICY_PAGES)
def test_policy_page_shows_since_when_it_is_in_force_and_links_to_its_history(name, built_site: Site):
    policy = load_policy(REPO / "policy.yml")
    page = built_site.page(POLICY_PAGES[name])
    stamp = page.select_one("article .hc-version__stamp")
    current = version_on(policy, name, dt.date.fromisoformat(TEST_DAY))
    assert stamp.time["datetime"] == current.first_day.isoformat()
    link = stamp.find("a", string="What changed, and when")
    changes, section = resolve_link(built_site, POLICY_PAGES[name], link["href"])
    assert section is not None and section.name == "h2", link["href"]
    # The section lists this policy's changes, newest first, each with its reason.
    entries = [heading.get_text(" ", strip=True) for heading in section.find_next_siblings("h3")
               if heading.find_previous_sibling("h2") is section]
    expected = [entry for entry in newest_first(policy.history, name)]
    assert len(entries) == len(expected)
    assert all(entry.reason in changes.get_text() for entry in expected)
    if not expected:  # a policy never changed since it was published says so
        following = []
        for sibling in section.find_next_siblings():
            if sibling.name == "h2":
                break
            following.append(sibling.get_text(" ", strip=True))
        assert "No changes recorded yet." in " ".join(following)


def test_changes_page_lists_every_change_newest_first(built_site: Site):
    policy = load_policy(REPO / "policy.yml")
    page = built_site.page("policy-changes/")
    items = page.select_one("#all-changes").find_next_sibling("ul").select("li")
    assert [" ".join(item.get_text().split()).split(": ", 1)[1] for item in items] == \
        [entry.reason for entry in sorted(policy.history, key=lambda e: e.date, reverse=True)]
    for item in items:
        _, anchor = resolve_link(built_site, "policy-changes/", item.a["href"])
        assert anchor is not None and anchor.name == "h3"
    nav_labels = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a")]
    assert "Policy changes" in nav_labels


def test_every_page_points_feed_readers_to_the_atom_feed(built_site: Site):
    for path in built_site.html_files():
        page = built_site.page(str(path.relative_to(built_site.root)))
        if page.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect stub (old address, /go/ short link) is never read
        # rel is a list of words ("alternate feed": Material fetches sitemap.xml for
        # every link whose rel is exactly "alternate"); feed readers look for the word.
        [link] = page.select('head link[rel~="alternate"][type="application/atom+xml"]')
        target = urlparse(urljoin(f"http://site/{path.relative_to(built_site.root)}", link["href"]))
        assert (built_site.root / target.path.lstrip("/")).is_file()


def test_feed_is_atom_with_one_entry_per_change_linking_to_it(built_site: Site):
    policy = load_policy(REPO / "policy.yml")
    feed = etree.parse(str(built_site.root / "policy-changes.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287: a feed has exactly one id, title and updated, and an author.
    for required in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{required}")) == 1, required
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(policy.history)
    ids = set()
    for entry in entries:
        for required in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        ids.add(entry.findtext(f"{ATOM}id"))
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        address = urlparse(href)
        _, anchor = resolve_link(built_site, "", f"{address.path}#{address.fragment}")
        assert anchor is not None, href
    assert len(ids) == len(entries)
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == updated[0]


def test_recorded_change_reaches_page_change_log_feed_and_export(project: Path, build):
    """The 'done when' of legal's workflow: one value, its record, one build on its day."""
    replace_in(project / "policy.yml", "window_days: 30", "window_days: 14")
    replace_in(project / "policy.yml", "\nhistory:\n", """
history:
  - date: 2026-11-01
    policy: refunds
    changes:
      - key: refunds.window_days
        old: 30
        new: 14
    reason: You now have 14 days to ask for your money back.
""")
    align_app_config(project)
    site = build(project).site
    refunds = site.page("refunds/")
    assert "14-day money-back guarantee" in refunds.h1.get_text()
    assert refunds.select_one(".hc-version__stamp time")["datetime"] == "2026-11-01"
    log = " ".join(site.page("policy-changes/").select_one("article").get_text().split())
    assert "1 November 2026, refund policy: You now have 14 days to ask for your money back." in log
    assert "The money-back window: was 30 days, now 14 days." in log
    feed = etree.parse(str(site.root / "policy-changes.xml")).getroot()
    newest = feed.find(f"{ATOM}entry")
    assert newest.findtext(f"{ATOM}title") == "Refund policy: change effective 1 November 2026"
    assert "was 30 days, now 14 days" in newest.findtext(f"{ATOM}summary")
    exported = json.loads((site.root / "policy.json").read_text(encoding="utf-8"))
    assert exported["refunds"]["window_days"] == 14
    assert [v["first_day"] for v in exported["versions"]["refunds"]] == ["2026-06-01", "2026-11-01"]
    assert exported["history"][0]["changes"] == [
        {"key": "refunds.window_days", "old": 30, "new": 14}]


BAD_HISTORY = {
    # name: (find, replace, key named, words in the message)
    "impossible date": ("first_effective: 2026-06-01", "first_effective: 2026-02-30",
                        "refunds.first_effective", "February 2026 has 28 days"),
    "month 13": ("first_effective: 2026-06-01", "first_effective: 2026-13-01",
                 "refunds.first_effective", "there is no month 13"),
    "date without leading zeros": ("- date: 2026-04-01", "- date: 2026-4-1",
                                   "history[0].date", "year-month-day"),
    "date with a time": ("- date: 2026-04-01", "- date: 2026-04-01 10:30",
                         "history[0].date", "year-month-day"),
    "unknown policy": ("policy: images", "policy: billing", "history[0].policy", "`refunds`"),
    "missing reason": ("    reason: You can now make all your Playground images private at once "
                       "and choose whether new images start private.\n", "", "history[0].reason", "missing"),
    "key of another policy": ("key: images.ways_to_change", "key: refunds.window_days",
                              "history[0].changes[0].key", "starting with `images.`"),
}


@pytest.mark.parametrize("case", BAD_HISTORY, ids=list(BAD_HISTORY))
def test_mistakes_in_dates_and_history_are_refused_with_line_and_key(case, tmp_path: Path):
    find, replace, key, words = BAD_HISTORY[case]
    text = (REPO / "policy.yml").read_text(encoding="utf-8")
    assert find in text
    text = text.replace(find, replace, 1)
    (tmp_path / "policy.yml").write_text(text, encoding="utf-8")
    with pytest.raises(Refused) as refused:
        load_policy(tmp_path / "policy.yml")
    problems = [p for p in refused.value.diagnostics if p.subject == key]
    assert problems, str(refused.value)
    assert problems[0].line > 1 and words in str(problems[0])
