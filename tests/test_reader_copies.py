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


def test_a_writers_stray_markup_neither_breaks_the_build_nor_empties_the_copy(project: Path) -> None:
    # Found by an adversarial pass: each of these crashed the build or emptied the copy.
    support = project / "docs" / "support.md"
    support.write_text(support.read_text(encoding="utf-8") + (
        "\nBefore <span hidden>secret</span> after\x0bword.\n\n"
        "Paste this before the closing tag:\n\n</body>\n<body>\n\n"
        "See the note below.\n\n</article>\n\nText after a stray tag.\n\n"
        "~~~\n```\n[live](javascript:alert(1))\n```\n~~~\n\n"
        '<p><a href="https://a.test/x) [evil](javascript:alert(1)">odd link</a></p>\n'), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.ok, result.output
    copy = (result.site.root / "support.md").read_text(encoding="utf-8")
    assert "How do I get help fastest?" in copy and "Text after a stray tag." in copy
    assert "secret" not in copy and "after word." in copy
    assert not re.search(r"(?<!\\)\]\(javascript:", _outside_fences(copy)), "a code block became a live link"
    assert "[odd link](https://a.test/x%29%20" in copy


def _outside_fences(markdown: str) -> str:
    """The text of `markdown` that is not inside a fenced code block."""
    outside, fence = [], ""
    for line in markdown.splitlines():
        if fence:
            if line.strip() == fence:
                fence = ""
            continue
        if line.startswith("```"):
            fence = line.strip()
            continue
        outside.append(line)
    return "\n".join(outside)
