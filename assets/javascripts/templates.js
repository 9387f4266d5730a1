/* After the No: the templates page only (templates.min.js). "Copy the
 * message" copies the words alone, so pasting into a reply puts no
 * "Subject:" into it; an email's subject line has its own small copy button.
 * Each template is folded (<details>): a link to /templates/#<id> opens the
 * template it points to, on load, on a hash change and on a click of a link
 * to the hash already in the address bar; printing prints every template open.
 * Needs atn.js first (window.atn.copyText). */
(function () {
  "use strict";

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
      window.atn.copyText(source.textContent).then(
        function () { announce(button, button.dataset.atnCopied || "Copied. Paste it into your message and change the parts in [brackets]."); },
        function () { announce(button, "Copying did not work here. Select the text and copy it yourself."); }
      );
    });
  }

  document.querySelectorAll("button[data-atn-copy]").forEach(setUpCopyButton);

  /* The folded template holding the element a hash names, opened and in view. */
  function openTarget(hash) {
    var id;
    try { id = decodeURIComponent((hash || "").slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    var template = target && target.closest("details[data-atn-template]");
    if (!template) { return; }
    template.open = true;
    /* The template's own heading is not shown (its summary is): show the summary. */
    (target.parentNode === template && target.tagName === "H3" ? template : target).scrollIntoView();
  }

  openTarget(location.hash);
  window.addEventListener("hashchange", function () { openTarget(location.hash); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#']");
    if (link && link.pathname === location.pathname && link.hash === location.hash) { openTarget(link.hash); }
  });

  /* Print every template open; put back the ones that were closed after. */
  var closedBeforePrint = [];
  window.addEventListener("beforeprint", function () {
    closedBeforePrint = Array.prototype.filter.call(
      document.querySelectorAll("details[data-atn-template]"), function (d) { return !d.open; });
    closedBeforePrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedBeforePrint.forEach(function (d) { d.open = false; });
    closedBeforePrint = [];
  });
})();
