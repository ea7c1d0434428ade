/* Refund eligibility checker. The money-back rule is macros/refund_rule.py's `decide`,
   mirrored here; both run the shared vectors in tests/refund_vectors.json.
   Policy values come from the widget's data- attributes and every sentence from its
   template (macros/templates/refund_checker.html): this script only picks the answer
   and fills in dates. */
(function () {
  "use strict";
  var DAY_MS = 864e5;

  // Calendar dates are counted as whole days since 1970-01-01 in UTC, so daylight-saving
  // changes never shift the arithmetic. The reader's time zone only decides "today".
  function toDay(iso) {
    var m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso || "");
    var day = m && Date.UTC(+m[1], m[2] - 1, +m[3]) / DAY_MS;
    // Date.UTC quietly rolls 30 February over and maps years 0-99 to 19xx: refuse both.
    return m && toIso(day) === iso ? day : null;
  }

  function toIso(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function localToday(now) {
    now = now || new Date();
    return toIso(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS);
  }

  function decide(windowDays, processingDays, paidOn, askedOn) {
    var paid = toDay(paidOn), asked = toDay(askedOn), last = paid + windowDays;
    var eligible = paid <= asked && asked <= last;
    return {
      eligible: eligible,
      last_day_to_ask: toIso(last),
      days_since_payment: asked - paid,
      refund_paid_by: eligible ? toIso(asked + processingDays) : null
    };
  }

  // "1 March 2026", as the page prose writes dates (macros/phrases.py long_date).
  function longDate(iso) {
    return new Date(toDay(iso) * DAY_MS).toLocaleDateString("en-GB",
      { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  }

  function init(widget) {
    if (widget.hcReady) return;
    widget.hcReady = true;
    var data = widget.dataset, form = widget.querySelector("form");
    var paid = form.elements["paid-on"], asked = form.elements["asked-on"];
    var answer = widget.querySelector("[role=status]");

    function fill(slot, iso) {
      widget.querySelectorAll("[data-slot=" + slot + "]").forEach(function (el) {
        el.dateTime = iso;
        el.textContent = longDate(iso);
      });
    }

    function update() {
      var state = "ask-first";
      if (toDay(paid.value) !== null && toDay(asked.value) !== null) {
        var d = decide(+data.windowDays, +data.processingDays, paid.value, asked.value);
        state = d.days_since_payment < 0 ? "asked-before-paid" : d.eligible ? "inside" : "outside";
        fill("last-day-to-ask", d.last_day_to_ask);
        fill("asked-on", asked.value);
        if (d.eligible) fill("refund-paid-by", d.refund_paid_by);
        widget.querySelector("[data-slot=mailto]").href = data.mailto.replace(
          data.paidOnPlaceholder, encodeURIComponent(longDate(paid.value)));
      }
      answer.querySelectorAll("[data-answer]").forEach(function (el) {
        el.hidden = el.getAttribute("data-answer") !== state;
      });
    }

    asked.value = asked.value || localToday();
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.hidden = answer.hidden = false;
    widget.querySelector(".hc-widget__fallback").hidden = true;  // the page prose states the rule
    update();
  }

  (window.helpCenter = window.helpCenter || {}).refundRule = { decide: decide, localToday: localToday };

  function initAll() {
    document.querySelectorAll("[data-hc-widget=refund-checker]").forEach(init);
  }
  // Material's document$ emits on the first load and after every instant navigation.
  if (window.document$) window.document$.subscribe(initAll); else initAll();
})();
