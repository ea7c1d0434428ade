"""Redirects never replace a live page or write outside the site
(tests/hostile/redirects.yml): each harmful line of `redirect_maps` is a finding of
`check` and of the build (exit 1) naming its line in mkdocs.yml, and the build writes
no redirect page at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from guardrail_faults import line_of
from helpers import copy_project, replace_in, run_cli
from hostile import assert_no_traceback, entries, ids

CASES = entries("redirects")


def _arrange(case: dict[str, Any], tmp_path: Path) -> tuple[Path, str, int]:
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "outside"
    outside.mkdir()
    entry = case["map"].replace("@OUTSIDE@", str(outside))
    replace_in(project / "mkdocs.yml", "      redirect_maps:\n", f"      redirect_maps:\n        {entry}\n")
    reported = case.get("reported_at", entry)
    old = reported.split(":")[0].strip().strip("'\"")
    return project, old, line_of(project / "mkdocs.yml", f"        {reported}")


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_check_and_the_build_refuse_the_redirect_naming_its_line(case: dict[str, Any], tmp_path: Path) -> None:
    project, old, line = _arrange(case, tmp_path)
    site_dir = tmp_path / "work" / "site"
    for result in (run_cli(project, "check"), run_cli(project, "build", "--site-dir", str(site_dir))):
        assert_no_traceback(result)
        assert result.returncode == 1, result.output
        where = f"mkdocs.yml:{line}: "
        finding = [text.strip() for text in result.output.splitlines() if text.strip().startswith(where)]
        assert finding, result.output
        assert finding[0].startswith(f"{where}{old} -> ") and case["found"] in finding[0], result.output
        assert finding[0].endswith(f"[{case['rule']}]"), result.output
    assert not site_dir.exists()
    for path in case.get("must_not_exist", []):
        target = Path(path.replace("@OUTSIDE@", str(tmp_path / "outside")))
        assert not (site_dir / target).exists()
        assert not (site_dir / target).resolve().exists()
