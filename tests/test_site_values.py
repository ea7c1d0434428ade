"""Every policy value reaches readers wherever it is stated (body, <title>, H1, nav,
meta description, search), and a change in policy.yml leaves no stale copy behind."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import POLICY_SCHEMA, REPO, Site, align_app_config, load_policy, mkdocs_build, replace_in

POLICY = load_policy(REPO / "policy.yml")
WINDOW = POLICY.refunds.window_days
PROCESSING = POLICY.refunds.processing_days
EMAIL = POLICY.support.email


def test_refund_numbers_reach_the_refunds_page_body(built_site: Site):
    text = built_site.article_text("refunds/")
    assert f"within {WINDOW} days of paying" in text
    assert f"Within {PROCESSING} days of the day we receive your request" in text


def test_refund_window_reaches_title_h1_nav_and_description(built_site: Site):
    page = built_site.page("refunds/")
    assert f"{WINDOW}-day" in page.title.get_text()
    assert f"{WINDOW}-day money-back guarantee" in page.h1.get_text()
    nav_labels = [link.get_text(" ", strip=True) for link in page.select("nav.md-nav--primary a")]
    assert any(f"{WINDOW}-day" in label for label in nav_labels), nav_labels
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert f"{WINDOW} days" in description and f"{PROCESSING} days" in description


def test_site_title_comes_from_the_product_name(built_site: Site):
    assert built_site.page("").title.get_text() == f"{POLICY.company.product} Help Center"


def test_search_index_holds_rendered_values_not_macros(built_site: Site):
    docs = built_site.search_index()["docs"]
    refund_text = " ".join(d["text"] for d in docs if d["location"].startswith("refunds/"))
    assert f"{WINDOW} days" in refund_text and EMAIL in refund_text
    assert not any("{{" in d["text"] or "{{" in d["title"] for d in docs)


def test_support_address_is_a_mailto_link_on_every_policy_page(built_site: Site):
    for url in ["privacy/", "refunds/", "images-visibility/", "support/"]:
        hrefs = [a["href"] for a in built_site.page(url).select("article a[href^='mailto:']")]
        assert hrefs and all(h.split("?")[0] == f"mailto:{EMAIL}" for h in hrefs), url


def test_default_visibility_is_stated_on_the_visibility_page(built_site: Site):
    text = built_site.article_text("images-visibility/")
    assert f"every image you generate starts {POLICY.images.default_visibility}" in text


def test_no_page_contains_template_syntax_or_macro_errors(built_site: Site):
    for path in built_site.html_files():
        html = path.read_text(encoding="utf-8")
        for leftover in ("{{", "{%", "Macro Rendering Error"):
            assert leftover not in html, f"{leftover!r} in {path.relative_to(built_site.root)}"


def _string_leaves(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _string_leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _string_leaves(value, path + (index,))
    elif isinstance(data, str):
        yield path


def _is_free_text(path) -> bool:
    """Whether the schema lets legal write any text at `path` (not one of a list of words)."""
    schema = POLICY_SCHEMA.at(path)
    # Dates and the names of changed values (history's `key`) have a fixed form, not prose.
    return (schema.get("type") == "string" and "enum" not in schema
            and schema.get("format") != "date" and path[-1:] != ("key",))


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def test_every_text_value_in_policy_reaches_some_page(project: Path):
    """Give every free-text value a unique marker and build once: a value that no page
    states would be a fact the help center silently dropped."""
    data = yaml.safe_load((project / "policy.yml").read_text(encoding="utf-8"))
    markers = {}
    for number, path in enumerate(_string_leaves(data)):
        if path == ("support", "email"):
            marker = f"marker{number}@example.org"
        elif not _is_free_text(path) or path == ("time_zone",) or path[:1] == ("history",) and path[-1] != "reason":
            continue  # enumerated words (public, full, ...) are phrased, not printed; the time
            # zone and recorded values must stay what they are (a zone, a chain of values)
        else:
            marker = f"Marker{number}x"
        _set(data, path, marker)
        markers[path] = marker
    (project / "policy.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    align_app_config(project)
    site = mkdocs_build(project).site
    texts = " ".join(site.all_reader_text().values())
    missing = [".".join(map(str, p)) for p, m in markers.items() if m not in texts]
    assert not missing, f"values no page states: {missing}"


CHANGES = {
    # name: (edit in policy.yml, phrases that must disappear, phrases that must appear)
    "money-back window": (("window_days: 30", "window_days: 45"),
                          ["30 days", "30-day", "up to and including 31 March 2026"],
                          ["45 days", "45-day", "up to and including 15 April 2026"]),
    "refund processing time": (("processing_days: 10", "processing_days: 7"),
                               ["10 days"], ["7 days"]),
    "support address": (("email: cs@artsmart.ai", "email: help@pixel.example"),
                        ["cs@artsmart.ai"], ["help@pixel.example"]),
    "product name": (("product: ArtSmart AI", "product: Pixel Forge"),
                     ["ArtSmart AI"], ["Pixel Forge"]),
    "default visibility": (("default_visibility: public", "default_visibility: private"),
                           ["starts public", "New images start public"],
                           ["starts private", "New images start private"]),
    "explore label": (("explore: Explore", "explore: Discover"),
                      ["Explore page"], ["Discover page"]),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_changed_value_reaches_every_page_and_leaves_no_stale_copy(change, project: Path, built_site: Site):
    (old, new), gone, present = CHANGES[change]
    # The change log states past values on purpose ("was 30, now 45"): it is history.
    before = {name: text for name, text in built_site.all_reader_text().items()
              if "policy-changes/" not in name}
    stating_pages = {name for name, text in before.items() if any(p in text for p in gone)}
    assert stating_pages, f"no page stated {gone} before the change"

    replace_in(project / "policy.yml", old, new)
    align_app_config(project)
    after_site = mkdocs_build(project).site
    after = {name: text for name, text in after_site.all_reader_text().items()
             if "policy-changes/" not in name}

    stale = {name: p for name, text in after.items() for p in gone if p in text}
    assert not stale, f"old value still shown: {stale}"
    raw_html = " ".join(path.read_text(encoding="utf-8") for path in after_site.html_files()
                        if path.parent.name != "policy-changes")
    assert not any(p in raw_html for p in gone), "old value left in markup (a link or attribute)"
    for name in stating_pages:
        assert any(p in after[name] for p in present), f"{name} does not state {present}"
