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

  function start() {
    document.querySelectorAll("[data-atn-checklist]").forEach(setUpChecklist);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
