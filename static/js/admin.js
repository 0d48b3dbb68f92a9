// Django's filter widget (SelectFilter2.js) puts an aria-label on a bare <span> search icon,
// which assistive technology ignores: give it the image role the label needs. The widget
// builds itself on window load, so this runs just after.
window.addEventListener("load", () => {
  setTimeout(() => {
    document.querySelectorAll("span.search-label-icon[aria-label]").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  }, 0);
});
