/* smartcheck: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";
  var STORE = "smartcheck.draft";
  var FIELDS = ["text", "state", "year", "issue"];

  function $(sel, root) { return (root || document).querySelector(sel); }

  function save(form) {
    try {
      var data = {};
      FIELDS.forEach(function (name) {
        var el = form.elements[name];
        if (el) { data[name] = el.value; }
      });
      localStorage.setItem(STORE, JSON.stringify(data));
    } catch (e) { /* storage may be disabled: the URL still keeps the draft */ }
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { return null; }
  }

  function submit(form) {
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
  }

  function updateCount() {
    var text = $("#text"), count = $("#char-count");
    if (text && count) { count.textContent = String(text.value.length); }
  }

  function flash(button, message) {
    var old = button.textContent;
    button.textContent = message;
    setTimeout(function () { button.textContent = old; }, 1500);
  }

  function copyText(button) {
    var target = $(button.getAttribute("data-copy"));
    if (!target) { return; }
    var value = /^(TEXTAREA|INPUT)$/.test(target.tagName) ? target.value : target.textContent.trim();
    var done = function () { flash(button, "Copied"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(done, function () { fallbackCopy(value); done(); });
    } else {
      fallbackCopy(value);
      done();
    }
  }

  function fallbackCopy(value) {
    var area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  function useSuggestion(button) {
    var form = $("#draft-form"), text = $("#text");
    if (!form || !text) { return false; }
    text.value = button.getAttribute("data-use");
    updateCount();
    save(form);
    submit(form);
    text.focus();
    text.scrollIntoView({ block: "center" });
    return true;
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) { return; }
    var copy = target.closest("[data-copy]");
    if (copy) { event.preventDefault(); copyText(copy); return; }
    var use = target.closest("[data-use]");
    if (use && window.htmx && useSuggestion(use)) { event.preventDefault(); return; }
    if (target.closest("#clear-draft")) {
      var form = $("#draft-form");
      FIELDS.forEach(function (name) { if (form.elements[name]) { form.elements[name].value = ""; } });
      try { localStorage.removeItem(STORE); } catch (e) { /* ignore */ }
      updateCount();
      submit(form);
      $("#text").focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (el) {
      el.hidden = false;
    });
    var form = $("#draft-form");
    if (!form) { return; }
    form.addEventListener("input", function () { updateCount(); save(form); });
    var text = $("#text");
    var saved = load();
    var inUrl = new URLSearchParams(window.location.search).has("text");
    if (text && !text.value && !inUrl && saved && saved.text) {
      FIELDS.forEach(function (name) {
        if (form.elements[name] && saved[name]) { form.elements[name].value = saved[name]; }
      });
      updateCount();
      // Let htmx finish wiring the form first, so the check goes through it.
      setTimeout(function () { submit(form); }, 0);
    } else if (text && text.value) {
      save(form);
    }
  });
})();
