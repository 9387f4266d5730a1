/* After the No: worksheets. No third-party code, no requests.
 *
 * Answers stay in this browser: localStorage key "atn:ws:<worksheet>:<field id>",
 * so an answer typed on a worksheet page also shows in the workbook.
 * "Save my answers" writes a JSON file; "Load answers" checks the whole file
 * before it changes anything, so a wrong or damaged file changes nothing, and
 * asks first when the file would replace or empty answers typed here.
 * Each answer is stored alone, when it changes, and a change made in another
 * tab shows here at once (the storage event), so no tab writes over a newer
 * answer with an old one. */
import { onReady } from "./ready.js";
import { noticeStorage, store } from "./store.js";
import { words } from "./words.js";

var APP = "after-the-no";
var VERSION = 1;
var PREFIX = "atn:ws:";
var MAX_FILE_BYTES = 1000000;
var MAX_ANSWER_CHARS = 20000;

/* On paper every typed answer prints whole: its printed copy wraps and its
 * row grows (worksheets.css). Only when the sheet would then run past its
 * one page do the answers shrink, a step at a time; past the smallest size
 * long answers are cut to whole lines and the sheet says so. */
var SHEET_SIZES = ["", "atn-sheet--fit-1", "atn-sheet--fit-2", "atn-sheet--fit-3"];
var SHEET_CUT = "atn-sheet--cut";
var PAPER_CUT = "atn-field__paper--cut";

function kindOf(el) {
  if (el.tagName === "FIELDSET") {
    return el.classList.contains("atn-field--scale") ? "scale" : "yesno";
  }
  return el.type === "date" ? "date" : "text";
}

function fieldsIn(root) {
  var fields = [];
  root.querySelectorAll("[data-atn-sheet]").forEach(function (sheet) {
    sheet.querySelectorAll("[data-atn-field]").forEach(function (el) {
      fields.push({
        sheet: sheet.dataset.atnSheet,
        id: el.id,
        el: el,
        kind: kindOf(el),
        key: PREFIX + sheet.dataset.atnSheet + ":" + el.id
      });
    });
  });
  return fields;
}

function getValue(field) {
  if (field.el.tagName === "FIELDSET") {
    var checked = field.el.querySelector("input:checked");
    return checked ? checked.value : "";
  }
  return field.el.value;
}

function overflows(sheet) {
  var fields = sheet.querySelector(".atn-sheet__fields");
  return fields.scrollHeight > fields.clientHeight + 1;
}

/* Cut one long answer to the whole lines its fixed box holds. */
function cutPaper(paper, answer) {
  if (answer.scrollHeight <= answer.clientHeight + 1) { return; }
  paper.classList.add(PAPER_CUT);
  var lines = Math.floor(answer.clientHeight / parseFloat(window.getComputedStyle(answer).lineHeight));
  answer.style.setProperty("-webkit-line-clamp", String(Math.max(lines, 1)));
}

/* Fit a sheet to its printed page; on screen, undo it. */
function fitSheet(sheet, printing) {
  SHEET_SIZES.concat(SHEET_CUT).forEach(function (name) { if (name) { sheet.classList.remove(name); } });
  sheet.querySelectorAll("." + PAPER_CUT).forEach(function (paper) { paper.classList.remove(PAPER_CUT); });
  sheet.querySelectorAll(".atn-field__answer").forEach(function (answer) { answer.style.removeProperty("-webkit-line-clamp"); });
  if (!printing) { return; }
  for (var i = 0; i < SHEET_SIZES.length; i += 1) {
    if (SHEET_SIZES[i]) { sheet.classList.add(SHEET_SIZES[i]); }
    if (!overflows(sheet)) { return; }
    if (SHEET_SIZES[i]) { sheet.classList.remove(SHEET_SIZES[i]); }
  }
  sheet.classList.add(SHEET_SIZES[SHEET_SIZES.length - 1], SHEET_CUT);
  sheet.querySelectorAll(".atn-field__paper--filled").forEach(function (paper) {
    cutPaper(paper, paper.querySelector(".atn-field__answer"));
  });
}

/* data-atn-fitted says which medium the sheet was last fitted for, so a
 * print preview (or a test) can tell the fitting has been done. */
function fitSheets(printing) {
  document.querySelectorAll("[data-atn-sheet]").forEach(function (sheet) {
    fitSheet(sheet, printing);
    sheet.dataset.atnFitted = printing ? "print" : "screen";
  });
}

/* The print rules of every stylesheet this page may read. */
function printRules() {
  var found = [];
  var walk = function (rules) {
    Array.prototype.forEach.call(rules, function (rule) {
      if (rule.media && rule.media.mediaText === "print") { found.push(rule); }
      if (rule.cssRules) { walk(rule.cssRules); }
    });
  };
  Array.prototype.forEach.call(document.styleSheets, function (sheet) {
    try { walk(sheet.cssRules); } catch (e) { /* another host's sheet: none load here */ }
  });
  return found;
}

/* "beforeprint" comes while the page is still laid out for the screen, and
 * a browser lays out the printed pages straight after it. So for a moment
 * the print rules apply on screen too: the sheet is measured as it will
 * print, fitted, and the rules put back, all before anything is drawn. */
function fitForPrint() {
  var rules = printRules();
  rules.forEach(function (rule) { rule.media.mediaText = "all"; });
  try { fitSheets(true); } finally {
    rules.forEach(function (rule) { rule.media.mediaText = "print"; });
  }
}

/* Show the value on screen and on the printed copy. */
function paint(field, value) {
  if (value) { field.el.setAttribute("data-atn-filled", ""); } else { field.el.removeAttribute("data-atn-filled"); }
  var answer = field.el.parentNode.querySelector("[data-atn-paper='" + field.id + "']");
  if (answer) {
    answer.textContent = value;
    if (answer.classList.contains("atn-field__answer")) {
      answer.parentNode.classList.toggle("atn-field__paper--filled", value !== "");
    }
  }
}

function setValue(field, value) {
  if (field.el.tagName === "FIELDSET") {
    field.el.querySelectorAll("input[type=radio]").forEach(function (radio) { radio.checked = radio.value === value; });
  } else {
    field.el.value = value;
  }
  paint(field, value);
}

function keep(field, value) {
  if (value) { store.set(field.key, value); } else { store.remove(field.key); }
}

/* A real calendar day written yyyy-mm-dd, as a date field gives it (not 2026-02-31). */
function isDate(value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.slice(0, 4) === "0000") { return false; }
  var day = new Date(value + "T00:00:00Z");
  return !isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

function watch(field) {
  var update = function () {
    var value = getValue(field);
    keep(field, value);
    paint(field, value);
  };
  field.el.addEventListener("input", update);
  field.el.addEventListener("change", update);
}

/* Check a saved file against the fields on this page. Returns
 * {answers, targets} (the fields the file replaces) or {error}; nothing is
 * changed here. */
function check(text, scope, fields, w) {
  var data;
  try { data = JSON.parse(text); } catch (e) {
    return { error: w("unreadable") };
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.app !== APP) {
    return { error: w("not-ours") };
  }
  if (data.version !== VERSION) {
    return { error: w("version", { version: String(data.version) }) };
  }
  var onPage = {};
  fields.forEach(function (field) { onPage[field.sheet] = true; });
  var fits = data.worksheet === scope || (scope === "workbook" && onPage[data.worksheet] === true);
  if (typeof data.worksheet !== "string" || !fits) {
    return { error: w("other", { worksheet: String(data.worksheet) }) };
  }
  var answers = data.answers;
  if (!answers || typeof answers !== "object" || Array.isArray(answers)) {
    return { error: w("empty") };
  }
  var byId = {};
  fields.forEach(function (field) {
    if (data.worksheet === "workbook" || field.sheet === data.worksheet) { byId[field.id] = field; }
  });
  var problems = [];
  Object.keys(answers).forEach(function (id) {
    var field = Object.prototype.hasOwnProperty.call(byId, id) ? byId[id] : null;
    var value = answers[id];
    if (!field) { problems.push(w("no-question", { id: id })); return; }
    if (typeof value !== "string" || value.length > MAX_ANSWER_CHARS) { problems.push(w("damaged", { id: id })); return; }
    var ok = value === "" ||
      (field.kind === "scale" && /^([1-9]|10)$/.test(value)) ||
      (field.kind === "yesno" && /^(yes|no)$/.test(value)) ||
      (field.kind === "date" && isDate(value)) ||
      field.kind === "text";
    if (!ok) { problems.push(w("unfit", { id: id })); }
  });
  if (problems.length) {
    var first = problems.slice(0, 3).join(", ");
    var listed = problems.length > 3 ? w("more", { problems: first, count: problems.length - 3 }) : first;
    return { error: w("problems", { problems: listed }) };
  }
  return { answers: answers, targets: Object.keys(byId).map(function (id) { return byId[id]; }) };
}

function download(name, text) {
  var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  var link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.className = "atn-offscreen";
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  // Revoked later: some browsers start the download after click() returns.
  window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
}

function setUpTools(tools, fields) {
  var scope = tools.dataset.atnWsTools;
  var status = tools.querySelector("[data-atn-ws-status]");
  var error = tools.querySelector("[data-atn-ws-error]");
  var file = tools.querySelector("[data-atn-ws-file]");
  // The words come from the tools' own element (worksheet_tools.html.j2).
  var w = function (key, values) { return words(tools, key, values); };
  var say = function (message) { error.textContent = ""; status.textContent = message; };
  var warn = function (message) { status.textContent = ""; error.textContent = w("unchanged", { problem: message }); };

  tools.querySelector("[data-atn-ws-buttons]").hidden = false;
  noticeStorage(tools);

  tools.querySelector("[data-atn-ws-save]").addEventListener("click", function () {
    var answers = {};
    fields.forEach(function (field) {
      var value = getValue(field);
      if (value) { answers[field.id] = value; }
    });
    var name = "after-the-no-" + scope + "-answers.json";
    var data = { app: APP, version: VERSION, worksheet: scope, answers: answers };
    download(name, JSON.stringify(data, null, 2) + "\n");
    say(w("saved", { file: name }));
  });

  tools.querySelector("[data-atn-ws-load]").addEventListener("click", function () { file.click(); });
  file.addEventListener("change", function () {
    var chosen = file.files && file.files[0];
    file.value = "";
    if (!chosen) { return; }
    if (chosen.size > MAX_FILE_BYTES) { warn(w("too-big")); return; }
    chosen.text().then(function (text) {
      var result = check(text, scope, fields, w);
      if (result.error) { warn(result.error); return; }
      var replaced = result.targets.filter(function (field) {
        var now = getValue(field);
        return now !== "" && now !== (result.answers[field.id] || "");
      }).length;
      var question = replaced === 1 ? w("replace-one") : w("replace", { count: replaced });
      if (replaced && !window.confirm(question)) {
        say(w("not-loaded"));
        return;
      }
      result.targets.forEach(function (field) {
        var value = result.answers[field.id] || "";
        setValue(field, value);
        keep(field, value);
      });
      say(w("loaded", { file: chosen.name }));
    }, function () { warn(w("unread")); });
  });

  tools.querySelector("[data-atn-ws-clear]").addEventListener("click", function () {
    if (!window.confirm(w("clear"))) {
      say(w("not-cleared"));
      return;
    }
    fields.forEach(function (field) { setValue(field, ""); keep(field, ""); });
    say(w("cleared"));
  });

  tools.querySelector("[data-atn-ws-print]").addEventListener("click", function () { window.print(); });
}

function start() {
  var fields = fieldsIn(document);
  fields.forEach(function (field) {
    setValue(field, store.get(field.key) || "");
    watch(field);
  });
  // Another tab changed an answer (or cleared them all): show it here too.
  window.addEventListener("storage", function (event) {
    fields.forEach(function (field) {
      if (event.key === null || event.key === field.key) { setValue(field, store.get(field.key) || ""); }
    });
  });
  document.querySelectorAll("[data-atn-ws-tools]").forEach(function (tools) { setUpTools(tools, fields); });
  // A focused date field prints its highlighted part; step out of it while printing.
  var refocus = null;
  window.addEventListener("beforeprint", function () {
    var active = document.activeElement;
    if (active && active.type === "date" && active.hasAttribute("data-atn-field")) { refocus = active; active.blur(); }
  });
  window.addEventListener("afterprint", function () {
    if (refocus) { refocus.focus(); refocus = null; }
  });
  window.addEventListener("beforeprint", fitForPrint);
  window.addEventListener("afterprint", function () { fitSheets(false); });
  // Print emulation (developer tools, tests) switches media with no "beforeprint".
  window.matchMedia("print").addEventListener("change", function (event) { fitSheets(event.matches); });
}

onReady(start);
