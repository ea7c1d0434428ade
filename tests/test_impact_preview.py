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
    out = result.stdout
    assert "  - Refunds and the [-30-]-day money-back guarantee" in out
    assert "  + Refunds and the {+14+}-day money-back guarantee" in out
    assert "  - Page title: Refunds ([-30-]-day guarantee) - ArtSmart AI Help Center" in out
    assert "  + Yes, if you ask within {+14+} days of the day you paid." in out
    assert "up to and including {+15+} March 2026." in out  # the worked example's date moves
    pages = [line for line in out.splitlines() if line and not line.startswith((" ", "What"))
             and not SUMMARY.match(line)]
    assert pages == ["/", "/refunds/", "/support-links/", "/support/", "navigation (on every page)"]
    [(sentences, page_count)] = SUMMARY.findall(out)
    assert int(sentences) == out.count("\n  - ") and int(page_count) == len(pages)
    assert repository_state(repo) == before


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
    report = text_report([change], "main", color=True)
    assert "- Ask within \x1b[1m\x1b[31m30\x1b[0m\x1b[31m days." in report
    assert "+ Ask within \x1b[1m\x1b[32m14\x1b[0m\x1b[32m days." in report
    assert report.endswith("1 sentence on 1 page.")
