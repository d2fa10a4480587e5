/* The idle time-out: a warning two minutes before the session ends, with a button to stay.
 * Every page load and every htmx request renews the session on the server, so the timer
 * restarts then too. When the time is up, the page goes to the log-in page. */
(function () {
  "use strict";

  var WARN_BEFORE = 120; // seconds
  var warning, timeout, warnTimer, endTimer;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warning.hidden = true;
    warnTimer = setTimeout(show, Math.max(0, timeout - WARN_BEFORE) * 1000);
    endTimer = setTimeout(function () {
      window.location.assign(warning.dataset.loginUrl + "?next=" +
        encodeURIComponent(window.location.pathname));
    }, timeout * 1000);
  }

  function show() {
    warning.hidden = false;
    var button = warning.querySelector("button");
    if (button) button.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    warning = document.getElementById("sessie-waarschuwing");
    if (!warning) return;
    timeout = parseInt(warning.dataset.sessionTimeout, 10);
    if (!(timeout > WARN_BEFORE)) return;
    schedule();
    warning.querySelector("[data-keep-alive]").addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(this.action, { method: "POST", body: new FormData(this), credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 204) schedule();
          else window.location.reload();
        })
        .catch(function () { /* offline: keep the warning up, the user can try again */ });
    });
    document.addEventListener("htmx:afterRequest", schedule);
  });
})();
