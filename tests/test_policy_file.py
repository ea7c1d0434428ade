"""policy.yml is read strictly: every mistake legal can make is refused with the file,
the line, the key, what was found and what is allowed; good files load into the model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpcenter.diagnostics import Refused
from helpcenter.policy.model import Policy
from helpers import REPO, load_policy, run_cli

CASES = sorted((Path(__file__).parent / "bad_policies").glob("*.yml"))
POLICY_TEXT = (REPO / "policy.yml").read_text(encoding="utf-8")


def write_case(case: Path, folder: Path) -> tuple[Path, dict]:
    """Apply a corpus case to a copy of the real policy.yml; return it and its expectation."""
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    expect = dict(spec["expect"])
    if "content" in spec:
        text = spec["content"]
    else:
        edit = spec["edit"]
        assert edit["find"] in POLICY_TEXT, f"{case.name}: {edit['find']!r} is no longer in policy.yml"
        text = POLICY_TEXT.replace(edit["find"], edit["replace"], 1)
        marker = edit.get("at", edit["replace"])
        expect["line"] = next(number for number, line in enumerate(text.splitlines(), 1)
                              if marker.strip() and marker.strip().split("\n")[0] in line)
    path = folder / "policy.yml"
    path.write_text(text, encoding="utf-8")
    return path, expect


def test_corpus_has_at_least_fifteen_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_bad_policy_is_refused_naming_line_key_found_and_allowed(case: Path, tmp_path: Path):
    path, expect = write_case(case, tmp_path)
    with pytest.raises(Refused) as refused:
        load_policy(path)
    matching = [p for p in refused.value.diagnostics if (p.subject or "(whole file)") == expect["key"]]
    assert matching, f"no problem names {expect['key']}:\n{refused.value}"
    problem = matching[0]
    about = f"{expect['key']}: " if expect["key"] != "(whole file)" else ""
    assert str(problem).startswith(f"policy.yml:{expect['line']}: {about}found ")
    assert expect["found"] in problem.found
    # What to write instead: what the schema allows, or the fix for this very value.
    assert expect["allowed"] in f"{problem.allowed} {problem.fix}"


def test_every_problem_in_a_file_is_reported_together(tmp_path: Path):
    text = (POLICY_TEXT.replace("window_days: 30", 'window_days: "thirty"')
            .replace("email: cs@artsmart.ai", "email: nobody")
            .replace("default_visibility: public", "default_visibility: no"))
    (tmp_path / "policy.yml").write_text(text, encoding="utf-8")
    with pytest.raises(Refused) as refused:
        load_policy(tmp_path / "policy.yml")
    keys = [problem.subject for problem in refused.value.diagnostics]
    assert keys == ["support.email", "refunds.window_days", "images.default_visibility"]
    assert str(refused.value).startswith("policy.yml has 3 problems:")


def test_missing_policy_file_is_an_error_not_a_log_line(tmp_path: Path):
    with pytest.raises(Refused) as refused:
        load_policy(tmp_path / "policy.yml")
    assert "no file at" in str(refused.value)


def test_quoted_words_that_look_like_switches_are_accepted(tmp_path: Path):
    text = POLICY_TEXT.replace("playground: Playground", 'playground: "off"')
    (tmp_path / "policy.yml").write_text(text, encoding="utf-8")
    assert load_policy(tmp_path / "policy.yml").images.app_labels.playground == "off"


def test_repository_policy_loads_into_a_frozen_typed_model():
    policy = load_policy(REPO / "policy.yml")
    assert isinstance(policy, Policy)
    assert isinstance(policy.refunds.window_days, int)
    assert isinstance(policy.images.shown_in.public, tuple)
    with pytest.raises(AttributeError):
        policy.refunds.window_days = 1  # type: ignore[misc]


def test_policy_declares_its_schema_for_editors():
    first_line = POLICY_TEXT.splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./policy.schema.json"
    assert (REPO / "policy.schema.json").is_file()


KEY_LINE = re.compile(r"^(\s*)[A-Za-z_][\w-]*:")


def test_every_policy_key_has_a_comment_for_legal():
    """Each key has a comment directly above it. The one exception is a group of
    self-explaining children (the app's labels, say) none of which has its own
    comment: the comment above their parent explains them. Top-level section names
    explain themselves."""
    lines = POLICY_TEXT.splitlines()

    def indent(number: int) -> int:
        return len(lines[number]) - len(lines[number].lstrip())

    def commented(number: int) -> bool:
        return number > 0 and lines[number - 1].strip().startswith("#")

    def parent(number: int) -> int:
        return next(n for n in range(number - 1, -1, -1)
                    if KEY_LINE.match(lines[n]) and indent(n) < indent(number))

    def documented(number: int) -> bool:
        if indent(number) == 0 or commented(number):
            return True
        up = parent(number)
        siblings = [n for n in range(len(lines)) if KEY_LINE.match(lines[n])
                    and indent(n) == indent(number) and n > up and parent(n) == up]
        return not any(commented(n) for n in siblings) and documented(up)

    undocumented = [f"line {n + 1}: {lines[n].strip()}" for n in range(len(lines))
                    if KEY_LINE.match(lines[n]) and not documented(n)]
    assert not undocumented, "keys without a comment for legal:\n" + "\n".join(undocumented)


def test_check_command_exits_0_for_the_repository_policy(project: Path):
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "policy.yml is valid" in result.stdout


def test_check_command_exits_1_and_lists_problems_for_a_bad_policy(project: Path, tmp_path: Path):
    path, _ = write_case(Path(__file__).parent / "bad_policies" / "window_days_as_text.yml", tmp_path)
    result = run_cli(project, "check", "--policy", str(path))
    assert result.returncode == 1
    assert "policy.yml:" in result.stderr and "refunds.window_days" in result.stderr


def test_check_command_exits_2_on_a_usage_error(project: Path):
    result = run_cli(project, "check", "--no-such-option")
    assert result.returncode == 2
    assert "usage:" in result.stderr
