/* After the No: small progressive enhancements. No third-party code.
 * Everything a reader ticks or types stays in this browser (localStorage). */
(function () {
  "use strict";

  /* localStorage, never throwing. When this browser will not store anything
   * (blocked, private mode, full), the inline guard in overrides/main.html
   * gives the page a memory-only stand-in and sets window.atnStorageBlocked;
   * either way store.failed turns true and store.onFail callbacks tell the
   * reader, next to where they tick or type. */
  var failures = [];
  var store = {
    failed: false,
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { fail(); return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { fail(); return false; }
      if (window.atnStorageBlocked) { fail(); return false; }
      return true;
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { fail(); }
    },
    keys: function () {
      var keys = [];
      try {
        for (var i = 0; i < window.localStorage.length; i += 1) { keys.push(window.localStorage.key(i)); }
      } catch (e) { fail(); }
      return keys;
    },
    onFail: function (callback) {
      if (store.failed) { callback(); } else { failures.push(callback); }
    }
  };

  function fail() {
    if (store.failed) { return; }
    store.failed = true;
    failures.splice(0).forEach(function (callback) { callback(); });
  }

  if (window.atnStorageBlocked) { store.failed = true; }

  /* Show a storage notice (data-atn-storage-note) inside root when nothing can be kept. */
  function noticeStorage(root) {
    var note = root.querySelector("[data-atn-storage-note]");
    if (note) { store.onFail(function () { note.hidden = false; }); }
  }

  /* A renamed stage or worksheet keeps what its readers stored: the page
   * carries [old prefix, new prefix] pairs from the redirect map (mkdocs.yml),
   * and each stored key under an old prefix moves once to the new one, unless
   * the new key already holds something. */
  function moveRenamedKeys() {
    var source = document.querySelector("script[data-atn-key-moves]");
    if (!source) { return; }
    var moves;
    try { moves = JSON.parse(source.textContent); } catch (e) { return; }
    if (!Array.isArray(moves)) { return; }
    moves.forEach(function (move) {
      if (!Array.isArray(move) || typeof move[0] !== "string" || typeof move[1] !== "string" || !move[0]) { return; }
      store.keys().forEach(function (key) {
        if (key.indexOf(move[0]) !== 0) { return; }
        var moved = move[1] + key.slice(move[0].length);
        var value = store.get(key);
        if (store.get(moved) === null && value !== null && !store.set(moved, value)) { return; }
        store.remove(key);
      });
    });
  }

  moveRenamedKeys();

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

  /* The words an enhancement shows are written into the page, in the page's
   * language, as data-atn-w-<key> on the enhancement's own root element;
   * {name} blanks are filled from values. */
  function words(root, key, values) {
    var text = (root && root.getAttribute("data-atn-w-" + key)) || "";
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  }

  window.atn = { copyText: copyText, store: store, noticeStorage: noticeStorage, words: words };

  function setUpChecklist(list) {
    var boxes = list.querySelectorAll("input[data-atn-key]");
    var show = function (box) { box.checked = store.get(box.dataset.atnKey) === "1"; };
    boxes.forEach(function (box) {
      show(box);
      box.addEventListener("change", function () {
        if (box.checked) { store.set(box.dataset.atnKey, "1"); } else { store.remove(box.dataset.atnKey); }
      });
    });
    // Another tab ticked or cleared something: show it here too.
    window.addEventListener("storage", function (event) {
      boxes.forEach(function (box) { if (event.key === null || event.key === box.dataset.atnKey) { show(box); } });
    });
    noticeStorage(list);
    var clear = list.querySelector("[data-atn-clear]");
    if (clear) {
      clear.hidden = false;
      clear.addEventListener("click", function () {
        var ticked = Array.prototype.some.call(boxes, function (box) { return box.checked; });
        if (!ticked || !window.confirm(words(clear, "confirm"))) { return; }
        boxes.forEach(function (box) { box.checked = false; store.remove(box.dataset.atnKey); });
      });
    }
  }

  /* Material's search overlay is a role="dialog" with no name, so a screen
   * reader announces only "dialog". Its partial can only be extended, not
   * edited, so the name is given here. */
  function nameSearchDialog() {
    var label = words(document.querySelector("[data-atn-w-search]"), "search");
    if (!label) { return; }
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach(function (dialog) {
      dialog.setAttribute("aria-label", label);
    });
  }

  function start() {
    nameSearchDialog();
    document.querySelectorAll("[data-atn-checklist]").forEach(setUpChecklist);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
