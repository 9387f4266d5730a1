/* After the No: route pages only. Following a link in the plan keeps, in
 * this tab only (sessionStorage), where it came from: way-back.js shows
 * "Part of: <route>, step N of M" on the page it opens. Nothing is sent. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".atn-route__item a[href]");
    if (!link) { return; }
    var item = link.closest("li");
    var items = Array.prototype.slice.call(document.querySelectorAll(".atn-route__item"));
    var plan = link.closest("[data-atn-w-part]");
    try {
      window.sessionStorage.setItem("atn:from-route", JSON.stringify({
        title: document.querySelector("article h1").textContent.trim(),
        back: location.pathname + "#" + item.id,
        step: items.indexOf(item) + 1,
        of: items.length,
        to: new URL(link.href).pathname,
        // The way back's words, in this page's language (route_page.md.j2).
        words: {
          part: window.atn.words(plan, "part"),
          top: window.atn.words(plan, "top"),
          end: window.atn.words(plan, "end")
        }
      }));
    } catch (e) { /* this tab keeps nothing: no way back shown */ }
  });

})();
