// A note typed during the live meeting survives the host moving on: the live fragment is
// re-rendered on every step, so each note box keeps its draft in localStorage (keyed by the
// form's address, which names the meeting, and the field) and gets it back when it reappears.
// The draft goes once the note is submitted. On blur the draft is also sent to the server
// (the form's data-draft-url), so it survives a reload on another device; saving the note
// deletes it there.
(function () {
  "use strict";
  var PREFIX = "peercircle:note-draft:";

  function keyFor(textarea) {
    var form = textarea.form;
    if (!form) return null;
    // Keyed by meeting and field, not by item: the draft follows the person to the next box.
    return PREFIX + form.getAttribute("action") + ":" + textarea.name;
  }

  function store(key, value) {
    try {
      if (value) window.localStorage.setItem(key, value);
      else window.localStorage.removeItem(key);
    } catch (e) { /* storage full or refused: the draft is simply not kept */ }
  }

  function restore(root) {
    root.querySelectorAll(".note-form textarea").forEach(function (textarea) {
      var key = keyFor(textarea);
      var draft = null;
      try { draft = key && window.localStorage.getItem(key); } catch (e) { draft = null; }
      if (draft && !textarea.value) textarea.value = draft;
    });
  }

  document.addEventListener("input", function (event) {
    var textarea = event.target;
    if (!textarea.matches || !textarea.matches(".note-form textarea")) return;
    var key = keyFor(textarea);
    if (key) store(key, textarea.value);
  });

  document.addEventListener("focusout", function (event) {
    var textarea = event.target;
    if (!textarea.matches || !textarea.matches(".note-form textarea")) return;
    var form = textarea.form;
    var url = form && form.getAttribute("data-draft-url");
    if (!url) return;
    // Leaving the box for its own Save button: the note itself is about to be saved.
    var next = event.relatedTarget;
    if (next && next.form === form && next.type === "submit") return;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var body = new URLSearchParams();
    body.set("text", textarea.value);
    if (token) body.set("csrfmiddlewaretoken", token.value);
    try {
      fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true })
        .catch(function () { /* offline: local storage still keeps it */ });
    } catch (e) { /* an old browser: local storage still keeps it */ }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches(".note-form")) return;
    form.querySelectorAll("textarea").forEach(function (textarea) {
      var key = keyFor(textarea);
      if (key) store(key, "");
    });
  }, true);

  function start() {
    restore(document);
    new MutationObserver(function () { restore(document); })
      .observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
