"""policy.json: every policy value, each policy's effective date, the change history and
a version, for the app and support tools, with the JSON Schema that describes it.

The export is the loaded `Policy`, key for key as in policy.yml, plus `version`. The
published schema is policy.schema.json with `version` added, so the one file a program
fetches beside policy.json validates it exactly.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from ..datafiles.schema import Schema
from ..policy.model import POLICY_NAMES, Policy

EXPORT_FILE = "policy.json"
SCHEMA_FILE = "policy.schema.json"

_VERSION_SCHEMA = {
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}\\.[0-9a-f]{12}$",
    "description": "Set by the build: the newest effective date, a dot, and a fingerprint "
                   "of every value. It changes whenever any value changes.",
}


def policy_version(policy: Policy) -> str:
    """"2026-06-01.3fa9c2b1d0e4": sorts by date for people, and the fingerprint tells
    programs apart two versions that share a date (a fixed address, say)."""
    values = json.dumps(policy.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    newest = max(policy.section(name).effective for name in POLICY_NAMES)
    return f"{newest.isoformat()}.{hashlib.sha256(values.encode('utf-8')).hexdigest()[:12]}"


def policy_export(policy: Policy) -> dict[str, Any]:
    return {"version": policy_version(policy), **policy.to_dict()}


def export_schema(policy_schema: Schema) -> dict[str, Any]:
    schema = copy.deepcopy(policy_schema.document)
    schema["description"] = ("The ArtSmart help-center policy as published in policy.json: "
                             "every value, each policy's effective date, the change history "
                             "and a version.")
    schema["properties"] = {"version": _VERSION_SCHEMA, **schema["properties"]}
    schema["required"] = ["version", *schema["required"]]
    return schema


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
