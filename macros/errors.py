"""Designed errors for policy.yml: every problem names the file, the line, the key,
what was found and what is allowed, and all problems in a file are reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class PolicyProblem:
    """One thing wrong in a policy file, phrased for the person who edits it."""

    file: str
    line: int
    key: str
    found: str
    allowed: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = self.key or "(whole file)"
        return f"{where}: {key}: found {self.found}; allowed: {self.allowed}"


class PolicyError(Exception):
    """The policy file cannot be used. Carries every problem found, in file order."""

    def __init__(self, problems: list[PolicyProblem]):
        self.problems = sorted(set(problems), key=lambda p: (p.line, p.key, p.found))
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{self.problems[0].file} has {count} {noun}:"] if count else []
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)
