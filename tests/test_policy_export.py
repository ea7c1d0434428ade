"""policy.json: the app and support tools read every current value, each policy's
effective date and a version, with the JSON Schema that describes it published beside it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from helpcenter.policy.timeline import in_force_on, version_on, versions
from helpcenter.publishing.export import policy_version
from helpers import REPO, TEST_DAY, Site, load_policy, policy_from_data


def assert_same(model: Any, exported: Any, where: str = "policy.json") -> None:
    """`exported` states exactly `model`: the same keys at every level, the same values."""
    if dataclasses.is_dataclass(model):
        assert isinstance(exported, dict), where
        # An optional field left unset (an entry's `announced`) is left out, as in policy.yml.
        names = {field.name for field in dataclasses.fields(model)
                 if not (field.default is None and getattr(model, field.name) is None)}
        keys = set(exported) - ({"version"} if where == "policy.json" else set())
        assert keys == names, where
        for name in names:
            assert_same(getattr(model, name), exported[name], f"{where}.{name}")
    elif isinstance(model, tuple):
        assert isinstance(exported, list) and len(exported) == len(model), where
        for index, (item, exported_item) in enumerate(zip(model, exported, strict=True)):
            assert_same(item, exported_item, f"{where}[{index}]")
    elif isinstance(model, dt.date):
        assert exported == model.isoformat(), where
    else:
        assert exported == model, f"{where}: {exported!r} != {model!r}"
        assert type(exported) is type(model), f"{where}: a {type(exported).__name__}"


@pytest.fixture(scope="module")
def exported(built_site: Site) -> dict:
    return json.loads((built_site.root / "policy.json").read_text(encoding="utf-8"))


def test_policy_json_equals_the_loaded_policy_model_key_for_key(exported: dict):
    policy = load_policy(REPO / "policy.yml")
    day = dt.date.fromisoformat(TEST_DAY)
    assert_same(in_force_on(policy, day), {k: v for k, v in exported.items()
                                          if k not in ("as_of", "next_change", "versions")})
    assert exported["version"] == policy_version(policy, day)
    assert exported["as_of"] == TEST_DAY
    for name in ("privacy", "refunds", "images"):
        assert exported[name]["first_effective"] == policy.section(name).first_effective.isoformat()
        published = exported["versions"][name]
        assert [v["first_day"] for v in published] == [v.first_day.isoformat() for v in versions(policy, name)]
        assert [v["status"] for v in published][-1] == "current"


def test_policy_json_is_valid_against_the_schema_published_beside_it(exported: dict,
                                                                      built_site: Site):
    schema = json.loads((built_site.root / "policy.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    assert not list(validator.iter_errors(exported))
    # The schema is strict: it refuses an export without a version or with a stray key.
    assert not validator.is_valid({k: v for k, v in exported.items() if k != "version"})
    assert not validator.is_valid({**exported, "refunds": {**exported["refunds"], "window": 30}})


def test_version_changes_with_any_value_and_only_then():
    data = yaml.safe_load((REPO / "policy.yml").read_text(encoding="utf-8"))
    day = dt.date.fromisoformat(TEST_DAY)
    same = policy_from_data(json.loads(json.dumps(data, default=str)))
    data["support"]["email"] = "help@artsmart.ai"  # no date moves with this change
    changed = policy_from_data(json.loads(json.dumps(data, default=str)))
    original = load_policy(REPO / "policy.yml")
    assert policy_version(same, day) == policy_version(original, day)
    assert policy_version(changed, day) != policy_version(original, day)
    newest = max(version_on(original, name, day).first_day for name in ("privacy", "refunds", "images"))
    assert policy_version(original, day).startswith(f"{newest.isoformat()}.")


def test_developer_notes_link_to_policy_json_and_its_schema(built_site: Site):
    links = {a.get_text(strip=True): a["href"]
             for a in built_site.page("developers/").select("article a")}
    for name in ("policy.json", "policy.schema.json"):
        target = urlparse(urljoin("http://site/developers/", links[name])).path
        assert (built_site.root / target.lstrip("/")).is_file(), links[name]
    # A link support published to the old section still finds its way there.
    pointer = built_site.page("support/").select("#policy-data ~ p a")
    assert [a["href"] for a in pointer] == ["../developers/"]
