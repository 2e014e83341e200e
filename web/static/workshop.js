/* smartcheck workshops: small enhancements. Every workshop page works without this file. */
(function () {
  "use strict";

  // A second click on Submit while the first is on its way would store the same text twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "ws-form") { return; }
    var button = event.submitter;
    if (!button || button.id !== "ws-submit") { return; }
    if (form.getAttribute("data-sending") === "1") { event.preventDefault(); return; }
    form.setAttribute("data-sending", "1");
    button.setAttribute("aria-disabled", "true");
    button.textContent = "Submitting…";
  });

  // Join codes are shown as ABC-123; accept them typed in lower case with or without the dash.
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || input.id !== "code" || !input.classList.contains("ws-code-input")) { return; }
    var start = input.selectionStart;
    input.value = input.value.toUpperCase();
    if (typeof start === "number") { input.setSelectionRange(start, start); }
  });

  // The page came back from the cache (back button): allow submitting again.
  window.addEventListener("pageshow", function () {
    var form = document.getElementById("ws-form");
    if (form) { form.removeAttribute("data-sending"); }
  });
})();
