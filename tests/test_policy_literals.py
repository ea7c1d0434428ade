"""The drift lint: policy values typed by hand into pages, mkdocs.yml or templates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guardrail_faults import line_of, run_check, set_app_setting
from helpcenter.guardrails.typed_values import lint_file, literal_patterns
from helpers import REPO, load_policy, replace_in

CASES = yaml.safe_load(
    (Path(__file__).parent / "policy_literal_cases.yml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_literal_cases(tmp_path: Path, case: dict) -> None:
    page = tmp_path / "page.md"
    page.write_text(case["text"], encoding="utf-8")
    findings = lint_file(page, "docs/page.md", literal_patterns(load_policy(REPO / "policy.yml")))
    found = [
        f.found.split('"')[1]
        for f in sorted(findings, key=lambda f: (f.line, f.found))
        if f.rule == "policy-literal"
    ]
    assert sorted(found) == sorted(case["found"])


def test_finding_names_file_line_literal_and_macro(project: Path) -> None:
    replace_in(
        project / "docs" / "refunds.md",
        "We refund the net price",
        "(at most 10 days) We refund the net price",
    )
    result = run_check(project)
    assert result.returncode == 1
    line = line_of(project / "docs" / "refunds.md", "(at most 10 days)")
    assert (
        f'docs/refunds.md:{line}: refunds.processing_days: found "10 days" typed by hand'
        in result.stderr
    ), result.stderr
    assert "write {{ days(policy.refunds.processing_days) }} instead" in result.stderr


def test_adjective_form_suggests_the_adjective_macro(project: Path) -> None:
    replace_in(
        project / "docs" / "index.md", "The {{ policy.refunds.window_days }}-day", "The 30-day"
    )
    result = run_check(project)
    assert result.returncode == 1
    assert "write {{ policy.refunds.window_days }}-day instead" in result.stderr


def test_literal_in_mkdocs_yml_is_reported(project: Path) -> None:
    replace_in(
        project / "mkdocs.yml",
        "({{ policy.refunds.window_days }}-day guarantee)",
        "(30-day guarantee)",
    )
    result = run_check(project)
    assert result.returncode == 1
    assert "mkdocs.yml:" in result.stderr and 'refunds.window_days: found "30-day"' in result.stderr
    assert "# policy-literal: why" in result.stderr


def test_literal_in_a_template_is_reported(project: Path) -> None:
    template = project / "overrides" / "main.html"
    template.write_text(
        template.read_text(encoding="utf-8") + "<small>Replies within ten days.</small>\n",
        encoding="utf-8",
    )
    result = run_check(project)
    assert result.returncode == 1
    line = line_of(template, "ten days")
    assert (
        f'overrides/main.html:{line}: refunds.processing_days: found "ten days"' in result.stderr
    )
    assert "pass policy.refunds.processing_days into the template" in result.stderr


def test_a_marked_literal_passes_but_a_marker_needs_a_reason(project: Path) -> None:
    page = project / "docs" / "refunds.md"
    replace_in(
        page,
        "Yes, if you ask within",
        "Before 2025 it was 30 days. <!-- policy-literal: quotes the old terms -->\n\n"
        "Yes, if you ask within",
    )
    assert run_check(project).returncode == 0
    replace_in(page, "<!-- policy-literal: quotes the old terms -->", "<!-- policy-literal: -->")
    result = run_check(project)
    assert result.returncode == 1
    line = line_of(page, "<!-- policy-literal: -->")
    assert f"docs/refunds.md:{line}: found a policy-literal marker without a reason" in result.stderr


def test_patterns_follow_legal_edits_to_policy_yml(project: Path) -> None:
    replace_in(
        project / "docs" / "support.md",
        "Send your request",
        "You have two weeks. Send your request",
    )
    assert run_check(project).returncode == 0  # 14 days is not a policy value yet
    replace_in(project / "policy.yml", "window_days: 30", "window_days: 14")
    set_app_setting(project, "billing.refund_window_days", 14)
    result = run_check(project)
    assert result.returncode == 1
    assert 'refunds.window_days: found "two weeks" typed by hand' in result.stderr
