/* Contact card: the copy button (the mailto: link works without this script).
   Its messages come from the button's data- attributes. */
(function () {
  "use strict";

  function init(card) {
    if (card.hcReady) return;
    card.hcReady = true;
    var button = card.querySelector("[data-copy]");
    var status = card.querySelector("[role=status]");
    var address = card.querySelector("a");

    button.addEventListener("click", function () {
      status.textContent = "";
      Promise.resolve()
        .then(function () { return navigator.clipboard.writeText(button.dataset.copy); })
        .then(function () { status.textContent = button.dataset.copied; }, function () {
          // No clipboard access (an insecure origin, a refused permission): select the
          // address so the reader can copy it with the keyboard.
          getSelection().selectAllChildren(address);
          status.textContent = button.dataset.copyFailed;
        });
    });
    button.hidden = false;
  }

  function initAll() {
    document.querySelectorAll("[data-hc-widget=contact-card]").forEach(init);
  }
  if (window.document$) window.document$.subscribe(initAll); else initAll();
})();
