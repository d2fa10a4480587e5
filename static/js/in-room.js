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

  // A fresh token for a different tap after a failed one; a retry keeps the failed tap's token.
  function newToken() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)].join("-");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-tick-form] button[type=submit]");
    if (button) {
      var form = button.form;
      var failed = rowOf(form) && rowOf(form).classList.contains("tick-failed");
      if (failed && form.dataset.lastValue !== button.value) {
        form.querySelector("input[name=token]").value = newToken();
      }
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
    // The same choice again, or (after "Terugzetten", which is then gone) the row's first one.
    var button = row && (row.querySelector('.tick-buttons button[value="' + lastTap.value + '"]') ||
      row.querySelector(".tick-buttons button"));
    if (button) button.focus();
    lastTap = null;
    startClocks();
  });

  // --- The clock: minutes since the start, against where the plan should be. ---
  function minutesBetween(from, to) {
    return Math.floor((to - from) / 60000);
  }

  // The words come from the page (data-text-*, translated there); {n} stands for the minutes.
  function differenceText(output, difference) {
    if (difference > 0) {
      return (output.dataset.textBehind || "{n} min achter").replace("{n}", difference);
    }
    if (difference < 0) {
      return (output.dataset.textAhead || "{n} min voor").replace("{n}", -difference);
    }
    return output.dataset.textOnTime || "precies op schema";
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
    if (differenceOut) differenceOut.textContent = differenceText(differenceOut, difference);
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
