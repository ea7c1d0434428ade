"""Read YAML strictly, remembering the line of every key.

PyYAML follows YAML 1.1, which quietly turns some plain words into other types: `no`
becomes false, `010` becomes 8, `0x1E` and `3_0` become 30 and `1:30` becomes 90. A
help center must not publish "Refunds: false" because legal typed `no`, so such plain
scalars are recorded as *misread* here; the schema check then says what to write, from
the type the key takes (see `schema.py`). Duplicate keys (PyYAML keeps the last one),
aliases (a 342-byte file of nested aliases expands to gigabytes), explicit tags
(`!ENV`, `!!python/name:`) and runaway nesting are refused outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Diagnostic, rule
from .text import control_characters

KeyPath = tuple[str | int, ...]

SYNTAX = rule("yaml-syntax", "a data file is not valid YAML", unreadable=True)
STRUCTURE = rule("yaml-structure", "aliases, tags, duplicate keys or nesting a data file may not use")
MISREAD = rule("yaml-misread", "a plain value YAML reads as something other than it looks")

MAX_DEPTH = 20  # our files nest four levels; twenty is a mistake, not data
MAX_DIGITS = 15  # no policy number has more; 5,000 digits would stall int()

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_PLAIN_INTEGER = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_SWITCH_WORDS = {"true", "false"}


def dotted(path: KeyPath) -> str:
    """`("refunds", "window_days")` -> `refunds.window_days`; list items as `[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class Misreading:
    """A plain scalar YAML reads differently from how it looks."""

    raw: str  # as typed: `no`, `010`
    reading: str  # what YAML makes of it: "the switch value false"
    line: int
    kind: str  # "switch", "number"


@dataclass
class YamlDocument:
    """The data of a YAML file, the line of each key path, and what was wrong with it."""

    file: str
    data: Any = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    misread: dict[KeyPath, Misreading] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def line_of(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, rule_id: str, path: KeyPath, found: str, allowed: str,
                line: int | None = None, fix: str = "") -> None:
        self.diagnostics.append(Diagnostic(
            self.file, self.line_of(path) if line is None else line, rule_id, dotted(path),
            found, allowed, fix))


class _Refusal(Exception):
    def __init__(self, found: str, allowed: str, mark: Any, fix: str = ""):
        super().__init__(found)
        self.found, self.allowed, self.line, self.fix = found, allowed, mark.line + 1, fix


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader's composer, refusing aliases, explicit tags and deep nesting as it
    meets them: before anything is expanded, so a bomb costs nothing."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _Refusal(f"the alias *{event.anchor}", "each value written out in full "
                           "(aliases and anchors are not read here)", event.start_mark)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refusal(f"the YAML tag {tag}", "plain values without tags "
                           "(`!ENV`, `!!str` and the like are not read here)", event.start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refusal(f"values nested more than {MAX_DEPTH} levels deep",
                           "the file's own shape, a few levels deep", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def parse_yaml(text: str, display: str, expected: str = "a mapping of keys") -> YamlDocument:
    """Parse YAML text into a YamlDocument; problems are collected, never raised.
    `expected` says, for messages, what the top of the file should be."""
    doc = YamlDocument(file=display)
    doc.diagnostics += control_characters(text, display)
    if doc.diagnostics:
        return doc
    try:
        root = _StrictLoader(text).get_single_node()
    except _Refusal as refusal:
        doc.problem(STRUCTURE, (), refusal.found, refusal.allowed, refusal.line, refusal.fix)
        return doc
    except yaml.YAMLError as error:
        doc.diagnostics.append(_syntax_problem(error, text, display))
        return doc
    if root is None:
        doc.problem(STRUCTURE, (), "an empty file", expected, 1)
        return doc
    if not isinstance(root, yaml.MappingNode):
        doc.problem(STRUCTURE, (), f"{_node_kind(root)} at the top of the file", expected,
                    root.start_mark.line + 1)
        return doc
    doc.data = _construct(root, (), doc)
    return doc


def _syntax_problem(error: yaml.YAMLError, text: str, display: str) -> Diagnostic:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(error, "problem", None) or str(error)
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    key_match = re.match(r"^\s*([\w.-]+)\s*:", source)
    key = key_match.group(1) if key_match else ""
    if "\t" in source[: len(source) - len(source.lstrip())] or "'\\t'" in problem:
        return Diagnostic(display, line, SYNTAX, key, "a tab in the indentation",
                          "indentation with spaces", "indent with spaces, as the lines around it")
    return Diagnostic(display, line, SYNTAX, key, f"text that is not valid YAML ({problem})",
                      "YAML: `key: value` lines, nested by indenting with spaces")


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return f"the single value {node.value!r}"


def _construct(node: yaml.Node, path: KeyPath, doc: YamlDocument) -> Any:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                doc.problem(STRUCTURE, path, "a list or mapping used as a key", "a word as each key",
                            key_node.start_mark.line + 1)
                continue
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in result:
                doc.problem(STRUCTURE, path + (key,),
                            f"the key `{key}` a second time (first on line {doc.lines[path + (key,)]})",
                            "each key once per section", key_line,
                            "delete one of the two; YAML readers silently keep only the last")
                continue
            doc.lines[path + (key,)] = key_line
            result[key] = _construct(value_node, path + (key,), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (index,), doc) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, path, doc)


def _scalar(node: yaml.ScalarNode, path: KeyPath, doc: YamlDocument) -> Any:
    value, line = node.value, node.start_mark.line + 1
    if node.style is not None:  # quoted: the writer said exactly what they meant
        return value
    if node.tag == _BOOL_TAG and value.lower() not in _SWITCH_WORDS:
        truth = str(value.lower() in ("yes", "y", "on")).lower()
        doc.misread[path] = Misreading(value, f"the switch value {truth}", line, "switch")
    elif node.tag == _INT_TAG and not _PLAIN_INTEGER.match(value):
        doc.misread[path] = Misreading(value, _number_reading(value), line, "number")
        return None
    elif node.tag in (_INT_TAG, _FLOAT_TAG) and len(re.sub(r"\D", "", value)) > MAX_DIGITS:
        doc.misread[path] = Misreading(value, f"a number of {len(value)} characters", line, "number")
        return None
    elif node.tag == _FLOAT_TAG and ":" in value:
        doc.misread[path] = Misreading(value, "a base-60 number", line, "number")
        return None
    if node.tag == _TIMESTAMP_TAG:
        # Dates stay the text legal typed (2026-01-15): the schema checks their form and
        # an impossible date such as 2026-02-30 is reported with its line.
        return value
    return yaml.SafeLoader("").construct_object(node)


def _number_reading(value: str) -> str:
    if ":" in value:
        return "a base-60 number"
    if "_" in value:
        return "a number with its digits grouped by _"
    if re.match(r"^[-+]?0[xob]", value, re.IGNORECASE):
        return "a hexadecimal, octal or binary number"
    if re.match(r"^[-+]?0[0-9]", value):
        return "an octal number (a leading zero)"
    return "a number written in an unusual way"
