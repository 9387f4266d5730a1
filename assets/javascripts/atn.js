/* After the No: small progressive enhancements. No third-party code.
 * Everything a reader ticks or types stays in this browser (localStorage). */
(function () {
  "use strict";

  var store = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: ticks last for this visit only */ }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
    }
  };

  /* Copy text to the clipboard. navigator.clipboard needs a secure context,
   * so a plain-http copy of the site falls back to a selected textarea. */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      // Selecting the hidden textarea takes focus; give keyboard users their place back.
      var focused = document.activeElement;
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "atn-offscreen";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      document.body.removeChild(area);
      if (focused && focused.focus) { focused.focus(); }
      if (copied) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

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
        function () { announce(button, "Copied. Paste it into your message and change the parts in [brackets]."); },
        function () { announce(button, "Copying did not work here. Select the text and copy it yourself."); }
      );
    });
  }

  window.atn = { copyText: copyText, store: store };

  function setUpChecklist(list) {
    var boxes = list.querySelectorAll("input[data-atn-key]");
    boxes.forEach(function (box) {
      box.checked = store.get(box.dataset.atnKey) === "1";
      box.addEventListener("change", function () {
        if (box.checked) { store.set(box.dataset.atnKey, "1"); } else { store.remove(box.dataset.atnKey); }
      });
    });
    var clear = list.querySelector("[data-atn-clear]");
    if (clear) {
      clear.hidden = false;
      clear.addEventListener("click", function () {
        boxes.forEach(function (box) { box.checked = false; store.remove(box.dataset.atnKey); });
      });
    }
  }

  /* Material's search overlay is a role="dialog" with no name, so a screen
   * reader announces only "dialog". Its partial can only be extended, not
   * edited, so the name is given here. */
  function nameSearchDialog() {
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search this guide");
    });
  }

  function start() {
    nameSearchDialog();
    document.querySelectorAll("[data-atn-checklist]").forEach(setUpChecklist);
    document.querySelectorAll("button[data-atn-copy]").forEach(setUpCopyButton);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
