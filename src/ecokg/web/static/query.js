/* ecokg query page: a CodeMirror 6 editor (SPARQL highlighting, prefix and vocabulary
 * completion), the canned queries as examples, results as a sortable table whose IRIs show as
 * labels or prefixed names linked to their pages, and CSV / JSON downloads.
 * Every text from a result is written with textContent (results can contain any text). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("editor-data").textContent);
  var textarea = document.getElementById("query");
  var examples = document.getElementById("examples");
  var learn = document.getElementById("example-learn");
  var status = document.getElementById("status");
  var table = document.getElementById("results");
  // Longest namespace first, so ind:pm25 wins over id:indicator/pm25.
  var NAMESPACES = Object.keys(DATA.prefixes).map(function (p) { return [p, DATA.prefixes[p]]; })
    .sort(function (a, b) { return b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1); });
  var NUMERIC = /#(integer|decimal|double|float|long|int|short|nonNegativeInteger|positiveInteger|gYear)$/;

  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); }
  function compact(iri) {
    for (var i = 0; i < NAMESPACES.length; i++) {
      var ns = NAMESPACES[i][1];
      if (iri.indexOf(ns) === 0 && iri.length > ns.length) return NAMESPACES[i][0] + ":" + iri.slice(ns.length);
    }
    return iri;
  }
  function pageOf(iri) {
    return iri.indexOf(DATA.idBase) === 0 ? "/id/" + iri.slice(DATA.idBase.length)
      : "/resource?iri=" + encodeURIComponent(iri);
  }

  /* ---------- the editor ---------- */
  // Completion: after "pre:" the vocabulary terms of that prefix; a bare word completes to the
  // prefixes it starts (a declaration on a PREFIX line). A prefix used without a declaration
  // gets one at the top, so the query also runs on endpoints that know no ecokg prefixes.
  function declare(view, prefix) {
    var doc = view.state.doc.toString();
    if (new RegExp("PREFIX\\s+" + prefix + ":", "i").test(doc)) return;
    var last = 0, re = /^\s*PREFIX\s[^\n]*\n/gim, m;
    while ((m = re.exec(doc)) !== null) last = m.index + m[0].length;
    view.dispatch({ changes: { from: last, insert: "PREFIX " + prefix + ": <" + DATA.prefixes[prefix] + ">\n" } });
  }
  function complete(context) {
    var word = context.matchBefore(/[A-Za-z][\w-]*:?[\w-]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    var colon = word.text.indexOf(":");
    var line = context.state.doc.lineAt(word.from);
    var onPrefixLine = /^\s*PREFIX\s+$/i.test(line.text.slice(0, word.from - line.from));
    if (colon >= 0 && !onPrefixLine) {
      var prefix = word.text.slice(0, colon);
      if (!(prefix in DATA.prefixes)) return null;
      return {
        from: word.from,
        options: DATA.terms.filter(function (t) { return t.indexOf(prefix + ":") === 0; }).map(function (t) {
          return { label: t, type: /:[A-Z]/.test(t) ? "class" : "property",
            apply: function (view, completion, from, to) {
              view.dispatch({ changes: { from: from, to: to, insert: t } });
              declare(view, prefix);
            } };
        }),
        validFor: /^[\w-]*:?[\w-]*$/
      };
    }
    return {
      from: word.from,
      options: Object.keys(DATA.prefixes).sort().map(function (p) {
        return { label: p + ":", detail: DATA.prefixes[p], type: "namespace",
          apply: function (view, completion, from, to) {
            var text = onPrefixLine ? p + ": <" + DATA.prefixes[p] + ">" : p + ":";
            view.dispatch({ changes: { from: from, to: to, insert: text },
              selection: { anchor: from + text.length } });
            if (!onPrefixLine) declare(view, p);
          } };
      }),
      validFor: /^[A-Za-z][\w-]*$/
    };
  }
  var view = new CM.EditorView({
    parent: textarea.parentNode,
    state: CM.EditorState.create({
      doc: textarea.value,
      extensions: [
        CM.lineNumbers(), CM.history(), CM.drawSelection(), CM.highlightActiveLine(),
        CM.bracketMatching(), CM.closeBrackets(),
        CM.StreamLanguage.define(CM.sparql),
        // Highlight with stable tok-* classes styled in site.css (no generated style rules).
        CM.syntaxHighlighting(CM.classHighlighter),
        CM.autocompletion({ override: [complete], activateOnTyping: true }),
        CM.keymap.of([{ key: "Mod-Enter", run: function () { run(); return true; } }]
          .concat(CM.closeBracketsKeymap, CM.defaultKeymap, CM.historyKeymap,
            CM.completionKeymap, [CM.indentWithTab])),
        CM.EditorView.lineWrapping,
        // The page's Content-Security-Policy lets in the editor's style element by this nonce.
        CM.EditorView.cspNonce.of(DATA.nonce)
      ]
    })
  });
  textarea.parentNode.insertBefore(view.dom, textarea);
  textarea.hidden = true;
  function queryText() { return view.state.doc.toString(); }
  function setQuery(text) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }); }

  examples.addEventListener("change", function () {
    var ex = DATA.examples[examples.value];
    if (!ex) return;
    setQuery(ex.text);
    learn.textContent = ex.learn;
  });

  /* ---------- running ---------- */
  function post(accept) {
    return fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": accept },
      body: queryText()
    }).then(function (r) {
      if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
      return r;
    });
  }
  function fail(err) {
    clear(table);
    status.textContent = "";
    var p = el("p", String(err.message || err));
    p.className = "error";
    p.id = "query-error";
    status.appendChild(p);
  }
  function labelsOf(data) {
    var iris = {};
    (data.results ? data.results.bindings : []).forEach(function (b) {
      Object.keys(b).forEach(function (v) { if (b[v].type === "uri") iris[b[v].value] = true; });
    });
    var list = Object.keys(iris).sort().slice(0, 5000);
    if (!list.length) return Promise.resolve({});
    return fetch("/labels", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(list) }).then(function (r) { return r.ok ? r.json() : {}; });
  }

  /* ---------- the results table ---------- */
  var shown = null;  // { vars, rows: [{ cells: [{ node, key, numeric }], index }] }
  function cellOf(term, labels) {
    var td = el("td");
    if (!term) return { td: td, key: "", numeric: false };
    if (term.type === "uri") {
      var a = el("a", labels[term.value] || compact(term.value));
      a.href = pageOf(term.value);
      a.title = compact(term.value) === term.value ? term.value : compact(term.value) + "\n" + term.value;
      td.appendChild(a);
      return { td: td, key: a.textContent, numeric: false };
    }
    var doc = term.type === "literal" ? DATA.documents[term.value] : null;
    if (doc) {  // a document identifier: its page, its title on hover
      var d = el("a", term.value);
      d.href = doc.page;
      d.title = doc.title;
      td.appendChild(d);
      return { td: td, key: term.value, numeric: false };
    }
    var numeric = NUMERIC.test(term.datatype || "") && term.value !== "" && !isNaN(Number(term.value));
    td.textContent = term.value;
    if (term["xml:lang"]) { var lang = el("span", " @" + term["xml:lang"]); lang.className = "lang"; td.appendChild(lang); }
    if (numeric) td.className = "num";
    else if (term.value.length > 160) { td.className = "long"; td.title = term.value; }
    return { td: td, key: numeric ? Number(term.value) : term.value, numeric: numeric };
  }
  function render(data, labels) {
    clear(table);
    if (typeof data.boolean === "boolean") {
      var row = el("tr"); row.appendChild(el("td", String(data.boolean))); table.appendChild(row);
      status.textContent = "ASK → " + data.boolean;
      shown = null;
      return;
    }
    var vars = data.head.vars;
    shown = { vars: vars, rows: data.results.bindings.map(function (b, i) {
      return { index: i, cells: vars.map(function (v) { return cellOf(b[v], labels); }) };
    }) };
    var head = el("tr");
    vars.forEach(function (v, col) {
      var th = el("th");
      var button = el("button", v);
      button.type = "button";
      button.className = "sort";
      button.addEventListener("click", function () { sortBy(col); });
      th.appendChild(button);
      head.appendChild(th);
    });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    table.appendChild(el("tbody"));
    fillBody();
    status.textContent = shown.rows.length + " 行 rows";
  }
  function fillBody() {
    var body = table.querySelector("tbody");
    clear(body);
    shown.rows.forEach(function (r) {
      var tr = el("tr");
      r.cells.forEach(function (c) { tr.appendChild(c.td); });
      body.appendChild(tr);
    });
  }
  // Numbers sort as numbers, the rest as Chinese text; ties keep the query's order.
  var collator = new Intl.Collator("zh", { numeric: true });
  function sortBy(col) {
    var th = table.querySelectorAll("thead th")[col];
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var sign = descending ? -1 : 1;
    shown.rows.sort(function (a, b) {
      var x = a.cells[col], y = b.cells[col], order;
      if (x.key === "" || y.key === "") order = (x.key === "") - (y.key === "");  // blanks last
      else if (x.numeric && y.numeric) order = sign * (x.key - y.key);
      else order = sign * collator.compare(String(x.key), String(y.key));
      return order || a.index - b.index;
    });
    fillBody();
  }

  function run() {
    status.textContent = "运行中 running…";
    post("application/sparql-results+json").then(function (r) { return r.json(); }).then(function (data) {
      return labelsOf(data).then(function (labels) { render(data, labels); });
    }).then(null, fail);
  }
  function download(accept, suffix) {
    status.textContent = "运行中 running…";
    post(accept).then(function (r) { return r.blob(); }).then(function (blob) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      var ex = DATA.examples[examples.value];
      a.download = (ex && ex.text === queryText() ? examples.value : "query") + suffix;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      status.textContent = suffix.slice(1).toUpperCase() + " ✓";
    }, fail);
  }
  document.getElementById("run").addEventListener("click", run);
  document.getElementById("csv").addEventListener("click", function () { download("text/csv", ".csv"); });
  document.getElementById("json").addEventListener("click", function () {
    download("application/sparql-results+json", ".json");
  });
  document.body.setAttribute("data-ready", "1");
})();
