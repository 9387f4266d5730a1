/* After the No: runs inline in every page's <head>, before any of Material's
 * scripts (overrides/main.html includes the generated
 * overrides/partials/atn-storage-guard.html).
 *
 * When this browser will not store anything (blocked, some private modes, or
 * full), Material's scripts throw and the colour toggle stops working. Give
 * the page a stand-in that reads what it can and keeps new things in memory
 * for this visit, and mark <html> with data-atn-storage="blocked" for the
 * site's scripts (store.js), which say so where the reader ticks or types.
 *
 * It also marks <html> with the class "js", the one sign the stylesheets
 * read that JavaScript runs (Material's bundle sets the same class, but only
 * at the end of the body): a part that needs a script is shown, keeping its
 * place until the script wakes it, only under .js; without JavaScript it
 * takes no room. */
document.documentElement.classList.replace("no-js", "js") || document.documentElement.classList.add("js");
(function () {
  var real = null;
  try {
    real = window.localStorage;
    real.setItem("atn:probe", "1");
    real.removeItem("atn:probe");
    return;
  } catch (e) { /* fall through to the stand-in */ }
  var kept = {};
  var own = function (key) { return Object.prototype.hasOwnProperty.call(kept, key); };
  var stored = function () { try { var keys = []; for (var i = 0; i < real.length; i += 1) { keys.push(real.key(i)); } return keys; } catch (e) { return []; } };
  var all = function () {
    var mine = Object.keys(kept).filter(function (key) { return kept[key] !== null; });
    return mine.concat(stored().filter(function (key) { return !own(key); }));
  };
  var standIn = {
    getItem: function (key) {
      if (own(key)) { return kept[key]; }
      try { return real.getItem(key); } catch (e) { return null; }
    },
    setItem: function (key, value) { kept[key] = String(value); },
    removeItem: function (key) { kept[key] = null; },
    clear: function () { kept = {}; },
    key: function (index) { return all()[index] || null; },
    get length() { return all().length; }
  };
  try {
    Object.defineProperty(window, "localStorage", { configurable: true, get: function () { return standIn; } });
  } catch (e) { /* the page keeps working without it; store.js still says so */ }
  document.documentElement.setAttribute("data-atn-storage", "blocked");
})();
