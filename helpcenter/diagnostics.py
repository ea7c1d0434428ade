"""One record for every problem the help center reports, whoever must act on it.

A `Diagnostic` names the file and line to change, what it is about (a policy key, a
page, a link), what was found, what is allowed and, when there is one obvious edit,
the fix. Its rule id is stable (`policy-schema`, `published-link-404`, ...), so people
can search the README and the tests for a message they have not seen before.

Rules that mean "this input could not be read at all" (a missing file, text that is not
UTF-8, YAML that does not parse, an app URL that does not answer) make the command line
exit 2; every other rule is a finding, exit 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str  # one line for the README's table of rules
    unreadable: bool = False


RULES: dict[str, Rule] = {}


def rule(rule_id: str, summary: str, *, unreadable: bool = False) -> str:
    """Declare a rule (once, at import time, in the module that reports it)."""
    if rule_id in RULES and RULES[rule_id] != Rule(rule_id, summary, unreadable):
        raise ValueError(f"rule {rule_id!r} is declared twice, differently")
    RULES[rule_id] = Rule(rule_id, summary, unreadable)
    return rule_id


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str  # as the person who edits it knows it: "policy.yml", "docs/refunds.md"
    line: int  # 1-based; 0 when the problem is the whole file
    rule: str
    subject: str  # the key, page or link the problem is about; "" for the whole file
    found: str
    allowed: str
    fix: str = ""

    @property
    def unreadable(self) -> bool:
        return RULES[self.rule].unreadable if self.rule in RULES else False

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        about = f"{self.subject}: " if self.subject else ""
        text = f"{self.where}: {about}found {self.found}; allowed: {self.allowed} [{self.rule}]"
        return text + (f"\n    fix: {self.fix}" if self.fix else "")


class Refused(Exception):
    """An input cannot be used; carries every problem found in it."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = ordered(diagnostics)
        super().__init__(report(self.diagnostics))

    @property
    def unreadable(self) -> bool:
        return any(d.unreadable for d in self.diagnostics)


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Each problem once, by file and line: the order in which people fix them."""
    return sorted(set(diagnostics), key=lambda d: (d.file, d.line, d.subject, d.rule, d.found))


def report(diagnostics: Iterable[Diagnostic]) -> str:
    """Every problem, grouped by file: "policy.yml has 2 problems:" then one per line."""
    lines: list[str] = []
    by_file: dict[str, list[Diagnostic]] = {}
    for diagnostic in ordered(diagnostics):
        by_file.setdefault(diagnostic.file, []).append(diagnostic)
    for file, group in by_file.items():
        count = len(group)
        lines.append(f"{file} has {count} problem{'s' if count != 1 else ''}:")
        lines += [f"  {diagnostic}".replace("\n", "\n  ") for diagnostic in group]
    return "\n".join(lines)


def exit_status(diagnostics: Iterable[Diagnostic]) -> int:
    """0 when there is nothing to report, 2 when an input could not be read, else 1."""
    found = list(diagnostics)
    if not found:
        return 0
    return 2 if any(d.unreadable for d in found) else 1
