/* "Where am I getting stuck?": reads the reader's five numbers as four steps of
 * a funnel and names the earliest step below its line. The rules, the words and the
 * links come from the page's JSON (#atn-stuck-data), made from data/guide.yml;
 * macros/diagnosis.py is the reference reading the browser tests hold this to.
 * The numbers stay in this browser (localStorage "atn:stuck:<name>"). */
(function () {
  "use strict";

  var store = window.atn.store;

  function fill(data, name, values) {
    var text = data.phrases[name];
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(String(values[key]));
    });
    return text;
  }

  /* To one decimal place, rounded half up, in whole-number arithmetic as in Python. */
  function percent(passed, base) {
    var tenths = Math.floor((2000 * passed + base) / (2 * base));
    var tenth = tenths % 10;
    return Math.floor(tenths / 10) + (tenth ? "." + tenth : "") + "%";
  }

  function readSteps(data, counts) {
    var all = Object.assign({}, counts, { reached: Math.max(counts.final_rounds, counts.offers) });
    return data.steps.map(function (step) {
      var names = data.step_counts[step.id];
      var base = all[names[0]];
      var passed = all[names[1]];
      var status;
      if (base < step.min_cases || base === 0) { status = "too-few"; }
      else if (passed / base < step.weak_below) { status = "weak"; }
      else if (passed / base < step.healthy_from) { status = "watch"; }
      else { status = "fine"; }
      var labels = data.counts[names[0]];
      return {
        step: step, base: base, passed: passed, status: status, baseName: names[0], passedName: names[1],
        rate: base ? percent(passed, base) : null,
        label: base === 1 ? labels.one : labels.many
      };
    });
  }

  function tooFew(data, reading) {
    var name = reading.base === 0 ? "too_few_none" : reading.base === 1 ? "too_few_one" : "too_few_many";
    return fill(data, name, { base: reading.base, base_label: reading.label, judge: reading.step.judge });
  }

  function nextCheck(data, readings, answer) {
    var later = answer ? readings.slice(readings.indexOf(answer) + 1) : readings;
    var pairs = [["weak", "next_weak"], ["watch", "next_watch"]];
    for (var i = 0; i < pairs.length; i += 1) {
      var found = later.filter(function (r) { return r.status === pairs[i][0]; })[0];
      if (found) {
        return fill(data, pairs[i][1], { title: found.step.title, passed: found.passed, base: found.base, rate: found.rate });
      }
    }
    var short = readings.filter(function (r) { return r.status === "too-few"; })[0];
    if (short) {
      return fill(data, "next_count", {
        min_cases: short.step.min_cases, base_label: data.counts[short.baseName].many, judge: short.step.judge
      });
    }
    return fill(data, "next_again");
  }

  /* The same reading as diagnosis.diagnose in Python. */
  function diagnose(data, counts) {
    var readings = readSteps(data, counts);
    var reading = {
      steps: readings,
      tooFew: readings.filter(function (r) { return r.status === "too-few"; }).map(function (r) { return tooFew(data, r); })
    };
    var weak = readings.filter(function (r) { return r.status === "weak"; })[0];
    var judged = readings.filter(function (r) { return r.status !== "too-few"; });
    if (weak) {
      reading.answer = weak.step.id;
      reading.title = fill(data, "title_weak", { title: weak.step.title.toLowerCase() });
      reading.why = fill(data, weak.passed === 0 ? "why_weak_none" : "why_weak", {
        passed: weak.passed, base: weak.base, base_label: weak.label, passed_text: weak.step.passed,
        rate: weak.rate, threshold: weak.step.threshold
      });
      reading.next = nextCheck(data, readings, weak);
      reading.advice = weak.step.answer;
    } else if (judged.length) {
      reading.answer = "fine";
      reading.title = fill(data, "title_fine");
      reading.why = fill(data, "why_fine", {
        steps: judged.map(function (r) {
          return fill(data, "step_rate", { title: r.step.title.toLowerCase(), rate: r.rate });
        }).join(", ")
      });
      reading.next = nextCheck(data, readings, null);
      reading.advice = data.fine;
    } else {
      reading.answer = "too-early";
      reading.title = fill(data, "title_too_early");
      reading.why = fill(data, "why_too_early");
      reading.next = nextCheck(data, readings, null);
      reading.advice = data.too_early;
    }
    return reading;
  }

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
    list.setAttribute("aria-label", window.atn.words(stuckForm(), "steps"));
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
    var first = reading.steps[0];
    bar(fill(data, "bar_first", { name: data.funnel_names[first.baseName], count: first.base }), first.base, null);
    reading.steps.forEach(function (r) {
      var status = data.phrases["status_" + r.status];
      var name = data.funnel_names[r.passedName];
      var text = r.base === 0
        ? fill(data, "bar_none", { name: name, passed: r.passed, status: status })
        : fill(data, "bar_step", { name: name, passed: r.passed, base: r.base, base_label: r.label, rate: r.rate, status: status });
      bar(text, r.passed, r.status);
    });
    return list;
  }

  function showAnswer(data, result, reading, counts) {
    result.textContent = "";
    var heading = element("h2", "atn-stuck__result-title", reading.title);
    heading.id = "your-weak-step";
    var parts = [drawFunnel(data, reading, counts)];
    var advice = element("p", "atn-stuck__advice", reading.advice.advice);
    var week = element("p", "atn-stuck__week");
    week.append(element("strong", null, window.atn.words(stuckForm(), "week") + " "), reading.advice.this_week);
    var readHead = element("p", "atn-stuck__read-title", window.atn.words(stuckForm(), "read"));
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
      parts.push(element("p", "atn-stuck__few-title", window.atn.words(stuckForm(), "few")));
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
    var data = JSON.parse(document.getElementById("atn-stuck-data").textContent);
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
        data.limits.forEach(function (limit) {
          if (counts[limit.count] > counts[limit.limit]) {
            var input = byName[limit.count];
            markError(input, fill(data, "limit", {
              count: data.counts[limit.count].many, value: counts[limit.count],
              limit: data.counts[limit.limit].many, limit_value: counts[limit.limit], why: limit.why
            }));
            bad.push(input);
          }
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
