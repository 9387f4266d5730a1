/* After the No: route pages only. Following a link in the plan keeps, in
 * this tab only (sessionStorage), where it came from: way-back.js shows
 * "Part of: <route>, step N of M" on the page it opens. Nothing is sent. */
import { writeJSON } from "./store.js";
import { words } from "./words.js";

document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".atn-route__item a[href]");
  if (!link) { return; }
  var item = link.closest("li");
  var items = Array.prototype.slice.call(document.querySelectorAll(".atn-route__item"));
  var plan = link.closest("[data-atn-w-part]");
  // When this tab keeps nothing, no way back is shown.
  writeJSON("atn:from-route", {
    title: document.querySelector("article h1").textContent.trim(),
    back: location.pathname + "#" + item.id,
    step: items.indexOf(item) + 1,
    of: items.length,
    to: new URL(link.href).pathname,
    // The way back's words, in this page's language (route_page.md.j2).
    words: {
      part: words(plan, "part"),
      top: words(plan, "top"),
      end: words(plan, "end")
    }
  }, "session");
});
