/* After the No: loaded only by a copy whose config names repo_url
 * (overrides/main.html). Material then links the source in the header, and
 * its script would ask GitHub's API for the repository's stars and forks: a
 * request from the reader's browser to another host. Material asks only when
 * it has no answer stored for this visit, so an empty answer, stored where
 * Material keeps it, means it never asks. Runs just before Material's bundle
 * (deferred, in order), which draws the link as soon as it runs. */
(function () {
  "use strict";
  if (typeof __md_get !== "function" || typeof __md_set !== "function") { return; }
  try {
    if (!__md_get("__source", sessionStorage)) { __md_set("__source", {}, sessionStorage); }
  } catch (error) {
    /* No session storage: Material cannot store its answer either. */
  }
})();
