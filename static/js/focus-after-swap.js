// After htmx swaps new content in (an edit form, a saved card), keyboard focus moves to it
// instead of being dropped on <body>: its heading, or else its first focusable element.
(function () {
  "use strict";
  var FOCUSABLE = "input:not([type=hidden]), select, textarea, button, a[href], [tabindex]";

  function swappedContent(detail) {
    var target = detail.target;
    if (target && target.isConnected) return target;
    // An outerHTML swap replaced the target: find its successor by id.
    var id = detail.requestConfig && detail.requestConfig.target && detail.requestConfig.target.id;
    return (id && document.getElementById(id)) || (target && target.id && document.getElementById(target.id));
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var content = swappedContent(event.detail);
    if (!content) return;
    var form = content.querySelector("form");
    var place = form ? form.querySelector(FOCUSABLE) : null;
    if (!place) {
      place = content.querySelector("h1, h2, h3") || content.querySelector(FOCUSABLE);
      if (place && !place.matches(FOCUSABLE)) place.setAttribute("tabindex", "-1");
    }
    if (place) place.focus();
  });
})();
