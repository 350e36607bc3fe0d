/* Coverage Digest: small progressive enhancements. Every page is complete without this file.
   - offline search over the index in search/ (loaded as scripts, so it also works from file://)
   - sort and filter the story page's quote table
   - sort and filter every story from the index (by words, outlet and dates)
   - copy a summary sentence with its citation */
(function () {
  "use strict";

  var script = document.currentScript;
  // The site's root, from this script's own address: <root>/<static dir>/js/digest.js (works from file:// too).
  var staticDir = (script && script.getAttribute("data-static-dir")) || "";
  var up = staticDir.split("/").filter(Boolean).map(function () { return "../"; }).join("");
  var root = script ? new URL(up, script.src.replace(/js\/digest\.js(\?.*)?$/, "")).href : "";
  var searchDir = (script && script.getAttribute("data-search-dir")) || "search";

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  }
  function tokens(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  /* ---------- search ---------- */
  var waiting = {};
  var loaded = {};
  window.CoverageDigestSearch = {
    add: function (name, data) {
      loaded[name] = data;
      (waiting[name] || []).forEach(function (done) { done(data); });
      delete waiting[name];
    }
  };

  function load(name) {
    if (Object.prototype.hasOwnProperty.call(loaded, name)) return Promise.resolve(loaded[name]);
    return new Promise(function (resolve, reject) {
      var first = !waiting[name];
      (waiting[name] = waiting[name] || []).push(resolve);
      if (!first) return;
      var tag = el("script", { src: root + searchDir + "/" + name + ".js" });
      tag.onerror = function () { reject(new Error("search index file missing: " + name)); };
      document.head.appendChild(tag);
    });
  }

  function shardKey(term, chars) {
    return Array.from(term).slice(0, chars).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  function search(query) {
    return load("manifest").then(function (m) {
      var stop = new Set(m.stop_words);
      var terms = tokens(query).filter(function (t) { return !stop.has(t); });
      if (!terms.length) return { terms: [], hits: [] };
      var keys = terms.map(function (t) { return shardKey(t, m.key_chars); });
      var present = new Set(m.shards);
      return Promise.all(keys.map(function (k) { return present.has(k) ? load("t-" + k) : Promise.resolve({}); }))
        .then(function (shards) {
          var scores = null;
          terms.forEach(function (term, i) {
            var found = new Map();
            Object.keys(shards[i]).forEach(function (key) {
              var match = key === term || (term.length >= 3 && key.indexOf(term) === 0);
              if (!match) return;
              var flat = shards[i][key], doc = 0;  // [doc gap, sentence, weight, ...]
              for (var j = 0; j < flat.length; j += 3) {
                doc += flat[j];
                var seen = found.get(doc);
                var weight = flat[j + 2] * (key === term ? 2 : 1);
                if (!seen) found.set(doc, { sentence: flat[j + 1], score: weight });
                else { seen.score += weight; if (seen.sentence < 0) seen.sentence = flat[j + 1]; }
              }
            });
            if (scores === null) { scores = found; return; }
            var next = new Map();
            scores.forEach(function (v, doc) {
              var more = found.get(doc);
              if (more) next.set(doc, { sentence: v.sentence >= 0 ? v.sentence : more.sentence, score: v.score + more.score });
            });
            scores = next;
          });
          var hits = Array.from(scores.entries())
            .sort(function (a, b) { return b[1].score - a[1].score || a[0] - b[0]; })
            .slice(0, 50);
          var chunks = Array.from(new Set(hits.map(function (h) { return Math.floor(h[0] / m.per_chunk); })));
          return Promise.all(chunks.map(function (c) { return load("docs-" + c); })).then(function () {
            return {
              terms: terms,
              hits: hits.map(function (h) {
                var d = loaded["docs-" + Math.floor(h[0] / m.per_chunk)][h[0] % m.per_chunk];
                return { kind: d[0], url: d[1], title: d[2], context: d[3], sentence: h[1].sentence };
              })
            };
          });
        });
    });
  }

  var KIND = { story: "Story", article: "Article", quote: "Quote" };

  function showResults(form, query) {
    var list = document.querySelector(".search-results");
    var status = document.querySelector(".search-status");
    if (!list || !status) return;
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    search(query).then(function (result) {
      if (!result.terms.length) { status.textContent = "Type a word of at least two letters."; return; }
      status.textContent = result.hits.length
        ? result.hits.length + (result.hits.length === 1 ? " result" : " results") + (result.hits.length === 50 ? " (the first 50)" : "") + " for “" + query.trim() + "”."
        : "Nothing found for “" + query.trim() + "”.";
      result.hits.forEach(function (hit) {
        var item = el("li", { "class": "result result-" + hit.kind });
        var href = root + hit.url + (hit.kind === "article" && hit.sentence >= 0 ? "#s" + hit.sentence : "");
        item.appendChild(el("span", { "class": "kind" }, KIND[hit.kind] || hit.kind));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(el("a", { href: href }, hit.title));
        item.appendChild(el("span", { "class": "context" }, hit.context));
        list.appendChild(item);
      });
    }).catch(function () {
      status.textContent = "The search index could not be loaded.";
    });
  }

  function setUpSearch() {
    var forms = document.querySelectorAll("form.search-form");
    var onSearchPage = !!document.querySelector(".search-results");
    forms.forEach(function (form) {
      form.hidden = false;
      var input = form.querySelector("input[type=search]");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var q = input.value;
        if (onSearchPage) {
          history.replaceState(null, "", "?q=" + encodeURIComponent(q));
          showResults(form, q);
        } else {
          location.href = form.getAttribute("action") + "?q=" + encodeURIComponent(q);
        }
      });
      if (onSearchPage) {
        var timer = null;
        input.addEventListener("input", function () {
          clearTimeout(timer);
          timer = setTimeout(function () { showResults(form, input.value); }, 150);
        });
        var q = new URLSearchParams(location.search).get("q");
        if (q) { input.value = q; showResults(form, q); }
        input.focus();
      }
    });
    document.querySelectorAll(".search-nojs").forEach(function (note) { note.hidden = true; });
  }

  /* ---------- quote table: sort and filter ---------- */
  function setUpQuoteTable() {
    var table = document.getElementById("quote-table");
    if (!table) return;
    var body = table.tBodies[0];
    var rows = Array.from(body.rows);
    var wrap = table.closest(".table-wrap") || table;
    var controls = el("div", { "class": "table-controls" });
    var label = el("label", { "for": "quote-filter" }, "Filter quotes");
    var input = el("input", { id: "quote-filter", type: "search", autocomplete: "off", placeholder: "a word, a speaker, an outlet" });
    var status = el("span", { "class": "table-status", role: "status", "aria-live": "polite" });
    controls.appendChild(label);
    controls.appendChild(input);
    controls.appendChild(status);
    wrap.parentNode.insertBefore(controls, wrap);
    var texts = rows.map(function (r) { return fold(r.textContent); });

    function filter() {
      var words = tokens(input.value);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = words.length ? "Showing " + shown + " of " + rows.length + " quotes" : "";
    }
    input.addEventListener("input", filter);

    var keyOf = {
      text: function (r) { return fold(r.cells[0].textContent.replace(/^[“"]/, "")); },
      speaker: function (r) { return fold(r.cells[1].textContent); },
      outlets: function (r) { return -Number(r.getAttribute("data-outlets")); },
      flags: function (r) { return -r.cells[3].querySelectorAll(".flag").length; }
    };
    var headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach(function (th) {
      var key = th.getAttribute("data-sort");
      if (!keyOf[key]) return;
      var button = el("button", { type: "button", "class": "sort" }, th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var sorted = rows.slice().sort(function (a, b) {
          var x = keyOf[key](a), y = keyOf[key](b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          if (!ascending) order = -order;
          return order || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
        });
        sorted.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  /* ---------- the index: sort and filter every story (the static pages show one page of one order) ---------- */
  var MAX_SHOWN = 200;

  function dateSpan(first, last) {
    if (!first) return null;
    if (!last || first === last) return first;
    if (first.slice(0, 7) === last.slice(0, 7)) return first + " – " + last.slice(8);
    return first + " – " + (first.slice(0, 4) === last.slice(0, 4) ? last.slice(5) : last);
  }

  function storyRow(r, data) {
    var tr = el("tr");
    var title = el("td", { "class": "story-cell" });
    title.appendChild(el("a", { "class": "story-title", href: root + r.url, title: r.title }, r.title));
    tr.appendChild(title);
    var dates = el("td", { "class": "dates", "data-label": "Dates" });
    var span = dateSpan(r.first, r.last);
    if (span) dates.appendChild(el("time", { datetime: r.first }, span));
    else if (r.captured) dates.appendChild(el("span", { "class": "unknown", title: "when the pages were captured, not published" }, "captured " + r.captured));
    else dates.appendChild(el("span", { "class": "unknown" }, "undated"));
    tr.appendChild(dates);
    tr.appendChild(el("td", { "class": "num", "data-label": "Sources" }, String(r.sources)));
    var outlets = el("td", { "class": "outlets-cell", "data-label": "Outlets" });
    var clip = el("span", { "class": "clip" });
    r.outlets.slice(0, 4).forEach(function (k, i) {
      if (i) clip.appendChild(document.createTextNode(", "));
      clip.appendChild(el("a", { href: root + data.outlet_urls[k] }, data.outlets[k]));
    });
    if (r.outlets.length > 4) clip.appendChild(el("span", { "class": "more" }, " +" + (r.outlets.length - 4)));
    if (r.unidentified) {
      if (r.outlets.length) clip.appendChild(document.createTextNode(" · "));
      clip.appendChild(el("span", { "class": "unknown" }, r.unidentified + " unidentified"));
    }
    outlets.appendChild(clip);
    tr.appendChild(outlets);
    tr.appendChild(el("td", { "class": "num", "data-label": "Quotes" }, String(r.quotes)));
    var flags = el("td", { "class": "flags", "data-label": "Flags" });
    var fclip = el("span", { "class": "clip" });
    if (r.flags.length > 1) fclip.setAttribute("title", r.flags.map(function (f) { return f[1] + " " + f[2]; }).join(" · "));
    r.flags.forEach(function (f, i) {
      if (i) fclip.appendChild(document.createTextNode(" · "));
      fclip.appendChild(el("span", { "class": "flag flag-" + f[0] }, f[1] + " " + f[2]));
    });
    flags.appendChild(fclip);
    tr.appendChild(flags);
    return tr;
  }

  function setUpStoryTable() {
    var table = document.getElementById("story-table");
    if (!table) return;
    load("stories").then(function (data) {
      var cols = data.columns;
      var rows = data.rows.map(function (v, i) {
        var r = { order: i };
        cols.forEach(function (c, k) { r[c] = v[k]; });
        r.text = fold(r.title + " " + r.outlets.map(function (k) { return data.outlets[k]; }).join(" "));
        return r;
      });
      buildStoryControls(table, data, rows);
    }).catch(function () { /* the static table stays as it is */ });
  }

  function buildStoryControls(table, data, rows) {
    var body = table.tBodies[0];
    var original = Array.from(body.rows);
    var caption = table.caption;
    var captionText = caption ? caption.textContent : "";
    var pager = document.querySelector("nav.pager");
    var wrap = table.closest(".table-wrap") || table;
    var box = el("div", { "class": "story-filters", role: "search", "aria-label": "Filter the stories" });
    function field(label, input) {
      var id = input.getAttribute("id");
      var pair = el("span", { "class": "field" });
      pair.appendChild(el("label", { "for": id }, label));
      pair.appendChild(input);
      box.appendChild(pair);
      return input;
    }
    var text = field("Filter stories", el("input", { id: "story-filter", type: "search", autocomplete: "off", placeholder: "words of a title or outlet" }));
    var outlet = field("Outlet", el("select", { id: "story-outlet" }));
    outlet.appendChild(el("option", { value: "" }, "any outlet"));
    data.outlets.forEach(function (name, k) { outlet.appendChild(el("option", { value: String(k) }, name)); });
    var coded = Object.keys(data.coded || {}).map(function (name) {
      var label = { owner: "Owner", country: "Country", type: "Type", lean: "Lean" }[name] || name;
      var select = field(label, el("select", { id: "story-coded-" + name }));
      select.appendChild(el("option", { value: "" }, "any"));
      data.coded[name].forEach(function (v) { select.appendChild(el("option", { value: v }, v)); });
      select.addEventListener("change", function () { update(); });
      return { name: name, select: select };
    });
    var from = field("From", el("input", { id: "story-from", type: "date" }));
    var to = field("To", el("input", { id: "story-to", type: "date" }));
    var status = el("span", { "class": "table-status", role: "status", "aria-live": "polite" });
    box.appendChild(status);
    wrap.parentNode.insertBefore(box, wrap);

    var pageOrder = table.getAttribute("data-order") || "recent";
    var sort = { key: null, ascending: true };
    var keyOf = {
      title: function (r) { return fold(r.title); },
      latest: function (r) { return r.latest || ""; },
      sources: function (r) { return r.sources; },
      quotes: function (r) { return r.quotes; }
    };
    var headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach(function (th) {
      var key = th.getAttribute("data-sort");
      if (!keyOf[key]) return;
      var button = el("button", { type: "button", "class": "sort" }, th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = sort.key === key ? !sort.ascending : key === "title";
        sort = { key: key, ascending: ascending };
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        update();
      });
    });

    function matches(r) {
      var words = tokens(text.value);
      if (words.some(function (w) { return r.text.indexOf(w) < 0; })) return false;
      if (outlet.value !== "" && r.outlets.indexOf(Number(outlet.value)) < 0) return false;
      var uncoded = coded.some(function (c) {
        return c.select.value && !r.outlets.some(function (k) { return (data.outlet_coding[k] || {})[c.name] === c.select.value; });
      });
      if (uncoded) return false;
      if (from.value && !(r.last && r.last >= from.value)) return false;
      if (to.value && !(r.first && r.first <= to.value)) return false;
      return true;
    }

    function update() {
      var filtering = tokens(text.value).length || outlet.value !== "" || from.value || to.value ||
        coded.some(function (c) { return c.select.value; });
      if (!filtering && !sort.key) {
        body.textContent = "";
        original.forEach(function (r) { body.appendChild(r); });
        if (caption) caption.textContent = captionText;
        if (pager) pager.hidden = false;
        status.textContent = "";
        return;
      }
      var found = rows.filter(matches);
      if (!sort.key && pageOrder !== "recent") {  // the page's own order until a heading is chosen
        found.sort(function (a, b) {
          if (pageOrder === "sources") return b.sources - a.sources || a.order - b.order;
          var x = fold(a.title), y = fold(b.title);
          return x < y ? -1 : x > y ? 1 : a.order - b.order;
        });
      } else if (sort.key) {
        var key = keyOf[sort.key];
        found.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return (sort.ascending ? order : -order) || a.order - b.order;
        });
      }
      body.textContent = "";
      found.slice(0, MAX_SHOWN).forEach(function (r) { body.appendChild(storyRow(r, data)); });
      if (pager) pager.hidden = true;
      var shown = Math.min(found.length, MAX_SHOWN);
      var said = found.length === 1 ? "1 story" : found.length + " stories";
      status.textContent = (filtering ? said + " of " + rows.length + " match" + (found.length === 1 ? "es" : "") : "All " + rows.length + " stories, sorted") +
        (found.length > shown ? "; the first " + shown + " are shown: narrow the filter to see the rest" : "") + ".";
      if (caption) caption.textContent = filtering ? "Stories matching the filter" : "All stories";
    }
    [text, from, to].forEach(function (input) { input.addEventListener("input", update); });
    outlet.addEventListener("change", update);
  }

  /* ---------- copy a citation ---------- */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = el("textarea", { readonly: "", "class": "offscreen" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand && document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function setUpCitations() {
    var title = document.querySelector("h1");
    var page = location.href.split("#")[0];
    document.querySelectorAll("ol.summary li[id]").forEach(function (item) {
      var said = item.querySelector(".said");
      if (!said) return;
      var outlets = Array.from(item.querySelectorAll("a.cite")).map(function (a) { return a.textContent.replace(/^\[|\]$/g, ""); });
      var button = el("button", { type: "button", "class": "copy-cite" }, "Copy citation");
      button.addEventListener("click", function () {
        var text = "“" + said.textContent.trim() + "” (" + outlets.join("; ") + "). " +
          (title ? title.textContent.trim() + ", " : "") + document.title.split(" · ").pop() + ". " + page + "#" + item.id;
        copyText(text).then(function () { button.textContent = "Copied"; }, function () { button.textContent = "Copy failed: select the text"; });
        setTimeout(function () { button.textContent = "Copy citation"; }, 2500);
      });
      item.appendChild(button);
    });
  }

  function start() {
    setUpSearch();
    setUpQuoteTable();
    setUpStoryTable();
    setUpCitations();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
