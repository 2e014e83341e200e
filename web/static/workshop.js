/* smartcheck workshops: small enhancements. Every workshop page works without this file. */
(function () {
  "use strict";

  // Choosing "My own exercise" opens its form; choosing a set closes it again (the fields keep
  // what was typed). Without JS the form is a <details> the facilitator opens by hand.
  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (!radio || radio.name !== "source" || radio.type !== "radio") { return; }
    var own = document.querySelector("details.ws-adhoc");
    if (!own) { return; }
    own.open = radio.value === "adhoc";
    if (own.open) {
      var first = own.querySelector("#ex_weak");
      if (first && event.isTrusted) { own.scrollIntoView({block: "nearest"}); }
    }
  });

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
