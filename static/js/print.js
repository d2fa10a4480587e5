// Buttons with data-print open the browser's print dialog (no inline scripts: CSP).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
