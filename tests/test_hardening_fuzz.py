"""Random YAML, JSON, text and bytes thrown at every loader of ours (policy.yml,
app/policy-map.yml, links/published.yml, the app's JSON settings, and the pre-reading of
mkdocs.yml): each input either loads or is refused with diagnostics, within a second,
and never raises anything else. A few samples go through `python -m macros check`,
which must exit 1 or 2 with a message and no traceback. Random HTML goes through the
reader of the pages' Markdown copies.

Derandomized: every run tries the same inputs, so a failure is a failure, not luck."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpcenter.datafiles.yaml_reader import expansion_problems
from helpcenter.diagnostics import Diagnostic, Refused
from helpcenter.guardrails.app_agreement import read_policy_map
from helpcenter.guardrails.app_settings import read_app_settings
from helpcenter.guardrails.published_links import read_published_links
from helpcenter.policy.loading import read_policy
from helpcenter.project import Project
from helpcenter.publishing.reader_copies import article_markdown
from helpers import REPO, run_cli
from hostile import assert_no_traceback

FAST = settings(max_examples=60, deadline=1000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

# Pieces of YAML that parsers and our readers treat specially, mixed with plain text.
YAML_PIECES = ["a: ", "company:", "\n", "\n  ", "- ", "[", "]", "{", "}", ", ", "&a ", "*a",
               "!!python/name:os.system ", "!ENV ", "!!binary ", "'", '"', "\\u", "\\uD800", "\t", "? ", ": ",
               "0x1E", "+30", "3_0", "1:30", "1e999",
               "~", "no", "\x00", "\ufeff", "\u2028", "\x85", "\r", "---\n", "...\n", "%YAML 1.1\n", "<<: *a", "#",
               "9" * 30, "2026-02-30", "published:", "refunds.window_days: "]
JSON_PIECES = ["{", "}", "[", "]", ":", ",", '"a"', '"\\ud800"', "1e999", "NaN", "-Infinity", "9" * 30, "true",
               "null", " ", "\n", "\ufeff", '"billing"', '"refund_window_days"', "30", "0.5", "\\"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20))
structures = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=20)
yaml_texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=6)), max_size=40).map("".join),
    structures.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
    st.text(max_size=200),
)
json_texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(JSON_PIECES), st.text(max_size=4)), max_size=40).map("".join),
    structures.map(json.dumps),
    st.text(max_size=200),
)
raw = st.one_of(yaml_texts.map(lambda text: text.encode("utf-8", "surrogatepass")), st.binary(max_size=300))


@contextmanager
def _project() -> Iterator[Project]:
    """A project with the real schemas and map, whose data files a sample replaces."""
    folder = Path(tempfile.mkdtemp(prefix="help-center-fuzz-"))
    try:
        for name in ("policy.yml", "policy.schema.json", "app", "links"):
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, folder / name)
            else:
                shutil.copy2(source, folder / name)
        yield Project(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _loads_or_refuses(load: Callable[[Project], Any], file: str, data: bytes) -> None:
    with _project() as project:
        (project.root / file).write_bytes(data)
        try:
            load(project)
        except Refused as refused:
            assert refused.diagnostics and all(isinstance(d, Diagnostic) for d in refused.diagnostics)
            assert str(refused)  # every diagnostic can be printed


LOADERS: dict[str, tuple[str, Callable[[Project], Any]]] = {
    "policy": ("policy.yml", read_policy),
    "map": ("app/policy-map.yml", read_policy_map),
    "links": ("links/published.yml", read_published_links),
    "app": ("app/config.json", lambda project: read_app_settings(str(project.app_config), project)),
}


@FAST
@given(data=raw)
def test_the_policy_reader_loads_or_refuses_anything(data: bytes) -> None:
    _loads_or_refuses(LOADERS["policy"][1], LOADERS["policy"][0], data)


@FAST
@given(data=raw)
def test_the_map_reader_loads_or_refuses_anything(data: bytes) -> None:
    _loads_or_refuses(LOADERS["map"][1], LOADERS["map"][0], data)


@FAST
@given(data=raw)
def test_the_published_links_reader_loads_or_refuses_anything(data: bytes) -> None:
    _loads_or_refuses(LOADERS["links"][1], LOADERS["links"][0], data)


@FAST
@given(data=st.one_of(json_texts.map(lambda text: text.encode("utf-8", "surrogatepass")), st.binary(max_size=300)))
def test_the_app_settings_reader_loads_or_refuses_anything(data: bytes) -> None:
    _loads_or_refuses(LOADERS["app"][1], LOADERS["app"][0], data)


@FAST
@given(text=yaml_texts)
def test_the_site_configuration_pre_reading_returns_diagnostics_for_anything(text: str) -> None:
    problems = expansion_problems(text, "mkdocs.yml")
    assert all(isinstance(problem, Diagnostic) and str(problem) for problem in problems)


@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=yaml_texts.filter(lambda text: text.strip() != ""))
def test_check_exits_1_or_2_with_a_message_for_random_policy_files(text: str, tmp_path_factory: Any) -> None:
    project = tmp_path_factory.mktemp("fuzz-cli")
    for name in ("policy.schema.json", "app", "links", "docs", "macros", "mkdocs.yml", "overrides"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    (project / "policy.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    result = run_cli(project, "check", timeout=60)
    assert_no_traceback(result)
    assert result.returncode in (1, 2), result.output
    assert "policy.yml has " in result.stderr


# Pieces of HTML a writer's page may leave in a built article, for the Markdown copies.
HTML_PIECES = ["<p>", "</p>", "<article>", "</article>", "</body>", "<body>", "<html>", "<span hidden>",
               "</span>", "<a href=\"x)y\">", "<a>", "</a>", "<pre><code>", "</code></pre>", "```", "<br>",
               "<!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>", "&amp;", "&#0;", "\x00", "\x0b",
               "\x1f", "\ufeff", "\u202e", "[x](javascript:y)", "<ul><li>", "</li></ul>", "<table><tr><td>",
               "# ", "1. ", "text", " "]


@FAST
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=40))
def test_any_article_html_becomes_a_markdown_copy_without_an_error(pieces: list[str]) -> None:
    copy = article_markdown(f'<article class="md-content__inner">{"".join(pieces)}</article>',
                            "https://help.example/page/")
    assert isinstance(copy, str)
