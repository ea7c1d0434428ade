"""The help center is a function of (policy, day). Legal announces a change in advance:
the refund window becomes 14 days and refunds are paid within 5 days from 1 January
2027. Built before that day, the site states the terms in force and announces the new
ones; built on or after it, the new terms are in force everywhere. Every version keeps
its own page, and policy.json says which terms applied when."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from helpers import Site, align_app_config, copy_project, mkdocs_build, replace_in, run_cli

CHANGE_DAY = "2027-01-01"
BEFORE, AFTER = "2026-12-31", "2027-01-01"
SCHEDULED_ENTRY = """
history:
  - date: 2027-01-01
    announced: 2026-11-20
    policy: refunds
    changes:
      - key: refunds.window_days
        old: 30
        new: 14
      - key: refunds.processing_days
        old: 10
        new: 5
    reason: Refunds are paid faster, and the money-back window is two weeks.
"""
ATOM = "{http://www.w3.org/2005/Atom}"


def scheduled_project(folder: Path, app_day: str) -> Path:
    """The project with the change announced, and the app as engineering runs it on `app_day`."""
    project = copy_project(folder)
    replace_in(project / "policy.yml", "window_days: 30", "window_days: 14")
    replace_in(project / "policy.yml", "processing_days: 10", "processing_days: 5")
    replace_in(project / "policy.yml", "\nhistory:\n", SCHEDULED_ENTRY)
    align_app_config(project, app_day)
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    built = {}
    for day in (BEFORE, AFTER):
        project = scheduled_project(tmp_path_factory.mktemp(f"as-of-{day}"), day)
        result = mkdocs_build(project, env={"HELP_CENTER_AS_OF": day})
        assert result.ok, result.output
        built[day] = result.site
    return built


def text(site: Site, page: str) -> str:
    return site.article_text(page)


def test_before_its_day_a_change_is_announced_not_applied(sites: dict[str, Site]) -> None:
    site = sites[BEFORE]
    refunds = site.page("refunds/")
    assert "Refunds (30-day guarantee)" in refunds.title.get_text()
    assert "30-day money-back guarantee" in refunds.h1.get_text()
    assert "within 30 days of paying" in text(site, "refunds/")
    checker = refunds.select_one("[data-hc-widget=refund-checker]")
    assert (checker["data-window-days"], checker["data-processing-days"]) == ("30", "10")
    notice = " ".join(refunds.select_one("article .hc-notice").get_text(" ").split())
    assert ("From 1 January 2027 the money-back window becomes 14 days and the longest time to pay "
            "a refund becomes 5 days.") in notice
    links = {a.get_text(strip=True): a["href"] for a in refunds.select("article .hc-notice a")}
    assert links["Read the refund policy from 1 January 2027"] == "2027-01-01/"
    assert links["About this change"] == "../policy-changes/#change-2027-01-01-refunds"
    nav = " ".join(refunds.select_one("nav.md-nav--primary").get_text(" ").split())
    assert "30-day guarantee" in nav and "14-day" not in nav


def test_every_page_the_change_alters_shows_the_notice_and_no_other_page_does(sites: dict[str, Site]) -> None:
    site = sites[BEFORE]
    with_notice = {page for page in ("", "refunds/", "support/", "privacy/", "images-visibility/",
                                     "policy-changes/") if site.page(page).select_one("article .hc-notice")}
    # The home page and the support page state the window too; privacy and images do not.
    assert with_notice == {"", "refunds/", "support/"}


def test_on_its_day_the_change_is_in_force_everywhere(sites: dict[str, Site]) -> None:
    site = sites[AFTER]
    refunds = site.page("refunds/")
    assert "Refunds (14-day guarantee)" in refunds.title.get_text()
    assert "within 14 days of paying" in text(site, "refunds/")
    assert "within 5 days of your request" in text(site, "refunds/")
    assert not refunds.select_one("article .hc-notice")
    stamp = " ".join(refunds.select_one(".hc-version").get_text(" ").split())
    assert "In force since 1 January 2027" in stamp and "1 June 2026 to 31 December 2026" in stamp
    checker = refunds.select_one("[data-hc-widget=refund-checker]")
    assert (checker["data-window-days"], checker["data-processing-days"]) == ("14", "5")
    assert "within 14 days of paying" in " ".join(site.page("").get_text(" ").split())


@pytest.mark.parametrize("day", [BEFORE, AFTER])
def test_every_version_has_a_page_of_its_own_out_of_search(sites: dict[str, Site], day: str) -> None:
    site = sites[day]
    old, new = site.page("refunds/2026-06-01/"), site.page("refunds/2027-01-01/")
    assert "within 30 days of paying" in " ".join(old.select_one("article").get_text(" ").split())
    assert "within 14 days of paying" in " ".join(new.select_one("article").get_text(" ").split())
    old_stamp = " ".join(old.select_one(".hc-version__stamp").get_text(" ").split())
    new_stamp = " ".join(new.select_one(".hc-version__stamp").get_text(" ").split())
    if day == BEFORE:
        assert "in force since 1 June 2026 , until 31 December 2026" in old_stamp
        assert "takes effect on 1 January 2027" in new_stamp
    else:
        assert "was in force from 1 June 2026 to 31 December 2026" in old_stamp
        assert "is in force since 1 January 2027" in new_stamp
    for page, address in ((old, "refunds/2026-06-01/"), (new, "refunds/2027-01-01/")):
        assert page.find("link", rel="canonical")["href"].endswith(address)
        assert page.find("a", string="Read the current version")["href"] == "../"
    indexed = {doc["location"].split("#")[0] for doc in site.search_index()["docs"]}
    assert not {"refunds/2026-06-01/", "refunds/2027-01-01/"} & indexed
    assert "refunds/" in indexed


def test_the_current_page_links_to_its_other_versions(sites: dict[str, Site]) -> None:
    others = sites[AFTER].page("refunds/").select(".hc-version__others a")
    assert [(a.get_text(" ", strip=True), a["href"]) for a in others] == \
        [("1 June 2026 to 31 December 2026", "2026-06-01/")]


@pytest.mark.parametrize("day", [BEFORE, AFTER])
def test_policy_json_states_the_terms_in_force_and_every_version(sites: dict[str, Site], day: str) -> None:
    exported = json.loads((sites[day].root / "policy.json").read_text(encoding="utf-8"))
    versions = exported["versions"]["refunds"]
    assert [(v["first_day"], v["last_day"], v["values"]["window_days"]) for v in versions] == \
        [("2026-06-01", "2026-12-31", 30), ("2027-01-01", None, 14)]
    assert exported["as_of"] == day
    if day == BEFORE:
        assert exported["refunds"]["window_days"] == 30 and exported["next_change"] == CHANGE_DAY
        assert [v["status"] for v in versions] == ["current", "upcoming"]
    else:
        assert exported["refunds"]["window_days"] == 14 and exported["next_change"] is None
        assert [v["status"] for v in versions] == ["past", "current"]
    assert versions[1]["url"].endswith("/refunds/2027-01-01/")


@pytest.mark.parametrize("day", [BEFORE, AFTER])
def test_no_date_in_the_feed_lies_in_the_future(sites: dict[str, Site], day: str) -> None:
    feed = etree.parse(str(sites[day].root / "policy-changes.xml")).getroot()
    dates = [element.text[:10] for element in feed.iter(f"{ATOM}updated", f"{ATOM}published")]
    assert max(dates) <= day
    newest = feed.find(f"{ATOM}entry")
    if day == BEFORE:
        assert newest.findtext(f"{ATOM}title") == "Refund policy: change announced, effective 1 January 2027"
        assert newest.findtext(f"{ATOM}published").startswith("2026-11-20")
    else:
        assert newest.findtext(f"{ATOM}updated").startswith("2027-01-01")


def test_the_changes_page_lists_an_announced_change_as_announced(sites: dict[str, Site]) -> None:
    log = " ".join(sites[BEFORE].page("policy-changes/").select_one("article").get_text(" ").split())
    assert "1 January 2027, refund policy (announced, not yet in force)" in log
    assert "Takes effect on 1 January 2027." in log
    assert "The money-back window: was 30 days, now 14 days." in log


def test_the_build_says_when_to_build_again(tmp_path: Path) -> None:
    project = scheduled_project(tmp_path / "project", BEFORE)
    result = run_cli(project, "build", "--as-of", BEFORE)
    assert result.returncode == 0, result.output
    assert "The next announced change takes effect on 2027-01-01: build the site again that day" in result.output


def test_engineering_checks_the_future_app_settings_before_the_day(tmp_path: Path) -> None:
    project = scheduled_project(tmp_path / "project", BEFORE)  # the app still runs 30 days
    assert run_cli(project, "check", "--as-of", BEFORE).returncode == 0
    future = run_cli(project, "check", "--as-of", AFTER)
    assert future.returncode == 1
    assert ("refunds.window_days: found 14 here, but the app's billing.refund_window_days is 30"
            in future.stderr)
    align_app_config(project, AFTER)  # what engineering ships on the day
    assert run_cli(project, "check", "--as-of", AFTER).returncode == 0
    today = run_cli(project, "check", "--as-of", BEFORE)
    assert today.returncode == 1, "switched early, the app no longer does what the site says"
    assert "found 30 in force (on 2026-12-31; policy.yml's `14` takes effect on 2027-01-01)" in today.stderr


def test_a_day_that_is_not_a_date_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for args in (["check", "--as-of", "2027-13-01"], ["build", "--as-of", "tomorrow"]):
        result = run_cli(project, *args)
        assert result.returncode == 2 and "a day written year-month-day" in result.stderr
        assert "Traceback" not in result.stderr
    result = run_cli(project, "check", env={"HELP_CENTER_AS_OF": "soon"})
    assert result.returncode == 2 and "HELP_CENTER_AS_OF" in result.stderr
