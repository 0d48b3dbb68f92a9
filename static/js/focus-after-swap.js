// After htmx swaps a section in place, move keyboard and screen-reader focus to it, so the
// person hears what changed (the section replaced by an outerHTML swap is found by its id).
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail && event.detail.target;
  if (!target || !target.id) return;
  var fresh = document.getElementById(target.id);
  if (!fresh) return;
  if (!fresh.hasAttribute("tabindex")) fresh.setAttribute("tabindex", "-1");
  fresh.focus({ preventScroll: false });
});
