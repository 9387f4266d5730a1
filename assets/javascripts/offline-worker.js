/* The worker that keeps the guide on this device (README, "Keep the guide on
   a device"). It is registered only when the reader presses "Keep this guide
   on this device" (offline.js). After a build, macros/offline.py writes it to
   the site's root as offline-worker.js, with the list of files in its first
   line: self.ATN_OFFLINE = {cache, prefix, files}.

   - Install: store every listed file in the cache named for this build, the
     support page first, a few at a time.
   - Activate: drop this copy's caches from older builds (same prefix, other
     name); never another copy's.
   - Fetch: network first, for pages and files alike, so a reader online gets
     the latest words and never a page of one build with the styles of
     another; the stored copy when the network fails or takes too long. Only
     listed files are answered: anything else (another copy in a sub-folder,
     another host) goes to the network untouched. Nothing is sent anywhere. */
(function () {
  "use strict";
  var offline = self.ATN_OFFLINE;
  var root = new URL("./", self.location.href);
  // Absolute address -> listed address, for the files this copy stores.
  var listed = new Map();
  offline.files.forEach(function (file) {
    listed.set(new URL(file, root).href, file);
  });
  var WAIT_MS = 4000;

  function key(url) {
    var address = new URL(url);
    address.search = "";
    address.hash = "";
    var href = address.href;
    if (href.endsWith("/index.html")) href = href.slice(0, -"index.html".length);
    return listed.has(href) ? href : null;
  }

  function plain(response) {
    // A redirected response cannot answer a page load: keep its body alone.
    if (!response.redirected) return response;
    return response.blob().then(function (body) {
      return new Response(body, { status: response.status, headers: response.headers });
    });
  }

  self.addEventListener("install", function (event) {
    event.waitUntil(
      caches.open(offline.cache).then(function (cache) {
        var urls = offline.files.map(function (file) { return new URL(file, root).href; });
        var at = 0;
        function next() {
          if (at >= urls.length) return null;
          var batch = urls.slice(at, at + 6);
          at += batch.length;
          return Promise.all(batch.map(function (url) {
            return fetch(url, { cache: "no-store" }).then(function (response) {
              if (!response.ok) throw new Error(url + ": " + response.status);
              return Promise.resolve(plain(response)).then(function (body) { return cache.put(url, body); });
            });
          })).then(next);
        }
        return next();
      }).then(function () { return self.skipWaiting(); })
    );
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf(offline.prefix) === 0 && name !== offline.cache;
        }).map(function (name) { return caches.delete(name); }));
      }).then(function () { return self.clients.claim(); })
    );
  });

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") return;
    var href = key(request.url);
    if (!href) return;
    event.respondWith(new Promise(function (resolve) {
      var answered = false;
      function stored() {
        if (answered) return;
        caches.open(offline.cache).then(function (cache) { return cache.match(href); }).then(function (hit) {
          if (answered) return;
          if (hit) { answered = true; resolve(hit); }
        });
      }
      var timer = setTimeout(stored, WAIT_MS);
      fetch(request).then(function (response) {
        clearTimeout(timer);
        if (!answered) { answered = true; resolve(response); }
      }, function () {
        clearTimeout(timer);
        caches.open(offline.cache).then(function (cache) { return cache.match(href); }).then(function (hit) {
          if (answered) return;
          answered = true;
          resolve(hit || Response.error());
        });
      });
    }));
  });
})();
