// sitrep dashboard: small progressive enhancements; every page works without it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Article legend: click a kind to hide or show its highlights.
  const text = document.getElementById("article-text");
  document.querySelectorAll(".key-toggle").forEach((button) => {
    button.setAttribute("aria-pressed", "true");
    button.addEventListener("click", () => {
      const kind = button.dataset.kind;
      const hidden = text.classList.toggle("hide-" + kind);
      button.setAttribute("aria-pressed", hidden ? "false" : "true");
      button.classList.toggle("off", hidden);
    });
  });

  // Jumping to an event or claim from the side panel: flash it in the text.
  const flash = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    target.classList.add("flash");
    setTimeout(() => target.classList.remove("flash"), 1600);
  };
  window.addEventListener("hashchange", flash);
  flash();

  // Incident filters: a changed drop-down or checkbox applies at once.
  const filters = document.getElementById("incident-filters") || document.getElementById("article-filters");
  if (filters) {
    filters.querySelectorAll("select, input[type=checkbox]").forEach((el) =>
      el.addEventListener("change", () => filters.requestSubmit()));
  }
});
