/* Sort, filter and search for the reports' tables, and claim permalinks. Inlined, no dependencies.
   A table opts in with data-tools; a header cell with data-filter gets a value filter. */
(function () {
  "use strict";
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellValue(td) {
    return td ? (td.getAttribute("data-value") || td.textContent).trim() : "";
  }
  function asNumber(text) {
    var n = parseFloat(text.replace(/[,\u2009\s]/g, ""));
    return isNaN(n) ? null : n;
  }

  function tools(table, n) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var name = table.getAttribute("aria-label") || (table.caption ? table.caption.textContent : "table");
    var bar = document.createElement("div");
    bar.className = "table-tools";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "tools for " + name);
    var search = document.createElement("input");
    search.type = "search";
    search.id = "q" + n;
    var searchLabel = document.createElement("label");
    searchLabel.htmlFor = search.id;
    searchLabel.textContent = "Search " + name;
    searchLabel.appendChild(search);
    bar.appendChild(searchLabel);
    var filters = [];
    heads.forEach(function (th, col) {
      if (!th.hasAttribute("data-filter")) return;
      var values = {};
      rows.forEach(function (tr) { values[cellValue(tr.cells[col])] = true; });
      var select = document.createElement("select");
      select.id = "f" + n + "-" + col;
      var all = document.createElement("option");
      all.value = "\u0000";
      all.textContent = "all";
      select.appendChild(all);
      Object.keys(values).sort(collator.compare).forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = v === "" ? "(empty)" : v;
        select.appendChild(o);
      });
      var label = document.createElement("label");
      label.htmlFor = select.id;
      label.textContent = th.textContent.trim();
      label.appendChild(select);
      bar.appendChild(label);
      filters.push({ col: col, select: select });
    });
    var status = document.createElement("output");
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(bar, wrap);

    // Row texts are read once: a keystroke only compares strings.
    var texts = rows.map(function (tr) { return tr.textContent.toLowerCase(); });
    var keys = rows.map(function (tr) {
      return filters.map(function (f) { return cellValue(tr.cells[f.col]); });
    });
    function apply() {
      var q = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var want = filters.map(function (f) { return f.select.value; });
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var ok = true;
        for (var j = 0; ok && j < want.length; j++) ok = want[j] === "\u0000" || keys[i][j] === want[j];
        for (var k = 0; ok && k < q.length; k++) ok = texts[i].indexOf(q[k]) >= 0;
        if (rows[i].hidden === ok) rows[i].hidden = !ok;
        if (ok) shown++;
      }
      status.value = "Showing " + shown + " of " + rows.length + " rows";
    }
    search.addEventListener("input", apply);
    filters.forEach(function (f) { f.select.addEventListener("change", apply); });

    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        var numeric = rows.length && rows[0].cells[col] && rows[0].cells[col].classList.contains("num");
        var order = rows.map(function (tr, i) { return i; });
        order.sort(function (a, b) {
          var x = cellValue(rows[a].cells[col]), y = cellValue(rows[b].cells[col]);
          if (numeric) {
            var nx = asNumber(x), ny = asNumber(y);
            if (nx !== null && ny !== null && nx !== ny) return dir * (nx - ny);
            if ((nx === null) !== (ny === null)) return nx === null ? 1 : -1;
          }
          return dir * collator.compare(x, y) || a - b;
        });
        var frag = document.createDocumentFragment();
        order.forEach(function (i) { frag.appendChild(rows[i]); });
        body.appendChild(frag);
        rows = order.map(function (i) { return rows[i]; });
        texts = order.map(function (i) { return texts[i]; });
        keys = order.map(function (i) { return keys[i]; });
      });
    });
    apply();
  }

  // A claim permalink (#c-<claim_id>) lights up its whole sentence, not only the marked words.
  function showTarget() {
    var old = document.querySelectorAll(".is-target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("is-target");
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("c-") !== 0) return;
    var el = document.getElementById(id);
    var sentence = el && el.closest(".sentence");
    if (sentence) {
      sentence.classList.add("is-target");
      sentence.scrollIntoView({ block: "center" });
    }
  }

  var tables = document.querySelectorAll("table.data[data-tools]");
  for (var t = 0; t < tables.length; t++) if (tables[t].tHead && tables[t].tBodies.length) tools(tables[t], t);
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
