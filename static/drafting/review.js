/* Provision page: comment on selected words, link highlights and threads, language toggle.
 *
 * Plain JavaScript, no build step. The page works without it: the comment form then takes
 * pasted words. Offsets sent to the server are Unicode code points (Python str indices), not the
 * UTF-16 units JavaScript strings count, so characters outside the BMP (e.g. rare CJK
 * ideographs in Extension B) do not shift the anchor.
 */
(function () {
  "use strict";

  var CONTEXT = 32; // characters of prefix/suffix, as drafting.anchoring.CONTEXT

  function chars(s) {
    return Array.from(s); // splits by code point, keeping surrogate pairs together
  }

  /** UTF-16 length of the container's text before (node, offset). */
  function utf16Offset(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  /** Code-point index for a UTF-16 index into text. */
  function codePointIndex(text, index16) {
    return chars(text.slice(0, index16)).length;
  }

  function textContainer(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element ? element.closest(".provision-text") : null;
  }

  /** The text-quote anchor of the current selection, or null if it is not inside one text. */
  function selectedAnchor() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var container = textContainer(range.startContainer);
    if (!container || container !== textContainer(range.endContainer)) return null;
    var text = container.textContent;
    var start = codePointIndex(text, utf16Offset(container, range.startContainer, range.startOffset));
    var end = codePointIndex(text, utf16Offset(container, range.endContainer, range.endOffset));
    var all = chars(text);
    // A double-click takes the space after an English word along; the quote should not.
    while (start < end && /\s/.test(all[start])) start++;
    while (end > start && /\s/.test(all[end - 1])) end--;
    if (start >= end) return null;
    return {
      language: container.dataset.language,
      revision: container.dataset.revision,
      exact: all.slice(start, end).join(""),
      prefix: all.slice(Math.max(0, start - CONTEXT), start).join(""),
      suffix: all.slice(end, end + CONTEXT).join(""),
      start: start,
      end: end,
      rect: range.getBoundingClientRect(),
    };
  }

  function setField(form, name, value) {
    if (form.elements[name]) form.elements[name].value = value;
  }

  function openCommentForm(anchor) {
    var details = document.getElementById("new-comment");
    var form = document.getElementById("comment-form");
    var review = document.getElementById("review");
    if (!details || !form || !review) return;
    ["language", "exact", "prefix", "suffix", "start", "end", "revision"].forEach(function (name) {
      setField(form, name, String(anchor[name]));
    });
    details.open = true;
    details.classList.add("floating");
    var box = review.getBoundingClientRect();
    var width = Math.min(416, window.innerWidth * 0.92);
    var left = Math.max(0, Math.min(anchor.rect.left - box.left, box.width - width));
    details.style.top = anchor.rect.bottom - box.top + 8 + "px";
    details.style.left = left + "px";
    var close = form.querySelector(".comment-form-close");
    if (close) close.hidden = false;
    form.elements.body.focus({ preventScroll: true });
  }

  function closeCommentForm() {
    var details = document.getElementById("new-comment");
    if (!details) return;
    details.classList.remove("floating");
    details.style.top = details.style.left = "";
    details.open = false;
  }

  /** Offsets only hold for the words the browser selected: typing other words drops them. */
  function forgetOffsets(form) {
    ["prefix", "suffix", "start", "end"].forEach(function (name) {
      setField(form, name, "");
    });
  }

  function activate(threadId) {
    document.querySelectorAll(".is-active").forEach(function (el) {
      el.classList.remove("is-active");
    });
    if (!threadId) return;
    document.querySelectorAll('.comment-mark[data-thread~="' + threadId + '"]').forEach(function (el) {
      el.classList.add("is-active");
    });
    var thread = document.getElementById("thread-" + threadId);
    if (thread) thread.classList.add("is-active");
    return thread;
  }

  function applyLanguageToggle() {
    var review = document.getElementById("review");
    if (!review) return;
    var shown = sessionStorage.getItem("review-show") || "both";
    review.dataset.show = shown;
    review.querySelectorAll(".lang-toggle").forEach(function (group) {
      group.hidden = false;
      group.querySelectorAll("button[data-show]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.show === shown));
      });
    });
  }

  function onSelectionEnd(event) {
    if (event.target.closest && event.target.closest("#new-comment")) return;
    var anchor = selectedAnchor();
    if (anchor) openCommentForm(anchor);
  }

  document.addEventListener("mouseup", onSelectionEnd);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey || event.key === "Shift") onSelectionEnd(event);
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    var mark = target.closest(".comment-mark");
    if (mark && window.getSelection().isCollapsed) {
      var first = mark.dataset.thread.split(" ")[0];
      var thread = activate(first);
      if (thread) thread.scrollIntoView({ behavior: "smooth", block: "nearest" });
      return;
    }
    var threadBox = target.closest(".thread");
    if (threadBox && !target.closest("form, button, a, summary")) {
      activate(threadBox.dataset.thread);
      return;
    }
    if (target.closest(".comment-form-close")) {
      closeCommentForm();
      return;
    }
    var toggle = target.closest(".lang-toggle button[data-show]");
    if (toggle) {
      sessionStorage.setItem("review-show", toggle.dataset.show);
      applyLanguageToggle();
    }
  });

  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!form || form.id !== "comment-form") return;
    if (event.target.name === "exact" || event.target.name === "language") forgetOffsets(form);
    if (event.target.name === "suggestion" && form.elements.has_suggestion) {
      form.elements.has_suggestion.checked = true;
    }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.id === "comment-form" && event.target.name === "language") forgetOffsets(form);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeCommentForm();
  });

  document.addEventListener("DOMContentLoaded", applyLanguageToggle);
  document.addEventListener("htmx:afterSettle", applyLanguageToggle);

  // For tests and the console: the same computation the selection handler runs.
  window.draftingReview = { selectedAnchor: selectedAnchor, codePointIndex: codePointIndex };
})();
