"""Policy text reaches readers as the characters legal typed: markup in a value is
refused by the schema, and anything the schema allows is escaped, never interpreted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from helpcenter.datafiles.yaml_reader import dotted
from helpcenter.diagnostics import Refused
from helpers import REPO, load_policy, mkdocs_build, replace_in
from test_site_values import _is_free_text, _set, _string_leaves

XSS = "<img src=x onerror=alert(1)>"
FREE_TEXT_PATHS = [p for p in _string_leaves(yaml.safe_load((REPO / "policy.yml").read_text()))
                   if _is_free_text(p) and p != ("time_zone",)]  # a zone name, checked against the database


@pytest.mark.parametrize("path", FREE_TEXT_PATHS, ids=[".".join(map(str, p)) for p in FREE_TEXT_PATHS])
def test_markup_in_any_text_value_is_refused_by_the_schema(path, tmp_path: Path):
    data = yaml.safe_load((REPO / "policy.yml").read_text())
    _set(data, path, XSS)
    (tmp_path / "policy.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(Refused) as refused:
        load_policy(tmp_path / "policy.yml")
    [problem] = refused.value.diagnostics
    assert problem.subject == dotted(path)
    assert XSS in problem.found and ("without < or >" in problem.allowed or "email" in problem.allowed)


def test_allowed_punctuation_shows_literally_and_never_becomes_markup(project: Path):
    tricky = """Tom & Jerry's "Art" *Studio* [x](javascript:alert(1)) `code` _under_"""
    replace_in(project / "policy.yml", "product: ArtSmart AI", "product: " + json.dumps(tricky))
    site = mkdocs_build(project).site
    page = site.page("refunds/")
    assert tricky in page.select_one("article").get_text()
    assert tricky in page.title.get_text()
    assert not page.select("article a[href^='javascript:']")
    assert not page.select("article em, article code")
    description = site.page("").find("meta", attrs={"name": "description"})["content"]
    assert tricky in description
    raw_html = (site.root / "refunds" / "index.html").read_text()
    assert "Tom & Jerry" not in raw_html, "an ampersand reached the HTML unescaped"


def test_markup_that_reaches_a_page_is_escaped_even_without_the_schema(project: Path):
    """Defence in depth: should the schema ever allow it, the rendering still escapes."""
    replace_in(project / "docs" / "support.md", "# Contact support { #contact-support }",
               "# Contact support { #contact-support }\n\n{{ '<script>alert(1)</script>' }} "
               "{{ '\"><img src=x onerror=alert(2)>' }}")
    page = mkdocs_build(project).site.page("support/")
    article = page.select_one("article")
    assert not article.select("script, img")
    assert "<script>alert(1)</script>" in article.get_text()
    assert not [tag for tag in page.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
