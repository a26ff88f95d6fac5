/* The site search page: queries window.SITE_SEARCH (search-index.js, loaded by a script tag so that it
   works from file:// too), then window.SITE_SEARCH_TEXT (search-text.js: sentences and findings' details)
   as it arrives. Every word of the query must appear; a number matches however it is written.
   Nothing is joined or folded per claim or finding at load: a word is looked for in the strings they
   share (each folded once) and in their own ids, so the page answers as soon as the index is parsed. */
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
  var ascii = /^[\x20-\x7e]*$/;
  var foldId = function (s) { return ascii.test(s) ? s.toLowerCase() : fold(s); };
  var str = S.strings;
  // The texts come second (search-text.js): the rest answers at once, sentences and details as they arrive.
  S.sentences = [];
  var details = [];
  var strText = str.map(fold);
  var docText = S.docs.map(function (d) { return fold(d.join(" ")); });
  var sentText = [];
  var detailText = [];
  var reportText = S.reports.map(function (r) { return fold(r[0]); });
  var claimIds = null, findingIds = null; // folded on the first query
  window.SEARCH_TIMINGS = { load: ready - (window.SEARCH_T0 || ready), prepare: performance.now() - ready };
  function claimId(c) { return c[1].indexOf(":") >= 0 ? c[1] : S.docs[c[0]][0] + ":" + c[1]; }
  function textArrived() {
    var T = window.SITE_SEARCH_TEXT;
    if (!T) return;
    S.sentences = T.sentences;
    details = T.details;
    sentText = S.sentences.map(function (s) { return fold(s[2]); });
    detailText = details.map(fold);
    window.SEARCH_TIMINGS.sentences = performance.now() - ready;
    if (box.value.trim()) search(box.value);
  }

  var readNumber = window.helpersReadNumber || function () { return []; };
  function words(q) {
    return fold(q).replace(/(\d)\s+(k|tsd|tausend|thousand|mio|mn|millionen|millions?|bn|mrd|milliarden?|billionen|billions?|bio|tn|trillions?)(?![a-z])\.?/g, "$1$2")
      .trim().split(/\s+/).filter(Boolean).map(function (w) { return { text: w, numbers: readNumber(w) }; });
  }
  function close(a, b) { return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)); }
  function numberHit(w, numbers) {
    for (var j = 0; numbers && j < w.numbers.length; j++)
      for (var k = 0; k < numbers.length; k++) if (close(w.numbers[j], numbers[k])) return true;
    return false;
  }
  function matches(text, ws, numbers) {
    for (var i = 0; i < ws.length; i++) {
      if (text.indexOf(ws[i].text) < 0 && !numberHit(ws[i], numbers)) return false;
    }
    return true;
  }
  // For each word, which shared strings hold it: a claim or finding holds the word when one of its strings does.
  function inStrings(ws) {
    return ws.map(function (w) { return strText.map(function (s) { return s.indexOf(w.text) >= 0; }); });
  }
  function claimMatches(i, ws, hits) {
    var c = S.claims[i];
    for (var n = 0; n < ws.length; n++) {
      var h = hits[n], w = ws[n].text;
      if (h[c[2]] || h[c[3]] || h[c[4]] || h[c[5]] || claimIds[i].indexOf(w) >= 0) continue;
      if (c[6] >= 0 && sentText.length && sentText[c[6]].indexOf(w) >= 0) continue;
      if (!numberHit(ws[n], c[7])) return false;
    }
    return true;
  }
  function findingMatches(i, ws, hits) {
    var f = S.findings[i];
    for (var n = 0; n < ws.length; n++) {
      var h = hits[n], w = ws[n].text;
      if (h[f[2]] || h[f[3]] || findingIds[i].indexOf(w) >= 0) continue;
      if (!(detailText.length && detailText[i].indexOf(w) >= 0)) return false;
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
  function collect(count, test, make) {
    var found = [], total = 0;
    for (var i = 0; i < count; i++) {
      if (!test(i)) continue;
      total++;
      if (found.length < LIMIT) found.push(make(i));
    }
    return { total: total, items: found };
  }
  function inTexts(texts, ws) { return function (i) { return matches(texts[i], ws, null); }; }
  function search(q) {
    var t0 = performance.now();
    var ws = words(q);
    results.textContent = "";
    if (!ws.length) {
      status.textContent = "Type a word or a number.";
      return;
    }
    if (!claimIds) {
      claimIds = S.claims.map(function (c) { return foldId(c[1]); });
      findingIds = S.findings.map(function (f) { return foldId(f[1]); });
    }
    var hits = inStrings(ws);
    var groups = [
      ["Documents", collect(docText.length, inTexts(docText, ws), function (i) {
        var d = S.docs[i];
        return item("document", docHref(i), d[1] || d[0], [d[0], d[3], d[4], d[5]].filter(Boolean).join(" · "), d[2]);
      })],
      ["Claims", collect(S.claims.length, function (i) { return claimMatches(i, ws, hits); }, function (i) {
        var c = S.claims[i];
        var s = c[6] >= 0 && S.sentences[c[6]] ? S.sentences[c[6]][2] : "";
        var who = str[c[5]] ? " — " + str[c[5]] : "";
        return item("claim", docHref(c[0]) + "#c-" + encodeURIComponent(claimId(c)), str[c[2]] + " (" + str[c[3]] + ")" + who,
          docName(c[0]) + ": " + s, S.docs[c[0]][2]);
      })],
      ["Sentences", collect(sentText.length, inTexts(sentText, ws), function (i) {
        var s = S.sentences[i];
        return item("sentence", docHref(s[0]) + "#s-" + s[1], s[2], docName(s[0]), S.docs[s[0]][2]);
      })],
      ["Findings", collect(S.findings.length, function (i) { return findingMatches(i, ws, hits); }, function (i) {
        var f = S.findings[i];
        var href = f[0] >= 0 && f[1] ? docHref(f[0]) + "#c-" + encodeURIComponent(f[1]) : "comparison.html";
        return item("finding", href, (str[f[3]] || "finding") + (str[f[2]] ? " · " + str[f[2]] : ""), details[i] || "");
      })],
      ["Reports", collect(reportText.length, inTexts(reportText, ws), function (i) {
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
    var pending = window.SITE_SEARCH_TEXT ? "" : " (searching the sentences\u2026)";
    status.textContent = (shown ? shown + (shown === 1 ? " result" : " results") + " for \u201c" + q.trim() + "\u201d" : "Nothing matches \u201c" + q.trim() + "\u201d.") + pending;
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
  more.src = "search-text.js";
  more.onload = textArrived;
  document.body.appendChild(more);
})();
