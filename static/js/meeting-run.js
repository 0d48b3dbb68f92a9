// The live meeting page: follows the host within two seconds, counts down locally, keeps
// the host's phone awake. Without this file the page still works: every button is a form.
//
// The server keeps the timer as absolute times with a version number; this script polls
// the small state endpoint each second, estimates how far this device's clock is from the
// server's (from the quickest round trip it has seen), and reloads the live fragment when
// the version changes. A member typing a note is never pulled forward.
(function () {
  "use strict";

  setUpAgendaTotal();
  var root = document.getElementById("run");
  if (!root) return;

  var stateUrl = root.getAttribute("data-state-url");
  var panelUrl = root.getAttribute("data-panel-url");
  var offset = 0; // server clock minus this device's clock, in ms
  var bestRoundTrip = Infinity;
  var polling = false;
  var etag = ""; // the last state's version, sent back so an unchanged state costs little
  var lastAnnounced = "";
  var wakeLock = null;

  function live() { return document.getElementById("run-live"); }
  function serverNow() { return Date.now() + offset; }

  // The quickest exchange gives the best estimate; the bar rises slowly so drift is followed.
  function measure(sent, received, serverMs) {
    var roundTrip = received - sent;
    bestRoundTrip = bestRoundTrip * 1.05 + 1;
    if (roundTrip <= bestRoundTrip) {
      bestRoundTrip = roundTrip;
      offset = serverMs - (sent + received) / 2;
    }
  }

  function poll() {
    if (polling) return;
    polling = true;
    var sent = Date.now();
    var headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag; // unchanged: 304, nothing to apply
    fetch(stateUrl, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) return null;
        etag = response.headers.get("ETag") || "";
        return response.json();
      })
      .then(function (state) { if (state) { measure(sent, Date.now(), state.now); apply(state); } })
      .catch(function () { /* offline for a moment: the next poll catches up */ })
      .then(function () { polling = false; });
  }

  function apply(state) {
    var current = live();
    if (current && (String(state.v) !== current.getAttribute("data-version") ||
        String(state.r || 0) !== current.getAttribute("data-revision"))) refresh(false);
    (state.items || []).forEach(function (item) {
      var row = document.getElementById("item-" + item.id);
      var slot = row && row.querySelector(".agenda-projected");
      if (!slot) return;
      var text = item.projected === null || item.projected === undefined ? "" : "→ now " + item.projected + " min";
      if (slot.textContent !== text) slot.textContent = text;
    });
  }

  function typing() {
    var work = document.getElementById("run-work");
    if (!work) return false;
    var active = document.activeElement;
    if (work.contains(active) && (active.tagName === "TEXTAREA" || (active.tagName === "INPUT" && active.type === "text"))) return true;
    return Array.prototype.some.call(work.querySelectorAll("textarea"), function (area) { return area.value.trim() !== ""; });
  }

  function focusKey() {
    var active = document.activeElement;
    if (!active || !live() || !live().contains(active)) return null;
    if (active.id) return "#" + CSS.escape(active.id);
    if (active.name) return active.tagName.toLowerCase() + '[name="' + active.name + '"][value="' + active.value + '"]';
    return "#now-title";
  }

  function refresh(force) {
    return fetch(panelUrl, { headers: { "HX-Request": "true" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html) swap(html, force); });
  }

  function swap(html, force) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var fresh = template.content.getElementById("run-live");
    var old = live();
    if (!fresh || !old) return;
    var key = focusKey();
    var moved = document.getElementById("run-moved");
    if (!force && typing()) {
      // Keep what the member is writing; swap everything around it.
      ["run-status", "run-agenda"].forEach(function (id) {
        var a = document.getElementById(id), b = fresh.querySelector("#" + id);
        if (a && b) a.replaceWith(b);
      });
      old.setAttribute("data-version", fresh.getAttribute("data-version"));
      old.setAttribute("data-revision", fresh.getAttribute("data-revision"));
      old.setAttribute("data-status", fresh.getAttribute("data-status"));
      if (moved) moved.hidden = false;
    } else {
      old.replaceWith(fresh);
      if (moved) moved.hidden = true;
    }
    if (key) {
      var target = document.querySelector(key) || document.getElementById("now-title");
      if (target) {
        if (target.id === "now-title") target.setAttribute("tabindex", "-1");
        target.focus();
      }
    }
    lastAnnounced = "";
    tick();
    keepAwake();
  }

  function clock(left) {
    var over = left < 0;
    var whole = over ? Math.floor(-left) : Math.ceil(left);
    var text = Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
    return over ? interpolate(gettext("+%(time)s over"), { time: text }, true) : text;
  }

  function announce(left, status) {
    var region = document.getElementById("timer-announce");
    if (!region || status !== "running") return;
    var secs = Math.ceil(left);
    var message = "";
    if (secs <= 0) message = gettext("Time's up");
    else if (secs === 10 || secs === 5) message = interpolate(ngettext("%(count)s second left", "%(count)s seconds left", secs), { count: secs }, true);
    else if (secs % 60 === 0) message = interpolate(ngettext("%(count)s minute left", "%(count)s minutes left", secs / 60), { count: secs / 60 }, true);
    if (message && message !== lastAnnounced) {
      lastAnnounced = message;
      region.textContent = message;
    }
  }

  function tick() {
    var el = document.getElementById("countdown");
    if (!el) return;
    var status = el.getAttribute("data-status");
    var endsAt = el.getAttribute("data-ends-at");
    var left = status === "running" && endsAt ? (Number(endsAt) - serverNow()) / 1000 : Number(el.getAttribute("data-remaining"));
    var text = clock(left);
    if (el.textContent !== text) el.textContent = text;
    var over = left < 0;
    el.classList.toggle("is-over", over);
    var stateText = document.getElementById("timer-state-text");
    var icon = document.querySelector("#timer-state .timer-icon");
    var label = status === "paused" ? gettext("Paused") : over ? gettext("Time's up: over time") : gettext("Running");
    if (stateText && stateText.textContent !== label) stateText.textContent = label;
    if (icon) icon.textContent = status === "paused" ? "⏸" : over ? "⚠" : "▶";
    var overtime = document.getElementById("overtime-controls");
    if (overtime) overtime.hidden = !over;
    // One set of controls: during overrun "Move on" and "One more minute" stand in for these.
    document.querySelectorAll("[data-on-time-only]").forEach(function (button) {
      button.hidden = over;
    });
    announce(left, status);
  }

  function keepAwake() {
    var current = live();
    var wanted = current && current.getAttribute("data-host") === "1" &&
      ["running", "paused"].indexOf(current.getAttribute("data-status")) >= 0;
    if (!("wakeLock" in navigator)) return;
    if (wanted && !wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").then(function (lock) {
        wakeLock = lock;
        lock.addEventListener("release", function () { wakeLock = null; });
      }).catch(function () { /* refused (battery saver): the page still works */ });
    } else if (!wanted && wakeLock) {
      wakeLock.release();
    }
  }

  function showError(message) {
    var box = document.getElementById("run-error");
    if (!box) return;
    box.textContent = message;
    box.hidden = !message;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-run-form]")) return;
    event.preventDefault();
    var data = new FormData(form, event.submitter || undefined);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": data.get("csrfmiddlewaretoken") },
    })
      .then(function (response) { return response.json(); })
      .then(function (reply) {
        showError(reply.error || "");
        if (!reply.error) form.querySelectorAll("textarea").forEach(function (area) { area.value = ""; });
        // Not forced: a note being written elsewhere on the page is kept.
        return refresh(false);
      })
      .catch(function () { showError(gettext("No connection: try again in a moment.")); });
  });

  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-autosubmit")) form.requestSubmit();
  });

  var catchUp = document.getElementById("run-catch-up");
  if (catchUp) catchUp.addEventListener("click", function () { refresh(true); });
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") { poll(); keepAwake(); } });

  poll();
  tick();
  keepAwake();
  setInterval(poll, 1000);
  setInterval(tick, 250);

  // The agenda editor: the total follows the minutes as they are typed.
  function setUpAgendaTotal() {
    var total = document.querySelector("[data-agenda-total]");
    if (!total) return;
    document.addEventListener("input", function (event) {
      if (!event.target.hasAttribute("data-agenda-minutes")) return;
      var sum = 0;
      document.querySelectorAll("[data-agenda-minutes]").forEach(function (input) { sum += Number(input.value) || 0; });
      total.textContent = String(sum);
    });
  }
})();
