/* After the No: "Copy link" buttons, so an adviser can send a client to one
 * exact part of the guide. Needs atn.js (loaded first) for copyText.
 *
 * Headings get a button only when their anchor is in the page's list of
 * permanent anchors (written by overrides/main.html from the data), so no
 * one copies an id that was derived from heading text and may change.
 * Addresses start from the page's canonical URL (site_url), so a link copied
 * from a preview still points at the published guide. */
(function () {
  "use strict";

  var SHOW_FOR_MS = 4000;

  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var href = canonical ? canonical.href : window.location.href;
    return href.split("#")[0];
  }

  function headingFor(element) {
    if (/^H[1-6]$/.test(element.tagName)) { return element; }
    return element.querySelector("h2, h3, h4");
  }

  function makeButton(url, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "atn-button atn-copy-link__button";
    button.textContent = "Copy link";
    button.setAttribute("aria-label", "Copy link: " + name);
    button.setAttribute("data-atn-copy-link", url);
    return button;
  }

  /* A status next to each button: visible, and announced by screen readers. */
  function statusAfter(button) {
    var status = document.createElement("span");
    status.className = "atn-copy-link__status";
    status.setAttribute("role", "status");
    button.insertAdjacentElement("afterend", status);
    return status;
  }

  function wire(button) {
    var status = statusAfter(button);
    var timer = null;
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-atn-copy-link");
      window.atn.copyText(url).then(
        function () { status.textContent = "Link copied"; },
        function () {
          // Put the part's address in the address bar, where it can be copied by hand.
          var anchor = url.split("#")[1];
          if (button.hasAttribute("data-atn-heading") && window.history.replaceState) {
            window.history.replaceState(null, "", anchor ? "#" + anchor : window.location.pathname);
            status.textContent = "Copying did not work here. Copy the address from your address bar.";
          } else {
            status.textContent = "Copying did not work here. Select the address and copy it yourself.";
          }
        }
      );
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { status.textContent = ""; }, SHOW_FOR_MS);
    });
  }

  /* Heading and button share a row (a wrapper, so the button stays out of
   * the heading's accessible name and the table of contents). */
  function addAfter(heading, button) {
    button.setAttribute("data-atn-heading", "");
    var row = document.createElement("div");
    row.className = "atn-copy-link";
    heading.parentNode.insertBefore(row, heading);
    row.appendChild(heading);
    row.appendChild(button);
  }

  function addHeadingButtons() {
    var list = document.querySelector("script[data-atn-anchors]");
    var article = document.querySelector("article");
    if (!article || !list) { return; }
    var base = pageAddress();
    var title = article.querySelector("h1");
    if (title) {
      addAfter(title, makeButton(base, "this page, " + title.textContent.trim()));
    }
    var anchors = [];
    try { anchors = JSON.parse(list.textContent); } catch (e) { anchors = []; }
    anchors.forEach(function (id) {
      var target = document.getElementById(id);
      var heading = target && headingFor(target);
      if (!heading) { return; }
      addAfter(heading, makeButton(base + "#" + id, heading.textContent.trim()));
    });
  }

  function start() {
    if (!window.atn || !window.atn.copyText) { return; }
    addHeadingButtons();
    document.querySelectorAll("button[data-atn-copy-link]").forEach(wire);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
