/* Site-wide enhancements: the header menu, table labels for phones, and the form error summary.
   Everything here works without it; this only makes it smoother. */
(function () {
  "use strict";

  // The header menu is a <details>: on wide screens keep it open (its button
  // is hidden there); Escape closes it on a phone and returns to the button.
  function setUpMenu() {
    var menu = document.getElementById("site-menu");
    if (!menu) return;
    var wide = window.matchMedia("(min-width: 50rem)");
    function sync() { menu.open = wide.matches; }
    sync();
    wide.addEventListener("change", sync);
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && !wide.matches) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  // Stacked table rows on a phone name each cell after its column.
  function labelTableCells() {
    document.querySelectorAll("main table").forEach(function (table) {
      var heads = Array.prototype.map.call(
        table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      if (!heads.length) return;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute("data-label") && heads[index]) {
            cell.setAttribute("data-label", heads[index]);
          }
        });
      });
      // Only now may the stylesheet stack the rows: each cell carries its name.
      table.setAttribute("data-stacked", "");
    });
  }

  // GOV.UK error summary: focused on load, and each link moves focus to its field.
  function setUpErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  function start() {
    setUpMenu();
    labelTableCells();
    setUpErrorSummary();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
