"""Validate data against a JSON Schema and phrase each failure for the person who edits
the file.

The schema is the single statement of what is allowed: messages are derived from the
part of the schema that failed (`x-allowed`, `enum`, `type`, ranges, `description`), so
a new rule needs no new message code. Advice fits the key's type: a switch is told to
write `true` or `false`, a word to put itself in quotes, a near miss gets "did you mean".
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Refused, rule
from .json_reader import parse_json
from .text import read_text
from .yaml_reader import MISREAD, KeyPath, Misreading, YamlDocument, dotted, shortened

if TYPE_CHECKING:
    from jsonschema import Validator
    from jsonschema.exceptions import ValidationError

SCHEMA = rule("schema", "a value in a data file is not one its JSON Schema allows")

_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "boolean": "`true` or `false`",
    "array": "a list",
    "object": "a group of keys",
    "null": "nothing",
}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


@dataclass
class Schema:
    """A JSON Schema file and the validator built from it."""

    path: Path
    display: str
    document: dict[str, Any] = field(repr=False)

    @classmethod
    def load(cls, path: Path, display: str, root: Path | None = None) -> Schema:
        """The schema at `path`; with `root`, one placed inside it must not link out of it."""
        document = parse_json(read_text(path, display, root), display).data
        if not isinstance(document, dict):
            raise Refused([Diagnostic(display, 0, SCHEMA, "", "JSON that is not a schema object",
                                      "a JSON Schema (draft 2020-12)")])
        return cls(path, display, document)

    @cached_property
    def validator(self) -> Validator:
        # Imported here: jsonschema takes ~60 ms to import, which only a check needs.
        from jsonschema import Draft202012Validator, FormatChecker

        Draft202012Validator.check_schema(self.document)
        # JSON Schema counts 30.0 as an integer; legal's "30.0 days" is not one.
        strict_types = Draft202012Validator.TYPE_CHECKER.redefine(
            "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))
        validator_class = _extend(Draft202012Validator, strict_types)
        return validator_class(self.document, format_checker=FormatChecker())

    def resolved(self, schema: Any) -> dict[str, Any]:
        """Follow local `$ref`s so messages describe the real rule, merging annotations."""
        if not isinstance(schema, dict):
            return {}
        merged = dict(schema)
        while "$ref" in merged:
            target: Any = self.document
            for part in merged.pop("$ref").removeprefix("#/").split("/"):
                target = target[part]
            merged = {**target, **merged}
        return merged

    def at(self, path: KeyPath) -> dict[str, Any]:
        """The schema that applies at `path` in the data ({} when none does)."""
        schema = self.resolved(self.document)
        for part in path:
            if isinstance(part, int):
                schema = self.resolved(schema.get("items", {}))
                continue
            properties = schema.get("properties", {})
            if part in properties:
                schema = self.resolved(properties[part])
                continue
            pattern = next((s for p, s in schema.get("patternProperties", {}).items()
                            if re.search(p, part)), None)
            schema = self.resolved(pattern if pattern is not None
                                   else schema.get("additionalProperties", {}))
        return schema

    def accepts(self, path: KeyPath, value: Any) -> bool:
        """Whether `value` is allowed at `path` (tuples taken as lists)."""
        plain = [*value] if isinstance(value, tuple) else value
        return bool(self.validator.evolve(schema=self.at(path)).is_valid(plain))

    def label_of(self, path: KeyPath) -> str | None:
        """What readers call the value at `path` ("the money-back window"): `x-label`."""
        label = self.at(path).get("x-label")
        return str(label) if label else None

    def description_of(self, path: KeyPath) -> str | None:
        """The key's own description (one inherited from a shared definition is too
        generic), or None."""
        schema: Any = self.resolved(self.document)
        raw: Any = None
        for part in path:
            raw = schema.get("properties", {}).get(part) if isinstance(part, str) else None
            if raw is None:
                return None
            schema = self.resolved(raw)
        description = raw.get("description") if isinstance(raw, dict) else None
        return str(description).rstrip(".") if description else None

    def describe(self, schema: dict[str, Any]) -> str:
        """A plain-language description of every value a schema allows."""
        schema = self.resolved(schema)
        if "x-allowed" in schema:
            text = str(schema["x-allowed"])
        elif "enum" in schema:
            text = "one of " + ", ".join(f"`{_word(value)}`" for value in schema["enum"])
        else:
            kind = schema.get("type", "")
            text = _TYPE_WORDS.get(kind, "a value") if isinstance(kind, str) else "a value"
            if "minimum" in schema and "maximum" in schema:
                text += f" from {schema['minimum']} to {schema['maximum']}"
            elif "minimum" in schema:
                text += f" of at least {schema['minimum']}"
            if kind == "array":
                text += f" of at least {schema.get('minItems', 0)} item(s), each "
                text += self.describe(schema.get("items", {}))
                if schema.get("uniqueItems"):
                    text += ", none repeated"
        if "description" in schema:
            text += f" ({str(schema['description']).rstrip('.')})"
        return text


def _extend(base: Any, type_checker: Any) -> Any:
    from jsonschema.validators import extend

    return extend(base, type_checker=type_checker)


def validate(doc: YamlDocument, schema: Schema) -> list[Diagnostic]:
    """A diagnostic for every misread value and every schema violation, one per key."""
    problems = [_misread_problem(doc, schema, path, misreading)
                for path, misreading in doc.misread.items()]
    seen: set[KeyPath] = set(doc.misread)
    reported = {d.subject for d in doc.diagnostics}  # the reader already named these keys
    errors = sorted(schema.validator.iter_errors(doc.data), key=lambda e: list(map(str, e.path)))
    for error in errors:
        for path, found, allowed, fix in _explain(error, schema, doc):
            if path in seen or (path and dotted(path) in reported):
                continue  # one message per key: the first names the real fault
            seen.add(path)
            problems.append(Diagnostic(doc.file, doc.line_of(path), SCHEMA, dotted(path),
                                       found, allowed, fix))
    return problems


def _misread_problem(doc: YamlDocument, schema: Schema, path: KeyPath,
                     misreading: Misreading) -> Diagnostic:
    expected = schema.at(path)
    kinds = _kinds(expected, schema)
    found = f"unquoted `{misreading.raw}`, which YAML reads as {misreading.reading}"
    if kinds == {"boolean"}:
        truth = "true" if misreading.raw.lower() in ("yes", "y", "on") else "false"
        allowed, fix = schema.describe(expected), f"write `{truth}` (a switch is `true` or `false`)"
    elif kinds <= {"integer", "number"} and kinds:
        allowed, fix = schema.describe(expected), _plain_number_hint(misreading.raw)
    elif kinds == {"enum"}:
        words = [_word(w) for w in expected.get("enum", [])]
        same = [w for w in words if w.lower() == misreading.raw.lower()]
        allowed = schema.describe(expected)
        fix = f"write `{same[0]}`" if same else "write one of " + ", ".join(f"`{w}`" for w in words)
    elif kinds and kinds <= {"string", "enum"}:
        allowed = schema.describe(expected)
        fix = f'put the word in quotes: "{misreading.raw}"'
    else:
        allowed = schema.describe(expected) if expected else "a value written plainly"
        fix = (f'`true` or `false` for a switch, or "{misreading.raw}" in quotes for a word'
               if misreading.kind == "switch" else
               f'a number with plain digits, or "{misreading.raw}" in quotes for text')
    return Diagnostic(doc.file, misreading.line, MISREAD, dotted(path), found, allowed, fix)


def _plain_number_hint(raw: str) -> str:
    """What to write for a number YAML misreads: the digits the writer typed (`010` ->
    10, `3_0` -> 30) when they make a number, else a general hint."""
    digits = raw.replace("_", "").lstrip("+")
    if re.fullmatch(r"-?[0-9]{1,15}", digits):
        return f"write {int(digits)} (plain digits, without a plus sign, a leading zero or _)"
    return "write the number with plain digits, such as 30"


def _kinds(schema: dict[str, Any], owner: Schema) -> set[str]:
    schema = owner.resolved(schema)
    if "enum" in schema:
        return {"enum"}
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return set(kind)
    return set()


def _explain(error: ValidationError, schema: Schema,
             doc: YamlDocument) -> Iterator[tuple[KeyPath, str, str, str]]:
    path: KeyPath = tuple(error.absolute_path)
    failed = schema.resolved(error.schema)
    if error.validator == "required":
        missing = str(error.message).split("'")[1]
        sub = schema.resolved(failed.get("properties", {}).get(missing, {}))
        yield (path + (missing,), "nothing: the key is missing",
               f"`{missing}:` with {schema.describe(sub)}", f"add `{missing}:` under {dotted(path) or 'the top'}")
        return
    if error.validator == "additionalProperties":
        known = list(failed.get("properties", {}))
        for key in error.instance:
            if key in known:
                continue
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            fix = f"did you mean `{close[0]}`?" if close else "remove it, or check its indentation"
            yield (path + (key,), f"the unknown key `{key}`",
                   "only the keys " + ", ".join(f"`{k}`" for k in known), fix)
        return
    yield path, found_text(error.instance), schema.describe(failed), _advice(error, failed, schema)


def _advice(error: ValidationError, failed: dict[str, Any], schema: Schema) -> str:
    value = error.instance
    if error.validator == "enum" and isinstance(value, str):
        words = [str(w) for w in failed["enum"]]
        same = [w for w in words if w.lower() == value.strip().lower()]
        close = same or difflib.get_close_matches(value, words, n=1, cutoff=0.6)
        return f"did you mean `{close[0]}`?" if close else ""
    if error.validator == "format" and failed.get("format") == "date" and isinstance(value, str):
        return _date_advice(value)
    if error.validator in ("not", "pattern") and isinstance(value, str):
        hidden = next((c for c in value if _invisible(c)), None)
        if hidden is not None:
            return (f"delete the invisible character U+{ord(hidden):04X} ({_character_name(hidden)}); "
                    "retype the value")
    if error.validator == "pattern" and isinstance(value, str) and value != value.strip():
        return "delete the spaces at the start or end of the value"
    if error.validator == "type" and isinstance(value, float) and value.is_integer():
        return f"write {int(value)}, without the decimal point"
    return ""


def _date_advice(value: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not match:
        return "write the date as year-month-day, such as 2026-01-15"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}: months run from 01 to 12"
    try:
        dt.date(year, month, day)
    except ValueError:
        days = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return f"{_MONTHS[month - 1]} {year} has {days} days"
    return "write the month and day with two digits each, such as 2026-01-05"


def _invisible(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _character_name(character: str) -> str:
    names = {"\n": "Line Feed", "\r": "Carriage Return", "\t": "Tab"}
    return names.get(character) or unicodedata.name(character, "Control Character").title()


def _visible(text: str) -> str:
    """`text` quoted, with invisible characters written as escapes: printed as they are,
    a right-to-left override would reorder the message itself."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if _invisible(c) else c for c in quoted)


def found_text(value: Any) -> str:
    """How a found value is shown in a message: as the writer would see it in YAML."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (a switch value)"
    if isinstance(value, (int, float)):
        return f"the number `{shortened(str(value))}`"
    if isinstance(value, str):
        hidden = [c for c in value if _invisible(c)]
        shown = _visible(shortened(value))
        if hidden:
            return f"the text {shown}, which holds an invisible or control character"
        return f"the text {shown}"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    return "a group of keys"


def _word(value: Any) -> str:
    return json.dumps(value)[1:-1] if isinstance(value, str) else str(value)
