"""Symbolic links never leak files (tests/hostile/symlinks.yml): a data file, the site's
configuration, a page, an image, a folder of pages or a template that links to a place
outside the project is refused, exit 2, by `check`, by `python -m macros build` and by
`mkdocs build`, naming the link; what it points at is never printed or published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import CliResult, copy_project, mkdocs_build, run_cli
from hostile import assert_no_traceback, entries, ids

CASES = entries("symlinks")
MARKER = "SECRET-MARKER"


def _arrange(case: dict[str, Any], tmp_path: Path) -> tuple[Path, Path]:
    """The project with the case's link, and the place outside it points to."""
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "elsewhere" / Path(case["link"]).name
    outside.parent.mkdir(parents=True)
    spec = case["outside"]
    if "files" in spec:
        outside.mkdir()
        for name, text in spec["files"].items():
            (outside / name).write_text(text, encoding="utf-8")
    elif "copy" in spec:
        text = (project / spec["copy"]).read_text(encoding="utf-8")
        old, new = spec["replace"]
        assert old in text, f"{case['name']}: {old!r} is no longer in {spec['copy']}"
        outside.write_text(text.replace(old, new, 1), encoding="utf-8")
    else:
        outside.write_text(spec["text"], encoding="utf-8")
    link = project / case["link"]
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists():
        link.unlink()
    link.symlink_to(outside)
    return project, outside


def _assert_refused(result: CliResult, case: dict[str, Any], outside: Path) -> None:
    assert_no_traceback(result)
    assert result.returncode == 2, result.output
    assert f"{case['link']}: found a link to {outside}, outside the project" in result.output, result.output
    assert "[file-outside-project]" in result.output
    assert MARKER not in result.output, "what the link points at was printed"


def _written(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file() and MARKER.encode() in path.read_bytes()]


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_check_refuses_the_link_without_printing_what_it_points_at(case: dict[str, Any], tmp_path: Path) -> None:
    project, outside = _arrange(case, tmp_path)
    _assert_refused(run_cli(project, "check"), case, outside)


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_the_build_refuses_the_link_and_publishes_nothing(case: dict[str, Any], tmp_path: Path) -> None:
    project, outside = _arrange(case, tmp_path)
    site_dir = tmp_path / "site"
    _assert_refused(run_cli(project, "build", "--site-dir", str(site_dir)), case, outside)
    assert not site_dir.exists()

    direct = mkdocs_build(project, site_dir)
    result = CliResult(direct.returncode, direct.output, "")
    assert_no_traceback(result)
    assert MARKER not in result.output
    assert result.returncode != 0, result.output
    assert not site_dir.exists() or not _written(site_dir)
