"""A build either publishes a complete, correct site or stops with a message that
names the page or policy line, and never leaves a half-written site behind."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from helpers import align_app_config, mkdocs_build, replace_in


def test_unknown_name_in_a_page_stops_the_build_naming_the_page(project: Path):
    replace_in(project / "docs" / "refunds.md", "## Can I get my money back?",
               "{{ policy.refunds.window }}\n\n## Can I get my money back?")
    result = mkdocs_build(project)
    assert not result.ok
    assert "refunds.md" in result.output and "window" in result.output
    assert not (result.site_dir / "refunds" / "index.html").exists()


def test_failing_macro_stops_the_build_naming_the_page(project: Path):
    replace_in(project / "docs" / "support.md", '{{ support_link("other") }}',
               '{{ support_link("billing") }}')
    result = mkdocs_build(project)
    assert not result.ok
    assert "support.md" in result.output and "billing" in result.output


def test_refused_policy_stops_the_build_naming_line_and_key(project: Path):
    replace_in(project / "policy.yml", "window_days: 30", "window_days: thirty")
    result = mkdocs_build(project)
    assert not result.ok
    line = next(n for n, text in enumerate((project / "policy.yml").read_text().splitlines(), 1)
                if "window_days: thirty" in text)
    assert f"policy.yml:{line}: refunds.window_days: found the text \"thirty\"" in result.output


def test_literal_braces_in_a_code_sample_survive(project: Path):
    sample = "```jinja\n{% raw %}{{ policy.refunds.window_days }} days{% endraw %}\n```\n"
    (project / "docs" / "support.md").write_text(
        (project / "docs" / "support.md").read_text() + "\n## Writers' example { #writers-example }\n\n" + sample)
    site = mkdocs_build(project).site
    code = site.page("support/").select_one("article pre code").get_text()
    assert "{{ policy.refunds.window_days }} days" in code


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _make_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "build", "--site-dir", str(site_dir)],
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_failed_build_leaves_the_published_site_untouched(project: Path, tmp_path: Path):
    site_dir = tmp_path / "published"
    assert _make_build(project, site_dir).returncode == 0
    good = _fingerprint(site_dir)
    assert "refunds/index.html" in good

    replace_in(project / "policy.yml", "window_days: 30", "window_days: 0")
    failed = _make_build(project, site_dir)

    assert failed.returncode != 0
    assert "was left as it was" in failed.stderr
    assert _fingerprint(site_dir) == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "published"], \
        "a failed build left a staging folder behind"


def test_successful_build_replaces_the_published_site(project: Path, tmp_path: Path):
    site_dir = tmp_path / "published"
    assert _make_build(project, site_dir).returncode == 0
    (site_dir / "stale-file.html").write_text("left from an old build")
    replace_in(project / "policy.yml", "window_days: 30", "window_days: 21")
    align_app_config(project)

    assert _make_build(project, site_dir).returncode == 0

    assert not (site_dir / "stale-file.html").exists()
    assert "21 days" in (site_dir / "refunds" / "index.html").read_text()
