// Copy buttons on the Link directory page (docs/support-links.md): a click puts the
// button's canonical URL on the clipboard and says so in the page's live region, so
// screen-reader users hear it too. Where the clipboard is not available (an insecure
// origin, a refused permission) the URL is selected for Ctrl+C / Cmd+C instead.
(function () {
  "use strict";

  function announce(root, message) {
    var status = root.querySelector("[data-copy-status]");
    if (status) {
      status.textContent = message;
    }
  }

  function selectUrl(button) {
    var code = button.parentNode.querySelector(".as-link-url");
    if (code && window.getSelection) {
      window.getSelection().selectAllChildren(code);
    }
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return Promise.reject(new Error("clipboard unavailable"));
  }

  function setUp(root) {
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-copy-url]");
      if (!button || !root.contains(button)) {
        return;
      }
      var url = button.getAttribute("data-copy-url");
      copy(url).then(function () {
        button.textContent = "Copied";
        button.setAttribute("data-copied", "");
        announce(root, "Copied " + url);
        window.setTimeout(function () {
          button.textContent = "Copy link";
          button.removeAttribute("data-copied");
        }, 2000);
      }, function () {
        selectUrl(button);
        announce(root, "Press Ctrl+C (Cmd+C on a Mac) to copy " + url);
      });
    });
  }

  document.querySelectorAll("[data-link-directory]").forEach(setUp);
})();
