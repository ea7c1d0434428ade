"""`make check` fails, naming the key, when a policy value changed since the previous
committed version without a new history entry recording it. Each case is a real
temporary git repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from git_repo import commit_all, git, project_repo, run_macros
from helpers import align_app_config, change_policy, replace_in

WINDOW_ENTRY = """
history:
  - date: 2026-12-01
    policy: refunds
    changes:
      - key: refunds.window_days
        old: {old}
        new: 14
    reason: You now have 14 days to ask for your money back.
"""


def record_window_change(repo: Path, date: str = "2026-12-01", old: int = 30) -> None:
    entry = WINDOW_ENTRY.format(old=old).replace("2026-12-01", date)
    replace_in(repo / "policy.yml", "\nhistory:\n", entry)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return project_repo(tmp_path / "repo")


def test_repository_as_committed_passes_the_change_record_rule(repo: Path):
    result = run_macros(repo, "check")
    assert result.returncode == 0, result.stderr
    assert "Change record:" in result.stdout


def test_changed_value_without_history_entry_fails_naming_the_key(repo: Path):
    change_policy(repo, "window_days: 30", "window_days: 14")
    result = run_macros(repo, "check")
    assert result.returncode == 1
    line = next(n for n, text in enumerate((repo / "policy.yml").read_text().splitlines(), 1)
                if "window_days: 14" in text)
    assert f"policy.yml:{line}: refunds.window_days: found `14`, changed from `30`" in result.stderr
    assert "no history entry dated after 2026-04-01" in result.stderr
    # The entry to paste has the real values in it.
    assert "- key: refunds.window_days\n        old: 30\n        new: 14" in result.stderr


def test_recording_the_change_in_history_passes(repo: Path):
    change_policy(repo, "window_days: 30", "window_days: 14")
    record_window_change(repo)
    align_app_config(repo)  # the app keeps 30 until the change's day
    result = run_macros(repo, "check")
    assert result.returncode == 0, result.stderr
    assert "1 changed value is recorded in history" in result.stdout


def test_a_change_dated_before_the_policys_first_version_fails(repo: Path):
    change_policy(repo, "window_days: 30", "window_days: 14")
    record_window_change(repo, date="2026-05-01")  # refunds.first_effective is 2026-06-01
    result = run_macros(repo, "check")
    assert result.returncode == 1
    assert ("history[0].date: found 2026-05-01, not after the first version of the refunds policy "
            "(2026-06-01, its first_effective)") in result.stderr


def test_entry_dated_before_the_last_recorded_change_is_refused(repo: Path):
    change_policy(repo, "window_days: 30", "window_days: 14")
    record_window_change(repo, date="2026-06-15")  # at the top of history...
    replace_in(repo / "policy.yml", "date: 2026-04-01", "date: 2026-07-01")  # ...above a newer one
    result = run_macros(repo, "check")
    assert result.returncode == 1
    assert "below an entry dated 2026-06-15" in result.stderr
    assert "entries newest first: a new entry goes at the top of `history:`" in result.stderr


def test_entry_with_the_wrong_old_value_fails(repo: Path):
    change_policy(repo, "window_days: 30", "window_days: 14")
    record_window_change(repo, old=31)
    result = run_macros(repo, "check")
    assert result.returncode == 1
    assert "records old `31` and new `14`" in result.stderr
    assert "`old: 30`" in result.stderr


def test_change_committed_without_its_record_is_caught_in_a_fresh_clone(repo: Path, tmp_path: Path):
    change_policy(repo, "processing_days: 10", "processing_days: 12")
    commit_all(repo, "Slower refunds, unrecorded")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    result = run_macros(clone, "check")
    assert result.returncode == 1
    assert ("refunds.processing_days: found `12`, changed from `10` in policy.yml before commit"
            in result.stderr)


def test_comment_edits_are_not_policy_changes(repo: Path):
    replace_in(repo / "policy.yml", "# Owner: Legal.", "# Owner: Legal (policy team).")
    result = run_macros(repo, "check")
    assert result.returncode == 0, result.stderr
    assert "no policy value changed" in result.stdout


def test_repository_without_commits_has_nothing_to_compare(tmp_path: Path):
    repo = project_repo(tmp_path / "new", commit=False)
    result = run_macros(repo, "check")
    assert result.returncode == 0, result.stderr
    assert "nothing to compare with (policy.yml has no committed version yet)" in result.stdout


def test_first_commit_has_no_earlier_version_to_compare(repo: Path):
    result = run_macros(repo, "check")
    assert result.returncode == 0, result.stderr
    assert "policy.yml has no earlier committed version" in result.stdout
