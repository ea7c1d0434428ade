"""The benchmark's twin help centers must stay buildable and equal, or `make bench`
would compare our site with something it does not state (not timed here)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.help_center import FAN_OUT, SINGLE_PAGES, NavPage, grouped_nav, nav_pages, plan_articles
from bench.mkdocs_config import plugin_name, read_config
from bench.twins import write_twins
from helpers import REPO, Site, load_policy, mkdocs_build

# The real articles (every nav page but home and the single pages) and two copies.
REAL_ARTICLES = [page for page in nav_pages(read_config(REPO / "mkdocs.yml")["nav"])
                 if page.path != "index.md" and page.path not in SINGLE_PAGES]
TINY = len(REAL_ARTICLES) + 2


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory):
    twins = write_twins(REPO, tmp_path_factory.mktemp("bench"), TINY)
    sites = {}
    for name in ("ours", "plain"):
        result = mkdocs_build(getattr(twins, name))
        assert result.ok, result.output
        sites[name] = result.site
    return twins, sites


def _reader_view(site: Site, html: Path) -> dict[str, str]:
    page = site.page(str(html.relative_to(site.root)))
    description = page.find("meta", attrs={"name": "description"})
    return {
        "title": page.title.get_text(),
        "description": description.get("content", "") if description else "",
        "article": " ".join(page.select_one("article").get_text(" ").split()),
        "nav": " ".join(page.select_one("nav.md-nav--primary").get_text(" ").split()),
    }


def test_plain_twin_has_no_jinja_and_no_macros_plugin(twins):
    bench, _ = twins
    for page in (bench.plain / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, f"{page.name} still holds Jinja"
    config = read_config(bench.plain / "mkdocs.yml")
    assert "macros" not in [plugin_name(entry) for entry in config["plugins"]]
    assert "{{" not in (bench.plain / "mkdocs.yml").read_text(encoding="utf-8")


def test_twins_state_the_same_text_on_every_page(twins):
    _, sites = twins
    ours, plain = sites["ours"], sites["plain"]
    pages = [page for page in plain.html_files() if page.name != "404.html"]
    singles = {page for page in SINGLE_PAGES if (REPO / "docs" / page).exists()}
    # Pages kept out of the navigation (not_in_nav: the Link directory, the developer
    # notes) are built once, like the single pages, and never copied.
    in_nav = {page.path for page in nav_pages(read_config(REPO / "mkdocs.yml")["nav"])}
    singles |= {page.name for page in (REPO / "docs").glob("*.md") if page.name not in in_nav}
    versions = [page for page in pages if re.search(r"/\d{4}-\d{2}-\d{2}/index\.html$", str(page))]
    assert versions, "the policies' version pages are part of both twins"
    # Articles, home page, single pages, and each version of a policy page.
    assert len(pages) - len(versions) == TINY + 1 + len(singles)
    for html in pages:
        # Ours may have more files (redirect stubs of our own plugins), never fewer.
        assert _reader_view(plain, html) == _reader_view(ours, ours.root / html.relative_to(plain.root))


def test_plain_twin_states_the_policy_values(twins):
    _, sites = twins
    policy = load_policy(REPO / "policy.yml")
    text = sites["plain"].article_text("refunds/")
    assert f"{policy.refunds.window_days}-day money-back guarantee" in text
    assert policy.support.email in text


def test_copies_are_distinct_pages_with_the_same_content(twins):
    bench, _ = twins
    docs = bench.ours / "docs"
    copy = next(p for p in bench.page_types if re.search(r"-\d{4}\.md$", p))
    source = re.sub(r"-\d{4}\.md$", ".md", copy)
    copied, original = (docs / copy).read_text(), (docs / source).read_text()
    # The same page, but not the policy's page: only the original gets version pages.
    assert copied != original and copied.startswith(re.sub(r"policy_page: .*\n", "", original).rstrip())


def test_large_help_center_nav_never_lists_more_than_a_section_holds():
    articles = plan_articles([NavPage(f"page{n}.md", None) for n in range(4)], 1000)
    nav = grouped_nav(NavPage("index.md", "Home"), articles)

    def widest(items) -> int:
        children = [next(iter(item.values())) for item in items if isinstance(item, dict)]
        lists = [child for child in children if isinstance(child, list)]
        return max([len(items)] + [widest(child) for child in lists])

    categories = nav[1:]
    assert all(widest(next(iter(category.values()))) <= FAN_OUT for category in categories)
    assert sorted(p.path for p in nav_pages(nav)) == sorted(["index.md"] + [a.path for a in articles])


def test_layer_measurement_separates_the_pages_jinja_compile_from_the_rest(twins, tmp_path):
    """The benchmark tells the floor every mkdocs-macros site pays (compiling its pages'
    Jinja) apart from the rest of the layer; a figure that could not hold both would
    blame our code for the generator's cost, or hide ours in it."""
    bench, _ = twins
    report = tmp_path / "layer.json"
    run = subprocess.run([sys.executable, "-m", "bench.layer_share", str(report)], cwd=bench.ours,
                         env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    figures = json.loads(report.read_text(encoding="utf-8"))
    assert 0 < figures["page_compile_wall_s"] < figures["layer_wall_s"] < figures["in_process_wall_s"]
