"""Check policy data against policy.schema.json and phrase each failure for legal.

The schema is the single statement of what is allowed; the messages here are derived
from the part of the schema that failed, so a new rule needs no new message code.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .yaml_source import YamlDocument, dotted

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "policy.schema.json"

_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of keys",
    "null": "nothing",
}


@cache
def policy_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    # Imported here: jsonschema takes ~60 ms to import, which a build whose policy was
    # already checked (see policy_cache.py) never needs.
    from jsonschema import Draft202012Validator, FormatChecker

    schema = policy_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def validate(doc: YamlDocument) -> None:
    """Add a problem to `doc` for every schema violation, one per key."""
    # A value YAML misread (`yes`, `010`) already has its own, more precise message.
    already_reported = {(problem.key, problem.line) for problem in doc.problems}
    seen: set[tuple[Any, ...]] = set()
    for error in sorted(_validator().iter_errors(doc.data), key=lambda e: list(map(str, e.path))):
        for path, found, allowed in _explain(error):
            if path in seen or (dotted(path), doc.line_of(path)) in already_reported:
                continue  # one message per key: the first names the real fault
            seen.add(path)
            doc.problem(path, found, allowed)


def _explain(error: ValidationError) -> list[tuple[tuple[Any, ...], str, str]]:
    path = tuple(error.absolute_path)
    schema = resolved(error.schema)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        sub = resolved(schema.get("properties", {}).get(missing, {}))
        return [(path + (missing,), "nothing: the key is missing",
                 f"`{missing}:` with {describe(sub)}")]
    if error.validator == "additionalProperties":
        known = ", ".join(f"`{k}`" for k in schema.get("properties", {}))
        extras = [key for key in error.instance if key not in schema.get("properties", {})]
        return [(path + (key,), f"the unknown key `{key}`", f"only the keys {known}") for key in extras]
    return [(path, found_text(error.instance), describe(schema))]


def resolved(schema: Any) -> dict[str, Any]:
    """Follow local `$ref`s so messages describe the real rule, merging annotations."""
    if not isinstance(schema, dict):
        return {}
    merged = dict(schema)
    while "$ref" in merged:
        ref = merged.pop("$ref")
        target: Any = policy_schema()
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        merged = {**target, **merged}
    return merged


def describe(schema: dict[str, Any]) -> str:
    """A plain-language description of every value a schema allows."""
    schema = resolved(schema)
    if "x-allowed" in schema:
        text = schema["x-allowed"]
    elif "enum" in schema:
        text = "one of " + ", ".join(f"`{json.dumps(v)[1:-1] if isinstance(v, str) else v}`"
                                     for v in schema["enum"])
    else:
        text = _TYPE_WORDS.get(schema.get("type", ""), "a value")
        if "minimum" in schema and "maximum" in schema:
            text += f" from {schema['minimum']} to {schema['maximum']}"
        elif "minimum" in schema:
            text += f" of at least {schema['minimum']}"
        if schema.get("type") == "array":
            item = describe(schema.get("items", {}))
            text += f" of at least {schema.get('minItems', 0)} item(s), each {item}"
            if schema.get("uniqueItems"):
                text += ", none repeated"
    if "description" in schema:
        text += f" ({schema['description'].rstrip('.')})"
    return text


def found_text(value: Any) -> str:
    """How a found value is shown in a message: as the writer would see it in YAML."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (a switch value)"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, str):
        return f"the text {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    return "a group of keys"


def description_of(dotted_key: str) -> str | None:
    """The schema's own words for a policy value ("refunds.window_days" -> "Days after
    payment in which a full refund can be asked for"), or None when it has none."""
    schema: dict[str, Any] = policy_schema()
    for part in dotted_key.split("."):
        schema = resolved(schema).get("properties", {}).get(part)
        if schema is None:
            return None
    # The key's own description: one inherited from a shared definition is too generic.
    description = schema.get("description")
    return description.rstrip(".") if description else None
