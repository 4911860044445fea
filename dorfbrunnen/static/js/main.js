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

function focusErrorSummary() {
  // What the visitor has to answer next: a form's errors, or which place she meant.
  const summary =
    document.getElementById("error-summary") || document.getElementById("place-question");
  if (summary) summary.focus();
}

function focusResults() {
  // After a search or a filter the page loads anew: keyboard and screen reader users land
  // on its answer („3 Zentren im Umkreis …“, „12 Termine“), not at the top of the page –
  // unless there is a question to answer first (focusErrorSummary). The page marks the
  // answer (data-results) only when it answered one.
  const results = document.querySelector("[data-results]");
  if (!results) return;
  if (document.getElementById("error-summary") || document.getElementById("place-question")) return;
  results.tabIndex = -1;
  results.focus();
}

initNavToggle();
focusErrorSummary();
focusResults();
