"""A build never deletes sources (tests/hostile/site_dirs.yml): an output folder that is,
holds or lies inside the project's sources, a symbolic link, or a folder of files no
build wrote is refused, exit 2, through `python -m macros build --site-dir` and through
a plain `mkdocs build -d`, and every file stays as it was (.git included)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from git_repo import project_repo
from helpers import CliResult, mkdocs_build, run_cli
from hostile import assert_no_traceback, entries, fingerprint, ids

CASES = entries("site_dirs")


def _arrange(case: dict[str, Any], tmp_path: Path) -> tuple[Path, str]:
    """The project (a git repository) beside a home folder of someone's files, with the
    case's links made; returns the project and the output folder to give."""
    project = project_repo(tmp_path / "project")
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "thesis.txt").write_text("years of work\n", encoding="utf-8")
    (home / ".profile").write_text("export EDITOR=vi\n", encoding="utf-8")
    for name, target in case.get("links", {}).items():
        (project / name).symlink_to(target.replace("@HOME@", str(home)))
    return project, case["site_dir"].replace("@HOME@", str(home))


def _mkdocs_build(project: Path, site_dir: str) -> CliResult:
    result = mkdocs_build(project, Path(site_dir))  # MkDocs itself, as a writer may run it
    return CliResult(result.returncode, result.output, "")


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_the_build_command_refuses_the_folder_and_deletes_nothing(case: dict[str, Any], tmp_path: Path) -> None:
    project, site_dir = _arrange(case, tmp_path)
    before = fingerprint(tmp_path)
    result = run_cli(project, "build", "--site-dir", site_dir)
    assert_no_traceback(result)
    assert result.returncode == 2, result.output
    assert f"--site-dir: {site_dir}: found {case['found']}" in result.stderr, result.stderr
    assert "[site-dir-unsafe]" in result.stderr
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_mkdocs_build_refuses_the_folder_and_deletes_nothing(case: dict[str, Any], tmp_path: Path) -> None:
    """MkDocs empties its output folder before it builds: our plugin refuses the folder
    first (MkDocs itself refuses a few, such as the project folder, its own way)."""
    project, site_dir = _arrange(case, tmp_path)
    before = fingerprint(tmp_path)
    result = _mkdocs_build(project, site_dir)
    assert_no_traceback(result)
    assert result.returncode != 0, result.output
    assert result.returncode == 2 or "Aborted with a configuration error" in result.output, result.output
    assert fingerprint(tmp_path) == before


def test_a_folder_an_earlier_build_wrote_is_replaced(tmp_path: Path) -> None:
    project, _ = _arrange({"site_dir": ""}, tmp_path)
    site_dir = tmp_path / "published"
    assert run_cli(project, "build", "--site-dir", str(site_dir)).returncode == 0
    assert run_cli(project, "build", "--site-dir", str(site_dir)).returncode == 0
    assert (site_dir / "index.html").is_file()
