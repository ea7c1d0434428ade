"""The help center as a reader's browser meets it: how many requests a page costs, and
whether anything moves while it loads on a slow phone. Debian's Chromium on the built
site served under `Content-Security-Policy: script-src 'self'`; a console error or a
request to another host fails the test (tests/browser_fixtures.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser_fixtures import ServedSite

pytestmark = pytest.mark.browser

PAGES = ["", "privacy/", "refunds/", "images-visibility/", "support/", "policy-changes/", "support-links/"]
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
    # style sheet and one script, and the refund checker's script where the checker is.
    material = ["/" + path, "/assets/stylesheets/", "/assets/stylesheets/", "/assets/javascripts/bundle.",
                "/assets/javascripts/workers/search.", "/search/search_index.json"]
    ours = ["/assets/help-center.css", "/assets/help-center.js"]
    if path == "refunds/":
        ours.append("/assets/widgets/refund-checker.js")
    asked = sorted(url for url in requests if "/favicon." not in url)
    assert len(asked) == len(material) + len(ours), asked
    assert all(any(url.startswith(prefix) for url in asked) for prefix in material), asked
    assert set(ours) <= set(asked), asked


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
