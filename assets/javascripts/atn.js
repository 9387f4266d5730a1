/* After the No: small progressive enhancements. No third-party code.
 * Everything a reader ticks or types stays in this browser (localStorage). */
(function () {
  "use strict";

  var store = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: ticks last for this visit only */ }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
    }
  };

  /* Copy text to the clipboard. navigator.clipboard needs a secure context,
   * so a plain-http copy of the site falls back to a selected textarea. */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      // Selecting the hidden textarea takes focus; give keyboard users their place back.
      var focused = document.activeElement;
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "atn-offscreen";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      document.body.removeChild(area);
      if (focused && focused.focus) { focused.focus(); }
      if (copied) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  /* Tell screen-reader users (and everyone else) what just happened. */
  function announce(button, message) {
    var status = button.parentNode.querySelector("[data-atn-status]");
    if (status) { status.textContent = message; }
  }

  function setUpCopyButton(button) {
    var source = document.getElementById(button.dataset.atnCopy);
    if (!source) { return; }
    /* An email copies with its subject line, ready to paste: "Subject: ...". */
    var subject = button.dataset.atnCopySubject ? document.getElementById(button.dataset.atnCopySubject) : null;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = subject ? "Subject: " + subject.textContent + "\n\n" + source.textContent : source.textContent;
      copyText(text).then(
        function () { announce(button, "Copied. Paste it into your message and change the parts in [brackets]."); },
        function () { announce(button, "Copying did not work here. Select the text and copy it yourself."); }
      );
    });
  }

  window.atn = { copyText: copyText, store: store };

  function setUpChecklist(list) {
    var boxes = list.querySelectorAll("input[data-atn-key]");
    boxes.forEach(function (box) {
      box.checked = store.get(box.dataset.atnKey) === "1";
      box.addEventListener("change", function () {
        if (box.checked) { store.set(box.dataset.atnKey, "1"); } else { store.remove(box.dataset.atnKey); }
      });
    });
    var clear = list.querySelector("[data-atn-clear]");
    if (clear) {
      clear.hidden = false;
      clear.addEventListener("click", function () {
        boxes.forEach(function (box) { box.checked = false; store.remove(box.dataset.atnKey); });
      });
    }
  }

  /* "Where am I getting stuck?": the same rules as the paper table, read from
   * the JSON the page carries. The first rule whose conditions all hold wins. */
  function diagnose(rules, counts) {
    return rules.find(function (rule) {
      return rule.when.every(function (c) {
        var value = counts[c.count];
        return (c.at_least == null || value >= c.at_least) && (c.at_most == null || value <= c.at_most);
      });
    });
  }

  function countProblem(counts) {
    if (counts.replies > counts.applications) { return "You have more replies than applications. Please check your numbers."; }
    if (counts.interviews > counts.applications) { return "You have more interviews than applications. Please check your numbers."; }
    if (counts.interviews > counts.replies) { return "An invitation to interview counts as a reply, so interviews cannot be more than replies. Please check your numbers."; }
    if (counts.final_rounds > counts.interviews) { return "Final rounds are interviews too, so they cannot be more than your interviews. Please check your numbers."; }
    if (counts.offers > counts.applications) { return "You have more offers than applications. Please check your numbers."; }
    return null;
  }

  function showDiagnosis(result, rule) {
    result.textContent = "";
    var heading = document.createElement("h2");
    heading.className = "atn-stuck__result-title";
    heading.id = "your-weak-step";
    heading.textContent = "Your weak step: " + rule.weak_step;
    var advice = document.createElement("p");
    advice.textContent = rule.advice;
    var read = document.createElement("p");
    read.appendChild(document.createTextNode("Read next: "));
    rule.stages.forEach(function (stage, index) {
      var link = document.createElement("a");
      link.href = stage.href;
      link.textContent = stage.title;
      read.appendChild(link);
      if (index < rule.stages.length - 1) { read.appendChild(document.createTextNode(", ")); }
    });
    result.dataset.rule = rule.id;
    result.append(heading, advice, read);
  }

  function setUpDiagnosis(form) {
    var rules = JSON.parse(document.getElementById("atn-stuck-rules").textContent);
    var inputs = form.querySelectorAll("input[type=number]");
    var result = form.querySelector("[data-atn-stuck-result]");
    form.hidden = false;
    inputs.forEach(function (input) {
      var saved = store.get("atn:stuck:" + input.name);
      if (saved !== null) { input.value = saved; }
      input.addEventListener("input", function () {
        if (input.value === "") { store.remove("atn:stuck:" + input.name); } else { store.set("atn:stuck:" + input.name, input.value); }
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var counts = {};
      var missing = [];
      inputs.forEach(function (input) {
        var value = Number(input.value);
        if (input.value === "" || !Number.isInteger(value) || value < 0) { missing.push(input.labels[0].textContent); }
        counts[input.name] = value;
      });
      delete result.dataset.rule;
      if (missing.length) {
        result.textContent = "Please enter a whole number, 0 or more, for: " + missing.join(", ") + ".";
        return;
      }
      var problem = countProblem(counts);
      if (problem) { result.textContent = problem; return; }
      showDiagnosis(result, diagnose(rules, counts));
    });
    form.querySelector("[data-atn-stuck-clear]").addEventListener("click", function () {
      inputs.forEach(function (input) { input.value = ""; store.remove("atn:stuck:" + input.name); });
      result.textContent = "";
      delete result.dataset.rule;
    });
  }

  /* Material's search overlay is a role="dialog" with no name, so a screen
   * reader announces only "dialog". Its partial can only be extended, not
   * edited, so the name is given here. */
  function nameSearchDialog() {
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search this guide");
    });
  }

  function start() {
    nameSearchDialog();
    document.querySelectorAll("[data-atn-checklist]").forEach(setUpChecklist);
    document.querySelectorAll("button[data-atn-copy]").forEach(setUpCopyButton);
    document.querySelectorAll("form[data-atn-stuck]").forEach(setUpDiagnosis);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
