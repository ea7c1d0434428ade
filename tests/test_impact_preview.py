"""`python -m macros diff` shows, before anything is committed, every sentence readers
will read differently, page by page, and leaves the repository exactly as it was."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from git_repo import commit_all, git, project_repo, run_macros
from helpcenter.preview.impact import PageImpact, SentenceChange
from helpcenter.preview.rendered_text import article_sentences
from helpcenter.preview.report import text_report
from helpers import change_policy, replace_in

SUMMARY = re.compile(r"^(\d+) sentences? on (\d+) pages?\.$", re.MULTILINE)


def repository_state(repo: Path) -> dict[str, str]:
    """Everything diff must not change: files, index, HEAD, branches, worktrees, stash."""
    files = {str(path.relative_to(repo)): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in sorted(repo.rglob("*")) if path.is_file() and ".git" not in path.parts}
    return {
        "files": repr(files),
        "index": git(repo, "ls-files", "--stage"),
        "status": git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored"),
        "head": git(repo, "rev-parse", "HEAD"),
        "branches": git(repo, "branch", "--all", "--verbose"),
        "worktrees": git(repo, "worktree", "list", "--porcelain"),
        "stash": git(repo, "stash", "list"),
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return project_repo(tmp_path / "repo")


def test_changed_value_shows_old_and_new_sentences_and_leaves_the_repository_untouched(
        repo: Path):
    change_policy(repo, "window_days: 30", "window_days: 14")
    before = repository_state(repo)

    result = run_macros(repo, "diff")

    assert result.returncode == 0, result.stderr
    out, _, to_settle = result.stdout.partition("To settle before publishing")
    assert "  - Refunds and the [-30-]-day money-back guarantee" in out
    assert "  + Refunds and the {+14+}-day money-back guarantee" in out
    assert "  - Page title: Refunds ([-30-]-day guarantee) - ArtSmart AI Help Center" in out
    assert "  + Yes, if you ask within {+14+} days of the day you paid." in out
    assert "up to and including {+15+} March 2026." in out  # the worked example's date moves
    pages = [line for line in out.splitlines() if line and not line.startswith((" ", "What"))
             and not SUMMARY.match(line)]
    # The current version's own page changes too: a value changed without a history entry
    # rewrites the version in force (check asks for the entry).
    assert pages == ["/", "/refunds/", "/refunds/2026-06-01/", "/support-links/", "/support/",
                     "navigation (on every page)"]
    [(sentences, page_count)] = SUMMARY.findall(out)
    assert int(sentences) == out.count("\n  - ") and int(page_count) == len(pages)
    # check's findings follow, as what to settle before publishing: the change has no record.
    assert "refunds.window_days: found `14`, changed from `30`" in to_settle
    assert repository_state(repo) == before


def test_legal_previews_a_change_before_engineering_ships_it(repo: Path):
    """The app still says 30 days, as it must until the change ships: the preview shows
    what readers will read, then what is left to settle, and does not refuse."""
    replace_in(repo / "policy.yml", "window_days: 30", "window_days: 21")  # the app is not touched
    result = run_macros(repo, "diff")
    assert result.returncode == 0, result.stderr
    assert "  + Yes, if you ask within {+21+} days of the day you paid." in result.stdout
    to_settle = result.stdout.split("To settle before publishing (what `make check` reports):")[1]
    assert "refunds.window_days: found 21 here, but the app's billing.refund_window_days is 30" in to_settle
    assert "[app-config-mismatch]" in to_settle and "[change-not-recorded]" in to_settle
    assert "- key: refunds.window_days" in to_settle  # the entry to paste
    for banner in ("ProperDocs", "end of life", "MkDocs 2"):
        assert banner not in result.stdout + result.stderr


SCHEDULED = """
history:
  - date: 2027-01-01
    policy: refunds
    changes:
      - key: refunds.window_days
        old: 30
        new: 14
    reason: The money-back window is two weeks from 2027.
"""


def test_a_scheduled_change_shows_the_notice_now_and_the_text_on_its_day(repo: Path):
    replace_in(repo / "policy.yml", "window_days: 30", "window_days: 14")
    replace_in(repo / "policy.yml", "\nhistory:\n", SCHEDULED)
    result = run_macros(repo, "diff")
    assert result.returncode == 0, result.stderr
    now, _, on_the_day = result.stdout.partition(
        "What readers will read differently: the working tree -> the working tree on 2027-01-01")
    assert "{+From 1 January 2027 the money-back window becomes 14 days.+}" in now \
        or "+ Announced: From 1 January 2027 the money-back window becomes 14 days." in now
    assert "Refunds and the [-30-]-day" not in now  # not applied before its day
    assert "  - Refunds and the [-30-]-day money-back guarantee" in on_the_day
    assert "  + Refunds and the {+14+}-day money-back guarantee" in on_the_day


def test_diff_as_of_a_day_compares_that_day_with_today(repo: Path):
    replace_in(repo / "policy.yml", "window_days: 30", "window_days: 14")
    replace_in(repo / "policy.yml", "\nhistory:\n", SCHEDULED)
    commit_all(repo, "Announce the two-week window")
    result = run_macros(repo, "diff", "--as-of", "2027-01-01")
    assert result.returncode == 0, result.stderr
    assert "the working tree today (2026-11-30) -> the working tree on 2027-01-01" in result.stdout
    assert "  + Yes, if you ask within {+14+} days of the day you paid." in result.stdout


def test_markdown_format_is_a_before_and_after_table_per_page(repo: Path):
    change_policy(repo, "processing_days: 10", "processing_days: 7")
    result = run_macros(repo, "diff", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "#### `/refunds/`\n\n| Before | After |\n| --- | --- |\n" in out
    assert "| Within ~~10~~ days of the day we receive your request" in out
    assert "| Within **7** days of the day we receive your request" in out
    assert SUMMARY.search(out.replace(": ", ":\n"))
    assert "\x1b[" not in out


def test_default_base_on_a_branch_is_the_merge_base_with_main(repo: Path):
    git(repo, "switch", "-q", "-c", "legal/slower-refunds")
    change_policy(repo, "processing_days: 10", "processing_days: 12")
    commit_all(repo, "Slower refunds")
    change_policy(repo, "window_days: 30", "window_days: 45")

    since_main = run_macros(repo, "diff").stdout
    since_head = run_macros(repo, "diff", "--base", "HEAD").stdout

    assert "the merge base with main" in since_main
    assert "{+12+} days" in since_main and "{+45+} days" in since_main
    assert "{+12+} days" not in since_head and "{+45+} days" in since_head


def test_identical_sites_report_no_sentences(repo: Path):
    replace_in(repo / "policy.yml", "# Owner: Legal.", "# Owner: Legal (policy team).")
    result = run_macros(repo, "diff")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("0 sentences on 0 pages.")
    assert "To settle before publishing" not in result.stdout


def test_unknown_base_revision_is_a_usage_error(repo: Path):
    result = run_macros(repo, "diff", "--base", "no-such-branch")
    assert result.returncode == 2
    assert "no-such-branch" in result.stderr


def test_widget_text_and_labels_count_as_sentences():
    article = BeautifulSoup(
        "<article><h2>Refund check</h2><p>Pick the day you paid. We do the rest.</p>"
        "<form><label for=d>Paid on</label><input id=d placeholder='1 March 2026'>"
        "<button aria-label='Check my refund window'>Check</button></form>"
        "<script>ignored()</script></article>", "lxml").article
    assert article_sentences(article) == [
        "Refund check", "Pick the day you paid.", "We do the rest.", "Paid on", "Check",
        "placeholder: 1 March 2026", "aria-label: Check my refund window"]


def test_terminal_output_colours_only_the_changed_words():
    change = PageImpact("/refunds/", (SentenceChange("Ask within 30 days.", "Ask within 14 days."),))
    report = text_report([change], "main", "the working tree", color=True)
    assert "- Ask within \x1b[1m\x1b[31m30\x1b[0m\x1b[31m days." in report
    assert "+ Ask within \x1b[1m\x1b[32m14\x1b[0m\x1b[32m days." in report
    assert report.endswith("1 sentence on 1 page.")
