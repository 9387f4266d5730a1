/* localStorage, never throwing. When this browser will not store anything
 * (blocked, private mode, full), the inline guard in the page's head
 * (storage-guard.js) gives the page a memory-only stand-in and marks <html>
 * with data-atn-storage="blocked"; either way store.failed turns true and
 * store.onFail callbacks tell the reader, next to where they tick or type. */

const failures = [];

function blocked() {
  return document.documentElement.getAttribute("data-atn-storage") === "blocked";
}

function fail() {
  if (store.failed) { return; }
  store.failed = true;
  failures.splice(0).forEach(function (callback) { callback(); });
}

export const store = {
  // Pure: a bundle that uses only readJSON or writeJSON leaves this object out.
  failed: /* @__PURE__ */ blocked(),
  get: function (key) {
    try { return window.localStorage.getItem(key); } catch (e) { fail(); return null; }
  },
  set: function (key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { fail(); return false; }
    if (blocked()) { fail(); return false; }
    return true;
  },
  remove: function (key) {
    try { window.localStorage.removeItem(key); } catch (e) { fail(); }
  },
  keys: function () {
    const keys = [];
    try {
      for (let i = 0; i < window.localStorage.length; i += 1) { keys.push(window.localStorage.key(i)); }
    } catch (e) { fail(); }
    return keys;
  },
  onFail: function (callback) {
    if (store.failed) { callback(); } else { failures.push(callback); }
  }
};

/* A value stored as JSON in localStorage or sessionStorage ("session"): the
 * fallback when nothing is stored, the text is damaged, or the browser will
 * not let the page read it. Never throws. */
export function readJSON(key, fallback, where) {
  try {
    const text = (where === "session" ? window.sessionStorage : window.localStorage).getItem(key);
    const value = text === null ? null : JSON.parse(text);
    return value === null ? fallback : value;
  } catch (e) {
    return fallback;
  }
}

/* Store a value as JSON; false when the browser keeps nothing. */
export function writeJSON(key, value, where) {
  try {
    (where === "session" ? window.sessionStorage : window.localStorage).setItem(key, JSON.stringify(value));
    return true;
  } catch (e) {
    return false;
  }
}

/* JSON the page carries in a <script> (found by selector): the fallback when
 * it is absent or damaged. */
export function pageJSON(selector, fallback) {
  const source = document.querySelector(selector);
  if (!source) { return fallback; }
  try { return JSON.parse(source.textContent); } catch (e) { return fallback; }
}

/* Show a storage notice (data-atn-storage-note) inside root when nothing can be kept. */
export function noticeStorage(root) {
  const note = root.querySelector("[data-atn-storage-note]");
  if (note) { store.onFail(function () { note.hidden = false; }); }
}
