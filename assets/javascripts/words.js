/* The words an enhancement shows are written into the page, in the page's
 * language, as data-atn-w-<key> on the enhancement's own root element;
 * {name} blanks are filled from values. */
export function words(root, key, values) {
  let text = (root && root.getAttribute("data-atn-w-" + key)) || "";
  Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
  return text;
}
