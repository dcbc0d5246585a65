// Previous/next change buttons on the compare page; the numbered anchor links work without this.
//
// The anchors are the diff module's ids: "chg-N" on the first mark of change N in the inline
// view, "chg-N-new" (right pane) in the side-by-side view. Every mark of change N, on either
// side, carries data-change="N", so the whole change is highlighted, including its deletion on
// the left and an empty gap where one side has nothing.
(function () {
  "use strict";
  var current = 0;

  function anchors() {
    return Array.prototype.map.call(
      document.querySelectorAll("[data-change-link]"),
      function (link) { return document.getElementById(link.getAttribute("href").slice(1)); }
    ).filter(Boolean);
  }

  function highlight(target) {
    document.querySelectorAll(".current-change").forEach(function (el) {
      el.classList.remove("current-change");
    });
    var number = target.getAttribute("data-change");
    document.querySelectorAll('[data-change="' + number + '"]').forEach(function (el) {
      el.classList.add("current-change");
    });
    document.querySelectorAll("[data-change-link]").forEach(function (link) {
      if (link.getAttribute("href") === "#" + target.id) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    var status = document.querySelector("[data-change-position]");
    if (status) status.textContent = number + " / " + anchors().length;
  }

  function go(index, targets) {
    current = index;
    var target = targets[current - 1];
    highlight(target);
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    history.replaceState(null, "", "#" + target.id);
  }

  function show(step) {
    var targets = anchors();
    if (!targets.length) return;
    go(Math.min(Math.max(current + step, 1), targets.length), targets);
  }

  /** Start from the change in the address (#chg-3, a numbered link), or before the first. */
  function reveal() {
    var targets = anchors();
    var hash = decodeURIComponent(location.hash.slice(1));
    current = 0;
    targets.forEach(function (target, i) {
      if (target.id === hash) current = i + 1;
    });
    if (current) highlight(targets[current - 1]);
    document.querySelectorAll("[data-change-step]").forEach(function (b) { b.hidden = false; });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-change-step]");
    if (button) {
      show(parseInt(button.getAttribute("data-change-step"), 10));
      return;
    }
    var link = event.target.closest("[data-change-link]");
    if (link) {
      var targets = anchors();
      var index = targets.indexOf(document.getElementById(link.getAttribute("href").slice(1)));
      if (index >= 0) {
        event.preventDefault();
        go(index + 1, targets);
      }
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "n" || event.key === "j") show(1);
    if (event.key === "p" || event.key === "k") show(-1);
  });
  document.addEventListener("DOMContentLoaded", reveal);
  document.addEventListener("htmx:afterSettle", reveal);
})();
