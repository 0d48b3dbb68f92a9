// After htmx swaps in a panel marked data-focus-after-swap, move focus to its heading so
// keyboard and screen-reader users land on the new content.
document.addEventListener("htmx:afterSwap", function (event) {
  var panel = event.detail.target.querySelector("[data-focus-after-swap]");
  if (!panel) {
    return;
  }
  var heading = panel.querySelector("[tabindex='-1']") || panel;
  heading.focus();
});
