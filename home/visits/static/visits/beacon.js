// Counts this page view (home/visits/views.py): the page's path and language, nothing else.
// Pages may come from a shared cache, so the browser reports the view itself.
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || navigator.doNotTrack === "1" || navigator.globalPrivacyControl) {
    return;
  }
  // An error page is not a visit (where the browser tells the status).
  const entries = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation") : [];
  if (entries.length && entries[0].responseStatus && entries[0].responseStatus !== 200) {
    return;
  }
  const data = new URLSearchParams({
    path: window.location.pathname,
    lang: document.documentElement.lang,
  });
  const endpoint = script.getAttribute("data-endpoint");

  function send() {
    if (!(navigator.sendBeacon && navigator.sendBeacon(endpoint, data))) {
      new Image(1, 1).src = endpoint + "?" + data.toString();
    }
  }

  // A page the browser prerendered counts only once somebody actually opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
