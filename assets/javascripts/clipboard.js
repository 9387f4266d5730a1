/* Copy text to the clipboard. navigator.clipboard needs a secure context,
 * so a plain-http copy of the site falls back to a selected textarea. */
export function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  return new Promise(function (resolve, reject) {
    // Selecting the hidden textarea takes focus; give keyboard users their place back.
    const focused = document.activeElement;
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "atn-offscreen";
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(area);
    if (focused && focused.focus) { focused.focus(); }
    if (copied) { resolve(); } else { reject(new Error("copy failed")); }
  });
}
