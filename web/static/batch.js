/* Check a file: drag and drop onto the file field, and upload progress. The form works without it. */
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }

  function showName(input) {
    var label = $("drop-name");
    if (!label) { return; }
    var file = input.files && input.files[0];
    label.textContent = file ? "Selected: " + file.name : "";
    label.hidden = !file;
  }

  function setup() {
    var zone = $("dropzone"), input = $("file");
    if (!zone || !input) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".batch-upload .js-only"), function (el) {
      if (el.id !== "drop-name") { el.hidden = false; }
    });
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("is-over");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("is-over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = event.dataTransfer && event.dataTransfer.files;
      if (!files || !files.length) { return; }
      try {
        var transfer = new DataTransfer();
        transfer.items.add(files[0]);
        input.files = transfer.files;
      } catch (e) {
        input.files = files;
      }
      showName(input);
    });
    input.addEventListener("change", function () { showName(input); });
  }

  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = $("upload-progress"), label = $("progress-label");
    var detail = event.detail || {};
    if (!bar || !detail.lengthComputable || !detail.total) { return; }
    var percent = Math.round(100 * detail.loaded / detail.total);
    bar.value = percent;
    if (label) {
      label.textContent = percent < 100 ? "Uploading… " + percent + "%"
        : "Checking the recommendations… long files take a few seconds.";
    }
    if (percent >= 100) { bar.removeAttribute("value"); }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.target && event.target.id === "batch-form") {
      var bar = $("upload-progress");
      if (bar) { bar.value = 0; }
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
}());
