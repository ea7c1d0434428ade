"""`--policy` and `--app-config` take relative paths from the folder the command runs
in, as every shell command does, both the same way."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import CliResult, copy_project
from hostile import assert_no_traceback


def test_relative_policy_and_app_settings_paths_are_taken_from_the_current_folder(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy2(project / "policy.yml", inputs / "policy.yml")
    shutil.copy2(project / "app" / "config.json", inputs / "config.json")
    (project / "policy.yml").write_text("not: the policy to check\n", encoding="utf-8")
    (project / "app" / "config.json").write_text("{}\n", encoding="utf-8")
    here = tmp_path / "a" / "b"  # two levels down: from the project, ../../ would miss
    here.mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--policy", "../../inputs/policy.yml",
         "--app-config", "../../inputs/config.json"],
        cwd=here, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 0, output
    assert f"{inputs / 'config.json'} agrees with {inputs / 'policy.yml'}" in result.stdout


def test_a_relative_path_that_does_not_exist_is_named_as_given(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--app-config", "nowhere/config.json"],
                            cwd=project, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": "", "NO_MKDOCS_2_WARNING": "1"})
    assert_no_traceback(CliResult(result.returncode, result.stdout, result.stderr))
    assert result.returncode == 2
    assert f"nowhere/config.json: found no file at {project / 'nowhere' / 'config.json'}" in result.stderr
