"""A build keeps the compiled pages and the checked policy in `.cache/` so the next one
is fast; what readers see must still follow every edit."""

from __future__ import annotations

from pathlib import Path

from helpers import change_policy, mkdocs_build, replace_in


def test_second_build_from_cache_publishes_the_same_site(project: Path):
    first = mkdocs_build(project, project / "first")
    assert first.ok, first.output
    assert any((project / ".cache" / "macros" / "templates").iterdir())
    second = mkdocs_build(project, project / "second")
    assert second.ok, second.output
    for page in first.site.html_files():
        again = second.site_dir / page.relative_to(first.site_dir)
        assert again.read_bytes() == page.read_bytes(), page.name


def test_edited_page_shows_its_new_text_on_the_next_build(project: Path):
    assert mkdocs_build(project).ok
    replace_in(project / "docs" / "support.md", "One address handles",
               "Write in English or French. One address handles")
    result = mkdocs_build(project)
    assert result.ok, result.output
    assert "Write in English or French." in result.site.article_text("support/")


def test_changed_policy_value_reaches_pages_after_a_cached_build(project: Path):
    assert mkdocs_build(project).ok
    change_policy(project, "window_days: 30", "window_days: 14")
    result = mkdocs_build(project)
    assert result.ok, result.output
    assert "14-day money-back guarantee" in result.site.article_text("refunds/")
    assert "30-day" not in result.site.article_text("refunds/")


def test_broken_policy_is_refused_even_after_it_once_passed(project: Path):
    assert mkdocs_build(project).ok
    replace_in(project / "policy.yml", "window_days: 30", 'window_days: "30 days"')
    result = mkdocs_build(project)
    assert not result.ok
    assert "refunds.window_days" in result.output and "30 days" in result.output
