/* Refund eligibility checker. The money-back rule is helpcenter/content/refund_rule.py's
   `decide`, mirrored here; both run the shared vectors in tests/refund_vectors.json.
   Every version's terms come from the widget's data-versions attribute and every
   sentence from its template (helpcenter/content/templates/refund_checker.html): this
   script only picks the terms in force on the day of payment, the answer, and fills in
   dates and numbers. */
(function () {
  "use strict";
  var DAY_MS = 864e5;
  // Dates a reader can mean: a year typed as 9999 (or 20260) is a typo, not a payment.
  var FIRST_DAY = "2000-01-01", LAST_DAY = "2999-12-31";

  // Calendar dates are counted as whole days since 1970-01-01 in UTC, so daylight-saving
  // changes never shift the arithmetic. The reader's time zone only decides "today".
  function toDay(iso) {
    var m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso || "");
    if (!m) return null;
    var day = Date.UTC(+m[1], m[2] - 1, +m[3]) / DAY_MS;
    // Date.UTC quietly rolls 30 February over: refuse it.
    return toIso(day) === iso ? day : null;
  }

  // A day a reader entered: a date, and one a payment can be on.
  function readerDay(iso) {
    return iso >= FIRST_DAY && iso <= LAST_DAY ? toDay(iso) : null;
  }

  function toIso(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function localToday(now) {
    now = now || new Date();
    return toIso(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS);
  }

  // The terms in force on the day of payment; before the first version, the first's.
  function termsOn(versions, paidOn) {
    var chosen = versions[0];
    versions.forEach(function (terms) {
      if (terms.first_day <= paidOn && terms.first_day >= chosen.first_day) chosen = terms;
    });
    return chosen;
  }

  // null when either day is not one a reader can mean (the form then asks again).
  function decide(versions, paidOn, askedOn) {
    var paid = readerDay(paidOn), asked = readerDay(askedOn);
    if (paid === null || asked === null) return null;
    var terms = termsOn(versions, paidOn), last = paid + terms.window_days;
    var eligible = paid <= asked && asked <= last;
    return {
      eligible: eligible,
      last_day_to_ask: toIso(last),
      days_since_payment: asked - paid,
      refund_paid_by: eligible ? toIso(asked + terms.processing_days) : null,
      terms_first_day: terms.first_day
    };
  }

  // "1 March 2026", as the page prose writes dates (helpcenter/content/phrases.py long_date).
  function longDate(iso) {
    return new Date(toDay(iso) * DAY_MS).toLocaleDateString("en-GB",
      { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  }

  function init(widget) {
    if (widget.hcReady) return;
    widget.hcReady = true;
    var data = widget.dataset, form = widget.querySelector("form");
    var versions = JSON.parse(data.versions);
    var paid = form.elements["paid-on"], asked = form.elements["asked-on"];
    var answer = widget.querySelector("[role=status]");
    var note = widget.querySelector("[data-version-note]");

    function fill(slot, iso) {
      widget.querySelectorAll("[data-slot=" + slot + "]").forEach(function (el) {
        el.dateTime = iso;
        el.textContent = longDate(iso);
      });
    }

    function say(slot, text) {
      widget.querySelectorAll("[data-slot=" + slot + "]").forEach(function (el) {
        el.textContent = text;
      });
    }

    function update() {
      var state = "ask-first", terms = null;
      var d = decide(versions, paid.value, asked.value);
      if (d !== null) {
        terms = termsOn(versions, paid.value);
        state = d.days_since_payment < 0 ? "asked-before-paid" : d.eligible ? "inside" : "outside";
        fill("last-day-to-ask", d.last_day_to_ask);
        fill("asked-on", asked.value);
        if (d.eligible) fill("refund-paid-by", d.refund_paid_by);
        say("window-days", String(terms.window_days));
        say("window-phrase", terms.window_phrase);
        say("processing-phrase", terms.processing_phrase);
        widget.querySelector("[data-slot=mailto]").href = data.mailto
          .replace(data.paidOnPlaceholder, encodeURIComponent(longDate(paid.value)))
          .replace(data.windowPlaceholder, String(terms.window_days));
      }
      answer.querySelectorAll("[data-answer]").forEach(function (el) {
        el.hidden = el.getAttribute("data-answer") !== state;
      });
      var otherTerms = terms && !terms.current && (state === "inside" || state === "outside");
      note.hidden = !otherTerms;
      if (otherTerms) {
        fill("version-from", terms.first_day);
        note.querySelector("[data-version-until]").hidden = !terms.last_day;
        if (terms.last_day) fill("version-to", terms.last_day);
        note.querySelector("[data-slot=version-link]").href = terms.href;
      }
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
