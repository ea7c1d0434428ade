"""Assistants quote current policy: /llms.txt lists every reader page with its address
and description, and each page has a Markdown copy, values rendered, beside policy.json."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import Site, load_policy, mkdocs_build, replace_in

SITE_URL = "http://127.0.0.1:8000/"


def test_llms_txt_lists_every_reader_page_with_its_address_and_description(built_site: Site) -> None:
    text = (built_site.root / "llms.txt").read_text(encoding="utf-8")
    policy = load_policy()
    assert text.startswith(f"# {policy.company.product} Help Center\n\n> ")
    pages = dict(re.findall(r"^- \[[^\]]+\]\((\S+)\): (.+)$", text, re.MULTILINE))
    for path in ("", "refunds/", "privacy/", "images-visibility/", "support/", "policy-changes/"):
        description = built_site.page(path).find("meta", attrs={"name": "description"})["content"]
        assert pages[SITE_URL + path].startswith(description), path
    assert not any(re.search(r"/\d{4}-\d{2}-\d{2}/$", url) for url in pages), "versions are not listed"
    assert f"{SITE_URL}policy.json" in text


def test_each_reader_page_has_a_markdown_copy_with_its_values(built_site: Site) -> None:
    policy = load_policy()
    copy = (built_site.root / "refunds.md").read_text(encoding="utf-8")
    assert copy.startswith(f"# Refunds and the {policy.refunds.window_days}-day money-back guarantee\n")
    assert f"within {policy.refunds.window_days} days of paying" in copy
    assert f"[{policy.support.email}](mailto:{policy.support.email}" in copy
    assert "{{" not in copy and "&#" not in copy and "{ #" not in copy
    links = re.findall(r"\]\(([^)]+)\)", copy)
    assert links and all(link.startswith(("http://", "https://", "mailto:")) for link in links)
    for name in ("index.md", "privacy.md", "images-visibility.md", "support.md", "policy-changes.md"):
        assert (built_site.root / name).is_file(), name


def test_markdown_in_a_policy_value_stays_text_in_the_copy(project: Path) -> None:
    replace_in(project / "policy.yml", "product: ArtSmart AI", 'product: "Art*Smart* [AI](javascript:x)"')
    site = mkdocs_build(project).site
    copy = (site.root / "refunds.md").read_text(encoding="utf-8")
    assert r"Art\*Smart\* \[AI\](javascript:x)" in copy  # what legal typed, escaped as text
    assert not re.search(r"(?<!\\)\]\(javascript:", copy)
