"""The support-link contract: explicit heading ids, published links that keep working,
redirects for moved pages and short links."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urljoin

import yaml

from guardrail_faults import FAULTS, line_of, run_check, set_app_setting
from helpers import REPO, Site, mkdocs_build, replace_in

PUBLISHED = yaml.safe_load((REPO / "links" / "published.yml").read_text(encoding="utf-8"))[
    "published"
]


def test_rewording_a_heading_keeps_its_published_link(project: Path) -> None:
    replace_in(
        project / "docs" / "refunds.md", "## Can I get my money back? {", "## Can I get a refund? {"
    )
    assert run_check(project).returncode == 0


def test_a_heading_without_an_explicit_id_is_refused(project: Path) -> None:
    page = project / "docs" / "support.md"
    replace_in(
        page, "## How do I get help fastest? { #get-help-fastest }", "## How do I get help fastest?"
    )
    result = run_check(project)
    assert result.returncode == 1
    line = line_of(page, "## How do I get help fastest?")
    assert (
        f'docs/support.md:{line}: found the heading "## How do I get help fastest?" without an '
        "explicit id" in result.stderr
    )
    assert "## How do I get help fastest? { #how-do-i-get-help-fastest }" in result.stderr


def test_an_id_used_twice_on_one_page_is_refused(project: Path) -> None:
    replace_in(project / "docs" / "support.md", "{ #refund-requests }", "{ #get-help-fastest }")
    result = run_check(project)
    assert result.returncode == 1
    line = line_of(project / "docs" / "support.md", "## Asking for a refund?")
    assert f"docs/support.md:{line}: #get-help-fastest: found the id used by two headings" in result.stderr


def test_a_section_removed_by_a_policy_switch_breaks_its_published_link(project: Path) -> None:
    # A writer shows a section only while a clause holds; legal then drops the clause and
    # the app agrees, but support still links to the section.
    replace_in(
        project / "docs" / "refunds.md",
        "## Can a refund be refused? { #can-a-refund-be-refused }",
        "{% if policy.refunds.refuse_repeated_refund_cycles %}\n"
        "## Can a refund be refused? { #can-a-refund-be-refused }\n{% endif %}",
    )
    replace_in(
        project / "policy.yml",
        "refuse_repeated_refund_cycles: true",
        "refuse_repeated_refund_cycles: false",
    )
    set_app_setting(project, "billing.deny_serial_refunds", False)
    result = run_check(project)
    assert result.returncode == 1
    assert (
        "/refunds/#can-a-refund-be-refused: found a link that would lose its anchor: "
        "docs/refunds.md has no heading with the id #can-a-refund-be-refused"
    ) in result.stderr


def test_a_moved_page_with_a_redirect_keeps_its_links_and_anchors(project: Path) -> None:
    deleted = next(fault for fault in FAULTS if fault.name == "published-page-deleted")
    deleted.make(project)
    deleted.fix(project)  # the content moved to data-privacy.md, with a redirect
    result = mkdocs_build(project)
    assert result.ok, result.output
    target = _redirect_target(result.site, "privacy/#what-we-collect")
    assert target == "data-privacy/#what-we-collect"
    assert _has_id(result.site, "data-privacy/", "what-we-collect")


def test_a_redirect_to_a_missing_heading_is_refused(project: Path) -> None:
    replace_in(
        project / "mkdocs.yml",
        "go/cancel.md: refunds.md#after-the-money-back-window",
        "go/cancel.md: refunds.md#cancel-later",
    )
    result = run_check(project)
    assert result.returncode == 1
    line = line_of(project / "mkdocs.yml", "go/cancel.md:")
    assert (
        f"mkdocs.yml:{line}: go/cancel.md -> refunds.md#cancel-later: found a redirect to "
        "#cancel-later, which docs/refunds.md has no heading for"
    ) in result.stderr
    assert "/go/cancel/: found a link that would lose its anchor" in result.stderr


def test_a_published_link_that_is_not_a_site_path_is_refused(project: Path) -> None:
    replace_in(project / "links" / "published.yml", "  - /refunds/\n", "  - refunds/\n")
    result = run_check(project)
    assert result.returncode == 1
    line = line_of(project / "links" / "published.yml", "  - refunds/")
    assert (f'links/published.yml:{line}: published[11]: found the text "refunds/"; allowed: the '
            "link's path on the site, starting with /") in result.stderr


def test_short_links_open_the_most_asked_answers(built_site: Site) -> None:
    assert _redirect_target(built_site, "go/refund/") == "refunds/#can-i-get-my-money-back"
    assert _redirect_target(built_site, "go/refund-status/") == "refunds/#when-will-i-get-my-money"
    assert (
        _redirect_target(built_site, "go/private-images/") == "images-visibility/#change-one-image"
    )


def test_every_published_link_lands_on_its_heading_in_the_built_site(built_site: Site) -> None:
    for url in PUBLISHED:
        target = _redirect_target(built_site, url.lstrip("/"))
        page, _, anchor = target.partition("#")
        assert (built_site.root / page / "index.html").is_file(), f"{url} -> {target}: no page"
        if anchor:
            assert _has_id(built_site, page, anchor), f"{url} -> {target}: no #{anchor}"


def _redirect_target(site: Site, url: str) -> str:
    """Where a browser ends up from `url` (site-relative), following mkdocs-redirects'
    pages the way their script does: the redirect's URL plus the link's own #anchor."""
    path, _, anchor = url.partition("#")
    for _ in range(5):
        soup = site.page(path)
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        if refresh is None:
            return path + (f"#{anchor}" if anchor else "")
        target = urljoin(f"http://site/{path}", refresh["content"].split("url=", 1)[1])
        target_path, _, target_anchor = target.removeprefix("http://site/").partition("#")
        path, anchor = posixpath.normpath(target_path) + "/", target_anchor or anchor
    raise AssertionError(f"{url}: redirect loop")


def _has_id(site: Site, page: str, anchor: str) -> bool:
    return site.page(page).find(id=anchor) is not None


def test_registry_covers_every_page_and_every_section(built_site) -> None:
    """Support can rely on the registry: each built page, and each of its sections
    (h2), has a published link that the checks keep alive."""
    import yaml

    from helpers import REPO

    published = set(yaml.safe_load((REPO / "links" / "published.yml").read_text())["published"])
    missing = []
    for path in built_site.html_files():
        relative = path.relative_to(built_site.root).as_posix()
        page = built_site.page(relative)
        article = page.select_one("article")
        if article is None or relative == "404.html" or article.select_one("[data-version-page]"):
            continue  # redirect stubs, the not-found page and a policy's versions are not articles
        url = "/" + relative.removesuffix("index.html")
        missing += [url] if url not in published else []
        # Sections are the pages' own headings (they carry a permalink), not the group
        # titles that a widget or the link directory draws.
        missing += [f"{url}#{h2['id']}" for h2 in article.find_all("h2", id=True)
                    if h2.find("a", class_="headerlink") and f"{url}#{h2['id']}" not in published]
    assert not missing, f"not in links/published.yml: {missing}"


def test_moving_a_page_is_checked_before_the_build_with_the_new_name_in_every_fix(project: Path) -> None:
    docs = project / "docs"
    (docs / "refunds.md").rename(docs / "money-back.md")
    replace_in(project / "mkdocs.yml", ": refunds.md\n", ": money-back.md\n")  # the nav entry
    replace_in(project / "mkdocs.yml", "      redirect_maps:\n",
               "      redirect_maps:\n        refunds.md: money-back.md\n")
    result = run_check(project)
    assert result.returncode == 1
    line = line_of(docs / "index.md", "(refunds.md#can-i-get-my-money-back)")
    assert (f"docs/index.md:{line}: refunds.md#can-i-get-my-money-back: found a link to refunds.md, "
            "which moved to money-back.md") in result.stderr
    assert "fix: link to money-back.md#can-i-get-my-money-back" in result.stderr
    assert "go/refund.md -> refunds.md#can-i-get-my-money-back: found a redirect to docs/refunds.md" in result.stderr
    assert "fix: point it at money-back.md#can-i-get-my-money-back (refunds.md moved there)" in result.stderr
    assert "published-link" not in result.stderr, "published links resolve through the redirect"
    # The writer follows the fixes; nothing else needs to change, and the build agrees.
    for page in docs.glob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("(refunds.md", "(money-back.md"), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace(".md: refunds.md#", ".md: money-back.md#"), encoding="utf-8")
    assert run_check(project).returncode == 0
    site = mkdocs_build(project).site
    assert _redirect_target(site, "refunds/#when-will-i-get-my-money") == "money-back/#when-will-i-get-my-money"


def test_a_renamed_id_kept_as_an_alias_still_opens_its_section(project: Path) -> None:
    replace_in(project / "docs" / "refunds.md", "{ #when-will-i-get-my-money }", "{ #refund-timing }")
    replace_in(project / "links" / "published.yml", "/refunds/#when-will-i-get-my-money\n",
               "/refunds/#when-will-i-get-my-money\n  - /refunds/#refund-timing\n")
    # Links inside pages move to the new id; support's old links stay as they are.
    for page in (project / "docs").glob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("#when-will-i-get-my-money", "#refund-timing"),
                        encoding="utf-8")
    replace_in(project / "mkdocs.yml", "refunds.md#when-will-i-get-my-money", "refunds.md#refund-timing")
    result = run_check(project)
    assert result.returncode == 1 and "/refunds/#when-will-i-get-my-money: found a link that would lose its anchor" \
        in result.stderr
    replace_in(project / "links" / "published.yml", "aliases: {}",
               "aliases:\n  /refunds/#when-will-i-get-my-money: refund-timing")
    assert run_check(project).returncode == 0
    page = mkdocs_build(project).site.page("refunds/")
    alias = page.find(id="when-will-i-get-my-money")
    assert alias is not None and alias.find_next_sibling().get("id") == "refund-timing"


def test_an_alias_to_a_missing_id_is_refused(project: Path) -> None:
    replace_in(project / "links" / "published.yml", "aliases: {}",
               "aliases:\n  /refunds/#old-words: no-such-section")
    result = run_check(project)
    assert result.returncode == 1
    assert "/refunds/#old-words: found an alias to #no-such-section, which docs/refunds.md has no heading for" \
        in result.stderr
