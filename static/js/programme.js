/* The programme of a half-day: the total updates while minutes are typed. */
(function () {
  "use strict";

  function update(form) {
    var total = 0;
    form.querySelectorAll("[data-block-minutes]").forEach(function (input) {
      var block = input.closest("fieldset");
      var removed = block && block.querySelector("input[name$='-DELETE']:checked");
      var minutes = parseInt(input.value, 10);
      if (!removed && minutes > 0) total += minutes;
    });
    var limit = parseInt(form.dataset.limit, 10) || 0;
    form.querySelector("[data-programme-total]").textContent = String(total);
    form.querySelector("[data-programme-warning]").hidden = total <= limit;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-programme]").forEach(function (form) {
      form.addEventListener("input", function () { update(form); });
      form.addEventListener("change", function () { update(form); });
      update(form);
    });
  });
})();
