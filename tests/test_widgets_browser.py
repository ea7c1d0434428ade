"""The reader widgets in Debian's Chromium, on the built site served from loopback under
`Content-Security-Policy: script-src 'self'`. Every page opened here also fails its test
on any console error (a refused script is one) and on any request to another host
(tests/browser_fixtures.py)."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from browser_fixtures import ServedSite, axe_violations, describe_violations, serve
from helpers import copy_project, load_policy, mkdocs_build, replace_in

pytestmark = pytest.mark.browser

VECTORS = json.loads((Path(__file__).parent / "refund_vectors.json").read_text(encoding="utf-8"))
POLICY = load_policy()
PAGES = ["", "refunds/", "images-visibility/", "support/", "privacy/"]
# en-US fixes the order in which a keyboard fills a date field (month, day, year).
READER = {"locale": "en-US", "viewport": {"width": 1280, "height": 900}}


def check_dates(page, paid_on: str, asked_on: str, answer: str) -> None:
    """Fill the refund checker and wait until it shows `answer`, and only that answer."""
    page.fill("#hc-paid-on", paid_on)
    page.fill("#hc-asked-on", asked_on)
    expect(page.locator(f".hc-refund-checker [data-answer={answer}]")).to_be_visible()
    expect(page.locator(".hc-refund-checker [data-answer]:visible")).to_have_count(1)


def expect_slot(page, answer: str, name: str, iso_date: str) -> None:
    slot = page.locator(f"[data-answer={answer}] [data-slot={name}]").first
    expect(slot).to_have_attribute("datetime", iso_date)


def test_refund_checker_inside_the_window_gives_dates_and_a_ready_email(open_page) -> None:
    page = open_page("refunds/", **READER)
    check_dates(page, "2026-03-03", "2026-03-20", "inside")
    answer = page.locator("[data-answer=inside]")
    expect(answer).to_contain_text("Yes, you can get your money back. The last day to ask is 2 April 2026.")
    expect(answer).to_contain_text("by 30 March 2026 at the latest")
    expect(answer).to_contain_text("from the email address registered on your ArtSmart AI account")
    expect(answer.get_by_role("link")).to_have_attribute("href", re.compile("I%20paid%20on%3A%203%20March"))
    href = answer.get_by_role("link").get_attribute("href")
    assert href.startswith(f"mailto:{POLICY.support.email}?")
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ["Refund request"]
    assert "I paid on: 3 March 2026" in query["body"][0]
    assert "registered on my ArtSmart AI account" in query["body"][0]


def test_refund_checker_after_the_window_explains_cancelling(open_page) -> None:
    page = open_page("refunds/", **READER)
    check_dates(page, "2026-03-03", "2026-04-03", "outside")
    answer = page.locator("[data-answer=outside]")
    expect(answer).to_contain_text(
        "No, the 30-day money-back window has closed. The last day to ask was 2 April 2026.")
    expect(answer).to_contain_text("You can still cancel your subscription at any time")
    expect(answer).to_contain_text("takes effect at the start of the next month")
    expect(answer).to_contain_text("the month in progress is still billed in full")


def test_refund_checker_agrees_with_the_worked_example_in_the_prose(open_page) -> None:
    page = open_page("refunds/", **READER)
    check_dates(page, "2026-03-01", "2026-03-31", "inside")
    check_dates(page, "2026-03-01", "2026-04-01", "outside")
    expect(page.locator("article")).to_contain_text("up to and including 31 March 2026")
    expect_slot(page, "outside", "last-day-to-ask", "2026-03-31")


def test_refund_checker_refuses_a_request_dated_before_the_payment(open_page) -> None:
    page = open_page("refunds/", **READER)
    check_dates(page, "2026-03-03", "2026-03-02", "asked-before-paid")
    expect(page.locator("[data-answer=asked-before-paid]")).to_contain_text("before the day you paid")


SITE_VECTORS = [case for case in VECTORS["decisions"]
                if (case["window_days"], case["processing_days"])
                == (POLICY.refunds.window_days, POLICY.refunds.processing_days)]


def test_refund_checker_form_answers_every_shared_vector_for_the_sites_policy(open_page) -> None:
    assert SITE_VECTORS, "no vector uses the policy's window and processing days"
    page = open_page("refunds/", **READER)
    for case in SITE_VECTORS:
        expected = ("asked-before-paid" if case["days_since_payment"] < 0
                    else "inside" if case["eligible"] else "outside")
        check_dates(page, case["paid_on"], case["asked_on"], expected)
        if expected != "asked-before-paid":
            expect_slot(page, expected, "last-day-to-ask", case["last_day_to_ask"])
        if case["eligible"]:
            expect_slot(page, "inside", "refund-paid-by", case["refund_paid_by"])


@pytest.mark.parametrize("time_zone", ["UTC", "America/Adak", "Pacific/Kiritimati"])
def test_javascript_rule_answers_every_shared_vector(open_page, time_zone: str) -> None:
    page = open_page("refunds/", timezone_id=time_zone, **READER)
    answers = page.evaluate("""cases => cases.map(c => helpCenter.refundRule.decide(
        [{first_day: "2000-01-01", last_day: null, window_days: c.window_days,
          processing_days: c.processing_days}], c.paid_on, c.asked_on))""", VECTORS["decisions"])
    fields = ("eligible", "last_day_to_ask", "days_since_payment", "refund_paid_by")
    for case, answer in zip(VECTORS["decisions"], answers, strict=True):
        assert {field: answer[field] for field in fields} == {field: case[field] for field in fields}, case["name"]


@pytest.mark.parametrize("time_zone", ["UTC", "Pacific/Kiritimati"])
def test_javascript_rule_applies_the_terms_in_force_on_the_day_of_payment(open_page, time_zone: str) -> None:
    page = open_page("refunds/", timezone_id=time_zone, **READER)
    answers = page.evaluate("""cases => cases.map(c => helpCenter.refundRule.decide(
        c.versions, c.paid_on, c.asked_on))""", VECTORS["versions"])
    fields = ("eligible", "last_day_to_ask", "days_since_payment", "refund_paid_by", "terms_first_day")
    for case, answer in zip(VECTORS["versions"], answers, strict=True):
        assert {field: answer[field] for field in fields} == {field: case[field] for field in fields}, case["name"]


@pytest.mark.parametrize("case", VECTORS["today"], ids=lambda case: case["name"])
def test_asked_date_defaults_to_the_readers_local_today(open_page, case: dict) -> None:
    page = open_page("refunds/", timezone_id=case["time_zone"], now=case["now_utc"], **READER)
    expect(page.locator("#hc-asked-on")).to_have_value(case["today"])


def test_reader_behind_utc_on_their_last_day_is_still_inside(open_page) -> None:
    # 10:30 UTC on 1 March is 23:30 on 28 February in Pago Pago: for a payment on
    # 29 January that is the last day, whatever the date in UTC.
    page = open_page("refunds/", timezone_id="Pacific/Pago_Pago", now="2026-03-01T10:30:00Z", **READER)
    page.fill("#hc-paid-on", "2026-01-29")
    expect(page.locator("[data-answer=inside]")).to_be_visible()
    expect_slot(page, "inside", "last-day-to-ask", "2026-02-28")


def test_refund_checker_works_from_the_keyboard_with_labels_and_a_live_answer(open_page) -> None:
    page = open_page("refunds/", **READER)
    paid = page.get_by_label("Day you paid")
    asked = page.get_by_label("Day you ask for the refund")
    paid.focus()
    page.keyboard.type("03032026")
    for _ in range(4):  # Tab first walks the date field's own parts, then leaves it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "hc-asked-on":
            break
    assert page.evaluate("document.activeElement.id") == "hc-asked-on", "Tab does not reach the second date"
    page.keyboard.type("03202026")
    expect(paid).to_have_value("2026-03-03")
    expect(asked).to_have_value("2026-03-20")
    status = page.get_by_role("status").filter(has_text="money back")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text("The last day to ask is 2 April 2026")


def test_visibility_explainer_preselects_the_policy_default_and_switches_by_keyboard(open_page) -> None:
    page = open_page("images-visibility/", **READER)
    default = POLICY.images.default_visibility
    other = POLICY.images.other_visibility
    expect(page.get_by_role("radio", name=default.capitalize())).to_be_checked()
    shown = page.locator("[data-visibility]:visible")
    expect(shown).to_have_count(1)
    expect(shown).to_have_attribute("data-visibility", default)
    page.get_by_role("radio", name=default.capitalize()).focus()
    page.keyboard.press("ArrowRight" if default == "public" else "ArrowLeft")
    expect(page.get_by_role("radio", name=other.capitalize())).to_be_checked()
    expect(shown).to_have_attribute("data-visibility", other)
    for words in ("Private image: only you can see it.", "Not shown in the Explore page",
                  "Not shown in your public profile", "Shown in the Images tab of My profile",
                  "To make it public:", "switch the Public toggle on"):
        expect(shown).to_contain_text(words)
    expect(page.locator(".hc-visibility__answer")).to_have_attribute("aria-live", "polite")


def test_contact_card_copy_button_puts_the_address_on_the_clipboard(open_page) -> None:
    page = open_page("support/", permissions=["clipboard-read", "clipboard-write"], **READER)
    card = page.locator("[data-hc-widget=contact-card]").first
    card.get_by_role("button", name="Copy address").click()
    # The copy is asynchronous (a promise): wait for the status it writes, then read.
    expect(card.get_by_role("status")).to_have_text("Address copied.")
    assert page.evaluate("navigator.clipboard.readText()") == POLICY.support.email


def test_contact_card_copy_falls_back_to_selecting_the_address_when_copying_fails(open_page) -> None:
    page = open_page("support/", **READER)
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')) }")
    card = page.locator("[data-hc-widget=contact-card]").first
    card.get_by_role("button", name="Copy address").click()
    expect(card.get_by_role("status")).to_have_text(
        "Copying did not work here: select the address and copy it.")
    assert page.evaluate("getSelection().toString()") == POLICY.support.email


def test_without_javascript_widgets_show_the_rule_and_no_dead_controls(open_page) -> None:
    page = open_page("refunds/", java_script_enabled=False, **READER)
    assert "you can ask for your money back up to and including 31 March 2026" in \
        page.locator(".hc-refund-checker").inner_text()
    assert not page.locator(".hc-refund-checker form").is_visible()
    assert not page.get_by_role("button", name="Copy address").is_visible()
    page = open_page("images-visibility/", java_script_enabled=False, **READER)
    assert page.locator("[data-visibility]:visible").count() == 2
    assert not page.locator(".hc-visibility fieldset").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_wcag_a_or_aa_violations(open_page, served_site: ServedSite,
                                                  scheme: str) -> None:
    page = open_page("", color_scheme=scheme, **READER)
    expected_palette = "slate" if scheme == "dark" else "default"
    failures = []
    for path in PAGES:
        page.goto(served_site.url(path))
        assert page.get_attribute("body", "data-md-color-scheme") == expected_palette
        if path == "refunds/":
            check_dates(page, "2026-03-03", "2026-03-20", "inside")  # the answer too, not just the form
        violations = axe_violations(page)
        if violations:
            failures.append(f"/{path} ({scheme}):\n{describe_violations(violations)}")
    assert not failures, "\n".join(failures)


def test_site_server_really_refuses_inline_scripts(open_page) -> None:
    # Proves the guard the other tests rely on: the CSP header is in force, so an
    # inline script anywhere in our pages would be refused and logged as an error.
    page = open_page("refunds/", expect_errors=True, **READER)
    ran = page.evaluate("""() => { const s = document.createElement("script");
        s.textContent = "window.inlineRan = true"; document.head.append(s);
        return window.inlineRan === true }""")
    assert ran is False
    assert any("Content Security Policy" in error for error in page.watch.console_errors)


def test_request_guard_notices_a_request_to_another_host(open_page) -> None:
    # Proves the guard every browser test relies on: an off-site request is recorded
    # (and, by the launch flags, never resolved). The site's CSP would refuse it before
    # it left, so this page bypasses the CSP to reach the guard behind it.
    page = open_page("refunds/", expect_errors=True, bypass_csp=True, **READER)
    page.evaluate("fetch('http://cdn.example.com/widget.js').catch(() => null)")
    page.wait_for_function("true")
    assert page.watch.foreign_requests == ["http://cdn.example.com/widget.js"]
    page.watch.foreign_requests.clear()


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The site with Material's instant navigation switched on: the widgets must start
    on every page Material swaps in without a reload. Material only navigates instantly
    to URLs in sitemap.xml, compared with their port, so site_url must be the server's."""
    project = copy_project(tmp_path_factory.mktemp("instant"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    replace_in(project / "mkdocs.yml", "    - navigation.top\n", "    - navigation.top\n    - navigation.instant\n")
    result = mkdocs_build(project, env={"HELP_CENTER_URL": f"http://127.0.0.1:{port}/"})
    assert result.ok, result.output
    yield from serve(result.site_dir, project, port)


def test_widgets_keep_working_across_instant_navigation(open_page, instant_site: ServedSite) -> None:
    page = open_page("", site=instant_site, **READER)
    page.wait_for_load_state("networkidle")  # Material reads sitemap.xml before it navigates instantly
    page.evaluate("window.sameDocument = true")
    page.locator(".hc-topics a[href$='refunds/']").click()  # the home page's topic card
    page.wait_for_url("**/refunds/")
    check_dates(page, "2026-03-03", "2026-03-20", "inside")
    page.locator(".md-sidebar--primary a[href$='images-visibility/']").click()
    page.wait_for_url("**/images-visibility/")
    page.get_by_role("radio", name="Private").check()
    expect(page.locator("[data-visibility]:visible")).to_have_attribute("data-visibility", "private")
    page.go_back()
    page.wait_for_url("**/refunds/")
    check_dates(page, "2026-03-03", "2026-04-03", "outside")
    assert page.evaluate("window.sameDocument") is True, "pages were reloaded: instant navigation was off"


def test_a_year_a_reader_cannot_mean_asks_again_and_the_last_possible_day_still_works(open_page) -> None:
    page = open_page("refunds/", **READER)
    rule = ("(args) => helpCenter.refundRule.decide("
            "[{first_day: '2000-01-01', window_days: 30, processing_days: 10}], ...args)")
    assert page.evaluate(rule, ["9999-12-20", "9999-12-25"]) is None
    page.fill("#hc-paid-on", "9999-12-20")
    page.fill("#hc-asked-on", "9999-12-25")
    expect(page.locator("[data-answer=ask-first]")).to_be_visible()
    check_dates(page, "2999-12-31", "2999-12-31", "inside")
    expect_slot(page, "inside", "last-day-to-ask", "3000-01-30")
    expect(page.locator("[data-answer=inside] [data-slot=last-day-to-ask]").first).to_have_text("30 January 3000")
