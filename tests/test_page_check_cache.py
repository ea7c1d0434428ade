"""Per-page guardrail results are re-used between runs, but never once anything they
depend on has changed: the page, or the policy values it could repeat by hand."""

from __future__ import annotations

from pathlib import Path

from guardrail_faults import run_check
from helpers import change_policy, replace_in

PLANTED = "Most refunds arrive within 14 days."


def test_a_literal_planted_after_a_clean_run_is_still_caught(project: Path):
    assert run_check(project).returncode == 0  # every page's results are now stored
    replace_in(project / "docs" / "support.md", "## How do I get help fastest?",
               "Refunds take 10 days.\n\n## How do I get help fastest?")
    result = run_check(project)
    assert result.returncode == 1
    assert "docs/support.md" in result.stderr and "10 days" in result.stderr


def test_a_policy_change_that_turns_unchanged_text_into_a_literal_is_caught(project: Path):
    replace_in(project / "docs" / "support.md", "## How do I get help fastest?",
               f"{PLANTED}\n\n## How do I get help fastest?")
    assert run_check(project).returncode == 0, "14 days is not a policy value yet"

    change_policy(project, "window_days: 30", "window_days: 14")  # the page is unchanged
    result = run_check(project)

    assert result.returncode == 1
    assert "docs/support.md" in result.stderr and "14 days" in result.stderr


def test_a_heading_id_removed_after_a_clean_run_breaks_its_published_link(project: Path):
    assert run_check(project).returncode == 0
    replace_in(project / "docs" / "refunds.md", "{ #when-will-i-get-my-money }", "{ #payout }")
    result = run_check(project)
    assert result.returncode == 1
    assert "/refunds/#when-will-i-get-my-money" in result.stderr
