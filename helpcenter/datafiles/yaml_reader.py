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
_PLAIN_INTEGER = re.compile(r"^-?(0|[1-9][0-9]*)$")  # `+30` is 30 to YAML 1.1, not to JSON
_SWITCH_WORDS = {"true", "false"}
# An escape such as "\uD800" names half of a UTF-16 pair: no character, and no UTF-8 file
# or page can hold it (writing it out fails), so YAML 1.2 forbids it; PyYAML lets it by.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHOWN_CHARACTERS = 40  # a value longer than this is shortened in messages


def dotted(path: KeyPath) -> str:
    """`("refunds", "window_days")` -> `refunds.window_days`; list items as `[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def shortened(text: str) -> str:
    """`text` as a message may quote it: a 5,000-digit number is not printed whole."""
    if len(text) <= _SHOWN_CHARACTERS:
        return text
    return f"{text[:_SHOWN_CHARACTERS]}... ({len(text):,} characters)"


@dataclass(frozen=True)
class Misreading:
    """A plain scalar YAML reads differently from how it looks."""

    raw: str  # as typed: `no`, `010` (shortened when long)
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
            if _SURROGATE.search(key):
                _surrogate_problem(doc, path, key_line)
                continue
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


def _surrogate_problem(doc: YamlDocument, path: KeyPath, line: int) -> None:
    doc.problem(SYNTAX, path, "an escape such as \\uD800 that names half of a UTF-16 pair, "
                "which is no character", "text: the character itself, or \\U0001F600 for "
                "one beyond U+FFFF", line, "retype the value without the escape")


def _scalar(node: yaml.ScalarNode, path: KeyPath, doc: YamlDocument) -> Any:
    value, line = node.value, node.start_mark.line + 1
    if _SURROGATE.search(value):
        _surrogate_problem(doc, path, line)
        return None
    if node.style is not None:  # quoted: the writer said exactly what they meant
        return value
    shown = shortened(value)
    if node.tag == _BOOL_TAG and value.lower() not in _SWITCH_WORDS:
        truth = str(value.lower() in ("yes", "y", "on")).lower()
        doc.misread[path] = Misreading(shown, f"the switch value {truth}", line, "switch")
    elif node.tag == _INT_TAG and not _PLAIN_INTEGER.match(value):
        doc.misread[path] = Misreading(shown, _number_reading(value), line, "number")
        return None
    elif node.tag in (_INT_TAG, _FLOAT_TAG) and len(re.sub(r"\D", "", value)) > MAX_DIGITS:
        doc.misread[path] = Misreading(shown, f"a number of {len(value):,} characters", line, "number")
        return None
    elif node.tag == _FLOAT_TAG and ":" in value:
        doc.misread[path] = Misreading(shown, "a base-60 number", line, "number")
        return None
    if node.tag == _TIMESTAMP_TAG:
        # Dates stay the text legal typed (2026-01-15): the schema checks their form and
        # an impossible date such as 2026-02-30 is reported with its line.
        return value
    return yaml.SafeLoader("").construct_object(node)


def _number_reading(value: str) -> str:
    if value.startswith("+"):
        return "a number with a plus sign"
    if ":" in value:
        return "a base-60 number"
    if "_" in value:
        return "a number with its digits grouped by _"
    if re.match(r"^[-+]?0[xob]", value, re.IGNORECASE):
        return "a hexadecimal, octal or binary number"
    if re.match(r"^[-+]?0[0-9]", value):
        return "an octal number (a leading zero)"
    return "a number written in an unusual way"


# --- YAML that another program reads --------------------------------------------------

MAX_EXPANDED_VALUES = 100_000  # a large site's mkdocs.yml has a few thousand
_CONFIG_DEPTH = 50
_RUNS_CODE = "tag:yaml.org,2002:python/object"  # .../apply:os.system calls the function


class _Composer(yaml.SafeLoader):
    """Composes YAML into nodes without constructing values: tags are kept as written
    and an alias is the node it names, not a copy, so composing costs what the text
    costs. Nesting deeper than _CONFIG_DEPTH is refused as it is met."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        if self._depth > _CONFIG_DEPTH:
            raise _Refusal(f"values nested more than {_CONFIG_DEPTH} levels deep",
                           "the configuration's own shape", self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def expansion_problems(text: str, display: str) -> list[Diagnostic]:
    """What would make another program's YAML loader (MkDocs reads mkdocs.yml with its
    own, which expands aliases and constructs Python objects) hang or run code: aliases
    that expand to more than MAX_EXPANDED_VALUES values (a bomb of a few hundred bytes
    expands to gigabytes), an alias inside its own anchor, runaway nesting,
    `!!python/object` tags, and duplicate keys (the loader silently keeps the last).
    Control characters are reported at their true line; syntax errors are left to the
    other reader. Empty when the text is safe."""
    problems = control_characters(text, display)
    if problems:
        return problems
    try:
        root = _Composer(text).get_single_node()
    except _Refusal as refusal:
        return [Diagnostic(display, refusal.line, STRUCTURE, "", refusal.found, refusal.allowed)]
    except yaml.YAMLError:
        return []  # text that does not parse cannot expand: the other reader says where
    except RecursionError:
        return [Diagnostic(display, 0, STRUCTURE, "", "values nested too deeply to read",
                           "the configuration's own shape")]
    if root is None:
        return []
    try:
        _ExpansionCount(display).count(root, (), 0)
    except _Refusal as refusal:
        return [Diagnostic(display, refusal.line, STRUCTURE, "", refusal.found, refusal.allowed, refusal.fix)]
    return []


class _ExpansionCount:
    """Counts the values a node stands for once every alias is expanded, each shared node
    counted once per place it appears (memoized, so the count itself stays cheap)."""

    def __init__(self, display: str):
        self.display = display
        self.sizes: dict[int, int] = {}
        self.open: set[int] = set()

    def count(self, node: yaml.Node, path: KeyPath, depth: int) -> int:
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]
        if key in self.open:
            raise _Refusal("an alias inside the value its anchor names, a value without end",
                           "each value written out in full", node.start_mark)
        if depth > _CONFIG_DEPTH:
            raise _Refusal(f"aliases that nest values more than {_CONFIG_DEPTH} levels deep",
                           "the configuration's own shape", node.start_mark)
        if str(node.tag).startswith(_RUNS_CODE):
            raise _Refusal(f"the YAML tag {node.tag}, which makes the reader run Python code",
                           "plain values (`!!python/name:` is fine)", node.start_mark)
        self.open.add(key)
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self.count(item, path + (index,), depth + 1) for index, item in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
                if name and name != "<<" and name in seen:
                    raise _Refusal(f"the key `{name}` a second time (first on line {seen[name]})",
                                   "each key once per section", key_node.start_mark,
                                   "delete one of the two; YAML readers silently keep only the last")
                seen.setdefault(name, key_node.start_mark.line + 1)
                size += self.count(key_node, path, depth + 1) + self.count(value_node, path + (name,), depth + 1)
        self.open.discard(key)
        if size > MAX_EXPANDED_VALUES:
            raise _Refusal(f"aliases that expand to more than {MAX_EXPANDED_VALUES:,} values",
                           "each value written out in full, or aliases that stay small", node.start_mark)
        self.sizes[key] = size
        return size
