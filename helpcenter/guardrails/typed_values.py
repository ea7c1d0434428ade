"""The drift lint: policy values typed by hand into pages, mkdocs.yml or templates.

A page that says "30 days" in plain text goes on saying it after legal shortens the
window in policy.yml. The patterns are generated from the loaded `Policy` on every run
(so they follow legal's edits): each day count in the usual spellings ("30 days",
"30-day", "thirty days", "4 weeks" when it is whole weeks), each email address, and
sentences that state the default visibility of new images ("images are public by
default"). Text inside Jinja (`{{ }}`, `{% %}`, `{# #}`) is where values belong and is
not scanned, nor are heading ids (`{ #id }`), which must never change.

A writer who means a literal (a quoted old policy, an example) marks its line:
`<!-- policy-literal: why -->` in Markdown, `# policy-literal: why` in YAML,
`{# policy-literal: why #}` in a template.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.markup import TEMPLATE_DIR
from ..diagnostics import Diagnostic, rule
from ..policy.model import Policy

LITERAL_RULE = rule("policy-literal", "a policy value typed by hand into a page, mkdocs.yml or a template")
MARKER_RULE = rule("policy-literal-marker", "a policy-literal marker without a reason")
MARKER = "policy-literal:"

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_HEADING_ATTRS = re.compile(r"\{:?[ \t]*#[^{}\n]*\}")
_MARKER_LINE = re.compile(re.escape(MARKER) + r"(?P<reason>[^\n]*)")
_MARKER_CLOSERS = re.compile(r"(-->|#\}|\*/)\s*$")
_TEXT_SUFFIXES = {".md", ".html", ".htm", ".j2", ".jinja", ".jinja2", ".yml", ".yaml", ".txt"}

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_JOIN = r"[\s\u00a0-]+"
_EMPHASIS = r"[*_\"'\u201c\u201d]{0,2}"


@dataclass(frozen=True)
class LiteralPattern:
    """A way of writing one policy value by hand, and the macro that states it instead."""

    policy_key: str
    pattern: re.Pattern[str]
    macro: str  # what to write in a page instead
    adjective_macro: str = ""  # for the "30-day" form, when it differs


def number_pattern(number: int) -> str:
    """A regex for `number` in digits or in English words: 30, thirty; 31, thirty-one."""
    return rf"(?:{number}|{_words_pattern(number)})"


def _words_pattern(number: int) -> str:
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f"{_JOIN}{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    head = rf"(?:{_ONES[hundreds]}|a)" if hundreds == 1 else _ONES[hundreds]
    head += f"{_JOIN}hundred"
    return head + (rf"(?:{_JOIN}and)?{_JOIN}{_words_pattern(rest)}" if rest else "")


def literal_patterns(policy: Policy) -> list[LiteralPattern]:
    """Every hand-typed form of the current policy values that the lint looks for."""
    patterns = []
    for key, value in _policy_values(policy):
        if key.endswith("_days") and isinstance(value, int) and not isinstance(value, bool):
            patterns.append(_day_count(key, value))
        elif isinstance(value, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.\w+", value):
            patterns.append(
                LiteralPattern(
                    key,
                    re.compile(rf"(?<![\w.+-]){re.escape(value)}(?![\w-])", re.IGNORECASE),
                    f"{{{{ support_link() }}}} (a mailto: link) or {{{{ policy.{key} }}}}",
                )
            )
    patterns.append(_default_visibility(policy))
    return patterns


def _day_count(key: str, days: int) -> LiteralPattern:
    amount = number_pattern(days)
    if days % 7 == 0:
        amount = (
            rf"(?:{amount}[\s\u00a0-]*(?:(?:calendar|business|working){_JOIN})?days?"
            rf"|{number_pattern(days // 7)}[\s\u00a0-]*weeks?)"
        )
    else:
        amount = rf"{amount}[\s\u00a0-]*(?:(?:calendar|business|working){_JOIN})?days?"
    return LiteralPattern(
        key,
        re.compile(rf"(?<![\w.,]){amount}\b", re.IGNORECASE),
        f"{{{{ days(policy.{key}) }}}}",
        adjective_macro=f"{{{{ policy.{key} }}}}-day",
    )


def _default_visibility(policy: Policy) -> LiteralPattern:
    value = re.escape(policy.images.default_visibility)
    other = re.escape(policy.images.other_visibility)
    stated = rf"{_EMPHASIS}\b{value}\b{_EMPHASIS}(?!\s*(?:or|and|/)\s*{_EMPHASIS}{other}\b)"
    statements = [
        rf"\b{value}{_EMPHASIS}\s+by\s+default\b",
        rf"\bby\s+default\b[^.!?\n]{{0,80}}?{stated}",
        rf"\b(?:start|starts|started|begin|begins)\s+(?:out\s+|off\s+)?(?:as\s+)?{stated}",
        rf"\bdefaults?\s+(?:visibility\s+|setting\s+)?(?:is\s+(?:set\s+to\s+)?|to\s+|:\s*|=\s*){stated}",
        rf"\bnew\s+(?:\w+\s+)?images?\s+(?:are|is)\s+(?:\w+\s+)?{stated}",
    ]
    return LiteralPattern(
        "images.default_visibility",
        re.compile("|".join(statements), re.IGNORECASE),
        "{{ policy.images.default_visibility }}",
    )


def _policy_values(node: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for field in dataclasses.fields(node):
        value = getattr(node, field.name)
        key = f"{prefix}{field.name}"
        if dataclasses.is_dataclass(value):
            yield from _policy_values(value, key + ".")
        else:
            yield key, value


def files_to_scan(docs_dir: Path, config_file: Path, template_dirs: tuple[Path, ...]) -> list[Path]:
    """The pages, the generator's configuration, our markup templates and the theme's
    templates of ours, if any."""
    files = sorted(docs_dir.rglob("*.md"))
    files.append(config_file)
    for directory in (TEMPLATE_DIR, *template_dirs):
        files += sorted(
            p for p in directory.rglob("*") if p.suffix in _TEXT_SUFFIXES and p.is_file()
        )
    return [path for path in files if path.is_file()]


def lint_file(
    path: Path, label: str, patterns: list[LiteralPattern], is_template: bool = False,
    text: str | None = None,
) -> list[Diagnostic]:
    """A finding for each hand-typed policy value in `path` (shown as `label`; `text`
    is the file's content when the caller has already read it)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    lines = text.splitlines()
    marked = _marked_lines(lines, label)
    findings = [finding for finding in marked.values() if finding is not None]
    scannable = _HEADING_ATTRS.sub(_blank, _JINJA.sub(_blank, text))
    for literal in patterns:
        for match in literal.pattern.finditer(scannable):
            line = scannable.count("\n", 0, match.start()) + 1
            if line in marked:
                continue
            found = " ".join(match.group(0).split())
            findings.append(_literal_finding(label, line, found, literal, path, is_template))
    return findings


def _literal_finding(
    label: str, line: int, found: str, literal: LiteralPattern, path: Path, is_template: bool
) -> Diagnostic:
    if is_template:
        instead = f"pass policy.{literal.policy_key} into the template from Python"
        marker = "{# policy-literal: why #}"
    else:
        adjective = literal.adjective_macro and re.search(r"-\s*day$", found, re.IGNORECASE)
        instead = f"write {literal.adjective_macro if adjective else literal.macro}"
        marker = (
            "# policy-literal: why"
            if path.suffix in (".yml", ".yaml")
            else "<!-- policy-literal: why -->"
        )
    return Diagnostic(
        label, line, LITERAL_RULE, literal.policy_key,
        f'"{found}" typed by hand, which will not change when legal changes policy.yml',
        "policy values through macros",
        f"{instead} instead; if the literal is intended, end the line with {marker}",
    )


def _marked_lines(lines: list[str], label: str) -> dict[int, Diagnostic | None]:
    """Lines a writer marked as intentional literals; a marker without a reason is
    itself a finding (the reason is what a reviewer reads)."""
    marked: dict[int, Diagnostic | None] = {}
    for number, line in enumerate(lines, start=1):
        match = _MARKER_LINE.search(line)
        if not match:
            continue
        reason = _MARKER_CLOSERS.sub("", match.group("reason")).strip()
        marked[number] = (
            None
            if reason
            else Diagnostic(
                label, number, MARKER_RULE, "", "a policy-literal marker without a reason",
                "a marker that says why the literal is intended",
                "e.g. <!-- policy-literal: quotes the 2024 policy -->",
            )
        )
    return marked


def _blank(match: re.Match[str]) -> str:
    """Replace Jinja with spaces, keeping newlines so line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))
