"""Writer and operator input never reaches readers unescaped: a front-matter description
that tries to close its meta tag becomes the description's text
(tests/hostile/page_descriptions.yml), and a public address (HELP_CENTER_URL) that is not
a plain absolute http(s) URL is refused, exit 2 with a message, by `check`, by
`python -m macros build` and by `mkdocs build` (tests/hostile/public_addresses.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import CliResult, Site, copy_project, mkdocs_build, run_cli
from hostile import assert_no_traceback, entries, ids

ADDRESSES = entries("public_addresses")
DESCRIPTIONS = entries("page_descriptions")


def _refused_address(result: CliResult, case: dict[str, Any]) -> None:
    assert_no_traceback(result)
    assert result.returncode == 2, result.output
    shown = case["url"].split("\n")[0]
    if "absent" in case:
        assert case["absent"] not in result.output
        shown = shown.replace("editor:hunter2", "***")
    assert f"HELP_CENTER_URL: found `{shown}" in result.output, result.output
    assert "[public-address]" in result.output


@pytest.mark.parametrize("case", ADDRESSES, ids=ids(ADDRESSES))
def test_check_and_the_build_command_refuse_the_address(case: dict[str, Any], tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    env = {"HELP_CENTER_URL": case["url"]}
    if case.get("mkdocs_refuses"):
        check = run_cli(project, "check", env=env)
        assert_no_traceback(check)
        assert check.returncode == 2 and "[site-config-unreadable]" in check.stderr, check.output
    else:
        _refused_address(run_cli(project, "check", env=env), case)
    build = run_cli(project, "build", "--site-dir", str(tmp_path / "site"), env=env)
    if case.get("mkdocs_refuses"):
        assert_no_traceback(build)
        assert build.returncode == 2 and "site_url" in build.stderr, build.output
    else:
        _refused_address(build, case)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("case", ADDRESSES, ids=ids(ADDRESSES))
def test_mkdocs_build_refuses_the_address(case: dict[str, Any], tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site", env={"HELP_CENTER_URL": case["url"]})
    outcome = CliResult(result.returncode, result.output, "")
    if case.get("mkdocs_refuses"):
        assert_no_traceback(outcome)
        assert result.returncode == 1 and "Config value 'site_url'" in outcome.output, outcome.output
    else:
        _refused_address(outcome, case)
    assert not (tmp_path / "site").exists()


def test_a_plain_public_address_is_accepted_and_used(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = mkdocs_build(project, env={"HELP_CENTER_URL": "https://help.example.com/"}).site
    assert site.page("refunds/").find("link", rel="canonical")["href"] == "https://help.example.com/refunds/"


@pytest.fixture(scope="module")
def described_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("descriptions") / "project")
    for case in DESCRIPTIONS:
        page = project / "docs" / case["page"]
        lines = page.read_text(encoding="utf-8").split("\n")
        number = next(n for n, line in enumerate(lines) if line.startswith("description: "))
        assert number < lines.index("---", 1), f"{case['page']} has no description in its front matter"
        lines[number] = f"description: {case['description']}"
        page.write_text("\n".join(lines), encoding="utf-8")
        assert yaml.safe_load(case["description"]) is not None
    return mkdocs_build(project).site


def _head_shape(soup: BeautifulSoup) -> list[tuple[str, tuple[str, ...]]]:
    return [(tag.name, tuple(sorted(tag.attrs))) for tag in soup.head.find_all(True)]


@pytest.mark.parametrize("case", DESCRIPTIONS, ids=ids(DESCRIPTIONS))
def test_a_description_is_the_meta_tags_text_and_adds_no_element(case: dict[str, Any], described_site: Site,
                                                                 built_site: Site) -> None:
    url = case["page"].removesuffix(".md").replace("index", "") + ("/" if case["page"] != "index.md" else "")
    page = described_site.page(url)
    assert page.find("meta", attrs={"name": "description"})["content"] == case["reads"]
    # The same elements and attributes as the page with its own description: nothing
    # was added to <head> (an Open Graph copy of the description would show here too).
    assert _head_shape(page) == _head_shape(built_site.page(url)), "the description added to the page's head"
    assert not [script for script in page.find_all("script") if "alert" in script.get_text()]
