"""Guardrail findings: what `python -m macros check` and the build report when the
docs, policy.yml, the app's settings or the published links disagree.

Each finding names the file and line to change, says what is wrong in the words of
whoever must act on it (a writer, legal, engineering, support), and says how to fix
it. A stable rule id (`app-config-mismatch`, `policy-literal`, ...) lets people search
the README and the tests for a finding they have not seen before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One thing that must change before the help center can be published."""

    file: str
    line: int
    rule: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}\n    fix: {self.fix} [{self.rule}]"


def report(findings: Iterable[Finding]) -> str:
    """Every finding, in file and line order, as one text block."""
    ordered = sorted(set(findings))
    count = len(ordered)
    heading = f"{count} problem{'s' if count != 1 else ''} found:"
    return "\n".join([heading, *(f"  {finding}" for finding in ordered)])
