/* diagnosis.js, the one reading of "Where am I getting stuck?", held to the
 * shared table of cases (tests/fixtures/diagnosis-cases.json): every edge of
 * every rule of thumb, the sentences the answer builds, the funnel's bars,
 * the rates and the numbers that cannot be right. `node --test tests/js/`;
 * tests/test_diagnosis.py runs it under pytest. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { diagnose, funnelTexts, limitProblems, percent } from "../../assets/javascripts/diagnosis.js";
import { CASES, countsOf, stuckData } from "./stuck-data.mjs";

const DATA = stuckData();
const read = (list) => diagnose(DATA, countsOf(list));

test("the edges in the table sit on the data's rules of thumb", () => {
  const rules = Object.fromEntries(DATA.steps.map((step) => [step.id, {
    weak_below: step.weak_below, healthy_from: step.healthy_from, min_cases: step.min_cases
  }]));
  assert.deepEqual(rules, CASES.rules);
});

test("the table has every answer, at least twenty cases, and only numbers that can be right", () => {
  assert.ok(CASES.answers.length >= 20);
  assert.deepEqual(new Set(CASES.answers.map((c) => c.answer)), new Set(["reply", "interview", "final", "offer", "fine", "too-early"]));
  for (const c of CASES.answers) { assert.deepEqual(limitProblems(DATA, countsOf(c.counts)), {}, c.counts.join("-")); }
});

for (const c of CASES.answers) {
  test(`${c.counts.join("-")} is ${c.answer}: ${c.note}`, () => {
    assert.equal(read(c.counts).answer, c.answer);
  });
}

for (const c of CASES.readings) {
  test(`${c.counts.join("-")} says what the table says`, () => {
    const reading = read(c.counts);
    if ("answer" in c) { assert.equal(reading.answer, c.answer); }
    if ("title" in c) { assert.equal(reading.title, c.title); }
    if ("why_starts" in c) { assert.ok(reading.why.startsWith(c.why_starts), reading.why); }
    if ("why_has" in c) { assert.ok(reading.why.includes(c.why_has), reading.why); }
    if ("why_ends" in c) { assert.ok(reading.why.endsWith(c.why_ends), reading.why); }
    if ("too_few" in c) { assert.deepEqual(reading.tooFew, c.too_few); }
    if ("too_few_first" in c) { assert.equal(reading.tooFew[0], c.too_few_first); }
    for (const text of c.too_few_has || []) { assert.ok(reading.tooFew.includes(text), reading.tooFew.join(" | ")); }
    if ("next" in c) { assert.equal(reading.next, c.next); }
    if ("next_starts" in c) { assert.ok(reading.next.startsWith(c.next_starts), reading.next); }
    if ("next_phrase" in c) { assert.equal(reading.next, DATA.phrases[c.next_phrase]); }
  });
}

for (const c of CASES.funnels) {
  test(`the funnel for ${c.counts.join("-")} says every count and rate`, () => {
    assert.deepEqual(funnelTexts(DATA, read(c.counts)), c.bars);
  });
}

test("rates round half up to one decimal", () => {
  for (const [passed, base, text] of CASES.rates) { assert.equal(percent(passed, base), text, `${passed}/${base}`); }
});

test("numbers that cannot be right are named by field", () => {
  for (const c of CASES.impossible) {
    const problems = limitProblems(DATA, countsOf(c.counts));
    assert.deepEqual(Object.keys(problems).sort(), [...c.fields].sort(), c.counts.join("-"));
    for (const [field, message] of Object.entries(c.messages || {})) { assert.equal(problems[field], message); }
  }
});

test("different weak steps get different advice and links", () => {
  const byAnswer = new Map(CASES.answers.map((c) => [c.answer, read(c.counts).advice]));
  const advice = [...byAnswer.values()];
  for (const part of ["advice", "this_week"]) {
    assert.equal(new Set(advice.map((a) => a[part])).size, advice.length, part);
  }
  assert.equal(new Set(advice.map((a) => JSON.stringify(a.read))).size, advice.length);
  for (const a of advice) { assert.ok(a.read.length >= 2 && a.read.length <= 3); }
});
