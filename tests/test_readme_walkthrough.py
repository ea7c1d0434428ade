"""The README's procedures, followed step by step as the people they are written for
would follow them, in a fresh repository: legal announcing a change in advance, a writer
using a policy value in a page, support keeping a renamed section's link alive."""

from __future__ import annotations

import json
import re
from pathlib import Path

from git_repo import commit_all, project_repo, run_macros
from helpers import align_app_config, replace_in

README_STEP_ENTRY = re.compile(r"(?ms)^  - date: .*?^    reason: .*?$")


def test_legal_announces_a_change_in_advance_as_the_readme_says(tmp_path: Path) -> None:
    repo = project_repo(tmp_path / "repo")
    policy = repo / "policy.yml"

    # 1. Change the value.
    replace_in(policy, "window_days: 30", "window_days: 14")
    # 2. make check: the change is not recorded yet, and the entry to paste is printed.
    check = run_macros(repo, "check")
    assert check.returncode == 1 and "[change-not-recorded]" in check.stderr
    entry = README_STEP_ENTRY.search(check.stderr).group(0)
    # 3. Record it: paste the entry, set the day it takes effect and the reason.
    entry = re.sub(r"date: \S+", "date: 2027-01-01\n    announced: 2026-11-30", entry, count=1)
    entry = entry.replace("<say in one line what changes for readers, and why>",
                          "From 2027 you have two weeks to ask for your money back.")
    replace_in(policy, "history:\n", f"history:\n{entry}\n")
    check = run_macros(repo, "check")
    assert check.returncode == 0, check.stderr  # the app keeps 30 days until the day
    assert "The next announced change takes effect on 2027-01-01" in check.stdout
    # 4. make diff: the notice now, and the new text from the day.
    diff = run_macros(repo, "diff")
    assert diff.returncode == 0, diff.stderr
    assert "Announced: From 1 January 2027 the money-back window becomes 14 days." in diff.stdout
    assert "the working tree on 2027-01-01, when the announced change takes effect" in diff.stdout
    # 5. Publish: commit, and build. The build says when to build again.
    commit_all(repo, "Announce the two-week money-back window")
    build = run_macros(repo, "build")
    assert build.returncode == 0, build.stderr
    assert "build the site again that day" in build.stdout + build.stderr
    site = repo / "site"
    assert "From 1 January 2027 the money-back window becomes 14 days" in \
        (site / "refunds" / "index.html").read_text(encoding="utf-8")
    assert json.loads((site / "policy.json").read_text(encoding="utf-8"))["next_change"] == "2027-01-01"
    # 6. Engineering checks the app's new settings before the day, then ships them on it.
    future = run_macros(repo, "check", "--as-of", "2027-01-01")
    assert future.returncode == 1 and "billing.refund_window_days is 30" in future.stderr
    align_app_config(repo, "2027-01-01")
    assert run_macros(repo, "check", "--as-of", "2027-01-01").returncode == 0


def test_a_writer_states_a_value_through_a_macro_not_by_hand(tmp_path: Path) -> None:
    repo = project_repo(tmp_path / "repo")
    page = repo / "docs" / "support.md"
    replace_in(page, "Send your request from", "You have 30 days to ask. Send your request from")
    typed = run_macros(repo, "check")
    assert typed.returncode == 1 and "write {{ days(policy.refunds.window_days) }} instead" in typed.stderr
    replace_in(page, "You have 30 days to ask.", "You have {{ days(policy.refunds.window_days) }} to ask.")
    assert run_macros(repo, "check").returncode == 0


def test_support_keeps_a_renamed_sections_link_alive(tmp_path: Path) -> None:
    repo = project_repo(tmp_path / "repo")
    replace_in(repo / "docs" / "refunds.md", "{ #can-a-refund-be-refused }", "{ #refusals }")
    broken = run_macros(repo, "check")
    assert broken.returncode == 1 and "/refunds/#can-a-refund-be-refused" in broken.stderr
    replace_in(repo / "links" / "published.yml", "aliases: {}",
               "aliases:\n  /refunds/#can-a-refund-be-refused: refusals")
    replace_in(repo / "links" / "published.yml", "  - /refunds/#can-a-refund-be-refused\n",
               "  - /refunds/#can-a-refund-be-refused\n  - /refunds/#refusals\n")
    assert run_macros(repo, "check").returncode == 0
