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
    assert "policy.yml has 3 problems" in result.stderr
    policy_line = line_of(project / "policy.yml", "processing_days:")
    app_line = line_of(project / "app" / "config.json", '"refund_payout_days"')
    assert (
        f"policy.yml:{policy_line}: refunds.processing_days: found 10 here, but the app's "
        f"billing.refund_payout_days is 14 (app/config.json:{app_line})"
    ) in result.stderr
    assert 'support.email: found "cs@artsmart.ai" here' in result.stderr
    assert 'support.contact_email is "help@artsmart.ai"' in result.stderr
    # The app spells visibility its own way; the message translates it back.
    assert (
        'images.default_visibility: found "public" (in the app\'s words "PUBLIC") here, but the '
        'app\'s gallery.new_image_visibility is "PRIVATE" (meaning "private")'
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
    assert 'billing.refund_window_days is "30"' in result.stderr


def test_a_setting_the_app_does_not_have_is_reported_with_the_map_line(project: Path) -> None:
    replace_in(
        project / "app" / "policy-map.yml", "billing.refund_payout_days", "billing.payout_days"
    )
    result = run_check(project)
    assert result.returncode == 1
    assert "billing.payout_days: found no setting `billing.payout_days`, which app/policy-map.yml:" \
        in result.stderr


def test_a_map_line_naming_no_policy_key_is_reported(project: Path) -> None:
    replace_in(project / "app" / "policy-map.yml", "refunds.window_days:", "refunds.window:")
    result = run_check(project)
    assert result.returncode == 1
    assert "refunds.window: found `refunds.window`, which is not a value in policy.yml" in result.stderr


def test_a_policy_word_without_an_app_word_is_reported(project: Path) -> None:
    replace_in(
        project / "app" / "policy-map.yml",
        "{public: PUBLIC, private: PRIVATE}",
        "{private: PRIVATE}",
    )
    result = run_check(project)
    assert result.returncode == 1
    assert "the policy word `public`" in result.stderr and "with no app word" in result.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"billing": {"refund_window_days": 30,}}', "app/config.json:1: found text that is not valid JSON"),
        ('{"billing": {}, "billing": {}}', 'found the key "billing" twice in one object'),
        ('["billing"]', "found JSON that is not an object"),
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
    assert "app/nowhere.json: found no file at" in result.stderr


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
        f'docs/support.md:{line}: support.email: found "cs@artsmart.ai" typed by hand' in result.stderr
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
    assert f"billing.refund_window_days is 14 ({base}/config.json:1)" in result.stderr


def test_a_url_answering_404_exits_2_with_the_status(project: Path) -> None:
    with serve(responses({})) as base:
        result = run_check(project, "--app-config", f"{base}/config.json")
    assert result.returncode == 2
    assert f"{base}/config.json: found the answer 404 Not Found" in result.stderr


def test_a_url_answering_with_broken_json_exits_2(project: Path) -> None:
    with serve(
        responses({"/config.json": (200, "application/json", b'{"billing": ')})
    ) as base:
        result = run_check(project, "--app-config", f"{base}/config.json")
    assert result.returncode == 2
    assert f"{base}/config.json:1: found text that is not valid JSON" in result.stderr


def test_a_login_page_instead_of_settings_is_reported_as_html(project: Path) -> None:
    page = b"<!doctype html><html><head><title>Sign in</title></head><body>...</body></html>"
    with serve(responses({"/config.json": (200, "text/html", page)})) as base:
        result = run_check(project, "--app-config", f"{base}/config.json")
    assert result.returncode == 2
    assert f'{base}/config.json:1: found an HTML page ("Sign in"), not JSON' in result.stderr
    assert "Expecting value" not in result.stderr


def test_an_unreachable_url_exits_2_saying_so(project: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_check(project, "--app-config", f"http://127.0.0.1:{port}/config.json")
    assert result.returncode == 2
    assert f"http://127.0.0.1:{port}/config.json: found a server that cannot be reached" in result.stderr


def test_a_url_that_never_answers_times_out(project: Path) -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        result = run_check(
            project, "--app-config", f"http://127.0.0.1:{port}/config.json", "--timeout", "0.3"
        )
    assert result.returncode == 2
    assert "found no complete answer within 0.3 s" in result.stderr
