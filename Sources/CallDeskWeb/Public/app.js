// CallDesk: small enhancements only; every form works without this file.
"use strict";
(function () {
  // Report filters: choosing a preset fills its two dates; editing a date switches to "custom".
  var form = document.getElementById("report-filters");
  if (!form) { return; }
  var today = form.getAttribute("data-today");
  function iso(d) { return d.toISOString().slice(0, 10); }
  function range(preset) {
    var t = new Date(today + "T00:00:00Z");
    var y = t.getUTCFullYear(), m = t.getUTCMonth();
    switch (preset) {
      case "today": return [t, t];
      case "yesterday": var d = new Date(t); d.setUTCDate(d.getUTCDate() - 1); return [d, d];
      case "last_7_days": var s = new Date(t); s.setUTCDate(s.getUTCDate() - 6); return [s, t];
      case "this_month": return [new Date(Date.UTC(y, m, 1)), new Date(Date.UTC(y, m + 1, 0))];
      case "last_month": return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 0))];
      default: return null;
    }
  }
  ["created", "calls"].forEach(function (name) {
    var preset = form.elements[name + "_preset"], from = form.elements[name + "_from"], to = form.elements[name + "_to"];
    if (!preset || !from || !to) { return; }
    preset.addEventListener("change", function () {
      var r = range(preset.value);
      if (r) { from.value = iso(r[0]); to.value = iso(r[1]); }
    });
    [from, to].forEach(function (input) {
      input.addEventListener("change", function () { preset.value = "custom"; });
    });
  });
  // The dates are what the server reads; the presets would override them, so send them only when chosen.
  form.addEventListener("submit", function () {
    ["created", "calls"].forEach(function (name) {
      var preset = form.elements[name + "_preset"];
      if (preset && preset.value === "custom") { preset.disabled = true; }
    });
  });
}());
