/* The help center's one script on every page, loaded early in <body> (overrides/
   partials/javascripts/palette.html). Two parts:

   1. Material for MkDocs 9.8.2's inline scripts from partials/javascripts/base.html and
      palette.html, moved here so the site runs under `script-src 'self'`. Kept as
      Material wrote them (only the scope now comes from data-md-scope):
      tests/test_widgets.py compares them with the installed Material.
   2. Our reader widgets (contact card, visibility explainer, "Was this page helpful?",
      the home page's search box, the Link directory's copy buttons). Every sentence and
      policy value comes from the page's markup (data- attributes); this script only
      shows, hides and copies. It marks <html class="hc-js"> at once, before the page
      is painted, so the style sheet can draw each widget's final layout from the start:
      nothing moves when the widgets start. The refund checker has its own script
      (assets/widgets/refund-checker.js), loaded only on pages with the checker. */

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

  var widgets = [
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
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
