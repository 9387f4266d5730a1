/* store.js's readJSON: a stored value that is absent, damaged or unreadable
 * gives the fallback, never a thrown error. A stand-in window, no browser. */
import { test } from "node:test";
import assert from "node:assert/strict";

const kept = new Map();
globalThis.document = { documentElement: { getAttribute: () => null } };
globalThis.window = {
  localStorage: { getItem: (key) => (kept.has(key) ? kept.get(key) : null), setItem: (key, value) => kept.set(key, String(value)) },
  get sessionStorage() { throw new Error("this browser keeps nothing"); }
};
const { readJSON, writeJSON } = await import("../../assets/javascripts/store.js");

test("an absent value gives the fallback", () => {
  assert.deepEqual(readJSON("atn:none", { a: 1 }), { a: 1 });
});

test("a damaged or null value gives the fallback", () => {
  kept.set("atn:bad", "{not json");
  kept.set("atn:null", "null");
  assert.equal(readJSON("atn:bad", "fallback"), "fallback");
  assert.equal(readJSON("atn:null", "fallback"), "fallback");
});

test("a stored value comes back as written", () => {
  assert.equal(writeJSON("atn:good", { step: 2 }), true);
  assert.deepEqual(readJSON("atn:good", null), { step: 2 });
});

test("storage the browser will not open gives the fallback, and writing says it failed", () => {
  assert.equal(readJSON("atn:from-route", null, "session"), null);
  assert.equal(writeJSON("atn:from-route", { step: 1 }, "session"), false);
});
