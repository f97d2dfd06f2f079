/* ecokg query editor: runs SPARQL against /sparql, shows the table, downloads CSV.
 * Every cell is written with textContent (results can contain any text). */
(function () {
  "use strict";
  var canned = JSON.parse(document.getElementById("canned-queries").textContent);
  var ID_BASE = JSON.parse(document.getElementById("id-base").textContent);
  var editor = document.getElementById("query");
  var status = document.getElementById("status");
  var table = document.getElementById("results");

  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); }
  function pageOf(iri) {
    return iri.indexOf(ID_BASE) === 0 ? "/id/" + iri.slice(ID_BASE.length) : "/resource?iri=" + encodeURIComponent(iri);
  }
  function post(accept) {
    return fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": accept },
      body: editor.value
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
  function render(data) {
    clear(table);
    if (typeof data.boolean === "boolean") {
      var row = el("tr"); row.appendChild(el("td", String(data.boolean))); table.appendChild(row);
      status.textContent = "ASK → " + data.boolean;
      return;
    }
    var vars = data.head.vars, head = el("tr");
    vars.forEach(function (v) { head.appendChild(el("th", v)); });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    var body = el("tbody");
    data.results.bindings.forEach(function (b) {
      var tr = el("tr");
      vars.forEach(function (v) {
        var td = el("td"), cell = b[v];
        if (cell && cell.type === "uri") {
          var a = el("a", cell.value); a.href = pageOf(cell.value); td.appendChild(a);
        } else if (cell) {
          td.textContent = cell.value;
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    status.textContent = data.results.bindings.length + " 行 rows";
  }
  document.getElementById("canned").addEventListener("change", function (e) {
    editor.value = canned[e.target.value] || "";
  });
  document.getElementById("run").addEventListener("click", function () {
    status.textContent = "运行中 running…";
    post("application/sparql-results+json").then(function (r) { return r.json(); }).then(render, fail);
  });
  document.getElementById("csv").addEventListener("click", function () {
    status.textContent = "运行中 running…";
    post("text/csv").then(function (r) { return r.blob(); }).then(function (blob) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = (document.getElementById("canned").value || "query") + ".csv";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      status.textContent = "CSV ✓";
    }, fail);
  });
  document.body.setAttribute("data-ready", "1");
})();
