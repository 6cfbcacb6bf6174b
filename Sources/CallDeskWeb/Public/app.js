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

// Live updates (Server-Sent Events from /live): parts of a page marked data-live="calls" are fetched again
// when calls are stored — a customer's timeline only when a call's number is one of the customer's
// (data-live-numbers) — and an inbound call ringing at my extension shows a screen pop.
(function () {
  if (!window.EventSource || !document.querySelector(".shell")) { return; }
  var parts = Array.prototype.slice.call(document.querySelectorAll("[data-live][id]"));
  var pending = null;
  function refresh() {
    pending = null;
    fetch(location.href, { credentials: "same-origin", headers: { "X-Live-Refresh": "1" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        parts.forEach(function (part) {
          var next = fresh.getElementById(part.id);
          if (next) { part.innerHTML = next.innerHTML; part.setAttribute("data-updated", String(Date.now())); }
        });
      })
      .catch(function () {});
  }
  function concerns(calls) {
    return parts.some(function (part) {
      var numbers = part.getAttribute("data-live-numbers");
      if (numbers === null) { return true; }
      var mine = numbers.split(" ");
      return calls.some(function (c) { return c.number && mine.indexOf(c.number) >= 0; });
    });
  }
  function text(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = value;
    return el;
  }
  function popup(data) {
    var vi = document.documentElement.lang !== "en";
    var box = document.createElement("aside");
    box.className = "inbound-pop";
    box.setAttribute("role", "alert");
    box.appendChild(text("strong", "", (vi ? "Cuộc gọi đến: " : "Incoming call: ") + data.phone));
    var c = data.customer;
    if (c) {
      var link = document.createElement("a");
      link.href = "/customers/" + c.id;
      link.textContent = c.name + (c.code ? " · " + c.code : "");
      box.appendChild(link);
      box.appendChild(text("p", "muted", (vi ? "Phụ trách: " : "Owner: ") + (c.owner || (vi ? "chưa có" : "none"))));
      box.appendChild(text("p", "", (vi ? "Đơn chưa thanh toán đủ: " : "Open orders: ") + c.open_orders +
        " · " + (vi ? "Công nợ: " : "Debt: ") + c.debt_text));
      if (c.recent_calls.length) {
        var list = document.createElement("ul");
        var directions = vi ? { outbound: "Gọi đi", inbound: "Gọi đến", internal: "Nội bộ" }
                            : { outbound: "Outbound", inbound: "Inbound", internal: "Internal" };
        c.recent_calls.forEach(function (k) {
          var talk = k.talk_seconds > 0 ? k.talk_seconds + (vi ? " giây" : " s") : (vi ? "không nghe máy" : "not answered");
          list.appendChild(text("li", "", k.started_text + " · " + (directions[k.direction] || k.direction) +
            " · " + talk + (k.user ? " · " + k.user : "")));
        });
        box.appendChild(list);
      }
    } else {
      box.appendChild(text("p", "", vi ? "Số mới — chưa có khách hàng." : "New number — no customer yet."));
      var create = document.createElement("a");
      create.href = "/customers/new?phone=" + encodeURIComponent(data.phone);
      create.className = "button primary";
      create.textContent = vi ? "Tạo khách hàng" : "Create customer";
      box.appendChild(create);
    }
    var close = text("button", "close", "×");
    close.type = "button";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    document.body.appendChild(box);
    setTimeout(function () { box.remove(); }, 60000);
  }
  var source = new EventSource("/live");
  source.addEventListener("calls", function (e) {
    var calls = JSON.parse(e.data).calls || [];
    if (parts.length && concerns(calls) && !pending) { pending = setTimeout(refresh, 150); }
  });
  source.addEventListener("inbound", function (e) { popup(JSON.parse(e.data)); });
  document.documentElement.setAttribute("data-live-ready", "1");
  source.addEventListener("open", function () { document.documentElement.setAttribute("data-live-open", "1"); });
}());

// Customer form: each phone is checked against the phone rules as it is typed, and a number another
// customer already has shows a warning linking to them (GET /customers/phone-check). Saving still works
// without this script; the server applies the same rules.
(function () {
  var form = document.getElementById("customer-form");
  if (!form || !window.fetch) return;
  var except = form.getAttribute("data-customer") || "";
  form.querySelectorAll("input[data-phone-check]").forEach(function (input) {
    var out = input.parentNode.querySelector(".phone-check");
    var timer = null;
    function check() {
      var value = input.value.trim();
      if (!out) return;
      if (!value) { out.textContent = ""; out.className = "phone-check"; return; }
      var url = "/customers/phone-check?phone=" + encodeURIComponent(value) + (except ? "&except=" + except : "");
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || input.value.trim() !== value) return;
          out.textContent = "";
          out.className = "phone-check" + (data.valid ? (data.others.length ? " warn" : " ok") : " error");
          if (!data.message) { out.textContent = "✓"; return; }
          out.appendChild(document.createTextNode(data.message + " "));
          data.others.forEach(function (other, i) {
            if (i) out.appendChild(document.createTextNode(", "));
            var label = (other.code ? other.code + " · " : "") + other.name;
            if (other.url) {
              var a = document.createElement("a");
              a.href = other.url; a.textContent = label; a.target = "_blank";
              out.appendChild(a);
            } else {
              out.appendChild(document.createTextNode(label));
            }
          });
        })
        .catch(function () {});
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 250); });
    if (input.value.trim()) check();
  });
})();

// Forms that destroy something ask first (data-confirm).
(function () {
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
})();

// Customer list: "select the whole page" and the number selected in the bulk bar.
(function () {
  var all = document.getElementById("pick-all");
  var bar = document.getElementById("bulk-form");
  if (!all || !bar) return;
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name='ids[]']"));
  var count = bar.querySelector(".bulk-count");
  var base = count ? count.textContent : "";
  function update() {
    var n = boxes.filter(function (b) { return b.checked; }).length;
    all.checked = n > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
    if (count) count.textContent = base + (n ? " (" + n + ")" : "");
  }
  all.addEventListener("change", function () {
    boxes.forEach(function (b) { b.checked = all.checked; });
    update();
  });
  boxes.forEach(function (b) { b.addEventListener("change", update); });
  update();
})();
