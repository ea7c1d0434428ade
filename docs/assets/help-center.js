/* The help center's one script on every page, deferred and render-blocking (overrides/
   main.html, <head>): it runs before Material's deferred bundle and
   before the first paint. Two parts:

   1. Material for MkDocs 9.8.2's inline scripts from partials/javascripts/base.html and
      palette.html, moved here so the site runs under `script-src 'self'`. Kept as
      Material wrote them (only the scope now comes from data-md-scope):
      tests/test_widgets.py compares them with the installed Material.
   2. Our reader widgets (the refund checker, contact card, visibility explainer, "Was
      this page helpful?", the home page's search box, the Link directory's copy
      buttons). Every sentence and policy value comes from the page's markup (data-
      attributes); this script only shows, hides, copies and does the date arithmetic.
      It marks <html class="hc-js"> before the page is painted, so the style
      sheet can draw each widget's final layout from the start: nothing moves when the
      widgets start. */

/* material: partials/javascripts/base.html */
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
/* material: partials/javascripts/palette.html */
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
/* help center */
(function () {
  "use strict";
  document.documentElement.classList.add("hc-js");

  // Copies `text`; where the clipboard cannot be used (an insecure origin, a refused
  // permission) the promise is rejected and the caller selects the text instead.
  function copy(text) {
    return Promise.resolve().then(function () { return navigator.clipboard.writeText(text); });
  }

  function once(element) {
    if (element.hasAttribute("data-hc-ready")) return false;
    element.setAttribute("data-hc-ready", "");
    return true;
  }

  // Contact card: the copy button (the mailto: link works without this script). Its
  // messages come from the button's data- attributes.
  function contactCard(card) {
    var button = card.querySelector("[data-copy]");
    var status = card.querySelector("[role=status]");
    var address = card.querySelector("a");
    button.addEventListener("click", function () {
      status.textContent = "";
      copy(button.dataset.copy).then(function () { status.textContent = button.dataset.copied; }, function () {
        getSelection().selectAllChildren(address);
        status.textContent = button.dataset.copyFailed;
      });
    });
  }

  // Visibility explainer: shows the state the reader picks (preselected in the markup
  // from policy.yml's default) and hides the other one.
  function visibilityExplainer(widget) {
    var choice = widget.querySelector("fieldset");
    var states = widget.querySelectorAll("[data-visibility]");
    function update() {
      var picked = choice.querySelector("input:checked");
      states.forEach(function (state) {
        state.hidden = state.getAttribute("data-visibility") !== picked.value;
      });
    }
    if (!choice.querySelector("input:checked")) {
      choice.querySelector("input[value=" + widget.dataset.defaultVisibility + "]").checked = true;
    }
    choice.addEventListener("change", update);
    update();
  }

  // Link directory (support's page): a click puts the button's canonical URL on the
  // clipboard and says so in the page's live region; where copying fails the URL is
  // selected for Ctrl+C / Cmd+C instead.
  function linkDirectory(root) {
    var status = root.querySelector("[data-copy-status]");
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-copy-url]");
      if (!button || !root.contains(button)) return;
      var url = button.getAttribute("data-copy-url");
      copy(url).then(function () {
        button.textContent = "Copied";
        button.setAttribute("data-copied", "");
        status.textContent = "Copied " + url;
        window.setTimeout(function () {
          button.textContent = "Copy link";
          button.removeAttribute("data-copied");
        }, 2000);
      }, function () {
        getSelection().selectAllChildren(button.parentNode.querySelector(".as-link-url"));
        status.textContent = "Press Ctrl+C (Cmd+C on a Mac) to copy " + url;
      });
    });
  }

  // "Was this page helpful?": nothing is recorded or sent. Each answer shows its thanks
  // (from its data-hc-feedback-answer); "No" is a mailto: link and opens the email itself.
  function feedback(block) {
    var status = block.querySelector("[role=status]");
    block.addEventListener("click", function (event) {
      var answer = event.target.closest("[data-hc-feedback-answer]");
      if (answer) status.textContent = answer.getAttribute("data-hc-feedback-answer");
    });
  }

  // The home page's search box opens Material's search dialog, as the header's does.
  function searchButton(button) {
    button.addEventListener("click", function () {
      var toggle = document.getElementById("__search");
      var input = document.querySelector(".md-search__input");
      if (!toggle || !input) return;
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      input.focus();
    });
  }

  /* Refund checker. The money-back rule is helpcenter/content/refund_rule.py's `decide`,
     mirrored here; both run the shared vectors in tests/refund_vectors.json. Every
     version's terms come from the widget's data-versions attribute and every sentence
     from its template (helpcenter/content/templates/refund_checker.html): this part
     picks the terms in force on the day of payment and the answer, and fills in dates
     and numbers. */
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

  function refundChecker(widget) {
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

  var widgets = [
    ["[data-hc-widget=refund-checker]", refundChecker],
    ["[data-hc-widget=contact-card]", contactCard],
    ["[data-hc-widget=visibility-explainer]", visibilityExplainer],
    ["[data-link-directory]", linkDirectory],
    ["[data-hc-feedback]", feedback],
    ["[data-hc-open-search]", searchButton]
  ];

  function initAll() {
    widgets.forEach(function (widget) {
      document.querySelectorAll(widget[0]).forEach(function (element) {
        if (once(element)) widget[1](element);
      });
    });
  }

  function start() {
    // Material's document$ emits for the first page and after every instant navigation.
    if (window.document$) window.document$.subscribe(initAll); else initAll();
  }
  // This script is deferred and runs before Material's deferred bundle, which creates
  // document$: DOMContentLoaded comes after both.
  if (document.readyState === "complete") start(); else document.addEventListener("DOMContentLoaded", start);
})();
