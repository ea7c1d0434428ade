"""The typed policy model and policy.schema.json describe the same policy: this walks
both, so a key added to one and forgotten in the other fails here, not in a build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

import pytest

from helpcenter.policy.model import Policy
from helpers import POLICY_SCHEMA


def _walk(cls: Any, schema: dict[str, Any], path: str) -> list[str]:
    """Every disagreement between the dataclass `cls` and the object schema at `path`."""
    schema = POLICY_SCHEMA.resolved(schema)
    problems = []
    if schema.get("type") != "object" or schema.get("additionalProperties") is not False:
        problems.append(f"{path}: the schema must be an object without extra keys")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    properties = schema.get("properties", {})
    problems += [f"{path}.{name}: in the model, not in the schema" for name in fields.keys() - properties.keys()]
    problems += [f"{path}.{name}: in the schema, not in the model" for name in properties.keys() - fields.keys()]
    optional = {name for name, f in fields.items() if f.default is not dataclasses.MISSING}
    problems += [f"{path}.{name}: required by the schema, optional in the model"
                 for name in set(schema.get("required", [])) & optional]
    problems += [f"{path}.{name}: in the model but not required by the schema"
                 for name in fields.keys() - optional - set(schema.get("required", []))]
    for name in fields.keys() & properties.keys():
        problems += _compare(hints[name], POLICY_SCHEMA.resolved(properties[name]), f"{path}.{name}")
    return problems


def _compare(hint: Any, schema: dict[str, Any], path: str) -> list[str]:
    if dataclasses.is_dataclass(hint):
        return _walk(hint, schema, path)
    origin = typing.get_origin(hint)
    choices = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if origin in (typing.Union, types.UnionType) and len(choices) == 1:
        return _compare(choices[0], schema, path)  # optional: absent, or this
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        if schema.get("type") != "array":
            return [f"{path}: a tuple in the model, {schema.get('type')} in the schema"]
        return _compare(item_hint, POLICY_SCHEMA.resolved(schema.get("items", {})), f"{path}[]")
    if origin is typing.Literal:
        if set(typing.get_args(hint)) != set(schema.get("enum", [])):
            return [f"{path}: the model allows {typing.get_args(hint)}, the schema {schema.get('enum')}"]
        return []
    expected = {int: "integer", str: "string", bool: "boolean", dt.date: "string"}.get(hint)
    if expected is None:  # a recorded history value: any of several types, checked by the schema
        return []
    if schema.get("type") != expected:
        return [f"{path}: {hint.__name__} in the model, {schema.get('type')} in the schema"]
    if hint is dt.date and schema.get("format") != "date":
        return [f"{path}: a date in the model, a string without format: date in the schema"]
    return []


def test_the_model_and_the_schema_describe_the_same_keys_and_types() -> None:
    assert _walk(Policy, POLICY_SCHEMA.document, "policy") == []


@pytest.mark.parametrize("change", ["add a key to the model", "change a type in the schema"])
def test_the_walk_catches_a_drift(change: str) -> None:
    schema = POLICY_SCHEMA.document
    if change == "add a key to the model":
        @dataclasses.dataclass(frozen=True)
        class Support:
            email: str
            phone: str
        problems = _walk(Support, schema["properties"]["support"], "policy.support")
        assert "policy.support.phone: in the model, not in the schema" in problems
    else:
        drifted = {**schema["properties"]["refunds"]}
        drifted["properties"] = {**drifted["properties"], "window_days": {"type": "string"}}
        problems = _walk(typing.get_type_hints(Policy)["refunds"], drifted, "policy.refunds")
        assert "policy.refunds.window_days: int in the model, string in the schema" in problems
