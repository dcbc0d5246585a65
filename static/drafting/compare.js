// Previous/next change buttons on the compare page; the numbered anchor links work without this.
(function () {
  "use strict";
  var current = 0;

  function anchors() {
    return Array.prototype.map.call(
      document.querySelectorAll("[data-change-link]"),
      function (link) { return document.getElementById(link.getAttribute("href").slice(1)); }
    ).filter(Boolean);
  }

  function show(step) {
    var targets = anchors();
    if (!targets.length) return;
    current = Math.min(Math.max(current + step, 1), targets.length);
    document.querySelectorAll(".current-change").forEach(function (el) {
      el.classList.remove("current-change");
    });
    var target = targets[current - 1];
    target.classList.add("current-change");
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    history.replaceState(null, "", "#" + target.id);
  }

  function reveal() {
    current = 0;
    document.querySelectorAll("[data-change-step]").forEach(function (b) { b.hidden = false; });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-change-step]");
    if (button) show(parseInt(button.getAttribute("data-change-step"), 10));
  });
  document.addEventListener("keydown", function (event) {
    if (event.target.closest("input, textarea, select")) return;
    if (event.key === "n" || event.key === "j") show(1);
    if (event.key === "p" || event.key === "k") show(-1);
  });
  document.addEventListener("DOMContentLoaded", reveal);
  document.addEventListener("htmx:afterSwap", reveal);
})();
