// Progressive enhancement only: every page works without this file.
// One small behaviour per function; each looks for its own markup.

function initNavToggle() {
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.getElementById("site-nav");
  if (!toggle || !nav) return;
  const narrow = window.matchMedia("(max-width: 52rem)");
  const sync = () => {
    if (narrow.matches) {
      toggle.hidden = false;
      nav.dataset.collapsed = toggle.getAttribute("aria-expanded") === "true" ? "false" : "true";
    } else {
      toggle.hidden = true;
      delete nav.dataset.collapsed;
    }
  };
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    sync();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      toggle.setAttribute("aria-expanded", "false");
      sync();
      toggle.focus();
    }
  });
  narrow.addEventListener("change", sync);
  sync();
}

function focusAnswer() {
  // The page loads anew after a form, a search or a filter: keyboard and screen reader
  // users land on what they have to answer next (a form's errors, which place they meant),
  // or else on the page's answer („3 Zentren im Umkreis …“, „12 Termine“; data-results,
  // marked only where the page answered one) – not at the top of the page.
  const question =
    document.getElementById("error-summary") || document.getElementById("place-question");
  const results = document.querySelector("[data-results]");
  if (question) {
    question.focus();
  } else if (results) {
    results.tabIndex = -1;
    results.focus();
  }
}

initNavToggle();
focusAnswer();
