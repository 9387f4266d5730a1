/* A renamed stage or worksheet keeps what its readers stored: the page
 * carries [old prefix, new prefix] pairs from the redirect map (mkdocs.yml),
 * and each stored key under an old prefix moves once to the new one, unless
 * the new key already holds something. In the site bundle, first, before any
 * page's own bundle reads what is stored. */
import { pageJSON, store } from "./store.js";

function moveRenamedKeys() {
  const moves = pageJSON("script[data-atn-key-moves]", null);
  if (!Array.isArray(moves)) { return; }
  moves.forEach(function (move) {
    if (!Array.isArray(move) || typeof move[0] !== "string" || typeof move[1] !== "string" || !move[0]) { return; }
    store.keys().forEach(function (key) {
      if (key.indexOf(move[0]) !== 0) { return; }
      const moved = move[1] + key.slice(move[0].length);
      const value = store.get(key);
      if (store.get(moved) === null && value !== null && !store.set(moved, value)) { return; }
      store.remove(key);
    });
  });
}

moveRenamedKeys();
