/* The site search page: queries window.SITE_SEARCH (search-index.js, loaded by a script tag so that it
   works from file:// too). Every word of the query must appear; a number matches however it is written. */
(function () {
  "use strict";
  var S = window.SITE_SEARCH;
  var box = document.getElementById("site-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var LIMIT = 50;
  if (!S) {
    status.textContent = "The search index (search-index.js) is missing here: build the reports again.";
    return;
  }
  var ready = performance.now();
  var fold = function (s) { return String(s).normalize("NFKC").toLowerCase(); };
  var str = S.strings;
  // The sentences' texts come second (search-sentences.js): the rest answers at once, sentences as they arrive.
  S.sentences = [];
  var docText = S.docs.map(function (d) { return fold(d.join(" ")); });
  var sentText = [];
  var claimOwn = S.claims.map(function (c) { return fold([c[1], c[2], str[c[3]], str[c[4]], str[c[5]]].join(" ")); });
  var claimText = claimOwn;
  var findText = S.findings.map(function (f) { return fold([f[1], str[f[2]], str[f[3]], f[4]].join(" ")); });
  var reportText = S.reports.map(function (r) { return fold(r[0]); });
  window.SEARCH_TIMINGS = { load: ready - (window.SEARCH_T0 || ready), prepare: performance.now() - ready };
  function claimId(c) { return c[1].indexOf(":") >= 0 ? c[1] : S.docs[c[0]][0] + ":" + c[1]; }
  function sentencesArrived() {
    if (!window.SITE_SEARCH_SENTENCES) return;
    S.sentences = window.SITE_SEARCH_SENTENCES;
    sentText = S.sentences.map(function (s) { return fold(s[2]); });
    claimText = S.claims.map(function (c, i) { return claimOwn[i] + " " + (c[6] >= 0 ? sentText[c[6]] || "" : ""); });
    window.SEARCH_TIMINGS.sentences = performance.now() - ready;
    if (box.value.trim()) search(box.value);
  }

  var readNumber = window.helpersReadNumber || function () { return []; };
  function words(q) {
    return fold(q).replace(/(\d)\s+(k|tsd|tausend|thousand|mio|mn|millionen|millions?|bn|mrd|milliarden?|billionen|billions?|bio|tn|trillions?)(?![a-z])\.?/g, "$1$2")
      .trim().split(/\s+/).filter(Boolean).map(function (w) { return { text: w, numbers: readNumber(w) }; });
  }
  function close(a, b) { return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)); }
  function matches(text, ws, numbers) {
    for (var i = 0; i < ws.length; i++) {
      if (text.indexOf(ws[i].text) >= 0) continue;
      var hit = false;
      for (var j = 0; !hit && numbers && j < ws[i].numbers.length; j++)
        for (var k = 0; !hit && k < numbers.length; k++) hit = close(ws[i].numbers[j], numbers[k]);
      if (!hit) return false;
    }
    return true;
  }
  function docHref(d) { return "documents/" + encodeURIComponent(S.docs[d][0]) + ".html"; }
  function docName(d) { return d >= 0 ? (S.docs[d][1] || S.docs[d][0]) : ""; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function item(kind, href, title, snippet, lang) {
    var li = el("li");
    li.appendChild(el("span", "search-kind", kind));
    var a = el("a", "", title);
    a.href = href;
    if (lang) a.lang = lang;
    li.appendChild(a);
    if (snippet) li.appendChild(el("span", "search-snippet", snippet));
    return li;
  }
  function section(title, total, items) {
    if (!total) return null;
    var wrap = el("section");
    wrap.appendChild(el("h2", "", title + " (" + total + (total > items.length ? ", first " + items.length + " shown" : "") + ")"));
    var ol = el("ol", "search-results");
    items.forEach(function (li) { ol.appendChild(li); });
    wrap.appendChild(ol);
    return wrap;
  }
  function collect(texts, ws, numbersOf, make) {
    var found = [], total = 0;
    for (var i = 0; i < texts.length; i++) {
      if (!matches(texts[i], ws, numbersOf ? numbersOf(i) : null)) continue;
      total++;
      if (found.length < LIMIT) found.push(make(i));
    }
    return { total: total, items: found };
  }
  function search(q) {
    var t0 = performance.now();
    var ws = words(q);
    results.textContent = "";
    if (!ws.length) {
      status.textContent = "Type a word or a number.";
      return;
    }
    var groups = [
      ["Documents", collect(docText, ws, null, function (i) {
        var d = S.docs[i];
        return item("document", docHref(i), d[1] || d[0], [d[0], d[3], d[4], d[5]].filter(Boolean).join(" · "), d[2]);
      })],
      ["Claims", collect(claimText, ws, function (i) { return S.claims[i][7]; }, function (i) {
        var c = S.claims[i];
        var s = c[6] >= 0 && S.sentences[c[6]] ? S.sentences[c[6]][2] : "";
        var who = str[c[5]] ? " — " + str[c[5]] : "";
        return item("claim", docHref(c[0]) + "#c-" + encodeURIComponent(claimId(c)), c[2] + " (" + str[c[3]] + ")" + who,
          docName(c[0]) + ": " + s, S.docs[c[0]][2]);
      })],
      ["Sentences", collect(sentText, ws, null, function (i) {
        var s = S.sentences[i];
        return item("sentence", docHref(s[0]) + "#s-" + s[1], s[2], docName(s[0]), S.docs[s[0]][2]);
      })],
      ["Findings", collect(findText, ws, null, function (i) {
        var f = S.findings[i];
        var href = f[0] >= 0 && f[1] ? docHref(f[0]) + "#c-" + encodeURIComponent(f[1]) : "comparison.html";
        return item("finding", href, (str[f[3]] || "finding") + (str[f[2]] ? " · " + str[f[2]] : ""), f[4]);
      })],
      ["Reports", collect(reportText, ws, null, function (i) {
        return item("report", S.reports[i][1].split("/").map(encodeURIComponent).join("/"), S.reports[i][0]);
      })]
    ];
    var shown = 0;
    groups.forEach(function (g) {
      var part = section(g[0], g[1].total, g[1].items);
      if (part) results.appendChild(part);
      shown += g[1].total;
    });
    var ms = performance.now() - t0;
    window.SEARCH_TIMINGS.query = ms;
    var pending = window.SITE_SEARCH_SENTENCES ? "" : " (searching the sentences\u2026)";
    status.textContent = (shown ? shown + " results for \u201c" + q.trim() + "\u201d" : "Nothing matches \u201c" + q.trim() + "\u201d.") + pending;
  }
  var timer = null;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      search(box.value);
      try {
        history.replaceState(null, "", location.pathname + (box.value.trim() ? "?q=" + encodeURIComponent(box.value.trim()) : ""));
      } catch (e) {
        /* file:// may refuse: the results are shown all the same */
      }
    }, 60);
  });
  var q = new URLSearchParams(location.search).get("q") || "";
  box.value = q;
  var header = document.querySelector(".site-tools input[type=search]");
  if (header) header.value = q;
  if (q) search(q);
  else status.textContent = "Type a word or a number.";
  box.focus();
  var more = document.createElement("script");
  more.src = "search-sentences.js";
  more.onload = sentencesArrived;
  document.body.appendChild(more);
})();
