/* "Add a reminder" (macros/templates/reminder.html.j2) and the time limits as
 * dates on "Your rights" (time_limits.html.j2). No third-party code, no requests.
 *
 * Each control reads a date box (data-atn-reminder-from) and works out its
 * date: less data-atn-reminder-less-days, plus -months (a month with no such
 * day gives its last day: the earlier date), plus -days. Where the page has a
 * [data-atn-when=<name>] it shows that date as the reader types. The button
 * makes an RFC 5545 calendar file in this browser and saves it (a Blob): the
 * date is never stored or sent anywhere. */
import { words } from "./words.js";

/* "2 December 2026", in the page's language ("2 de diciembre de 2026").
 * The guide's English puts the day first, as its checked dates do. */
var LANG = document.documentElement.lang || "en";
var DAY_WORDS = new Intl.DateTimeFormat(LANG === "en" ? "en-GB" : LANG,
  { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/* Dates are whole days in UTC, so no clock change moves them. */
function parse(value) {
  var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
  if (!match) { return null; }
  var date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return isNaN(date.getTime()) ? null : date;
}

function addDays(date, days) {
  return new Date(date.getTime() + days * 86400000);
}

function addMonths(date, months) {
  var first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  var last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(date.getUTCDate(), last)));
}

function due(from, rule) {
  return addDays(addMonths(addDays(from, -rule.lessDays), rule.months), rule.days);
}

function dayWords(date) {
  return DAY_WORDS.format(date);
}

function pad(number) { return (number < 10 ? "0" : "") + number; }

function dateValue(date) {
  return date.getUTCFullYear() + pad(date.getUTCMonth() + 1) + pad(date.getUTCDate());
}

function stamp(now) {
  return dateValue(now) + "T" + pad(now.getUTCHours()) + pad(now.getUTCMinutes()) + pad(now.getUTCSeconds()) + "Z";
}

/* RFC 5545 3.3.11: backslash, semicolon, comma and line breaks escaped. */
function text(value) {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/* RFC 5545 3.1: lines of at most 75 octets, continued after CRLF and a space. */
function fold(line) {
  var encoder = new TextEncoder();
  var lines = [];
  var current = "";
  var octets = 0;
  Array.from(line).forEach(function (character) {
    var size = encoder.encode(character).length;
    if (octets + size > 75) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += character;
    octets += size;
  });
  lines.push(current);
  return lines.join("\r\n");
}

function uid() {
  var random = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID()
    : Date.now().toString(36) + Math.random().toString(36).slice(2);
  return random + "@after-the-no";
}

function address() {
  var canonical = document.querySelector("link[rel=canonical]");
  return canonical ? canonical.href : window.location.href.split(/[?#]/)[0];
}

function calendar(event) {
  var next = addDays(event.date, 1);
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//After the No//Reminders//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    "UID:" + uid(),
    "DTSTAMP:" + stamp(new Date()),
    "DTSTART;VALUE=DATE:" + dateValue(event.date),
    "DTEND;VALUE=DATE:" + dateValue(next),
    "SUMMARY:" + text(event.summary),
    "DESCRIPTION:" + text(event.description + "\n\n" + event.url),
    "URL:" + event.url,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "END:VCALENDAR"
  ].map(fold).join("\r\n") + "\r\n";
}

function save(name, contents) {
  var url = URL.createObjectURL(new Blob([contents], { type: "text/calendar;charset=utf-8" }));
  var link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}

document.querySelectorAll("[data-atn-reminder]").forEach(function (control) {
  var box = document.getElementById(control.dataset.atnReminderFrom);
  var button = control.querySelector("[data-atn-reminder-add]");
  var status = control.querySelector("[data-atn-reminder-status]");
  var name = control.dataset.atnReminder;
  var shown = document.querySelector('[data-atn-when="' + name + '"]');
  // What the date shows until one is typed: the page's own words.
  var notYet = shown ? shown.textContent : "";
  var rule = {
    days: +control.dataset.atnReminderDays || 0,
    months: +control.dataset.atnReminderMonths || 0,
    lessDays: +control.dataset.atnReminderLessDays || 0
  };
  if (!box || !button) { return; }

  function show() {
    var from = parse(box.value);
    if (shown) { shown.textContent = from ? dayWords(due(from, rule)) : notYet; }
    status.textContent = "";
  }

  box.addEventListener("input", show);
  box.addEventListener("change", show);
  show();
  button.disabled = false;
  button.addEventListener("click", function () {
    var from = parse(box.value);
    if (!from) {
      status.textContent = words(control, "pick");
      box.focus();
      return;
    }
    var date = due(from, rule);
    save("reminder-" + name + ".ics", calendar({
      date: date,
      summary: control.dataset.atnReminderSummary,
      description: control.dataset.atnReminderDescription,
      url: address()
    }));
    status.textContent = words(control, "saved", { date: dayWords(date) });
  });
});
