/* Checklists (macros/templates/checklist.html.j2, route pages): each tick is
 * kept in this browser under the box's data-atn-key. */
import { onReady } from "./ready.js";
import { noticeStorage, store } from "./store.js";
import { words } from "./words.js";

function setUpChecklist(list) {
  const boxes = list.querySelectorAll("input[data-atn-key]");
  const show = function (box) { box.checked = store.get(box.dataset.atnKey) === "1"; };
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
  const clear = list.querySelector("[data-atn-clear]");
  if (clear) {
    clear.hidden = false;
    clear.addEventListener("click", function () {
      const ticked = Array.prototype.some.call(boxes, function (box) { return box.checked; });
      if (!ticked || !window.confirm(words(clear, "confirm"))) { return; }
      boxes.forEach(function (box) { box.checked = false; store.remove(box.dataset.atnKey); });
    });
  }
}

onReady(function () {
  document.querySelectorAll("[data-atn-checklist]").forEach(setUpChecklist);
});
