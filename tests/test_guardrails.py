"""The issue's five faults, each caught by `make check` and by the build with a message
that says what to change, each fixed state passing, and the clean repository passing."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardrail_faults import FAULTS, Fault, run_check
from helpers import copy_project, mkdocs_build, replace_in


def test_clean_repository_passes_every_check(tmp_path: Path) -> None:
    result = run_check(copy_project(tmp_path / "project"))
    assert result.returncode == 0, result.output
    assert "app/config.json agrees with policy.yml" in result.stdout
    assert "No policy value typed by hand" in result.stdout
    assert "published links and" in result.stdout and "resolve" in result.stdout
    print(result.stdout.strip().splitlines()[-1])  # the measured time, for the record


@pytest.mark.parametrize("fault", FAULTS, ids=str)
def test_fault_fails_check_with_a_message_naming_what_to_change(
    project: Path, fault: Fault
) -> None:
    fault.make(project)
    result = run_check(project)
    assert result.returncode == 1, result.output
    for words in fault.message:
        assert words in result.stderr, f"{words!r} missing from:\n{result.stderr}"


@pytest.mark.parametrize("fault", FAULTS, ids=str)
def test_fixed_state_passes_check(project: Path, fault: Fault) -> None:
    fault.make(project)
    fault.fix(project)
    result = run_check(project)
    assert result.returncode == 0, result.output


@pytest.mark.parametrize("fault", FAULTS, ids=str)
def test_fault_stops_the_build_with_the_same_message(project: Path, fault: Fault) -> None:
    fault.make(project)
    result = mkdocs_build(project)
    assert not result.ok
    for words in fault.message:
        assert words in result.output, f"{words!r} missing from:\n{result.output}"
    assert not (result.site_dir / "refunds" / "index.html").exists()


def test_check_reports_every_fault_at_once(project: Path) -> None:
    # Not the policy edit: the app-only edit would cancel it out, and the planted "30 days"
    # is no longer a policy value once the policy says 14.
    faults = [fault for fault in FAULTS if fault.name != "policy-value-changed-only"]
    for fault in faults:
        fault.make(project)
    result = run_check(project)
    assert result.returncode == 1
    for fault in faults:
        for words in fault.message:
            assert words in result.stderr, f"{fault}: {words!r} missing"


def test_an_invalid_policy_is_reported_before_the_other_checks(project: Path) -> None:
    replace_in(project / "policy.yml", "window_days: 30", 'window_days: "30 days"')
    result = run_check(project)
    assert result.returncode == 1
    assert "refunds.window_days: found the text \"30 days\"" in result.stderr
    assert "need a valid policy" in result.stderr


def test_an_unreadable_mkdocs_yml_exits_2(project: Path) -> None:
    (project / "mkdocs.yml").write_text("nav: [unclosed\n", encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 2
    assert "mkdocs.yml: found" in result.stderr and "[site-config-unreadable]" in result.stderr
