/* After the No: the site bundle (atn.min.js), on every page: small
 * progressive enhancements, no third-party code. Everything a reader ticks
 * or types stays in this browser (localStorage). Each module starts from its
 * own element and does nothing on a page without one. In this order: stored
 * keys move first, before anything reads them. */
import "./key-moves.js";
import "./search-dialog.js";
import "./checklist.js";
import "./copy-link.js";
import "./way-back.js";
