/* After the No: "Copy link", so an adviser can send a client to one exact
 * part of the guide.
 *
 * The controls are written into the pages at build time (macros/templates/
 * share.html.j2, overrides/main.html, the adviser page): real links to the
 * part they name, with an empty status beside them. This script only wires
 * the click, so nothing on the page moves when it runs. Without it, a click
 * follows the link and the part's address shows in the address bar.
 *
 * A link to "#anchor" copies the page's canonical address (from site_url) plus
 * the anchor, so a link copied from a preview still points at the published
 * guide; a control that names a full address in data-atn-copy-link (the
 * adviser page) copies that. */
import { onReady } from "./ready.js";
import { copyText } from "./clipboard.js";
import { words } from "./words.js";

var SHOW_FOR_MS = 4000;

function pageAddress() {
  var canonical = document.querySelector('link[rel="canonical"]');
  var href = canonical ? canonical.href : window.location.href;
  return href.split("#")[0];
}

function addressOf(control) {
  var named = control.getAttribute("data-atn-copy-link");
  if (named) { return named; }
  var anchor = (control.getAttribute("href") || "").split("#")[1];
  return pageAddress() + (anchor ? "#" + anchor : "");
}

function wire(control, page) {
  var status = control.parentNode.querySelector("[data-atn-copy-status]");
  var timer = null;
  control.addEventListener("click", function (event) {
    var url = addressOf(control);
    event.preventDefault();
    copyText(url).then(
      function () { status.textContent = words(page, "copied"); },
      function () {
        // Put the part's address in the address bar, where it can be copied by hand.
        var anchor = url.split("#")[1];
        if (!control.getAttribute("data-atn-copy-link")) {
          if (window.history.replaceState) {
            window.history.replaceState(null, "", anchor ? "#" + anchor : window.location.pathname);
          }
          status.textContent = words(page, "bar");
        } else {
          status.textContent = words(page, "select");
        }
      }
    );
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { status.textContent = ""; }, SHOW_FOR_MS);
  });
}

function start() {
  // The words are on the page's address at its foot (overrides/main.html).
  var page = document.querySelector("[data-atn-w-copied]");
  document.querySelectorAll("[data-atn-copy-link]").forEach(function (control) { wire(control, page); });
}

onReady(start);
