"""The refund checker in Chromium applies the refund terms in force on the day the reader
paid: a payment made before a shorter window took effect keeps the longer one, and the
answer says which version applied, with its link."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from browser_fixtures import ServedSite, serve
from helpers import mkdocs_build
from test_policy_over_time import AFTER, scheduled_project
from test_widgets_browser import READER, check_dates, expect_slot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_after_the_change(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    project = scheduled_project(tmp_path_factory.mktemp("after"), AFTER)
    result = mkdocs_build(project, env={"HELP_CENTER_AS_OF": AFTER})
    assert result.ok, result.output
    yield from serve(result.site.root, project)


def test_a_payment_before_the_change_keeps_the_terms_it_was_made_under(open_page, site_after_the_change) -> None:
    page = open_page("refunds/", site=site_after_the_change, **READER)
    check_dates(page, "2026-12-31", "2027-01-20", "inside")  # 30 days then; 14 days now
    expect_slot(page, "inside", "last-day-to-ask", "2027-01-30")
    expect_slot(page, "inside", "refund-paid-by", "2027-01-30")  # 10 days to pay, as then
    note = page.locator("[data-version-note]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("from 1 June 2026 to 31 December 2026")
    expect(note).to_contain_text("30 days to ask and 10 days to pay")
    expect(note.get_by_role("link", name="Read that version")).to_have_attribute("href", "2026-06-01/")
    mail = page.locator("[data-answer=inside] [data-slot=mailto]")
    expect(mail).to_have_attribute("href", re.compile("30-day%20money-back"))


def test_a_payment_on_the_change_day_gets_the_new_terms_without_a_note(open_page, site_after_the_change) -> None:
    page = open_page("refunds/", site=site_after_the_change, **READER)
    check_dates(page, "2027-01-01", "2027-01-20", "outside")
    expect(page.locator("[data-answer=outside]")).to_contain_text("No, the 14-day money-back window has closed.")
    expect_slot(page, "outside", "last-day-to-ask", "2027-01-15")
    expect(page.locator("[data-version-note]")).to_be_hidden()
    check_dates(page, "2027-01-01", "2027-01-15", "inside")
    expect_slot(page, "inside", "refund-paid-by", "2027-01-20")  # 5 days to pay now
