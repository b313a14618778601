// The phone menu, after GOV.UK's header: the page works without this file, where the
// "Menu" link opens the panel as the URL's target (#site-menu, CSS :target) and
// "Close menu" leaves it. Here that link becomes a real disclosure button that shows and
// hides the panel in place, announcing its state with aria-expanded; Escape closes it.
// Wide screens hide the button and always show the panel (site.css), so the state
// set here only matters on phones.
(function () {
  "use strict";
  const header = document.getElementById("site-header");
  const link = header && header.querySelector("[data-menu-toggle]");
  const panel = link && document.getElementById(link.hash.slice(1));
  if (!panel) return;

  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.textContent = link.textContent;
  button.setAttribute("aria-controls", panel.id);
  link.replaceWith(button);
  const close = header.querySelector("[data-menu-close]");
  if (close) close.remove();

  function setOpen(open) {
    button.setAttribute("aria-expanded", String(open));
    header.dataset.menu = open ? "open" : "closed";
  }

  setOpen(window.location.hash === "#" + panel.id);
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.dataset.menu === "open") {
      setOpen(false);
      button.focus();
    }
  });
})();
