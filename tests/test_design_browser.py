"""The help center as a reader's browser meets it: how many requests a page costs,
whether anything moves while it loads on a slow phone, axe (WCAG 2 A/AA and
best practices) on every page in both palettes, headings without holes, the home page's
search box, "Was this page helpful?" and the palette a reader chose. Debian's Chromium
on the built site served under `Content-Security-Policy: script-src 'self'`; a console
error or a request to another host fails the test (tests/browser_fixtures.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browser_fixtures import WCAG_A_AA, ServedSite, describe_violations
from helpcenter.policy import timeline
from helpers import load_policy

pytestmark = pytest.mark.browser

POLICY = load_policy()

PAGES = ["", "privacy/", "refunds/", "images-visibility/", "support/", "policy-changes/",
         "developers/", "support-links/",
         # The page of the image policy's first version, with its banner.
         f"images-visibility/{timeline.versions(POLICY, 'images')[0].first_day.isoformat()}/"]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True,
         "has_touch": True}

# Every layout shift the page reports, from before its first byte (an init script).
RECORD_LAYOUT_SHIFTS = """
window.__layoutShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__layoutShifts.push({value: entry.value,
      sources: entry.sources.map(s => s.node ? (s.node.className || s.node.nodeName) : "")});
  }
}).observe({type: "layout-shift", buffered: true});
"""
# The page has settled when Material's script and ours have run on every widget.
SETTLED = """() => document.readyState === "complete"
  && document.documentElement.classList.contains("js")
  && [...document.querySelectorAll("[data-hc-widget]:not([data-hc-widget=refund-checker]), [data-hc-feedback]")]
       .every(el => el.hasAttribute("data-hc-ready"))
  && [...document.querySelectorAll("#hc-asked-on")].every(input => input.value !== "")"""
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _slow_phone_network(page) -> None:
    """Lighthouse's mobile conditions, roughly: 150 ms round trips, 1.6 Mbit/s, a CPU
    four times slower. Late scripts then run after the first paint, as on a phone."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                   "downloadThroughput": 1.6e6 / 8,
                                                   "uploadThroughput": 750e3 / 8})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})


@pytest.mark.parametrize("path", PAGES)
def test_a_page_costs_at_most_two_requests_more_than_stock_material(open_page, path: str) -> None:
    page = open_page(path, **DESKTOP)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    page.reload(wait_until="networkidle")  # the server says no-store: every file again
    assert "/sitemap.xml" not in requests
    # Stock Material asks for the page, its two style sheets, its script, the search
    # worker and index (and the favicon, which the browser may keep). Ours adds one
    # style sheet and one script.
    material = ["/" + path, "/assets/stylesheets/", "/assets/stylesheets/", "/assets/javascripts/bundle.",
                "/assets/javascripts/workers/search.", "/search/search_index.json"]
    ours = ["/assets/help-center.", "/assets/help-center."]  # .css and .js, content-hashed
    asked = sorted(url for url in requests if "/favicon." not in url)
    assert len(asked) == len(material) + len(ours), asked
    assert all(any(url.startswith(prefix) for url in asked) for prefix in material), asked
    assert sum(url.startswith("/assets/help-center.") for url in asked) == 2, asked


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_nothing_moves_while_a_page_loads_on_a_slow_phone(browser, served_site: ServedSite, device: str) -> None:
    context = browser.new_context(**(PHONE if device == "phone" else DESKTOP))
    context.add_init_script(RECORD_LAYOUT_SHIFTS)
    try:
        scores = {}
        for path in PAGES:
            page = context.new_page()
            _slow_phone_network(page)
            page.goto(served_site.url(path))
            page.wait_for_function(SETTLED, timeout=30_000)
            page.evaluate(NEXT_FRAMES)
            shifts = page.evaluate("window.__layoutShifts")
            scores[f"/{path}"] = (round(sum(s["value"] for s in shifts), 4), shifts)
            page.close()
    finally:
        context.close()
    # The target is a cumulative layout shift under 0.01; here nothing may move at all
    # (sub-pixel rounding aside), so a widget that starts late fails even where its
    # shift is small because it happens low on the screen.
    moved = {path: score for path, score in scores.items() if score[0] >= 0.001}
    assert not moved, f"the page moved while loading (cumulative layout shift): {moved}"


def _described(violations: list[dict], path: str, scheme: str, device: dict) -> list[str]:
    if not violations:
        return []
    return [f"/{path} ({scheme}, {device['viewport']['width']} px):\n{describe_violations(violations)}"]


def _axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    tags = [*WCAG_A_AA, "best-practice"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags},
                                       "resultTypes": ["violations"]})
    return results.response["violations"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page_best_practices_included(open_page, served_site: ServedSite,
                                                              scheme: str) -> None:
    failures = []
    for device in (DESKTOP, PHONE):
        page = open_page("", color_scheme=scheme, **device)
        for path in PAGES:
            page.goto(served_site.url(path))
            page.wait_for_function(SETTLED)
            failures += _described(_axe(page), path, scheme, device)
        # The not-found page, as a mistyped address shows it (the 404 status is logged).
        missing = open_page("no-such-page/", color_scheme=scheme, expect_errors=True, **device)
        missing.wait_for_function(SETTLED)
        failures += _described(_axe(missing), "no-such-page/", scheme, device)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_headings_leave_no_hole_under_them(open_page, served_site: ServedSite, device: str) -> None:
    # A heading's hidden permalink (¶) once wrapped onto a line of its own: the title of
    # Refunds, then "Can a refund be refused?" on a phone (a break is allowed after "?").
    page = open_page("", **(PHONE if device == "phone" else DESKTOP))
    holes = []
    for path in PAGES:
        page.goto(served_site.url(path))
        holes += page.evaluate("""(path) => [...document.querySelectorAll(
                "article :is(h1, h2, h3, h4, h5, h6)")].flatMap(heading => {
            const words = document.createRange();
            words.selectNodeContents(heading);
            const permalink = heading.querySelector(".headerlink");
            if (permalink) words.setEndBefore(permalink);
            const tops = new Set([...words.getClientRects()].filter(r => r.width > 0)
                                                            .map(r => Math.round(r.top)));
            const style = getComputedStyle(heading);
            const box = heading.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
            const lines = Math.round(box / parseFloat(style.lineHeight));
            return lines === tops.size ? [] :
                [`/${path}: "${heading.textContent.trim()}" takes ${lines} lines for ${tops.size} of words`];
        })""", path)
        wide = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert not wide, f"/{path} scrolls sideways"
    assert not holes, "\n".join(holes)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_sections_permalink_shows_when_the_keyboard_reaches_it(open_page, device: str) -> None:
    # Support copies section links with the ¶; out of the flow, it once sat past a clipped
    # heading's edge on a phone, focused but barely visible.
    page = open_page("policy-changes/", **(PHONE if device == "phone" else DESKTOP))
    permalink = page.locator("#all-changes > .headerlink")
    permalink.focus()
    expect(permalink).to_be_focused()
    expect(permalink).to_have_css("opacity", "1")
    box = permalink.bounding_box()
    assert box is not None and box["x"] + box["width"] <= page.viewport_size["width"], box
    shown = page.evaluate("""(link) => {
        const r = link.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit === link || link.contains(hit);
    }""", permalink.element_handle())
    assert shown, "the focused ¶ is hidden (clipped or covered)"


def test_home_page_search_box_opens_search_and_internal_pages_stay_out(open_page) -> None:
    page = open_page("", **DESKTOP)
    box = page.get_by_role("button", name="Search the help center", exact=True)
    expect(box).to_be_visible()
    box.click()
    query = page.locator(".md-search__input")
    expect(query).to_be_focused()
    expect(page.get_by_role("dialog", name="Search")).to_be_visible()
    page.keyboard.type("refund")  # Material searches as the reader types
    # Material redraws the results after each key: wait for what the last one finds,
    # never read them one by one while they are redrawn.
    links = page.locator(".md-search-result__link")
    expect(links.filter(has_text="Refunds").first).to_be_visible()
    expect(links.and_(page.locator("[href*='support-links']"))).to_have_count(0)
    expect(page.locator(".md-search-result")).not_to_contain_text("Copy link")


def test_was_this_helpful_thanks_a_yes_and_mails_support_on_a_no(open_page, served_site: ServedSite) -> None:
    page = open_page("refunds/", **DESKTOP)
    feedback = page.get_by_role("group", name="Was this page helpful?")
    no = feedback.get_by_role("link", name="No")
    expect(no).to_have_attribute("href", f"mailto:{POLICY.support.email}?subject=This%20page%20did%20not%20help"
                                         "%3A%20http%3A//127.0.0.1%3A8000/refunds/&body=What%20were%20you%20looking"
                                         "%20for%2C%20or%20what%20was%20unclear%3F%0D%0A%0D%0A")
    feedback.get_by_role("button", name="Yes").click()
    expect(feedback.get_by_role("status")).to_have_text("Thanks for letting us know.")


def test_without_javascript_only_working_controls_show(open_page) -> None:
    page = open_page("", java_script_enabled=False, **DESKTOP)
    expect(page.get_by_role("button", name="Search the help center")).to_be_hidden()
    page = open_page("refunds/", java_script_enabled=False, **DESKTOP)
    feedback = page.get_by_role("group", name="Was this page helpful?")
    expect(feedback.get_by_role("link", name="No")).to_be_visible()
    expect(feedback.get_by_role("button", name="Yes")).to_be_hidden()
    expect(page.get_by_role("button", name="Copy address")).to_be_hidden()


def test_the_palette_a_reader_picks_stays_picked_on_the_next_page(open_page, served_site: ServedSite) -> None:
    # Material's palette restore now runs from our script: a stored choice must apply.
    page = open_page("refunds/", color_scheme="light", **DESKTOP)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label[title='Switch to dark mode']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(served_site.url("privacy/"))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
