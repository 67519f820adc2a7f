// The review app's few behaviours that need a browser: keyboard shortcuts, rows added to and
// removed from the correction form, evidence picked by selecting redacted text. Everything
// works without it too, except adding rows; the server validates every value again.
"use strict";

(function () {
  function typing(event) {
    const tag = (event.target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable;
  }

  function click(selector) {
    const element = document.querySelector(selector);
    if (element) { element.click(); return true; }
    return false;
  }

  function openForm() {
    const details = document.getElementById("correction");
    if (!details) return;
    details.open = true;
    details.scrollIntoView({ block: "start" });
    const first = details.querySelector("select, input:not([type=hidden]), textarea");
    if (first) first.focus();
  }

  // n: next in the queue · a: approve · e: open the correction form · ?: list the keys
  document.addEventListener("keydown", function (event) {
    if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "n") { if (click("#next-in-queue")) event.preventDefault(); }
    else if (event.key === "a") { if (click("#approve")) event.preventDefault(); }
    else if (event.key === "e") { openForm(); event.preventDefault(); }
    else if (event.key === "?") {
      const help = document.getElementById("shortcuts");
      if (help) help.hidden = !help.hidden;
    }
  });

  // Rows: each list has a <template> holding a blank row whose names carry "__i__".
  function renumber(list) {
    const rows = list.querySelectorAll(":scope > .rows > .row");
    const add = list.querySelector(":scope > .add-row");
    const max = parseInt(list.dataset.maxItems || "0", 10);
    if (add) add.disabled = max > 0 && rows.length >= max;
  }

  document.addEventListener("click", function (event) {
    const target = event.target;
    if (target.classList.contains("add-row")) {
      event.preventDefault();
      const list = target.closest(".list");
      const rows = list.querySelector(":scope > .rows");
      const template = list.querySelector(":scope > template");
      const index = parseInt(list.dataset.next || "0", 10);
      list.dataset.next = String(index + 1);
      const html = template.innerHTML.split("__i__").join(String(index));
      rows.insertAdjacentHTML("beforeend", html);
      renumber(list);
    } else if (target.classList.contains("remove-row")) {
      event.preventDefault();
      const list = target.closest(".list");
      target.closest(".row").remove();
      renumber(list);
    } else if (target.classList.contains("use-selection")) {
      event.preventDefault();
      const input = target.parentElement.querySelector("input");
      if (lastSelection) { input.value = lastSelection; input.dispatchEvent(new Event("input")); }
    }
  });

  // The quote for a flag's evidence: whatever was last selected in the redacted text.
  let lastSelection = "";
  document.addEventListener("selectionchange", function () {
    const selection = document.getSelection();
    const text = document.getElementById("redacted-text");
    if (!selection || !text || selection.isCollapsed) return;
    if (text.contains(selection.anchorNode) && text.contains(selection.focusNode)) {
      lastSelection = selection.toString().trim();
      const shown = document.getElementById("picked-quote");
      if (shown) shown.textContent = lastSelection;
    }
  });

  document.querySelectorAll(".list").forEach(renumber);
})();
