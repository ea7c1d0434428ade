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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .yaml_source import YamlDocument


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


def read_data_file(path: Path, display_name: str, rule: str,
                   missing: str) -> tuple[YamlDocument | None, list[Finding]]:
    """Read one of our YAML data files (the policy map, the published links): its
    document, and a finding under `rule` for a missing file or each YAML problem."""
    from .yaml_source import read_yaml

    if not path.is_file():
        return None, [Finding(display_name, 0, rule, missing,
                              f"restore {display_name} from the repository")]
    doc = read_yaml(path, display_name)
    return doc, [Finding(p.file, p.line, rule, f"{p.key or 'the file'}: found {p.found}", p.allowed)
                 for p in doc.problems]


def report(findings: Iterable[Finding]) -> str:
    """Every finding, in file and line order, as one text block."""
    ordered = sorted(set(findings))
    count = len(ordered)
    heading = f"{count} problem{'s' if count != 1 else ''} found:"
    return "\n".join([heading, *(f"  {finding}" for finding in ordered)])
