// The new-bill form: show the title proposed for the chosen law and use it as the placeholder.
(function () {
  "use strict";
  const select = document.getElementById("id_target_instrument");
  if (!select) return;
  const zh = document.getElementById("id_title_zh");
  const en = document.getElementById("id_title_en");
  const shown = document.getElementById("proposed-title");
  function update() {
    const option = select.options[select.selectedIndex];
    if (!option) return;
    zh.placeholder = option.dataset.titleZh;
    en.placeholder = option.dataset.titleEn;
    shown.textContent = option.dataset.titleZh;
  }
  select.addEventListener("change", update);
  update();
})();
