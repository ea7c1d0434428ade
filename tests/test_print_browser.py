"""A policy page prints as the terms readers agreed to: the article with its version
stamp and the version's address, and none of the site around it or its controls."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_widgets_browser import READER

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["refunds/", "refunds/2026-06-01/", "images-visibility/", "privacy/"])
def test_a_policy_page_prints_its_text_version_and_address_without_navigation_or_controls(
        open_page, path: str) -> None:
    page = open_page(path, **READER)
    page.emulate_media(media="print")
    expect(page.locator(".hc-version__address")).to_be_visible()
    expect(page.locator(".hc-version__address")).to_contain_text("This version: http")
    expect(page.locator(".hc-version__stamp")).to_be_visible()
    expect(page.locator("article h1")).to_be_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".hc-feedback",
                   "form", "button", "fieldset"):
        locator = page.locator(hidden)
        for index in range(locator.count()):
            expect(locator.nth(index)).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".hc-version__address")).to_be_hidden()
