"""Mistyped command lines and a broken earlier commit end in messages, never tracebacks:
each command line of tests/hostile/command_lines.yml exits 2 naming the argument, and a
policy.yml that was broken in the previous commit (tests/hostile/previous_policies.yml)
never stops `check` from passing on the fixed file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from git_repo import commit_all, project_repo, run_macros
from helpers import copy_project, run_cli
from hostile import assert_no_traceback, entries, ids

COMMAND_LINES = entries("command_lines")
PREVIOUS = entries("previous_policies")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("cli") / "project")


@pytest.mark.parametrize("case", COMMAND_LINES, ids=ids(COMMAND_LINES))
def test_a_mistyped_command_line_exits_2_naming_the_argument(case: dict[str, Any], project: Path) -> None:
    result = run_cli(project, *case["args"], timeout=60)
    assert_no_traceback(result)
    assert result.returncode == 2, result.output
    assert case["says"] in result.output, result.output
    if "absent" in case:
        assert case["absent"] not in result.output
    assert not Path("/tmp/help-center-pwned").exists()


@pytest.mark.parametrize("case", PREVIOUS, ids=ids(PREVIOUS))
def test_a_policy_broken_in_the_previous_commit_never_makes_check_unpassable(case: dict[str, Any],
                                                                              tmp_path: Path) -> None:
    repo = project_repo(tmp_path / "repo")
    good = (repo / "policy.yml").read_bytes()
    (repo / "policy.yml").write_text(case["content"], encoding="utf-8")
    commit_all(repo, "A broken policy.yml, committed by mistake")
    (repo / "policy.yml").write_bytes(good)

    while_editing = run_macros(repo, "check")
    assert_no_traceback(while_editing)
    assert while_editing.returncode == 0, while_editing.output
    assert "Change record: policy.yml at HEAD (the last commit) cannot be read" in while_editing.stdout
    assert "PWNED" not in while_editing.output

    commit_all(repo, "Fix policy.yml")
    after_the_fix = run_macros(repo, "check")
    assert_no_traceback(after_the_fix)
    assert after_the_fix.returncode == 0, after_the_fix.output
    assert "cannot be read, so it was not compared" in after_the_fix.stdout


def test_output_that_cannot_be_written_is_one_message_not_a_traceback(project: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=project, stdout=full,
                                stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": ""})
    assert result.returncode == 2
    assert "cannot write the output (No space left on device)" in result.stderr
    assert "Traceback" not in result.stderr
