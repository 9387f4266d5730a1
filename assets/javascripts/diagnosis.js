/* "Where am I getting stuck?": the reading itself, with no page in it. The
 * reader's five counts are read as four steps of a funnel, each with a rate
 * (see the ``diagnosis:`` comments in data/guide.yml). A step is "weak" when
 * its rate is below weak_below and at least min_cases applications (or
 * replies, interviews, final rounds) reached it; "watch" below healthy_from.
 * The earliest weak step is the answer: it is where most chances are lost,
 * and a later step cannot be judged fairly while few people reach it.
 *
 * `data` is the page's JSON (#atn-stuck-data, pages.stuck_data in the
 * macros): the rules, the words in the page's language and the links. The
 * printed table (pages.stuck_reckoner) states the same rules for a pen.
 * stuck.js draws the answer; tests/js/diagnosis.test.mjs holds this module to
 * tests/fixtures/diagnosis-cases.json. */

export function fill(data, name, values) {
  var text = data.phrases[name];
  Object.keys(values || {}).forEach(function (key) {
    text = text.split("{" + key + "}").join(String(values[key]));
  });
  return text;
}

/* To one decimal place, rounded half up, in whole-number arithmetic: "7.5%", "30%". */
export function percent(passed, base) {
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

export function diagnose(data, counts) {
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

/* Counts that cannot be right, by field: {replies: "You have more replies
 * (9) than applications (5). ..."}. Empty when all of them can be. */
export function limitProblems(data, counts) {
  var problems = {};
  data.limits.forEach(function (limit) {
    if (counts[limit.count] > counts[limit.limit] && !(limit.count in problems)) {
      problems[limit.count] = fill(data, "limit", {
        count: data.counts[limit.count].many, value: counts[limit.count],
        limit: data.counts[limit.limit].many, limit_value: counts[limit.limit], why: limit.why
      });
    }
  });
  return problems;
}

/* The text of each bar of the funnel picture, top to bottom: the counts
 * with their rates and verdicts (the picture's text alternative). */
export function funnelTexts(data, reading) {
  var first = reading.steps[0];
  var texts = [fill(data, "bar_first", { name: data.funnel_names[first.baseName], count: first.base })];
  reading.steps.forEach(function (r) {
    var status = data.phrases["status_" + r.status];
    var name = data.funnel_names[r.passedName];
    texts.push(r.base === 0
      ? fill(data, "bar_none", { name: name, passed: r.passed, status: status })
      : fill(data, "bar_step", { name: name, passed: r.passed, base: r.base, base_label: r.label, rate: r.rate, status: status }));
  });
  return texts;
}
