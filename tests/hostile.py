"""Tools for the hardening tests (tests/test_hardening_*.py): the corpora of hostile
inputs under tests/hostile/, and the assertions every refusal must pass.

A corpus case is data, so adding a case is adding a file (or an entry). A case that
edits a project file says which file, what to find and what to write instead (or the
whole content, or raw bytes), and what the refusal must say:

    # Why this input is hostile.
    file: policy.yml                        # relative to the project (default policy.yml)
    edit: {find: "name: ArtSmart", replace: 'name: "Art\\u202eSmart"'}
    expect: {exit: 1, key: company.name, rule: schema, found: "invisible"}

`content:` replaces the whole file, `delete: true` removes it, `encoding:` (utf-16) or
`bom: true` change how it is written, and `repeat: {TOKEN: [text, count]}` writes TOKEN
as `text` repeated (5,000 digits, 1,000 brackets). The expected line is `expect.line`,
or else the line on which `edit.at` (default: the first line of `edit.replace`) stands.
`expect.exit: 0` says the input must be accepted; `expect.absent` is text the output
must not contain; `build: true` asks for a build too, which must refuse it the same way.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from helpers import CliResult

HOSTILE = Path(__file__).parent / "hostile"


def corpus(name: str) -> list[Path]:
    """The case files of the corpus folder tests/hostile/`name`."""
    cases = sorted((HOSTILE / name).glob("*.yml"))
    assert cases, f"tests/hostile/{name}/ holds no cases"
    return cases


def entries(name: str) -> list[dict[str, Any]]:
    """The cases of the one-file corpus tests/hostile/`name`.yml (a list under `cases:`)."""
    data = yaml.safe_load((HOSTILE / f"{name}.yml").read_text(encoding="utf-8"))
    assert data["cases"], f"tests/hostile/{name}.yml holds no cases"
    return list(data["cases"])


def ids(cases: list[dict[str, Any]]) -> list[str]:
    return [str(case["name"]) for case in cases]


@dataclass(frozen=True)
class Case:
    path: Path
    file: str
    expect: dict[str, Any]
    build: bool = False  # a build must refuse it too, writing nothing

    @property
    def name(self) -> str:
        return self.path.stem


def apply(case_file: Path, project: Path) -> Case:
    """Write the case into the project copy `project`; return it with the line filled in."""
    spec = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    target = project / spec.get("file", "policy.yml")
    expect = dict(spec["expect"])
    case = Case(case_file, spec.get("file", "policy.yml"), expect, bool(spec.get("build")))
    if spec.get("delete"):
        target.unlink()
        return case
    if "content" in spec:
        text = _expanded(spec["content"], spec)
    else:
        edit = spec["edit"]
        original = target.read_text(encoding="utf-8")
        assert edit["find"] in original, f"{case_file.name}: {edit['find']!r} is no longer in {target.name}"
        replacement = _expanded(edit["replace"], spec)
        text = original.replace(edit["find"], replacement, 1)
        if "line" not in expect and expect["exit"] != 0:
            marker = edit.get("at", replacement.split("\n")[0]).strip()
            expect["line"] = next(number for number, line in enumerate(text.split("\n"), 1) if marker in line)
    data = text.encode(spec.get("encoding", "utf-8"))
    if spec.get("bom"):
        data = b"\xef\xbb\xbf" + data
    target.write_bytes(data)
    return case


def _expanded(text: str, spec: dict[str, Any]) -> str:
    for token, (part, count) in spec.get("repeat", {}).items():
        text = text.replace(token, part * count)
    return text


def assert_refused(result: CliResult, file: str, expect: dict[str, Any]) -> None:
    """The command exited as expected and printed the finding: `FILE:LINE: KEY: found
    ...FOUND... [RULE]`, the fix or allowed text when the case names one, and no
    traceback."""
    assert_no_traceback(result)
    assert result.returncode == expect["exit"], result.output
    for text in expect.get("absent", []):
        assert text not in result.output, f"{text!r} was printed:\n{result.output}"
    if expect["exit"] == 0:
        return
    line = expect.get("line", 0)
    where = f"{file}:{line}: " if line else f"{file}: "
    key = f"{expect['key']}: " if expect.get("key") else ""
    findings = [text.strip() for text in result.output.splitlines() if text.strip().startswith(where)]
    matching = [text for text in findings if text.startswith(where + key + "found ")
                and expect["found"] in text and text.endswith(f"[{expect['rule']}]")]
    assert matching, f"no finding {where}{key}found ...{expect['found']}... [{expect['rule']}] in:\n{result.output}"
    for part in ("allowed", "fix"):
        if part in expect:
            assert expect[part] in result.output, f"{expect[part]!r} not in:\n{result.output}"


def assert_no_traceback(result: CliResult) -> None:
    for sign in ("Traceback (most recent call last)", 'File "/'):
        assert sign not in result.output, f"a Python traceback was printed:\n{result.output}"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` (hidden ones and .git included), by content."""
    found = {}
    for directory, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(directory) / name
            key = str(path.relative_to(folder))
            if path.is_symlink():
                found[key] = "link to " + os.readlink(path)
            elif path.is_file():
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[key] = "folder"
    return found
