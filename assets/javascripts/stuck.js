/* "Where am I getting stuck?": reads the reader's five numbers as four steps of
 * a funnel and names the earliest step below its line. The rules, the words and the
 * links come from the page's JSON (#atn-stuck-data), made from data/guide.yml;
 * the reading itself is diagnosis.js. The form needs this script: without
 * JavaScript it stays hidden and the paper table is the page's reading.
 * The numbers stay in this browser (localStorage "atn:stuck:<name>"). */
import { diagnose, fill, funnelTexts, limitProblems } from "./diagnosis.js";
import { onReady } from "./ready.js";
import { pageJSON, store } from "./store.js";
import { words } from "./words.js";

function element(tag, className, text) {
  var node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text != null) { node.textContent = text; }
  return node;
}

/* One bar per count, each as wide as its share of the applications; the
 * list's text (count, rate, verdict) is the picture's text alternative. */
function drawFunnel(data, reading, counts) {
  var list = element("ol", "atn-funnel");
  list.setAttribute("aria-label", words(stuckForm(), "steps"));
  function bar(text, count, status) {
    var item = element("li", "atn-funnel__item" + (status ? " atn-funnel__item--" + status : ""));
    item.appendChild(element("span", "atn-funnel__text", text));
    var track = element("span", "atn-funnel__track");
    var fillBar = element("span", "atn-funnel__bar");
    fillBar.style.width = (counts.applications ? Math.min(100, 100 * count / counts.applications) : 0) + "%";
    track.setAttribute("aria-hidden", "true");
    track.appendChild(fillBar);
    item.appendChild(track);
    list.appendChild(item);
  }
  var texts = funnelTexts(data, reading);
  bar(texts[0], reading.steps[0].base, null);
  reading.steps.forEach(function (r, i) { bar(texts[i + 1], r.passed, r.status); });
  return list;
}

function showAnswer(data, result, reading, counts) {
  result.textContent = "";
  var heading = element("h2", "atn-stuck__result-title", reading.title);
  heading.id = "your-weak-step";
  var parts = [drawFunnel(data, reading, counts)];
  var advice = element("p", "atn-stuck__advice", reading.advice.advice);
  var week = element("p", "atn-stuck__week");
  week.append(element("strong", null, words(stuckForm(), "week") + " "), reading.advice.this_week);
  var readHead = element("p", "atn-stuck__read-title", words(stuckForm(), "read"));
  var links = element("ul", "atn-stuck__read");
  reading.advice.read.forEach(function (target) {
    var link = element("a", null, target.text);
    link.href = target.href;
    var item = element("li");
    item.appendChild(link);
    links.appendChild(item);
  });
  parts.push(advice, week, readHead, links);
  if (reading.tooFew.length) {
    parts.push(element("p", "atn-stuck__few-title", words(stuckForm(), "few")));
    var few = element("ul", "atn-stuck__few");
    reading.tooFew.forEach(function (text) { few.appendChild(element("li", null, text)); });
    parts.push(few);
  }
  parts.push(element("p", "atn-stuck__next", reading.next));
  /* The body prints in two balanced columns, so the answer fits one page. */
  var body = element("div", "atn-stuck__body");
  body.append.apply(body, parts);
  result.dataset.answer = reading.answer;
  result.append(heading, element("p", "atn-stuck__why", reading.why), body);
  /* The answer is below the form (on a phone, under the keyboard too): take
   * the reader there, and tell a screen reader where they are. */
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: "start" });
}

/* The form carries the words the answer adds (stuck.html.j2). */
function stuckForm() { return document.querySelector("[data-atn-stuck]"); }

function setUp(form) {
  var data = pageJSON("#atn-stuck-data", null);
  if (!data) { return; }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[type=number]"));
  var result = form.querySelector("[data-atn-stuck-result]");
  var byName = {};
  inputs.forEach(function (input) { byName[input.name] = input; });
  form.hidden = false;

  function errorOf(input) { return document.getElementById(input.id + "-error"); }

  function clearErrors() {
    inputs.forEach(function (input) {
      var note = errorOf(input);
      note.textContent = "";
      note.hidden = true;
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", input.id + "-hint");
    });
  }

  function markError(input, message) {
    var note = errorOf(input);
    if (!note.hidden) { return; }
    note.textContent = message;
    note.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", note.id + " " + input.id + "-hint");
  }

  inputs.forEach(function (input) {
    var saved = store.get("atn:stuck:" + input.name);
    if (saved !== null) { input.value = saved; }
    input.addEventListener("input", function () {
      if (input.value === "") { store.remove("atn:stuck:" + input.name); } else { store.set("atn:stuck:" + input.name, input.value); }
    });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    delete result.dataset.answer;
    var counts = {};
    var bad = [];
    inputs.forEach(function (input) {
      var value = Number(input.value);
      var problem = null;
      if (input.validity.badInput) { problem = "not_whole"; }
      else if (input.value.trim() === "") { problem = "empty"; }
      else if (!Number.isInteger(value)) { problem = "not_whole"; }
      else if (value < 0) { problem = "negative"; }
      if (problem) { markError(input, fill(data, problem)); bad.push(input); }
      counts[input.name] = value;
    });
    if (!bad.length) {
      var problems = limitProblems(data, counts);
      Object.keys(problems).forEach(function (name) {
        markError(byName[name], problems[name]);
        bad.push(byName[name]);
      });
    }
    if (bad.length) {
      result.textContent = fill(data, "check_fields");
      bad[0].focus();
      return;
    }
    showAnswer(data, result, diagnose(data, counts), counts);
  });

  form.querySelector("[data-atn-stuck-clear]").addEventListener("click", function () {
    inputs.forEach(function (input) { input.value = ""; store.remove("atn:stuck:" + input.name); });
    clearErrors();
    result.textContent = "";
    delete result.dataset.answer;
  });
}

function start() {
  document.querySelectorAll("form[data-atn-stuck]").forEach(setUp);
}

onReady(start);
