// Provision forms (add, details): show only the fields the chosen operation uses, and start a
// replacing provision from the current law. Without this script every field shows and the
// "Start from the current text" button asks the server instead.
(function () {
  "use strict";
  const forms = document.querySelectorAll("form.provision-form");
  forms.forEach(function (form) {
    const operation = form.querySelector("[name=operation]");
    if (!operation) return;
    const rows = form.querySelectorAll("[data-operations]");
    const text = form.querySelector("[name=text_zh]");
    const url = form.dataset.currentTextUrl;
    let filled = "";

    function showFields() {
      const op = operation.value;
      rows.forEach(function (row) {
        const used = row.dataset.operations.split(" ").indexOf(op) >= 0;
        row.hidden = !used;
        // A hidden field is not sent: the server takes the operation's default for it.
        row.querySelectorAll("input, select, textarea").forEach(function (input) {
          input.disabled = !used;
        });
        row.querySelectorAll(".only-for").forEach(function (hint) { hint.hidden = true; });
      });
    }

    function fillText() {
      if (!url || !text) return;
      const op = operation.value;
      if (op !== "replace_article" && op !== "replace_paragraphs") return;
      // Only an empty text, or one this script filled and nobody changed, is replaced.
      if (text.value.trim() !== "" && text.value !== filled) return;
      const params = new URLSearchParams();
      ["operation", "target_article", "paragraphs"].forEach(function (name) {
        const input = form.querySelector("[name=" + name + "]");
        params.set(name, input ? input.value : "");
      });
      fetch(url + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (!body || !body.text_zh) return;
          if (text.value.trim() !== "" && text.value !== filled) return;
          text.value = body.text_zh;
          filled = body.text_zh;
        })
        .catch(function () {});
    }

    operation.addEventListener("change", function () { showFields(); fillText(); });
    ["target_article", "paragraphs"].forEach(function (name) {
      const input = form.querySelector("[name=" + name + "]");
      if (input) input.addEventListener("change", fillText);
    });
    showFields();
  });
})();
