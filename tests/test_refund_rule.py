"""The money-back rule's shared vectors against the Python reference implementation,
and the page prose against the same rule. The JavaScript runs the same vectors in
tests/test_widgets_browser.py."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpcenter.content.refund_rule import RefundTerms, decide
from helpcenter.content.widgets import refund_terms
from helpers import Site, load_policy

VECTORS = json.loads((Path(__file__).parent / "refund_vectors.json").read_text(encoding="utf-8"))


def terms(version: dict) -> RefundTerms:
    last = version.get("last_day")
    return RefundTerms(date.fromisoformat(version["first_day"]), date.fromisoformat(last) if last else None,
                       version["window_days"], version["processing_days"])


def one_version(case: dict) -> list[RefundTerms]:
    return [RefundTerms(date(2000, 1, 1), None, case["window_days"], case["processing_days"])]


@pytest.mark.parametrize("case", VECTORS["decisions"], ids=lambda case: case["name"])
def test_reference_rule_answers_every_shared_vector(case: dict) -> None:
    decision = decide(one_version(case), date.fromisoformat(case["paid_on"]), date.fromisoformat(case["asked_on"]))
    assert decision.eligible is case["eligible"]
    assert decision.last_day_to_ask.isoformat() == case["last_day_to_ask"]
    assert decision.days_since_payment == case["days_since_payment"]
    paid_by = decision.refund_paid_by.isoformat() if decision.refund_paid_by else None
    assert paid_by == case["refund_paid_by"]


@pytest.mark.parametrize("case", VECTORS["versions"], ids=lambda case: case["name"])
def test_reference_rule_applies_the_terms_in_force_on_the_day_of_payment(case: dict) -> None:
    decision = decide([terms(v) for v in case["versions"]], date.fromisoformat(case["paid_on"]),
                      date.fromisoformat(case["asked_on"]))
    assert decision.terms.first_day.isoformat() == case["terms_first_day"]
    assert decision.eligible is case["eligible"]
    assert decision.last_day_to_ask.isoformat() == case["last_day_to_ask"]
    assert decision.days_since_payment == case["days_since_payment"]
    paid_by = decision.refund_paid_by.isoformat() if decision.refund_paid_by else None
    assert paid_by == case["refund_paid_by"]


def test_version_vectors_cover_both_sides_of_a_boundary_and_the_boundary_day() -> None:
    cases = VECTORS["versions"]
    boundaries = {v["first_day"] for case in cases for v in case["versions"][1:]}
    assert any(c["paid_on"] in boundaries for c in cases), "a payment on the boundary day"
    before = {(date.fromisoformat(b) - timedelta(days=1)).isoformat() for b in boundaries}
    assert any(c["paid_on"] in before for c in cases), "a payment on the day before a boundary"
    assert any(c["paid_on"] < b <= c["asked_on"] for c in cases for b in boundaries), \
        "a request made after a change for a payment made before it"


@pytest.mark.parametrize("case", VECTORS["today"], ids=lambda case: case["name"])
def test_today_vectors_agree_with_the_time_zone_database(case: dict) -> None:
    # The browser tests trust these dates as the reader's "today"; check each against
    # the IANA database so a wrong vector cannot make a wrong widget pass.
    instant = datetime.fromisoformat(case["now_utc"].replace("Z", "+00:00"))
    assert instant.astimezone(ZoneInfo(case["time_zone"])).date().isoformat() == case["today"]


def test_vectors_cover_the_cases_the_issue_names() -> None:
    decisions = VECTORS["decisions"]
    last_day = [c for c in decisions if c["asked_on"] == c["last_day_to_ask"]]
    day_after = [c for c in decisions if c["days_since_payment"] == c["window_days"] + 1]
    assert last_day and day_after, "on and just after the window's last day"
    assert any(c["paid_on"].endswith("-02-29") for c in decisions), "a payment on 29 February"
    assert any(c["paid_on"].endswith("-31") for c in decisions), "a purchase on the 31st"
    zones = {c["time_zone"] for c in VECTORS["today"]}
    assert {"Pacific/Kiritimati", "Pacific/Pago_Pago"} <= zones, "local date ahead of and behind UTC"


def test_refund_page_prose_states_the_rule_the_code_applies(built_site: Site) -> None:
    text = built_site.article_text("refunds/")
    policy = load_policy()
    match = re.search(r"if you paid on (\d+ \w+ \d{4}), you can ask for your money back up to "
                      r"and including (\d+ \w+ \d{4})", text)
    assert match, "the refunds page lost its worked example of the window"
    paid_on, last_day = (datetime.strptime(day, "%d %B %Y").date() for day in match.groups())
    assert "The day you paid is day 0 and the last day of the window still counts" in text
    versions = refund_terms(policy)
    assert decide(versions, paid_on, last_day).eligible
    assert not decide(versions, paid_on, date.fromordinal(last_day.toordinal() + 1)).eligible


@pytest.mark.parametrize("paid, asked", [("9999-12-20", "9999-12-25"), ("1999-12-31", "2000-01-05")])
def test_a_day_no_reader_can_mean_is_refused_not_computed(paid: str, asked: str) -> None:
    with pytest.raises(ValueError, match="is not a day between 2000-01-01 and 2999-12-31"):
        decide([RefundTerms(date(2000, 1, 1), None, 30, 10)], date.fromisoformat(paid), date.fromisoformat(asked))


def test_the_last_payment_day_a_reader_can_enter_still_has_its_window() -> None:
    decision = decide([RefundTerms(date(2000, 1, 1), None, 30, 10)], date(2999, 12, 31), date(2999, 12, 31))
    assert decision.last_day_to_ask == date(3000, 1, 30) and decision.refund_paid_by == date(3000, 1, 10)
