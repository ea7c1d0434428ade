"""Property: any policy the schema accepts builds, and the site states its values."""

from __future__ import annotations

import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import REPO, align_app_config, copy_project, load_policy, mkdocs_build

BASE = yaml.safe_load((REPO / "policy.yml").read_text(encoding="utf-8"))
# Plain text as the schema allows it: any visible characters but < and >, no spaces at either end.
plain_text = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF,
                           blacklist_characters="<>", blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() == s and s.strip())
emails = st.from_regex(r"\A[a-z][a-z0-9_+-]{0,6}(\.[a-z0-9_+-]{1,4})?@[a-z]([a-z0-9-]{0,8}[a-z0-9])?\.[a-z]{2,6}\Z")


@st.composite
def policies(draw):
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data["company"]["product"] = draw(plain_text)
    data["support"]["email"] = draw(emails)
    data["refunds"]["window_days"] = draw(st.integers(1, 365))
    data["refunds"]["processing_days"] = draw(st.integers(1, 90))
    data["refunds"]["request_from_registered_email"] = draw(st.booleans())
    data["refunds"]["refuse_repeated_refund_cycles"] = draw(st.booleans())
    data["refunds"]["cancellation"]["takes_effect"] = draw(st.sampled_from(["next_billing_month", "immediately"]))
    data["privacy"]["never_sell_personal_data"] = draw(st.booleans())
    data["images"]["default_visibility"] = draw(st.sampled_from(["public", "private"]))
    ways = ["eye_icon", "image_window_toggle", "playground_switch", "default_setting"]
    data["images"]["ways_to_change"] = draw(st.lists(st.sampled_from(ways), min_size=1, unique=True))
    data["images"]["app_labels"]["explore"] = draw(plain_text)
    data["history"] = []  # a record of these values' changes is another test's business
    return data


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=policies())
def test_schema_valid_policies_always_build_and_show_their_values(data, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("prop"))
    try:
        (project / "policy.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        policy = load_policy(project / "policy.yml")  # the generator only makes valid policies
        align_app_config(project)

        site = mkdocs_build(project).site

        refunds = site.page("refunds/")
        text = " ".join(refunds.get_text(" ").split())
        window = policy.refunds.window_days
        assert f"{window}-day money-back guarantee" in refunds.h1.get_text()
        assert (f"within {window} day of paying" if window == 1 else f"within {window} days of paying") in text
        assert policy.company.product in refunds.title.get_text()
        mailto = refunds.select_one("article a[href^='mailto:']")["href"]
        assert mailto.startswith(f"mailto:{policy.support.email}")
        visibility = site.article_text("images-visibility/")
        assert f"starts {policy.images.default_visibility}" in visibility
        assert policy.images.app_labels.explore in visibility
    finally:
        shutil.rmtree(project, ignore_errors=True)
