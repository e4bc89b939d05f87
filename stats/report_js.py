"""The report's inline script and style: a fact table that scales (search, sort, filter, pages)
and headline links that filter it. Vanilla JS, no network; every value is set with
`textContent`, never as markup, so nothing from a document's text can execute."""

CSS = """body{font-family:system-ui,sans-serif;max-width:1150px;margin:1.5em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em}.headline{font-size:1.12em;max-width:60em}.headline p{margin:.45em 0}
.headline a,.ev{color:#0b5cad;text-decoration:none;border-bottom:1px dotted #0b5cad}
table{border-collapse:collapse;font-size:12px;margin:.5em 0}td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f4f4f4;position:sticky;top:0}.scroll{max-height:460px;overflow:auto;border:1px solid #eee;margin-bottom:1em}
img{max-width:100%}.note{color:#555;font-size:.92em}figure{margin:1em 0}
#facts-table th{cursor:pointer;user-select:none}#facts-table td.sentence{min-width:22em;max-width:38em}
#facts-table mark{background:#fff3a8}.controls{display:flex;flex-wrap:wrap;gap:.4em;align-items:center;margin:.5em 0}
.controls input,.controls select{font-size:12px;padding:2px}.pager button{margin:0 .3em}
tr.differs td{background:#fff0f0}nav.toc{font-size:.92em}nav.toc a{margin-right:.8em}"""

# Columns of the fact table: JSON key, heading.
FACT_COLUMNS = [
    ("date", "event date"),
    ("metric", "metric"),
    ("weapon", "weapon"),
    ("model", "model"),
    ("value", "value"),
    ("qualifier", "qualifier"),
    ("actor", "actor"),
    ("claimant", "claimant"),
    ("location", "location"),
    ("scope", "scope"),
    ("doc", "document"),
    ("sentence", "sentence (the number marked)"),
]
FILTER_KEYS = ["metric", "weapon", "family", "actor", "claimant", "doc"]

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("facts-data").textContent);
  var cols = JSON.parse(document.getElementById("facts-columns").textContent);
  var filterKeys = ["metric", "weapon", "actor", "claimant", "doc"];
  var state = { q: "", f: {}, from: "", to: "", sort: null, dir: 1, page: 0 };
  var PER = 50;
  var body = document.querySelector("#facts-table tbody");
  var head = document.querySelector("#facts-table thead tr");
  var count = document.getElementById("facts-count");
  var pageInfo = document.getElementById("facts-page");
  var search = document.getElementById("facts-search");
  var from = document.getElementById("facts-from");
  var to = document.getElementById("facts-to");
  var selects = {};

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  cols.forEach(function (c) {
    var th = el("th", c[1]);
    th.dataset.key = c[0];
    th.addEventListener("click", function () {
      state.dir = state.sort === c[0] ? -state.dir : 1;
      state.sort = c[0];
      state.page = 0;
      render();
    });
    head.appendChild(th);
  });
  filterKeys.forEach(function (k) {
    var s = document.getElementById("facts-filter-" + k);
    if (!s) return;
    var seen = {};
    data.forEach(function (r) { if (r[k] !== null && r[k] !== "") seen[r[k]] = true; });
    Object.keys(seen).sort().forEach(function (v) {
      var o = el("option", v);
      o.value = v;
      s.appendChild(o);
    });
    s.addEventListener("change", function () { setFilter(k, s.value); state.page = 0; render(); });
    selects[k] = s;
  });
  function setFilter(k, v) { if (v) state.f[k] = v; else delete state.f[k]; }
  search.addEventListener("input", function () { state.q = search.value.toLowerCase(); state.page = 0; render(); });
  from.addEventListener("change", function () { state.from = from.value; state.page = 0; render(); });
  to.addEventListener("change", function () { state.to = to.value; state.page = 0; render(); });
  document.getElementById("facts-prev").addEventListener("click", function () { state.page = Math.max(0, state.page - 1); render(); });
  document.getElementById("facts-next").addEventListener("click", function () { state.page += 1; render(); });
  document.getElementById("facts-reset").addEventListener("click", function () {
    state = { q: "", f: {}, from: "", to: "", sort: null, dir: 1, page: 0 };
    search.value = ""; from.value = ""; to.value = "";
    Object.keys(selects).forEach(function (k) { selects[k].value = ""; });
    render();
  });

  function keep(r) {
    for (var k in state.f) { if (String(r[k]) !== state.f[k]) return false; }
    if (state.from && !(r.date && r.date >= state.from)) return false;
    if (state.to && !(r.date && r.date <= state.to)) return false;
    if (state.q) {
      var hay = (r.sentence + " " + r.doc + " " + r.claimant + " " + r.location + " " + r.metric + " " + r.weapon + " " + r.model).toLowerCase();
      if (hay.indexOf(state.q) < 0) return false;
    }
    return true;
  }
  function cmp(a, b) {
    var x = a[state.sort], y = b[state.sort];
    if (x === y) return a.i - b.i;
    if (x === null || x === "") return 1;
    if (y === null || y === "") return -1;
    return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * state.dir;
  }
  function sentenceCell(r) {
    var td = el("td");
    td.className = "sentence";
    var s = String(r.sentence || ""), t = String(r.text || ""), at = t ? s.indexOf(t) : -1;
    if (at < 0) { td.textContent = s; return td; }
    td.appendChild(document.createTextNode(s.slice(0, at)));
    td.appendChild(el("mark", t));
    td.appendChild(document.createTextNode(s.slice(at + t.length)));
    return td;
  }
  function render() {
    var rows = data.filter(keep);
    if (state.sort) rows.sort(cmp);
    var pages = Math.max(1, Math.ceil(rows.length / PER));
    state.page = Math.min(state.page, pages - 1);
    var shown = rows.slice(state.page * PER, state.page * PER + PER);
    body.textContent = "";
    shown.forEach(function (r) {
      var tr = el("tr");
      tr.id = "fact-" + r.i;
      cols.forEach(function (c) {
        tr.appendChild(c[0] === "sentence" ? sentenceCell(r) : el("td", r[c[0]]));
      });
      body.appendChild(tr);
    });
    count.textContent = rows.length + " of " + data.length + " facts";
    count.dataset.matching = String(rows.length);
    pageInfo.textContent = "page " + (state.page + 1) + " of " + pages;
    Array.prototype.forEach.call(head.children, function (th) {
      th.textContent = th.textContent.replace(/ [\u25b2\u25bc]$/, "");
      if (th.dataset.key === state.sort) th.textContent += state.dir > 0 ? " \u25b2" : " \u25bc";
    });
    document.body.dataset.factsRendered = String(shown.length);
  }
  // Headline links: #f:metric=launched&family=drone filters the table to a number's evidence;
  // q=, sort= and dir=desc set the search and the order, so a view can be linked.
  function fromHash() {
    var h = decodeURIComponent(location.hash || "");
    if (h.indexOf("#f:") !== 0) return false;
    state.f = {}; state.from = ""; state.to = ""; state.q = ""; search.value = "";
    state.sort = null; state.dir = 1;
    h.slice(3).split("&").forEach(function (kv) {
      var i = kv.indexOf("="); if (i < 0) return;
      var k = kv.slice(0, i), v = kv.slice(i + 1);
      if (k === "from") state.from = v; else if (k === "to") state.to = v;
      else if (k === "q") { state.q = v.toLowerCase(); search.value = v; }
      else if (k === "sort") state.sort = v;
      else if (k === "dir") state.dir = v === "desc" ? -1 : 1;
      else if (k === "date") { state.from = v; state.to = v; }
      else state.f[k] = v;
    });
    from.value = state.from; to.value = state.to;
    Object.keys(selects).forEach(function (k) { selects[k].value = state.f[k] || ""; });
    state.page = 0;
    render();
    document.getElementById("facts").scrollIntoView();
    return true;
  }
  window.addEventListener("hashchange", fromHash);
  if (!fromHash()) render();
  function charts() {
    var ok = 0;
    Array.prototype.forEach.call(document.querySelectorAll("figure img"), function (img) {
      if (img.complete && img.naturalWidth > 0) ok += 1;
    });
    document.body.dataset.chartsLoaded = String(ok);
  }
  if (document.readyState === "complete") charts(); else window.addEventListener("load", charts);
})();
"""
