"""`python -m macros check --app-config`: the app's settings against policy.yml, from a
file or from a URL served on 127.0.0.1."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from guardrail_faults import line_of, responses, run_check, serve, set_app_setting
from helpers import replace_in


def test_every_disagreement_is_listed_with_both_keys_values_and_files(project: Path) -> None:
    set_app_setting(project, "billing.refund_payout_days", 14)
    set_app_setting(project, "support.contact_email", "help@artsmart.ai")
    set_app_setting(project, "gallery.new_image_visibility", "PRIVATE")
    result = run_check(project)
    assert result.returncode == 1
    assert "3 problems found" in result.stderr
    policy_line = line_of(project / "policy.yml", "processing_days:")
    app_line = line_of(project / "app" / "config.json", '"refund_payout_days"')
    assert (
        f"policy.yml:{policy_line}: policy.yml says refunds.processing_days: 10, but the app "
        f"says billing.refund_payout_days: 14 (app/config.json:{app_line})"
    ) in result.stderr
    assert 'support.email: "cs@artsmart.ai"' in result.stderr
    assert 'support.contact_email: "help@artsmart.ai"' in result.stderr
    # The app spells visibility its own way; the message translates it back.
    assert (
        'images.default_visibility: "public" (in the app\'s words "PUBLIC"), but the app '
        'says gallery.new_image_visibility: "PRIVATE" (meaning "private")'
    ) in result.stderr


def test_a_list_setting_matches_in_any_order_but_not_with_an_item_missing(project: Path) -> None:
    set_app_setting(
        project,
        "gallery.public_image_surfaces",
        ["explore_feed", "public_profile", "profile_images"],
    )
    assert run_check(project).returncode == 0
    set_app_setting(project, "gallery.public_image_surfaces", ["profile_images", "public_profile"])
    result = run_check(project)
    assert result.returncode == 1
    assert (
        "images.shown_in.public" in result.stderr
        and "gallery.public_image_surfaces" in result.stderr
    )


def test_a_number_written_as_text_in_the_app_is_a_mismatch(project: Path) -> None:
    set_app_setting(project, "billing.refund_window_days", "30")
    result = run_check(project)
    assert result.returncode == 1
    assert 'billing.refund_window_days: "30"' in result.stderr


def test_a_setting_the_app_does_not_have_is_reported_with_the_map_line(project: Path) -> None:
    replace_in(
        project / "app" / "policy-map.yml", "billing.refund_payout_days", "billing.payout_days"
    )
    result = run_check(project)
    assert result.returncode == 1
    assert (
        "the app has no setting `billing.payout_days`, which app/policy-map.yml:" in result.stderr
    )


def test_a_map_line_naming_no_policy_key_is_reported(project: Path) -> None:
    replace_in(project / "app" / "policy-map.yml", "refunds.window_days:", "refunds.window:")
    result = run_check(project)
    assert result.returncode == 1
    assert "`refunds.window` is not a key of policy.yml" in result.stderr


def test_a_policy_word_without_an_app_word_is_reported(project: Path) -> None:
    replace_in(
        project / "app" / "policy-map.yml",
        "{public: PUBLIC, private: PRIVATE}",
        "{private: PRIVATE}",
    )
    result = run_check(project)
    assert result.returncode == 1
    assert "the policy word `public`" in result.stderr and "has no app word" in result.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"billing": {"refund_window_days": 30,}}', "app/config.json:1: not valid JSON"),
        ('{"billing": {}, "billing": {}}', 'the key "billing" appears twice'),
        ('["billing"]', "expected a JSON object of settings"),
    ],
)
def test_unparseable_app_settings_exit_2_with_the_reason(
    project: Path, content: str, reason: str
) -> None:
    (project / "app" / "config.json").write_text(content, encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 2, result.output
    assert reason in result.stderr


def test_missing_app_settings_file_exits_2(project: Path) -> None:
    result = run_check(project, "--app-config", "app/nowhere.json")
    assert result.returncode == 2
    assert "app/nowhere.json: no such file" in result.stderr


def test_other_findings_are_still_reported_when_the_app_settings_are_unreadable(
    project: Path,
) -> None:
    replace_in(
        project / "docs" / "support.md",
        "One address handles",
        "Write to cs@artsmart.ai. One address handles",
    )
    result = run_check(project, "--app-config", "app/nowhere.json")
    assert result.returncode == 2
    line = line_of(project / "docs" / "support.md", "Write to cs@artsmart.ai.")
    assert (
        f'docs/support.md:{line}: "cs@artsmart.ai" is support.email typed by hand' in result.stderr
    )


def _served_config(project: Path) -> bytes:
    return (project / "app" / "config.json").read_bytes()


def test_settings_published_by_the_app_at_a_url_are_compared(project: Path) -> None:
    body = _served_config(project)
    with serve(responses({"/config.json": (200, "application/json", body)})) as base:
        assert run_check(project, "--app-config", f"{base}/config.json").returncode == 0
        settings = json.loads(body)
        settings["billing"]["refund_window_days"] = 14
        changed = json.dumps(settings).encode()
    with serve(responses({"/config.json": (200, "application/json", changed)})) as base:
        result = run_check(project, "--app-config", f"{base}/config.json")
    assert result.returncode == 1
    assert f"billing.refund_window_days: 14 ({base}/config.json:1)" in result.stderr


def test_a_url_answering_404_exits_2_with_the_status(project: Path) -> None:
    with serve(responses({})) as base:
        result = run_check(project, "--app-config", f"{base}/config.json")
    assert result.returncode == 2
    assert f"{base}/config.json: the server answered 404" in result.stderr


def test_a_url_answering_with_broken_json_exits_2(project: Path) -> None:
    with serve(
        responses({"/config.json": (200, "application/json", b"<html>oops</html>")})
    ) as base:
        result = run_check(project, "--app-config", f"{base}/config.json")
    assert result.returncode == 2
    assert f"{base}/config.json:1: not valid JSON" in result.stderr


def test_an_unreachable_url_exits_2_saying_so(project: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_check(project, "--app-config", f"http://127.0.0.1:{port}/config.json")
    assert result.returncode == 2
    assert f"http://127.0.0.1:{port}/config.json: cannot be reached" in result.stderr


def test_a_url_that_never_answers_times_out(project: Path) -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        result = run_check(
            project, "--app-config", f"http://127.0.0.1:{port}/config.json", "--timeout", "0.3"
        )
    assert result.returncode == 2
    assert "no answer within 0.3 s" in result.stderr
