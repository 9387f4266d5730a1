/* Run start once the page is parsed. The bundles are deferred, so it usually
 * is already; a bundle loaded some other way still waits for it. */
export function onReady(start) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
