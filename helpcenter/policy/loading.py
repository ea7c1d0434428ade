"""Read policy.yml into a `Policy`: strict YAML, the schema, the model, the history rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..datafiles.files import read_yaml_file
from ..datafiles.schema import Schema, validate
from ..datafiles.yaml_reader import YamlDocument, parse_yaml
from ..diagnostics import Diagnostic, Refused, rule
from ..project import Project
from .history import history_problems
from .model import Policy, build

TIME_ZONE = rule("policy-time-zone", "policy.yml names a time zone that does not exist")

EXPECTED = "the policy's sections: company, support, refunds, privacy, images, history"


@dataclass(frozen=True)
class PolicySource:
    """A loaded policy and the document it came from, whose lines messages point to."""

    policy: Policy
    document: YamlDocument
    schema: Schema


def policy_schema(project: Project) -> Schema:
    return Schema.load(project.policy_schema, project.display(project.policy_schema), project.root)


def read_policy(project: Project) -> PolicySource:
    """Read, check and type the project's policy.yml. Raises Refused listing every problem."""
    schema = policy_schema(project)
    doc = read_yaml_file(project.policy_file, project.display(project.policy_file), schema,
                         project.root, EXPECTED)
    return _typed(doc, schema)


def parse_policy(text: str, display: str, schema: Schema) -> PolicySource:
    """Check and type policy text that is not a file here (an older version from git)."""
    doc = parse_yaml(text, display, EXPECTED)
    problems = list(doc.diagnostics)
    if doc.data is not None:
        problems += validate(doc, schema)
    if problems:
        raise Refused(problems)
    return _typed(doc, schema)


def policy_from_data(data: dict[str, Any], schema: Schema, display: str = "policy data") -> Policy:
    """Type already-parsed data (for tools that hold a dict), with the same checks."""
    doc = YamlDocument(file=display, data=data)
    problems = validate(doc, schema)
    if problems:
        raise Refused(problems)
    return _typed(doc, schema).policy


def _typed(doc: YamlDocument, schema: Schema) -> PolicySource:
    policy: Policy = build(Policy, doc.data)
    problems = history_problems(policy, doc, schema) + _time_zone_problems(policy, doc)
    if problems:
        raise Refused(problems)
    return PolicySource(policy, doc, schema)


def _time_zone_problems(policy: Policy, doc: YamlDocument) -> list[Diagnostic]:
    try:
        ZoneInfo(policy.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return [Diagnostic(doc.file, doc.line_of(("time_zone",)), TIME_ZONE, "time_zone",
                           f"`{policy.time_zone}`, which is not a time zone",
                           "a time zone name from the IANA database, such as UTC or Europe/Dublin")]
    return []
