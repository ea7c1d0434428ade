"""The money-back rule's shared vectors against the Python reference implementation,
and the page prose against the same rule. The JavaScript runs the same vectors in
tests/test_widgets_browser.py."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpcenter.content.refund_rule import decide
from helpers import Site, load_policy

VECTORS = json.loads((Path(__file__).parent / "refund_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["decisions"], ids=lambda case: case["name"])
def test_reference_rule_answers_every_shared_vector(case: dict) -> None:
    refunds = dataclasses.replace(load_policy().refunds, window_days=case["window_days"],
                                  processing_days=case["processing_days"])
    decision = decide(refunds, date.fromisoformat(case["paid_on"]), date.fromisoformat(case["asked_on"]))
    assert decision.eligible is case["eligible"]
    assert decision.last_day_to_ask.isoformat() == case["last_day_to_ask"]
    assert decision.days_since_payment == case["days_since_payment"]
    paid_by = decision.refund_paid_by.isoformat() if decision.refund_paid_by else None
    assert paid_by == case["refund_paid_by"]


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
    assert decide(policy.refunds, paid_on, last_day).eligible
    assert not decide(policy.refunds, paid_on, date.fromordinal(last_day.toordinal() + 1)).eligible
