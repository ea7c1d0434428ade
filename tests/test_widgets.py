"""The reader widgets as built HTML: escaped policy values, a plain-text rule without
JavaScript, no inline code (the site runs under `script-src 'self'`), links that the
build checks, and the size budget. Behaviour in a browser: tests/test_widgets_browser.py."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import material

from helpers import REPO, Site, align_app_config, replace_in

OUR_ASSETS = REPO / "docs" / "assets"
# Together, every style sheet and script of ours a page can load (the design, the
# widgets, the Link directory), each gzipped as a server sends it.
BUDGET_GZIP_BYTES = 12 * 1024
# Material's content-tab scripts, moved out of the page: loaded only when content tabs
# (pymdownx.tabbed) are switched on, which this site does not do.
ONLY_WITH_CONTENT_TABS = {"assets/material-csp/linked-tabs.js", "assets/material-csp/tab-target.js"}
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def _our_assets() -> list[Path]:
    return sorted(path for path in OUR_ASSETS.rglob("*") if path.suffix in (".css", ".js")
                  and path.relative_to(REPO / "docs").as_posix() not in ONLY_WITH_CONTENT_TABS
                  and path.name != "redirect.js")  # redirect pages only, read by no one


def test_our_scripts_and_styles_stay_within_12_kb_gzipped() -> None:
    sizes = {path.relative_to(OUR_ASSETS).as_posix(): (path.stat().st_size, gzipped_size(path))
             for path in _our_assets()}
    for name, (raw, packed) in sizes.items():
        print(f"{name:32} {raw:6} B raw {packed:6} B gzipped")
    total = sum(packed for _, packed in sizes.values())
    print(f"{'total':32} {sum(raw for raw, _ in sizes.values()):6} B raw {total:6} B gzipped "
          f"(budget {BUDGET_GZIP_BYTES} B)")
    assert total <= BUDGET_GZIP_BYTES, f"our assets ship {total} B gzipped, over the {BUDGET_GZIP_BYTES} B budget"


def test_every_asset_of_ours_is_loaded_and_every_loaded_asset_exists(built_site: Site) -> None:
    loaded = set()
    for path in built_site.html_files():
        page = built_site.page(str(path.relative_to(built_site.root)))
        urls = [tag["href"] for tag in page.select("link[rel~=stylesheet][href]")]
        urls += [tag["src"] for tag in page.select("script[src]")]
        page_url = "http://site/" + path.relative_to(built_site.root).as_posix()
        for url in urls:
            target = urlsplit(urljoin(page_url, url)).path.lstrip("/")
            assert (built_site.root / target).is_file(), f"{path}: {url} does not exist"
            loaded.add(target)
    ours = {path.relative_to(REPO / "docs").as_posix() for path in OUR_ASSETS.rglob("*")
            if path.suffix in (".css", ".js")} - ONLY_WITH_CONTENT_TABS - {"assets/redirect.js"}
    unhashed = {re.sub(r"\.[0-9a-f]{10}(\.(css|js))$", r"\1", path) for path in loaded}  # names carry a hash
    assert ours <= unhashed, f"never loaded: {ours - unhashed}"  # the budget counts what readers download


def test_built_pages_carry_no_inline_script_code_or_event_handler_attributes(built_site: Site) -> None:
    for path in built_site.html_files():
        soup = built_site.page(str(path.relative_to(built_site.root)))
        for script in soup.find_all("script"):
            executable = script.get("type", "").lower() in EXECUTABLE_SCRIPT_TYPES
            assert not (executable and script.get_text().strip()), \
                f"{path.name}: inline script, refused under script-src 'self': {script}"[:300]
        handlers = [(tag.name, name) for tag in soup.find_all(True) for name in tag.attrs
                    if name.lower().startswith("on")]
        assert not handlers, f"{path}: event-handler attributes {handlers}"
        links = [a["href"] for a in soup.find_all("a", href=True) if a["href"].lower().startswith("javascript:")]
        assert not links, f"{path}: javascript: links {links}"


def test_widgets_state_their_rule_as_text_for_readers_without_javascript(built_site: Site) -> None:
    refunds = built_site.page("refunds/")
    checker = refunds.select_one("[data-hc-widget=refund-checker]")
    fallback = checker.select_one(".hc-widget__fallback")
    assert fallback is not None and not fallback.has_attr("hidden")
    assert ("if you paid on 1 March 2026, you can ask for your money back up to and including "
            "31 March 2026") in fallback.get_text(" ")
    assert checker.select_one("form").has_attr("hidden"), "a form that cannot answer must not show"

    explainer = built_site.page("images-visibility/").select_one("[data-hc-widget=visibility-explainer]")
    states = {state["data-visibility"]: " ".join(state.get_text(" ").split())
              for state in explainer.select("[data-visibility]")}
    assert not any(state.has_attr("hidden") for state in explainer.select("[data-visibility]"))
    assert "Shown in the Explore page" in states["public"]
    assert "Not shown in the Explore page" in states["private"]
    assert "Shown in the Images tab of My profile" in states["private"]

    card = built_site.page("support/").select_one("[data-hc-widget=contact-card] a")
    assert card["href"] == "mailto:cs@artsmart.ai"


def test_contact_cards_prefill_the_subject_for_their_topic(built_site: Site) -> None:
    expected = {"refunds/": "Refund request", "privacy/": "Privacy question",
                "images-visibility/": "Help request"}
    for page, subject in expected.items():
        link = built_site.page(page).select_one("[data-hc-widget=contact-card] a")
        query = parse_qs(urlsplit(link["href"]).query)
        assert query["subject"] == [subject], page
        assert "%20" in link["href"] and "+" not in link["href"], "mail clients show + literally"


def test_policy_at_a_glance_links_each_value_to_the_section_explaining_it(built_site: Site) -> None:
    glance = built_site.page("").select_one(".hc-glance")
    items = {" ".join(a.get_text(" ").split()): a["href"] for a in glance.select("a")}
    assert items["30 days to ask for your money back in full"] == "refunds/#can-i-get-my-money-back"
    assert items["10 days at most until your refund is paid"] == "refunds/#when-will-i-get-my-money"
    assert items["Public by default for new images, until you change it"] == \
        "images-visibility/#who-can-see-my-images"
    assert items["cs@artsmart.ai for every question"] == "support/#contact-support"
    for href in items.values():
        page, anchor = href.split("#")
        assert built_site.page(page).find(id=anchor) is not None, href


def test_renamed_heading_breaks_the_glance_link_at_build_time(project: Path, build) -> None:
    replace_in(project / "docs" / "refunds.md", "{ #when-will-i-get-my-money }", "{ #refund-timing }")
    result = build(project)
    assert not result.ok
    assert "when-will-i-get-my-money" in result.output


def test_policy_change_reaches_every_widget(project: Path, build) -> None:
    replace_in(project / "policy.yml", "window_days: 30", "window_days: 14")
    replace_in(project / "policy.yml", "processing_days: 10", "processing_days: 5")
    replace_in(project / "policy.yml", "default_visibility: public", "default_visibility: private")
    align_app_config(project)
    site = build(project).site
    checker = site.page("refunds/").select_one("[data-hc-widget=refund-checker]")
    assert (checker["data-window-days"], checker["data-processing-days"]) == ("14", "5")
    assert "up to and including 15 March 2026" in checker.get_text(" ")
    current = [terms for terms in json.loads(checker["data-versions"]) if terms["current"]]
    assert [(t["window_days"], t["processing_days"]) for t in current] == [(14, 5)]
    assert "{window_days}-day money-back guarantee" in unquote(checker["data-mailto"])  # filled in per payment
    explainer = site.page("images-visibility/").select_one("[data-hc-widget=visibility-explainer]")
    assert explainer["data-default-visibility"] == "private"
    assert explainer.select_one("input[checked]")["value"] == "private"
    glance = " ".join(site.page("").select_one(".hc-glance").get_text(" ").split())
    assert "14 days to ask" in glance and "5 days at most" in glance and "Private by default" in glance


def test_quotes_and_ampersands_in_policy_text_reach_widgets_as_written(project: Path, build) -> None:
    product = 'Art"Smart & Co\'s AI'
    label = 'My "profile" & more'
    replace_in(project / "policy.yml", "product: ArtSmart AI", f"product: '{product.replace(chr(39), chr(39) * 2)}'")
    replace_in(project / "policy.yml", "my_profile: My profile", f"my_profile: '{label}'")
    align_app_config(project)
    site = build(project).site
    checker = site.page("refunds/").select_one("[data-hc-widget=refund-checker]")
    body = parse_qs(urlsplit(checker["data-mailto"]).query)["body"][0]
    assert f"registered on my {product} account" in body
    assert f"registered on your {product} account" in checker.get_text(" ")
    explainer = site.page("images-visibility/").select_one("[data-hc-widget=visibility-explainer]")
    assert f"Shown in the Images tab of {label}" in explainer.get_text(" ")


def test_unknown_contact_topic_stops_the_build_and_names_the_topics(project: Path, build) -> None:
    replace_in(project / "docs" / "refunds.md", '{{ contact_card("refund") }}', '{{ contact_card("refunds") }}')
    result = build(project)
    assert not result.ok
    assert "'refunds'" in result.output and "'privacy'" in result.output


def _run_browser_fixture(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    """Run one test that needs Chromium, with Chromium missing, in a separate pytest."""
    (tmp_path / "conftest.py").write_text(textwrap.dedent("""
        from pathlib import Path
        import browser_fixtures
        browser_fixtures.CHROMIUM = Path("/nonexistent/chromium")
        pytest_plugins = ["browser_fixtures"]
    """))
    (tmp_path / "test_needs_chromium.py").write_text(
        "def test_needs_chromium(chromium_executable):\n    pass\n")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    env["PYTHONPATH"] = f"{REPO / 'tests'}{os.pathsep}{REPO}"
    return subprocess.run([sys.executable, "-m", "pytest", "-rsf", "-p", "no:cacheprovider", str(tmp_path)],
                          capture_output=True, text=True, env=env, cwd=tmp_path)


def test_missing_chromium_skips_locally_with_install_instructions(tmp_path: Path) -> None:
    result = _run_browser_fixture(tmp_path, ci=False)
    assert "1 skipped" in result.stdout, result.stdout
    assert "apt-get install -y chromium" in result.stdout


def test_missing_chromium_fails_in_ci(tmp_path: Path) -> None:
    result = _run_browser_fixture(tmp_path, ci=True)
    assert result.returncode == 1 and "1 error" in result.stdout, result.stdout
    assert "apt-get install -y chromium" in result.stdout


def test_moved_material_scripts_match_the_installed_material() -> None:
    # overrides/ replaces Material's inline scripts with copies in files: the storage
    # helpers and palette restore open assets/help-center.js, the content-tab scripts
    # have files of their own. When Material changes one, this fails so the copy is
    # refreshed rather than silently stale.
    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    ours = REPO / "docs" / "assets"

    def inline_code(partial: str, index: int = 0) -> str:
        return re.findall(r"<script>(.*?)</script>", (partials / partial).read_text(encoding="utf-8"))[index]

    def our_code(name: str) -> str:
        return re.sub(r"/\*.*?\*/\s*", "", (ours / name).read_text(encoding="utf-8"), flags=re.S).strip()

    def our_section(partial: str) -> str:
        """The lines after the `/* material: partials/javascripts/<partial> */` marker."""
        script = (ours / "help-center.js").read_text(encoding="utf-8")
        section = script.split(f"/* material: partials/javascripts/{partial} */\n", 1)[1]
        return section.split("\n/* ", 1)[0].strip()

    assert our_section("palette.html") == inline_code("palette.html")
    assert our_code("material-csp/linked-tabs.js") == inline_code("content.html", 0)
    assert our_code("material-csp/tab-target.js") == inline_code("content.html", 1)
    assert our_section("base.html").rstrip(";") == inline_code("base.html").replace(
        '"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.mdScope")
