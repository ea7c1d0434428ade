"""Read JSON strictly: the app's settings come from a file or a server we do not own.

Python's json module accepts NaN and Infinity, keeps the last of two equal keys, turns
a 5,000-digit number into a ValueError and 1,000 nested arrays into a RecursionError.
Each becomes one diagnostic here, with the line where it stands.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic, Refused, rule

SYNTAX = rule("json-syntax", "a JSON input is not valid JSON", unreadable=True)

MAX_DEPTH = 20
MAX_DIGITS = 15
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Bad(Exception):
    def __init__(self, found: str, allowed: str):
        super().__init__(found)
        self.found, self.allowed = found, allowed


@dataclass(frozen=True)
class JsonDocument:
    """Parsed JSON with its text kept, to point at lines (json keeps no positions)."""

    source: str
    data: Any
    text: str

    def value_at(self, dotted_path: str) -> tuple[bool, Any]:
        """`"billing.refund_window_days"` -> (True, 30), or (False, None) when absent."""
        value: Any = self.data
        for part in dotted_path.split("."):
            if not isinstance(value, dict) or part not in value:
                return False, None
            value = value[part]
        return True, value

    def line_of(self, dotted_path: str) -> int:
        """The line where the path's last key is written, found by walking the keys in
        order through the text; 0 when it is not found."""
        position = 0
        for part in dotted_path.split("."):
            match = re.compile(rf'"{re.escape(part)}"\s*:').search(self.text, position)
            if not match:
                return 0
            position = match.end()
        return self.text.count("\n", 0, position) + 1


def parse_json(text: str, source: str) -> JsonDocument:
    """Parse `text` (shown as `source`). Raises Refused with the line of the problem."""
    if _too_deep(text):
        raise Refused([Diagnostic(source, 0, SYNTAX, "", f"values nested more than {MAX_DEPTH} levels deep",
                                  "the settings' own shape, a few levels deep")])
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constants,
                          parse_int=_bounded_int, parse_float=_bounded_float)
        _no_surrogates(data)
    except json.JSONDecodeError as error:
        raise Refused([Diagnostic(source, error.lineno, SYNTAX, "",
                                  f"text that is not valid JSON ({error.msg} at column {error.colno})",
                                  "a JSON object of settings")]) from None
    except _Bad as bad:
        raise Refused([Diagnostic(source, 0, SYNTAX, "", bad.found, bad.allowed)]) from None
    return JsonDocument(source, data, text)


def _too_deep(text: str) -> bool:
    """Nesting deeper than MAX_DEPTH, counted without parsing (strings skipped)."""
    depth = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        mark = token.group(0)
        if mark in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif mark in "]}":
            depth -= 1
    return False


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Bad(f'the key "{key}" twice in one object',
                       "each key once (JSON readers silently keep only one of them)")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise _Bad(f"the value {name}", "numbers, text, true, false, null, lists and objects")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Bad(f"a number of {len(text)} digits", f"numbers of at most {MAX_DIGITS} digits")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_DIGITS + 10:
        raise _Bad(f"a number of {len(text)} characters", "an ordinary number")
    number = float(text)
    if not math.isfinite(number):  # 1e999 is infinity to Python, and to no one else
        raise _Bad(f"the number {text}, too large to be one", "an ordinary number")
    return number


def _no_surrogates(value: Any) -> None:
    """Refuse an escape such as "\\ud800" (half of a UTF-16 pair, no character): no UTF-8
    text can hold it, so printing or publishing it would fail later, far from here."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise _Bad(f"the escape of half a UTF-16 pair in {json.dumps(value[:40])}",
                       "text made of characters (\\ud83d\\ude00 together, not one of them alone)")
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_surrogates(key)
            _no_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            _no_surrogates(item)
