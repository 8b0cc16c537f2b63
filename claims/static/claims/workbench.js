// The editors' workbench: a passage selected in the article's text fills the passage boxes (the one for a
// new candidate, and the one of a candidate being adjusted), so that nobody has to copy it by hand. Without
// this script the boxes are typed or pasted into; the server finds the passage either way.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const text = document.querySelector(".workbench .article-text");
  if (!text) return;
  text.addEventListener("mouseup", () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !text.contains(selection.anchorNode)) return;
    const passage = selection.toString().replace(/\s*\n\s*/g, " ").trim();
    if (!passage) return;
    const boxes = [
      document.querySelector("#add-candidate textarea"),
      ...document.querySelectorAll("details.adjust[open] textarea"),
    ];
    for (const box of boxes) {
      if (box) box.value = passage;
    }
  });
});
