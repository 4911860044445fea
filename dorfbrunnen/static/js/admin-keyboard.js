// The editor's minimap (Wagtail) scrolls once a form is long – a centre with its weekly
// programme – but cannot be reached by keyboard to scroll it (WCAG 2.1.1). Made focusable
// wherever Wagtail draws it.
(function () {
  "use strict";
  function focusable() {
    document.querySelectorAll(".w-minimap__list:not([tabindex])").forEach(function (list) {
      list.setAttribute("tabindex", "0");
    });
  }
  focusable();
  new MutationObserver(focusable).observe(document.body, { childList: true, subtree: true });
})();
