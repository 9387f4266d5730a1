/* After the No: the templates page only (templates.min.js). "Copy the
 * message" copies the words alone, so pasting into a reply puts no
 * "Subject:" into it; an email's subject line has its own small copy button.
 * Each template is folded (<details>). Nothing here opens them: the theme's
 * own script (Material for MkDocs, and Zensical's) already opens the details
 * holding the target of /templates/#<id>, on load and on a hash change, and
 * brings it into view; and opens every details for printing, closing again
 * after. Without JavaScript a template still opens with a tap on its title. */
import { copyText } from "./clipboard.js";
import { words } from "./words.js";

/* Tell screen-reader users (and everyone else) what just happened. */
function announce(button, message) {
  var status = button.parentNode.querySelector("[data-atn-status]");
  if (status) { status.textContent = message; }
}

function setUpCopyButton(button) {
  var source = document.getElementById(button.dataset.atnCopy);
  if (!source) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    copyText(source.textContent).then(
      function () { announce(button, words(button, "copied")); },
      function () { announce(button, words(button, "failed")); }
    );
  });
}

document.querySelectorAll("button[data-atn-copy]").forEach(setUpCopyButton);
