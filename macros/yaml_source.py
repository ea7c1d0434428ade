"""Read a YAML file strictly, remembering the line of every key.

PyYAML follows YAML 1.1, which quietly turns some plain words into other types:
`no` becomes false, `010` becomes 8 and `1:30` becomes 90. A help center must not
publish "Refunds: false" because legal typed `no`, so such plain scalars are refused
here, as are duplicate keys (PyYAML silently keeps the last one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import PolicyProblem

KeyPath = tuple[str | int, ...]

_BOOL_WORDS = {"true", "false"}
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def dotted(path: KeyPath) -> str:
    """`("refunds", "window_days")` -> `refunds.window_days`; list items as `[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass
class YamlDocument:
    """The data of a YAML file, the line of each key path, and what was wrong with it."""

    file: str
    data: Any = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[PolicyProblem] = field(default_factory=list)

    def line_of(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: KeyPath, found: str, allowed: str, line: int | None = None) -> None:
        self.problems.append(
            PolicyProblem(self.file, self.line_of(path) if line is None else line, dotted(path), found, allowed)
        )


def read_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Parse `path` into a YamlDocument; problems are collected, never raised."""
    doc = YamlDocument(file=display_name or path.name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        doc.problem((), "no file at " + str(path), "a policy file; copy policy.yml from the repository", 0)
        return doc
    except (OSError, UnicodeDecodeError) as error:
        doc.problem((), f"a file that cannot be read as UTF-8 text ({error})", "a UTF-8 text file", 0)
        return doc
    return parse_yaml(text, doc.file)


def parse_yaml(text: str, display_name: str) -> YamlDocument:
    """Parse YAML text (a file's, or an older version's from git) into a YamlDocument."""
    doc = YamlDocument(file=display_name)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        doc.problem((), f"text that is not valid YAML ({problem})",
                    "YAML: `key: value` lines, nested by indenting with spaces", line)
        return doc
    if root is None:
        doc.problem((), "an empty file", "the policy's sections: company, support, refunds, privacy, images", 1)
        return doc
    if not isinstance(root, yaml.MappingNode):
        doc.problem((), f"{_node_kind(root)} at the top of the file",
                    "a mapping of sections (`company:`, `support:`, ...)", root.start_mark.line + 1)
        return doc
    doc.data = _construct(root, (), doc)
    return doc


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
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in result:
                doc.problem(path + (key,), f"the key `{key}` a second time (first on line "
                            f"{doc.lines[path + (key,)]})", "each key once per section", key_line)
                continue
            doc.lines[path + (key,)] = key_line
            result[key] = _construct(value_node, path + (key,), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (index,), doc) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    _check_plain_scalar(node, path, doc)
    if node.tag == _TIMESTAMP_TAG:
        # Dates stay the text legal typed (2026-01-15): the schema checks their form, the
        # model turns them into dates, and an impossible date such as 2026-02-30 is
        # reported with its line instead of crashing PyYAML's date constructor.
        return node.value
    return yaml.SafeLoader("").construct_object(node)


def _check_plain_scalar(node: yaml.ScalarNode, path: KeyPath, doc: YamlDocument) -> None:
    """Refuse plain scalars that YAML 1.1 reads as something other than they look."""
    if node.style is not None:  # quoted: the writer said exactly what they meant
        return
    value = node.value
    line = node.start_mark.line + 1
    if node.tag == _BOOL_TAG and value.lower() not in _BOOL_WORDS:
        doc.problem(path, f"unquoted `{value}`, which YAML reads as the switch value "
                    f"{str(value.lower() in ('yes', 'on')).lower()}",
                    f'`true` or `false` for a switch, or "{value}" in quotes for a word', line)
    elif node.tag in (_INT_TAG, _FLOAT_TAG) and _SEXAGESIMAL.match(value):
        doc.problem(path, f"unquoted `{value}`, which YAML reads as a base-60 number",
                    f'a plain number such as 90, or "{value}" in quotes for text', line)
    elif node.tag == _INT_TAG and _LEADING_ZERO.match(value):
        doc.problem(path, f"`{value}` with a leading zero, which YAML reads as an octal number",
                    f"the number without leading zeros ({value.lstrip('0+-') or '0'}), "
                    f'or "{value}" in quotes for text', line)
