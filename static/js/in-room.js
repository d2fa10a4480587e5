/* In the room: the running clock, and ticks that survive a flaky connection.
 *
 * Each tick form carries a token made by the server. A tap that fails (no connection, or a
 * server error) leaves the form as it was, so "Opnieuw proberen" sends the same token again:
 * the server records it once, however often it arrives. */
(function () {
  "use strict";

  var lastTap = null; // {row: id, value: button value} of the last tap, to restore focus

  function rowOf(element) {
    return element && element.closest ? element.closest("[data-tick-row]") : null;
  }

  function setFailed(form, failed) {
    var row = rowOf(form);
    var failure = form.querySelector(".tick-failure");
    if (row) row.classList.toggle("tick-failed", failed);
    if (failure) failure.hidden = !failed;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-tick-form] button[type=submit]");
    if (button) {
      var form = button.form;
      form.dataset.lastValue = button.value;
      lastTap = { row: rowOf(form).id, value: button.value };
      return;
    }
    var retry = event.target.closest("[data-tick-retry]");
    if (retry) {
      var retryForm = retry.closest("[data-tick-form]");
      var again = retryForm.querySelector(
        'button[type=submit][value="' + retryForm.dataset.lastValue + '"]'
      );
      setFailed(retryForm, false);
      if (again) again.click();
    }
  });

  function onFailure(event) {
    var form = event.detail.elt && event.detail.elt.closest("[data-tick-form]");
    if (form) setFailed(form, true);
  }
  document.addEventListener("htmx:sendError", onFailure);
  document.addEventListener("htmx:responseError", onFailure);
  document.addEventListener("htmx:timeout", onFailure);

  document.addEventListener("htmx:beforeRequest", function (event) {
    var row = rowOf(event.detail.elt);
    if (row) row.setAttribute("aria-busy", "true");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var row = rowOf(event.detail.elt);
    if (row) row.removeAttribute("aria-busy");
  });

  // The row is replaced by the answer: put the focus back on the same button.
  document.addEventListener("htmx:afterSettle", function () {
    if (!lastTap) return;
    var row = document.getElementById(lastTap.row);
    var button = row && row.querySelector('button[value="' + lastTap.value + '"]');
    if (button) button.focus();
    lastTap = null;
    startClocks();
  });

  // --- The clock: minutes since the start, against where the plan should be. ---
  function minutesBetween(from, to) {
    return Math.floor((to - from) / 60000);
  }

  function updateClock(element) {
    var start = Date.parse(element.dataset.clockStart);
    if (isNaN(start)) return;
    var end = element.dataset.clockEnd ? Date.parse(element.dataset.clockEnd) : Date.now();
    var elapsed = minutesBetween(start, end);
    var planned = parseInt(element.dataset.plannedPosition, 10) || 0;
    var difference = elapsed - planned;
    var elapsedOut = element.querySelector("[data-clock-elapsed]");
    var differenceOut = element.querySelector("[data-clock-difference]");
    if (elapsedOut) elapsedOut.textContent = elapsed + " min";
    if (differenceOut) {
      differenceOut.textContent =
        difference > 0 ? difference + " min achter" :
        difference < 0 ? -difference + " min voor" : "precies op schema";
    }
  }

  function startClocks() {
    document.querySelectorAll("[data-clock-start]").forEach(function (element) {
      updateClock(element);
      if (!element.dataset.clockEnd && !element.dataset.clockTimer) {
        element.dataset.clockTimer = String(setInterval(function () {
          if (document.body.contains(element)) updateClock(element);
        }, 15000));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", startClocks);
})();
