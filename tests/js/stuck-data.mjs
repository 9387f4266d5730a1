/* The English page data diagnosis.js reads (pages.stuck_data), for the tests:
 * the file ATN_STUCK_DATA names (tests/test_diagnosis.py writes it from the
 * model and runs these tests), or else the built site's /stuck/ page. */
import { readFileSync } from "node:fs";

export function stuckData() {
  if (process.env.ATN_STUCK_DATA) {
    return JSON.parse(readFileSync(process.env.ATN_STUCK_DATA, "utf-8"));
  }
  const page = readFileSync(new URL("../../site/stuck/index.html", import.meta.url), "utf-8");
  const found = /<script type="application\/json" id="atn-stuck-data">([\s\S]*?)<\/script>/.exec(page);
  if (!found) { throw new Error("no #atn-stuck-data in site/stuck/index.html: run `make build`, or set ATN_STUCK_DATA"); }
  return JSON.parse(found[1]);
}

export const CASES = JSON.parse(readFileSync(new URL("../fixtures/diagnosis-cases.json", import.meta.url), "utf-8"));

/* A case's counts, by name: {applications: 40, replies: 3, ...}. */
export function countsOf(list) {
  return Object.fromEntries(CASES.count_names.map((name, i) => [name, list[i]]));
}
