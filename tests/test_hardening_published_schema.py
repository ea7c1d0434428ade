"""The published policy.schema.json gives the same answer in Python and in JavaScript
(tests/hostile/lookalike_text.yml): text that only looks like a name, a label or the
support address (a final line break, invisible characters, % escapes) is refused by
both readings of its patterns, and plain text is allowed by both."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from helpcenter.datafiles.schema import Schema
from helpcenter.publishing.export import export_schema
from helpers import POLICY_SCHEMA
from hostile import entries, ids

CASES = entries("lookalike_text")
PUBLISHED = export_schema(POLICY_SCHEMA)


def _javascript_reading(schema: Any) -> Any:
    """The schema with each pattern's `$` read as JavaScript reads it (the very end)."""
    if isinstance(schema, dict):
        return {key: (re.sub(r"\$$", r"\\Z", value) if key == "pattern" and isinstance(value, str)
                      else _javascript_reading(value)) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_javascript_reading(item) for item in schema]
    return schema


def _validator(document: dict[str, Any], pointer: str) -> Any:
    """A validator of one part of `document` (its own `$ref`s resolved in it)."""
    wrapper = {"$schema": document["$schema"], "$defs": copy.deepcopy(document["$defs"]),
               "x-published": copy.deepcopy(document), "$ref": pointer}
    return Schema(POLICY_SCHEMA.path, "policy.schema.json", wrapper).validator


READINGS = {"python": PUBLISHED, "javascript": _javascript_reading(PUBLISHED)}
WHERE = {"text": "#/$defs/text", "email": "#/x-published/properties/support/properties/email"}


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_both_readings_of_the_published_schema_agree(case: dict[str, Any]) -> None:
    for kind, pointer in WHERE.items():
        if kind not in case:
            continue
        answers = {reading: _validator(document, pointer).is_valid(case["value"])
                   for reading, document in READINGS.items()}
        assert answers == {"python": case[kind], "javascript": case[kind]}, f"{kind}: {answers}"
