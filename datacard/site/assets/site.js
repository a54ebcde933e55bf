// datacard site: search, filters and sorting of the catalogue table, and zoom of the lineage
// graph. Written for this site; no library, no network, works from file://. Pages read fine
// without it: the table lists everything and the graph is drawn at its actual size.
"use strict";
(function () {
  function catalogue() {
    var table = document.getElementById("catalogue");
    if (!table) { return; }
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var shown = rows.map(function (row) { return !row.hidden; });
    // At most `page` rows are shown at once, the first that match; "Show more" adds a page. A
    // browser lays out a hundred table rows in a few milliseconds, ten thousand in seconds.
    var page = parseInt(table.dataset.page, 10) || rows.length;
    var limit = page;
    var more = document.getElementById("more");
    // What a search looks in: each row's text, lower-cased once.
    var hay = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var facets = rows.map(function (row) { return row.dataset; });
    var search = document.getElementById("q");
    var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
    var count = document.getElementById("count");
    var filters = document.querySelector(".filters");
    if (filters) { filters.hidden = false; }

    function matches(i, words, wanted) {
      var text = hay[i];
      for (var w = 0; w < words.length; w++) {
        if (text.indexOf(words[w]) < 0) { return false; }
      }
      var data = facets[i];
      for (var f = 0; f < wanted.length; f++) {
        var values = (data[wanted[f][0]] || "").split(" ");
        if (values.indexOf(wanted[f][1]) < 0) { return false; }
      }
      return true;
    }

    function apply() {
      var words = (search ? search.value : "").toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = selects.filter(function (s) { return s.value; })
        .map(function (s) { return [s.dataset.filter, s.value]; });
      var n = 0;
      for (var i = 0; i < rows.length; i++) {
        var show = matches(i, words, wanted);
        if (show) { n++; }
        show = show && n <= limit;
        // Only rows that change are touched: the browser lays out what changed.
        if (show !== shown[i]) { rows[i].hidden = !show; shown[i] = show; }
      }
      var what = n === rows.length ? rows.length + " entries" : n + " of " + rows.length + " entries";
      count.textContent = n > limit ? "Showing " + limit + " of " + what : what;
      if (more) {
        more.parentNode.hidden = n <= limit;
        more.textContent = "Show " + Math.min(page, n - limit) + " more";
      }
    }

    function fresh() { limit = page; apply(); }
    if (search) { search.addEventListener("input", fresh); }
    selects.forEach(function (s) { s.addEventListener("change", fresh); });
    if (more) { more.addEventListener("click", function () { limit += page; apply(); }); }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = th.querySelector("button.sort");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = button.dataset.numeric === "1";
        var keyed = rows.map(function (row, i) {
          var cell = row.cells[column];
          var value = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.trim().toLowerCase();
          return { key: numeric ? parseFloat(value) : value, i: i };
        });
        keyed.sort(function (a, b) {
          var d = a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i;
          return ascending ? d : -d;
        });
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var order = keyed.map(function (k) { return k.i; });
        rows = order.map(function (i) { return rows[i]; });
        hay = order.map(function (i) { return hay[i]; });
        facets = order.map(function (i) { return facets[i]; });
        shown = order.map(function (i) { return shown[i]; });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (row) { fragment.appendChild(row); });
        tbody.appendChild(fragment);
        apply();
      });
    });
    apply();
  }

  function zoom() {
    var controls = document.querySelector(".zoom");
    var svg = document.getElementById("catalogue-graph");
    if (!controls || !svg) { return; }
    controls.hidden = false;
    var width = parseFloat(svg.getAttribute("width"));
    var height = parseFloat(svg.getAttribute("height"));
    var scale = 1;
    controls.addEventListener("click", function (event) {
      var action = event.target && event.target.dataset ? event.target.dataset.zoom : null;
      if (!action) { return; }
      scale = action === "in" ? Math.min(scale * 1.25, 4) : action === "out" ? Math.max(scale / 1.25, 0.1) : 1;
      svg.setAttribute("width", String(Math.round(width * scale)));
      svg.setAttribute("height", String(Math.round(height * scale)));
    });
  }

  function start() { catalogue(); zoom(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
