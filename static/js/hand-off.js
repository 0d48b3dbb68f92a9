// "Continuing to <host>": follow the link to the institution's sign-in at once. The link is
// there for browsers without scripts; a form's redirect there would be blocked by our CSP.
"use strict";
document.querySelector("[data-hand-off]")?.click();
