"""A build either publishes a complete, correct site or stops with a message that
names the page and its real line, and never leaves a half-written site behind. `check`
renders pages exactly as the build does, so the two never disagree about a page."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from helpers import align_app_config, mkdocs_build, replace_in, run_cli
from tiny_site import tiny_site

FRONT_MATTER = """\
---
description: "A page with a description in its front matter."
---

"""


def test_a_heading_using_mkdocs_macros_own_names_builds_and_passes_check(tmp_path: Path) -> None:
    site = tiny_site(tmp_path / "site", {"index.md": """
        # Home { #home }

        ## About {{ config.site_description }} { #about }

        Page {{ page.url or "home" }}, {{ policy.company.product }}.
        """}, published=["/", "/#about"])
    check = run_cli(site, "check")
    assert check.returncode == 0, check.output
    built = mkdocs_build(site).site.page("")
    assert built.find(id="about").get_text(strip=True).startswith("About A help center of a few pages.")


@pytest.mark.parametrize("expression, suggestion", [
    ("{{ policy.refunds.window }}", "policy.refunds.window_days"),
    ("{{ support_email() }}", "support_link"),
])
def test_an_unknown_name_is_one_finding_with_the_files_real_line(tmp_path: Path, expression: str,
                                                                 suggestion: str) -> None:
    site = tiny_site(tmp_path / "site", {"index.md": FRONT_MATTER + f"""\
# Home {{ #home }}

## Refunds {{ #refunds }}

Ask within {expression} days.
"""}, published=["/", "/#refunds"])
    line = next(n for n, text in enumerate((site / "docs/index.md").read_text().splitlines(), 1)
                if expression in text)
    for result in (run_cli(site, "check"), mkdocs_build(site)):
        assert result.returncode != 0
        assert f"docs/index.md:{line}: {expression}: found " in result.output, result.output
        assert f"did you mean `{suggestion}`" in result.output
        assert "Traceback" not in result.output
        # One finding: the page's published links are not reported as lost on top of it.
        assert "has 1 problem:" in result.output and "published-link" not in result.output


def test_a_macro_given_a_value_it_does_not_accept_names_the_values_it_does(tmp_path: Path) -> None:
    site = tiny_site(tmp_path / "site", {"index.md": """
        # Home { #home }

        Write to {{ support_link("billing") }}.
        """})
    result = run_cli(site, "check")
    assert result.returncode == 1
    assert "docs/index.md:3: {{ support_link(\"billing\") }}: found a value the macro does not accept" \
        in result.stderr
    assert "'refund', 'privacy', 'other'" in result.stderr


def test_broken_jinja_is_reported_at_its_line(tmp_path: Path) -> None:
    site = tiny_site(tmp_path / "site", {"index.md": FRONT_MATTER + """\
# Home { #home }

{% if policy.refunds.refund_stops_invoices %}
Invoices stop.
"""})
    result = run_cli(site, "check")
    assert result.returncode == 1
    assert "docs/index.md:" in result.stderr and "found Jinja that does not parse" in result.stderr


def test_an_include_of_a_file_outside_the_docs_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    site = tiny_site(tmp_path / "site", {"index.md": "# Home { #home }\n\n{% include '/etc/passwd' %}\n"})
    for result in (run_cli(site, "check"), mkdocs_build(site)):
        assert result.returncode != 0
        assert "docs/index.md:3:" in result.output and "TemplateNotFound" in result.output
        assert "root:" not in result.output and "Traceback" not in result.output


def test_refused_policy_stops_the_build_naming_line_and_key(project: Path) -> None:
    replace_in(project / "policy.yml", "window_days: 30", "window_days: thirty")
    result = mkdocs_build(project)
    assert not result.ok
    line = next(n for n, text in enumerate((project / "policy.yml").read_text().splitlines(), 1)
                if "window_days: thirty" in text)
    assert f"policy.yml:{line}: refunds.window_days: found the text \"thirty\"" in result.output


def test_literal_braces_in_a_code_sample_survive(tmp_path: Path) -> None:
    site = tiny_site(tmp_path / "site", {"index.md": """
        # Home { #home }

        ```jinja
        {% raw %}{{ policy.refunds.window_days }} days{% endraw %}
        ```
        """})
    code = mkdocs_build(site).site.page("").select_one("pre code").get_text()
    assert "{{ policy.refunds.window_days }} days" in code


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_build_leaves_the_published_site_untouched(project: Path, tmp_path: Path) -> None:
    site_dir = tmp_path / "published"
    assert run_cli(project, "build", "--site-dir", str(site_dir)).returncode == 0
    good = _fingerprint(site_dir)
    assert "refunds/index.html" in good

    replace_in(project / "policy.yml", "window_days: 30", "window_days: 0")
    failed = run_cli(project, "build", "--site-dir", str(site_dir))

    assert failed.returncode == 1
    assert "was left as it was" in failed.stderr
    assert _fingerprint(site_dir) == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "published"], \
        "a failed build left a staging folder behind"


def test_successful_build_replaces_the_published_site(project: Path, tmp_path: Path) -> None:
    site_dir = tmp_path / "published"
    assert run_cli(project, "build", "--site-dir", str(site_dir)).returncode == 0
    (site_dir / "stale-file.html").write_text("left from an old build")
    replace_in(project / "policy.yml", "window_days: 30", "window_days: 21")
    align_app_config(project)

    assert run_cli(project, "build", "--site-dir", str(site_dir)).returncode == 0

    assert not (site_dir / "stale-file.html").exists()
    assert "21 days" in (site_dir / "refunds" / "index.html").read_text()
    assert "21 days" in gzip.decompress((site_dir / "refunds" / "index.html.gz").read_bytes()).decode(), \
        "nginx would send the old page to browsers that accept gzip"
