(function () {
  "use strict";
  var table = document.getElementById("summary-table");
  var filter = document.getElementById("filter");
  var verdict = document.getElementById("verdict");
  function cellValue(row, column, numeric) {
    var text = row.cells[column].textContent.trim();
    if (!numeric) return text;
    var number = parseFloat(text);
    return isNaN(number) ? -Infinity : number;
  }
  function sortBy(header) {
    var column = header.cellIndex, numeric = header.dataset.sort === "num";
    var ascending = !header.classList.contains("asc");
    table.querySelectorAll("th").forEach(function (th) { th.classList.remove("asc", "desc"); });
    header.classList.add(ascending ? "asc" : "desc");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, column, numeric), y = cellValue(b, column, numeric);
      var order = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function applyFilter() {
    var words = filter.value.trim().toLowerCase(), wanted = verdict.value;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var shown = (!words || row.textContent.toLowerCase().indexOf(words) >= 0) &&
        (!wanted || row.dataset.verdict === wanted);
      row.hidden = !shown;
    });
  }
  if (table) {
    table.querySelectorAll("th[data-sort]").forEach(function (header) {
      header.addEventListener("click", function () { sortBy(header); });
      header.addEventListener("keydown", function (event) { if (event.key === "Enter") sortBy(header); });
    });
    filter.addEventListener("input", applyFilter);
    verdict.addEventListener("change", applyFilter);
  }
  // A click on a page (not on a box) shows it at full width; another click puts it back.
  document.querySelectorAll("figure.page .sheet img").forEach(function (img) {
    img.addEventListener("click", function () { img.closest("figure").classList.toggle("zoomed"); });
  });
  // For readers and tests alike: how many page pictures were decoded and shown.
  window.addEventListener("load", function () {
    var images = document.querySelectorAll(".sheet img");
    var shown = Array.prototype.filter.call(images, function (img) { return img.complete && img.naturalWidth > 0; });
    document.body.dataset.pictures = String(images.length);
    document.body.dataset.picturesShown = String(shown.length);
  });
})();
