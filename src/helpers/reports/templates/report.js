/* The reports' script, shared by every page as assets/site.js (helpers.reports.assets); no dependencies, nothing fetched.
   Tables: a table opts in with data-tools (sort, search, filters: a header cell with data-filter);
   data-state keeps its search, filters, sort and columns in the URL; a header cell with
   data-optional starts hidden (the column chooser shows it); class "cards" lays rows out as
   cards on a phone. Pages: the header's site search and theme toggle, a table of contents,
   and anchors landing below the sticky header (a claim permalink lights up its sentence). */
(function () {
  "use strict";
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  var root = document.documentElement;
  var header = document.querySelector(".site-header");

  function cellValue(td) {
    return td ? (td.getAttribute("data-value") || td.textContent).trim() : "";
  }
  function asNumber(text) {
    var n = parseFloat(text.replace(/[,\u2009\s]/g, ""));
    return isNaN(n) ? null : n;
  }
  function fold(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  /* ---- Numbers however written: 600000, 600,000, 600.000, 600k, 600 Tsd., 60万, 1億2000万, 3,5 Mrd. ---- */
  var SCALE = {
    k: 1e3, tsd: 1e3, tausend: 1e3, thousand: 1e3,
    m: 1e6, mn: 1e6, mio: 1e6, million: 1e6, millionen: 1e6, millions: 1e6,
    b: 1e9, bn: 1e9, mrd: 1e9, billion: 1e9, billions: 1e9, milliarde: 1e9, milliarden: 1e9,
    t: 1e12, tn: 1e12, bio: 1e12, trillion: 1e12, trillions: 1e12, billionen: 1e12
  };
  var KANJI = { "千": 1e3, "万": 1e4, "億": 1e8, "兆": 1e12 };
  var SCALE_WORD = /(\d)\s+(k|tsd|tausend|thousand|mio|mn|millionen|millions?|bn|mrd|milliarden?|billionen|billions?|bio|tn|trillions?)(?![a-z])\.?/g;

  // Every reading of digits with separators: "1.500" is 1500 in German and 1.5 in English.
  function digitReadings(s) {
    s = s.replace(/[\s\u00a0\u2009\u202f'\u2019]/g, "");
    if (/^\d+$/.test(s)) return [Number(s)];
    var out = [];
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) out.push(Number(s.replace(/,/g, "")));
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) out.push(Number(s.replace(/\./g, "").replace(",", ".")));
    if (/^\d*\.\d+$/.test(s)) out.push(Number(s));
    if (/^\d*,\d+$/.test(s)) out.push(Number(s.replace(",", ".")));
    return out;
  }
  // The numbers a search word may mean ([] when it is no number).
  function readNumber(word) {
    var t = fold(word).replace(/^[$€£¥~≈約]+/, "").replace(/(%|percent|prozent)$/, "").replace(/\.$/, "");
    var m = /^((?:[\d.,]+[千万億兆])+)([\d.,]*)$/.exec(t);
    if (m) {
      var total = 0, part, re = /([\d.,]+)([千万億兆])/g;
      while ((part = re.exec(m[1]))) {
        var r = digitReadings(part[1]);
        if (!r.length) return [];
        total += r[0] * KANJI[part[2]];
      }
      if (m[2]) {
        var rest = digitReadings(m[2]);
        if (!rest.length) return [];
        total += rest[0];
      }
      return [total];
    }
    m = /^([\d.,]*\d)([a-zäöü]+)$/.exec(t);
    if (m && SCALE[m[2]]) {
      var scale = SCALE[m[2]];
      return digitReadings(m[1]).map(function (n) { return n * scale; });
    }
    return /^[\d.,]*\d$/.test(t) ? digitReadings(t) : [];
  }
  function sameNumber(a, b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  // The search words of a query, a number and its scale word kept together ("600 Tsd." is one word).
  function queryWords(text) {
    return fold(text).replace(SCALE_WORD, "$1$2").trim().split(/\s+/).filter(Boolean).map(function (w) {
      return { text: w, numbers: readNumber(w) };
    });
  }
  function rowMatches(text, numbers, words) {
    for (var k = 0; k < words.length; k++) {
      var w = words[k];
      if (text.indexOf(w.text) >= 0) continue;
      var found = false;
      for (var i = 0; !found && i < w.numbers.length; i++)
        for (var j = 0; !found && j < numbers.length; j++) found = sameNumber(w.numbers[i], numbers[j]);
      if (!found) return false;
    }
    return true;
  }

  /* ---- State in the URL's fragment: #claims.q=600k&claims.verdict=conflict ---- */
  function hashParams() {
    var h = location.hash.slice(1);
    return /^[cs]-/.test(h) ? new URLSearchParams() : new URLSearchParams(h);
  }
  function writeHash(params) {
    var text = params.toString();
    var url = location.pathname + location.search + (text ? "#" + text : "");
    try {
      history.replaceState(history.state, "", url);
    } catch (e) {
      /* a browser that refuses replaceState on file:// keeps the page as it is */
    }
  }

  function csvField(value) {
    var s = String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function tools(table, n) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = heads.map(function (th) { return th.textContent.trim(); });
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var name = table.getAttribute("aria-label") || (table.caption ? table.caption.textContent : "table");
    var stateful = table.hasAttribute("data-state");
    if (!table.id) table.id = "table-" + n;
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
      label.textContent = names[col];
      label.appendChild(select);
      bar.appendChild(label);
      filters.push({ col: col, name: names[col], select: select });
    });

    // The column chooser: every column, those marked data-optional hidden until chosen.
    var optional = heads.some(function (th) { return th.hasAttribute("data-optional"); });
    var shownCols = heads.map(function (th) { return !th.hasAttribute("data-optional"); });
    var defaultCols = shownCols.slice();
    var hideStyle = document.createElement("style");
    document.head.appendChild(hideStyle);
    var boxes = [];
    if (optional) {
      var chooser = document.createElement("details");
      chooser.className = "columns";
      var summary = document.createElement("summary");
      summary.textContent = "Columns";
      chooser.appendChild(summary);
      var list = document.createElement("div");
      list.className = "column-list";
      heads.forEach(function (th, col) {
        var box = document.createElement("input");
        box.type = "checkbox";
        box.id = "c" + n + "-" + col;
        var label = document.createElement("label");
        label.htmlFor = box.id;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + names[col]));
        list.appendChild(label);
        box.addEventListener("change", function () {
          shownCols[col] = box.checked;
          showColumns();
          saveState();
        });
        boxes.push(box);
      });
      chooser.appendChild(list);
      bar.appendChild(chooser);
    }
    function showColumns() {
      var rules = [];
      shownCols.forEach(function (on, col) {
        if (boxes[col]) boxes[col].checked = on;
        if (!on) rules.push("#" + table.id + " > * > tr > :nth-child(" + (col + 1) + ")");
      });
      hideStyle.textContent = rules.length ? rules.join(",\n") + " { display: none; }" : "";
    }

    var download = document.createElement("button");
    download.type = "button";
    download.className = "plain";
    download.textContent = "Download these rows (CSV)";
    bar.appendChild(download);
    var status = document.createElement("output");
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(bar, wrap);

    // Row texts and numbers are read once: a keystroke only compares strings and numbers.
    var numCols = heads.map(function (th, col) {
      return rows.some(function (tr) { return tr.cells[col] && tr.cells[col].hasAttribute("data-value"); });
    });
    var texts = rows.map(function (tr) { return fold(tr.textContent); });
    var numbers = rows.map(function (tr) {
      var found = [];
      numCols.forEach(function (on, col) {
        if (!on || !tr.cells[col]) return;
        (tr.cells[col].getAttribute("data-value") || "").split("|").forEach(function (v) {
          var x = parseFloat(v);
          if (!isNaN(x)) found.push(x);
        });
      });
      return found;
    });
    var keys = rows.map(function (tr) {
      return filters.map(function (f) { return cellValue(tr.cells[f.col]); });
    });
    if (table.classList.contains("cards")) {
      rows.forEach(function (tr) {
        for (var c = 0; c < tr.cells.length; c++) tr.cells[c].setAttribute("data-label", names[c] || "");
      });
    }
    var sortCol = -1, sortDir = 1;

    function apply() {
      var words = queryWords(search.value);
      var want = filters.map(function (f) { return f.select.value; });
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var ok = true;
        for (var j = 0; ok && j < want.length; j++) ok = want[j] === "\u0000" || keys[i][j] === want[j];
        if (ok && words.length) ok = rowMatches(texts[i], numbers[i], words);
        if (rows[i].hidden === ok) rows[i].hidden = !ok;
        if (ok) shown++;
      }
      status.value = "Showing " + shown + " of " + rows.length + " rows";
    }
    function saveState() {
      if (!stateful) return;
      var params = hashParams();
      var prefix = name + ".";
      Array.from(params.keys()).forEach(function (k) { if (k.indexOf(prefix) === 0) params.delete(k); });
      if (search.value.trim()) params.set(prefix + "q", search.value.trim());
      filters.forEach(function (f) { if (f.select.value !== "\u0000") params.set(prefix + f.name, f.select.value); });
      if (sortCol >= 0) params.set(prefix + "sort", (sortDir < 0 ? "-" : "") + names[sortCol]);
      if (shownCols.join() !== defaultCols.join())
        params.set(prefix + "columns", names.filter(function (_, c) { return shownCols[c]; }).join(","));
      writeHash(params);
    }
    function restoreState() {
      var params = hashParams();
      var prefix = name + ".";
      search.value = params.get(prefix + "q") || "";
      filters.forEach(function (f) {
        var v = params.get(prefix + f.name);
        var known = v !== null && Array.prototype.some.call(f.select.options, function (o) { return o.value === v; });
        f.select.value = known ? v : "\u0000";
      });
      var cols = params.get(prefix + "columns");
      if (cols !== null) {
        var wanted = cols.split(",");
        shownCols = names.map(function (nm) { return wanted.indexOf(nm) >= 0; });
      } else {
        shownCols = defaultCols.slice();
      }
      var sort = params.get(prefix + "sort");
      if (sort) {
        var dir = sort.charAt(0) === "-" ? -1 : 1;
        var col = names.indexOf(dir < 0 ? sort.slice(1) : sort);
        if (col >= 0) sortBy(col, dir);
      }
    }

    function sortBy(col, dir) {
      sortCol = col;
      sortDir = dir;
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      heads[col].setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
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
      numbers = order.map(function (i) { return numbers[i]; });
      keys = order.map(function (i) { return keys[i]; });
    }

    search.addEventListener("input", function () { apply(); saveState(); });
    filters.forEach(function (f) { f.select.addEventListener("change", function () { apply(); saveState(); }); });
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(col, th.getAttribute("aria-sort") === "ascending" ? -1 : 1);
        saveState();
      });
    });
    download.addEventListener("click", function () {
      var lines = [names.concat(["link"]).map(csvField).join(",")];
      rows.forEach(function (tr) {
        if (tr.hidden) return;
        var link = tr.querySelector("a[href]");
        var cells = Array.prototype.map.call(tr.cells, function (td) { return csvField(td.textContent.trim()); });
        lines.push(cells.concat([csvField(link ? link.href : "")]).join(","));
      });
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = name.replace(/[^\w.-]+/g, "-") + "-rows.csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    });
    if (stateful) {
      restoreState();
      window.addEventListener("hashchange", function () {
        if (location.hash.length > 1 && location.hash.indexOf("=") < 0) return; // an anchor, not a state
        restoreState();
        showColumns();
        apply();
      });
    }
    showColumns();
    apply();
  }

  /* ---- The header: its height (anchors land below it), the site search, the theme toggle ---- */
  function measureHeader() {
    if (header) root.style.setProperty("--header-h", header.getBoundingClientRect().height + "px");
  }
  function siteRoot() {
    var index = document.querySelector(".site-header nav a[href$='index.html']");
    return index ? index.getAttribute("href").replace(/index\.html$/, "") : "";
  }
  var THEME_KEY = "report-theme";
  var THEMES = ["", "dark", "light"];
  function storedTheme() {
    try {
      return localStorage.getItem(THEME_KEY) || "";
    } catch (e) {
      return "";
    }
  }
  function applyTheme(theme) {
    if (theme) root.setAttribute("data-theme", theme);
    else root.removeAttribute("data-theme");
  }
  function headerTools() {
    if (!header) return;
    var box = document.createElement("div");
    box.className = "site-tools";
    var form = document.createElement("form");
    form.className = "site-search";
    form.setAttribute("role", "search");
    form.action = siteRoot() + "search.html";
    form.method = "get";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "Search the site";
    input.setAttribute("aria-label", "Search the site");
    form.appendChild(input);
    box.appendChild(form);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "theme-toggle";
    function label() {
      var t = storedTheme();
      button.textContent = "Theme: " + (t || "auto");
      button.title = t ? "Shown " + t + "; click for " + (THEMES[(THEMES.indexOf(t) + 1) % 3] || "the system's choice")
        : "Follows the system's light or dark setting; click for dark";
    }
    button.addEventListener("click", function () {
      var next = THEMES[(THEMES.indexOf(storedTheme()) + 1) % THEMES.length];
      try {
        if (next) localStorage.setItem(THEME_KEY, next);
        else localStorage.removeItem(THEME_KEY);
      } catch (e) {
        /* storage refused: the choice holds for this page only */
      }
      applyTheme(next);
      label();
    });
    label();
    box.appendChild(button);
    header.appendChild(box);
  }

  /* ---- A table of contents of the page's sections: a side panel on wide screens, folded on phones ---- */
  function contents() {
    var main = document.getElementById("main");
    if (!main || document.body.classList.contains("report-search")) return;
    var heads = Array.prototype.filter.call(main.querySelectorAll("h2, h3"), function (h) {
      return !h.closest("table, .table-wrap, nav, figure");
    });
    if (heads.length < 3) return;
    var nav = document.createElement("nav");
    nav.className = "toc";
    nav.setAttribute("aria-label", "On this page");
    nav.lang = "en"; // the report's words, whatever the page's language (a document's)
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    summary.textContent = "On this page";
    details.appendChild(summary);
    var list = document.createElement("ol");
    heads.forEach(function (h, i) {
      if (!h.id) h.id = "section-" + (i + 1);
      var li = document.createElement("li");
      li.className = "toc-" + h.tagName.toLowerCase();
      var a = document.createElement("a");
      a.href = "#" + encodeURIComponent(h.id);
      a.textContent = h.textContent.replace(/¶$/, "").trim();
      var voice = h.closest("[lang]");
      if (voice && voice.lang !== "en") a.lang = voice.lang;
      li.appendChild(a);
      list.appendChild(li);
    });
    details.appendChild(list);
    nav.appendChild(details);
    var h1 = main.querySelector("h1");
    var anchor = h1 ? h1.closest(".jp-Cell") || h1 : null;
    if (anchor && anchor.parentNode) anchor.parentNode.insertBefore(nav, anchor.nextSibling);
    else main.insertBefore(nav, main.firstChild);
    document.body.classList.add("has-toc");
    var wide = window.matchMedia("(min-width: 1100px)");
    function fit() { details.open = wide.matches; }
    if (wide.addEventListener) wide.addEventListener("change", fit);
    fit();
  }

  /* ---- Anchors: the target lands below the header; a claim permalink lights up its whole sentence ---- */
  function showTarget() {
    var old = document.querySelectorAll(".is-target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("is-target");
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return;
    }
    if (!/^[cs]-/.test(id)) return;
    var el = document.getElementById(id);
    if (!el) return;
    var sentence = id.indexOf("c-") === 0 ? el.closest('.document-text span[id^="s-"]') : null;
    if (sentence) sentence.classList.add("is-target");
    var box = sentence || el;
    var room = window.innerHeight - (header ? header.getBoundingClientRect().height : 0) - 24;
    // A sentence that fits is shown whole from its first line; a longer one is centred on the claim.
    if (box.getBoundingClientRect().height <= room) box.scrollIntoView({ block: "start" });
    else el.scrollIntoView({ block: "center" });
  }

  applyTheme(storedTheme());
  headerTools();
  measureHeader();
  window.addEventListener("resize", measureHeader);
  var tables = document.querySelectorAll("table.data[data-tools]");
  for (var t = 0; t < tables.length; t++) if (tables[t].tHead && tables[t].tBodies.length) tools(tables[t], t);
  contents();
  window.addEventListener("hashchange", showTarget);
  showTarget();
  // The browser scrolls to the fragment itself once the page has loaded: land again after it.
  window.addEventListener("load", function () { setTimeout(showTarget, 0); });
  window.helpersReadNumber = readNumber; // for the tests and the site search
})();
