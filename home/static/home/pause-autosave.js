// Loaded only with a form refused because someone else saved a newer version in between
// (home.admin_forms): autosave stays off on this form until the editor saves it again.
// The form is changed as the parser adds it, before Wagtail's controllers connect.
(() => {
  const pause = (form) => {
    const names = (form.dataset.controller || "").split(/\s+/);
    if (names.includes("w-autosave")) {
      form.dataset.controller = names.filter((name) => name !== "w-autosave").join(" ");
    }
  };
  const pauseAll = () => document.querySelectorAll("form[data-controller]").forEach(pause);
  const observer = new MutationObserver(pauseAll);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => {
    pauseAll();
    observer.disconnect();
  });
  pauseAll();
})();
