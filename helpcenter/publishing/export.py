"""policy.json: the policy as in force on the day the site is built for, every version
of each policy with the days it is in force, the change history and a version, for the
app and support tools, with the JSON Schema that describes it.

The top of the export is the values in force, key for key as in policy.yml. `versions`
lets a program ask which rule applied on a given day (the refund window in force when a
customer paid, say). The published schema is policy.schema.json plus these keys, so the
one file a program fetches beside policy.json validates it exactly.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from ..datafiles.schema import Schema
from ..policy import timeline
from ..policy.model import POLICY_NAMES, Policy, PolicyName

EXPORT_FILE = "policy.json"
SCHEMA_FILE = "policy.schema.json"

_DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_ADDED_SCHEMA: dict[str, Any] = {
    "version": {
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}\\.[0-9a-f]{12}$",
        "description": "Set by the build: the first day of the newest version in force, a dot, "
                       "and a fingerprint of every value and version. It changes whenever any does.",
    },
    "as_of": {**_DATE, "description": "The day the site was built for: the values above are those in force then"},
    "next_change": {"oneOf": [_DATE, {"type": "null"}],
                    "description": "The day the next announced change takes effect, or null"},
    "versions": {
        "type": "object",
        "additionalProperties": False,
        "required": list(POLICY_NAMES),
        "properties": {name: {"type": "array", "items": {"$ref": "#/$defs/publishedVersion"}}
                       for name in POLICY_NAMES},
        "description": "Every version of each policy, oldest first, with the days it is in force",
    },
}
_VERSION_DEF = {
    "type": "object",
    "additionalProperties": False,
    "required": ["first_day", "last_day", "status", "url", "values"],
    "properties": {
        "first_day": _DATE,
        "last_day": {"oneOf": [_DATE, {"type": "null"}], "description": "null: until further notice"},
        "status": {"enum": ["past", "current", "upcoming"]},
        "url": {"type": "string", "description": "The page of this version"},
        "values": {"type": "object", "description": "The policy's values in this version"},
    },
}


def policy_version(policy: Policy, day: dt.date) -> str:
    """"2026-06-01.3fa9c2b1d0e4": sorts by date for people, and the fingerprint tells
    programs apart two versions that share a date."""
    in_force = timeline.in_force_on(policy, day)
    fingerprint = json.dumps([in_force.to_dict(), policy.to_dict()], sort_keys=True,
                             separators=(",", ":"), ensure_ascii=False)
    newest = max(timeline.version_on(policy, name, day).first_day for name in POLICY_NAMES)
    return f"{newest.isoformat()}.{hashlib.sha256(fingerprint.encode('utf-8')).hexdigest()[:12]}"


def policy_export(policy: Policy, day: dt.date, version_urls: Mapping[PolicyName, str]) -> dict[str, Any]:
    """The export as of `day`; `version_urls` gives each policy page's absolute address,
    to which a version's first day is appended."""
    in_force = timeline.in_force_on(policy, day)
    upcoming = timeline.next_change(policy, day)
    return {
        "version": policy_version(policy, day),
        "as_of": day.isoformat(),
        "next_change": upcoming.isoformat() if upcoming else None,
        **in_force.to_dict(),
        "history": policy.to_dict()["history"],
        "versions": {name: [_version(version, day, version_urls.get(name, "")) for version in
                            timeline.versions(policy, name)] for name in POLICY_NAMES},
    }


def _version(version: timeline.Version, day: dt.date, page_url: str) -> dict[str, Any]:
    values: dict[str, Any] = version.values.to_dict()[version.policy_name]
    return {
        "first_day": version.first_day.isoformat(),
        "last_day": version.last_day.isoformat() if version.last_day else None,
        "status": version.status(day),
        "url": f"{page_url}{version.first_day.isoformat()}/",
        "values": values,
    }


def export_schema(policy_schema: Schema) -> dict[str, Any]:
    schema = copy.deepcopy(policy_schema.document)
    schema["description"] = ("The ArtSmart help-center policy as published in policy.json: the "
                             "values in force on the day the site was built for, every version of "
                             "each policy, the change history and a version.")
    schema["properties"] = {**_ADDED_SCHEMA, **schema["properties"]}
    schema["required"] = [*_ADDED_SCHEMA, *schema["required"]]
    schema["$defs"] = {**schema.get("$defs", {}), "publishedVersion": _VERSION_DEF}
    return schema


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
