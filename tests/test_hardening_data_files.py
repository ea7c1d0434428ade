"""Hostile data files (tests/hostile/data_files/): policy.yml, app/policy-map.yml,
links/published.yml, app/config.json and mkdocs.yml with alias bombs, tags, runaway
numbers and nesting, values that look right but are not, invisible characters, other
encodings. Each is refused by `check` with the file, line, key and rule, exit 2 when the
input cannot be read and 1 for a finding, without a traceback; a build refuses the same
inputs and writes nothing. Inputs that are merely unusual (a byte-order mark) are read
like the plain file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from helpcenter.datafiles.files import read_yaml_file
from helpcenter.datafiles.schema import Schema
from helpcenter.datafiles.yaml_reader import expansion_problems
from helpcenter.diagnostics import Refused
from helpers import copy_project, run_cli
from hostile import apply, assert_refused, corpus

CASES = corpus("data_files")


@pytest.mark.parametrize("case_file", CASES, ids=[case.stem for case in CASES])
def test_check_refuses_the_hostile_file_naming_file_line_key_and_rule(case_file: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    case = apply(case_file, project)
    started = time.monotonic()
    result = run_cli(project, "check", timeout=60)
    assert time.monotonic() - started < 30, "check took longer than any input may hold it"
    assert_refused(result, case.file, case.expect)


BUILD_CASES = [case for case in CASES if "build: true" in case.read_text(encoding="utf-8")]


@pytest.mark.parametrize("case_file", BUILD_CASES, ids=[case.stem for case in BUILD_CASES])
def test_the_build_refuses_it_too_and_writes_nothing(case_file: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    case = apply(case_file, project)
    site_dir = tmp_path / "site"
    result = run_cli(project, "build", "--site-dir", str(site_dir), timeout=120)
    assert_refused(result, case.file, case.expect)
    assert not site_dir.exists(), "a refused build created its site"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project"], "a refused build left files behind"


BOMBS = [case for case in CASES if case.stem.startswith("alias_bomb_")]


@pytest.mark.parametrize("case_file", BOMBS, ids=[case.stem for case in BOMBS])
def test_an_alias_bomb_is_refused_by_the_reader_in_well_under_a_second(case_file: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    case = apply(case_file, project)
    path = project / case.file
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) < 20_000 and text.count("*") >= 72, "not a real bomb"
    started = time.perf_counter()
    if case.file == "mkdocs.yml":
        problems = expansion_problems(text, case.file)
    else:
        schema_file = {"policy.yml": "policy.schema.json", "app/policy-map.yml": "app/policy-map.schema.json",
                       "links/published.yml": "links/published.schema.json"}[case.file]
        schema = Schema.load(project / schema_file, schema_file)
        with pytest.raises(Refused) as refused:
            read_yaml_file(path, case.file, schema, project)
        problems = refused.value.diagnostics
    assert time.perf_counter() - started < 1.0
    assert [p.rule for p in problems] == ["yaml-structure"], problems


def test_the_corpus_covers_every_data_file_we_read() -> None:
    files = {yaml.safe_load(case.read_text(encoding="utf-8")).get("file", "policy.yml") for case in CASES}
    assert files >= {"policy.yml", "app/policy-map.yml", "links/published.yml", "app/config.json", "mkdocs.yml"}
