/* "Keep this guide on this device" (macros/templates/offline_control.html.j2).
 * No worker is registered until the reader presses the button; then the
 * browser stores every file of this copy (offline-worker.js, written after the
 * build by macros/offline.py). "Remove from this device" unregisters it and
 * deletes this copy's caches, and no other's. The size shown comes from the
 * built list of files (offline.json). Nothing is sent anywhere. */
import { words } from "./words.js";

function setUp(box) {
  var root = new URL(box.getAttribute("data-atn-offline-root"), window.location.href).href;
  var prefix = box.getAttribute("data-atn-offline-prefix");
  var keep = box.querySelector("[data-atn-offline-keep]");
  var remove = box.querySelector("[data-atn-offline-remove]");
  var size = box.querySelector("[data-atn-offline-size]");
  var status = box.querySelector("[data-atn-offline-status]");

  function say(text) { status.textContent = text; }
  /* The box carries its own words (offline_control.html.j2). */
  function w(key, values) { return words(box, key, values); }

  function show(kept) {
    keep.hidden = kept;
    remove.hidden = !kept;
    keep.disabled = false;
    remove.disabled = false;
  }

  if (!("serviceWorker" in navigator) || !window.caches || !window.isSecureContext) {
    size.textContent = w("cannot");
    return;
  }

  function megabytes(bytes) {
    var mb = bytes / 1000000;
    return (mb < 1 ? mb.toFixed(1) : Math.round(mb * 10) / 10) + " MB";
  }

  fetch(root + "offline.json").then(function (response) {
    return response.ok ? response.json() : Promise.reject(new Error(String(response.status)));
  }).then(function (list) {
    if (!list || !Array.isArray(list.files) || typeof list.bytes !== "number") { throw new Error("not a list"); }
    size.textContent = w("size", { count: list.files.length, size: megabytes(list.bytes) });
  }).catch(function () {
    size.textContent = w("all");
  });

  /* This copy's own registration: never one of a copy in a folder above it. */
  function ours() {
    return navigator.serviceWorker.getRegistration(root).then(function (registration) {
      return registration && registration.scope === root ? registration : null;
    });
  }

  function activated(registration) {
    return new Promise(function (resolve, reject) {
      var worker = registration.installing || registration.waiting;
      if (!worker) { resolve(); return; }
      worker.addEventListener("statechange", function () {
        if (worker.state === "activated") { resolve(); }
        if (worker.state === "redundant") { reject(new Error("not kept")); }
      });
    });
  }

  ours().then(function (registration) {
    show(Boolean(registration));
    if (registration) {
      say(w("is-kept"));
      // A newer build of the guide replaces the stored one (and its cache).
      registration.update().catch(function () {});
    }
  });

  keep.addEventListener("click", function () {
    keep.disabled = true;
    say(w("saving"));
    navigator.serviceWorker.register(root + "offline-worker.js", { scope: root, updateViaCache: "none" })
      .then(activated)
      .then(function () {
        show(true);
        remove.focus();
        say(w("kept"));
      }, function () {
        keep.disabled = false;
        say(w("not-kept"));
      });
  });

  remove.addEventListener("click", function () {
    remove.disabled = true;
    ours().then(function (registration) {
      return registration ? registration.unregister() : true;
    }).then(function () {
      return window.caches.keys();
    }).then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf(prefix) === 0; })
        .map(function (name) { return window.caches.delete(name); }));
    }).then(function () {
      show(false);
      keep.focus();
      say(w("removed"));
    }, function () {
      remove.disabled = false;
      say(w("not-removed"));
    });
  });
}

const box = document.querySelector("[data-atn-offline]");
if (box) { setUp(box); }
