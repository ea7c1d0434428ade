/* Visibility explainer: shows the state the reader picks (preselected from
   policy.yml's default, in data-default-visibility) and hides the other one.
   Sentences live in macros/templates/visibility_explainer.html. */
(function () {
  "use strict";

  function init(widget) {
    if (widget.hcReady) return;
    widget.hcReady = true;
    var choice = widget.querySelector("fieldset");
    var states = widget.querySelectorAll("[data-visibility]");

    function update() {
      var picked = choice.querySelector("input:checked");
      states.forEach(function (el) {
        el.hidden = el.getAttribute("data-visibility") !== picked.value;
      });
    }

    if (!choice.querySelector("input:checked")) {
      choice.querySelector("input[value=" + widget.dataset.defaultVisibility + "]").checked = true;
    }
    choice.addEventListener("change", update);
    choice.hidden = false;
    update();
  }

  function initAll() {
    document.querySelectorAll("[data-hc-widget=visibility-explainer]").forEach(init);
  }
  if (window.document$) window.document$.subscribe(initAll); else initAll();
})();
