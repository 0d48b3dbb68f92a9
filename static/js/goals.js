// The goal form: a date found in the goal's text fills the due date, unless the member
// picked a date themselves; the one-tap rewrite replaces the text in place. Without this
// file both still work through the server (an empty due date takes the text's date; the
// rewrite button re-shows the form with the new wording).
(function () {
  "use strict";

  function dueInput(form) {
    return form ? form.querySelector("input[name='due_on']") : null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-goal-form]").forEach(function (form) {
      var due = dueInput(form);
      if (due && due.value) {
        due.dataset.memberSet = "1"; // a date already there is the member's: never replace it
      }
    });
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.name === "due_on" && target.closest("form[data-goal-form]")) {
      target.dataset.memberSet = target.value ? "1" : "";
      delete target.dataset.fromText;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var form = event.target instanceof Element ? event.target.closest("form[data-goal-form]") : null;
    var due = dueInput(form);
    if (!due || due.dataset.memberSet === "1") {
      return;
    }
    var found = form.querySelector("[data-deadline]");
    if (found) {
      due.value = found.dataset.deadline;
      due.dataset.fromText = "1";
    } else if (due.dataset.fromText) {
      due.value = ""; // the date left the text, so it leaves the field too
      delete due.dataset.fromText;
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[name='use_rewrite']") : null;
    var text = button ? document.querySelector("form[data-goal-form] textarea[name='text']") : null;
    if (!text) {
      return;
    }
    event.preventDefault();
    text.value = button.value;
    text.focus(); // the member tapped to rewrite: the words to fill in are where they go next
    text.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
