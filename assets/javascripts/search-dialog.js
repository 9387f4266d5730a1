/* Material's search overlay is a role="dialog" with no name, so a screen
 * reader announces only "dialog". Its partial can only be extended, not
 * edited, so the name is given here, from the words on the help bar
 * (overrides/main.html). */
import { onReady } from "./ready.js";
import { words } from "./words.js";

onReady(function () {
  const label = words(document.querySelector("[data-atn-w-search]"), "search");
  if (!label) { return; }
  document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach(function (dialog) {
    dialog.setAttribute("aria-label", label);
  });
});
