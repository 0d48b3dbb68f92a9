// After htmx swaps new content in (an edit form, a saved card), keyboard focus moves to it
// instead of being dropped on <body>: an element the content marks with autofocus, else the
// first field of its form, else its heading. A swap that answers typing elsewhere (live
// guidance beside a text box) leaves the focus where the person is typing. A page or swap
// with an error summary or a confirmation puts focus there first.
(function () {
  "use strict";
  var FOCUSABLE = "input:not([type=hidden]), select, textarea, button, a[href], [tabindex]";
  var EDITABLE = "input:not([type=hidden]):not([type=radio]):not([type=checkbox]), textarea, select";

  function swappedContent(detail) {
    var target = detail.target;
    if (target && target.isConnected) return target;
    // An outerHTML swap replaced the target: find its successor by id.
    var id = detail.requestConfig && detail.requestConfig.target && detail.requestConfig.target.id;
    return (id && document.getElementById(id)) || (target && target.id && document.getElementById(target.id));
  }

  function typingElsewhere(content) {
    var active = document.activeElement;
    return active && active !== document.body && active.isConnected &&
      active.matches(EDITABLE) && !content.contains(active);
  }

  // After a failed submit focus goes to the error summary (its links lead to the fields);
  // after a save, to the confirmation. Both for full page loads and htmx swaps.
  function summaryOrConfirmation(root) {
    var place = root.querySelector("[data-error-summary]") ||
      root.querySelector(".messages[role=status], [role=status].message");
    if (!place) return false;
    if (!place.hasAttribute("tabindex")) place.setAttribute("tabindex", "-1");
    place.focus();
    return true;
  }

  function onLoad() { summaryOrConfirmation(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onLoad);
  else onLoad();

  document.addEventListener("htmx:afterSettle", function (event) {
    var content = swappedContent(event.detail);
    if (!content || typingElsewhere(content)) return;
    if (summaryOrConfirmation(content)) return;
    var place = content.querySelector("[autofocus]");
    if (!place) {
      var form = content.querySelector("form");
      place = form ? form.querySelector(FOCUSABLE) : null;
    }
    if (!place) {
      place = content.querySelector("h1, h2, h3") || content.querySelector(FOCUSABLE);
    }
    if (!place) return;
    if (!place.matches(FOCUSABLE)) place.setAttribute("tabindex", "-1");
    place.focus();
  });
})();
