/* After the No: the way back to a route (GOV.UK's step-by-step "Part of").
 * Following a link in a route's plan keeps, in this tab only
 * (sessionStorage), the route's title and address, the item's number and
 * the page the link opens (route-plan.js, on route pages only, writes it).
 * That page then shows "Part of: <route>, step N of
 * M" with a link back, at its top and at its end. Nothing leaves the
 * browser: no query string, nothing sent. Deferred: the page is parsed. */
import { readJSON } from "./store.js";

function showWayBack() {
  var from = readJSON("atn:from-route", null, "session");
  var title = document.querySelector("article h1");
  // A damaged or older record shows nothing.
  if (!from || typeof from !== "object" || !title || from.to !== location.pathname) { return; }
  var said = from.words;
  if (!said || typeof said !== "object" || typeof from.title !== "string" || typeof from.back !== "string" ||
      !/^\/[^\s]*$/.test(from.back) || [said.part, said.top, said.end].some(function (w) { return typeof w !== "string" || !w; }) ||
      said.part.indexOf("{route}") < 0) { return; }
  ["top", "end"].forEach(function (where) {
    var nav = document.createElement("nav");
    var link = document.createElement("a");
    nav.className = "atn-way-back atn-way-back--" + where;
    nav.setAttribute("aria-label", where === "top" ? said.top : said.end);
    link.href = from.back;
    link.textContent = from.title;
    var part = said.part.replace("{n}", String(from.step)).replace("{of}", String(from.of)).split("{route}");
    nav.append(part[0], link, part.slice(1).join(""));
    var end = document.querySelector("article .atn-page-address");
    if (where === "top") { title.before(nav); } else if (end) { end.before(nav); } else { title.parentNode.append(nav); }
  });
}

showWayBack();
