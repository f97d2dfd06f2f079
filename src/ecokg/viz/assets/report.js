/* ecokg report: network of agencies -> instruments/programmes -> indicators, the claims of
 * two documents compared with each other, and indicator time series. Vanilla JS, no libraries, no network. Every text from the graph goes into the
 * page through textContent or setAttribute, never through innerHTML, so a label or quote can
 * never become markup or script. Layout is deterministic (no Math.random). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("ecokg-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var TYPES = ["Agency", "Policy", "Regulation", "Programme", "Indicator"];
  var TYPE_ZH = { Agency: "机构", Policy: "政策", Regulation: "法规", Programme: "项目/行动",
    Indicator: "指标" };
  var COLORS = { Agency: "#1f6f8b", Policy: "#c0632a", Regulation: "#8c2d19",
    Programme: "#4e8a3e", Indicator: "#6b4c9a" };
  // Where each type sits across the picture, left to right: who acts, what, what is measured.
  // Labels go to the right of their node, into the gap before the next column.
  var LAYER_X = { Agency: 0.02, Policy: 0.26, Regulation: 0.26, Programme: 0.5, Indicator: 0.74 };
  var NEXT_X = { Agency: 0.26, Policy: 0.5, Regulation: 0.5, Programme: 0.74, Indicator: 1 };
  var ROW = 16;        // px between nodes of a column at default zoom, up to...
  var MAX_H = 1600;    // ...this height; a taller column packs its nodes closer
  var LABEL_ROW = 15;  // px between two labels of a column: 12px text never overlaps
  var KIND_ZH = { issued: "发布", leads: "牵头", partOf: "属于", outcome: "成效" };
  var BASIS_ZH = { same_sentence: "同句", same_paragraph: "同段", shared_theme_place: "同主题同地点" };
  var VERDICT_ZH = { corroborated: "相互印证", updated: "数据更新", conflicting: "相互矛盾" };
  var MODALITY_ZH = { achieved: "实际", target: "目标", forecast: "预测" };
  var UNITS = { percent: "%", ug_per_m3: "μg/m³", mg_per_l: "mg/L", percentage_point: "个百分点",
    cny: "元", tonne: "吨", mu: "亩", count: "", times: "倍", rank: "位", year: "年", day: "天",
    index: "" };
  // Served by `ecokg serve` the report can link to entity and document pages; as a file it cannot.
  var SERVED = location.protocol === "http:" || location.protocol === "https:";

  var docsById = {};
  DATA.documents.forEach(function (d) { docsById[d.id] = d; });
  var nodesById = {};
  DATA.nodes.forEach(function (n) { nodesById[n.id] = n; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function unit(code) { return code in UNITS ? UNITS[code] : " " + code; }
  function fmt(v) { return typeof v === "number" ? v.toLocaleString("zh-CN") : String(v); }
  /* a change carries its direction: ↓6.5 for a fall, ↑2.6 for a rise */
  function signed(v, direction) {
    return (direction === "fall" ? "↓" : direction === "rise" ? "↑" : "") + fmt(v);
  }
  function docTitle(id) { var d = docsById[id]; return d ? d.title : id; }
  // Where a quoted span comes from: its document and offsets, a link to them when served.
  function sourceLine(span) {
    var src = el("div", { "class": "src" });
    var where = "《" + docTitle(span.doc) + "》 [" + span.start + "–" + span.end + "]";
    if (SERVED) {
      var d = docsById[span.doc];
      src.appendChild(el("a", { href: "/id/" + (d ? d.slug : "doc/" + span.doc) +
        "#char=" + span.start + "," + span.end }, where));
    } else {
      src.textContent = where;
    }
    return src;
  }

  /* ---------- filters ---------- */
  var controls = {
    theme: document.getElementById("f-theme"), place: document.getElementById("f-place"),
    year: document.getElementById("f-year"), doc: document.getElementById("f-doc"),
    basis: document.getElementById("f-basis")
  };
  function fill(select, items, all) {
    select.appendChild(el("option", { value: "" }, all));
    items.forEach(function (it) { select.appendChild(el("option", { value: it[0] }, it[1])); });
  }
  fill(controls.theme, DATA.themes.map(function (t) { return [t.id, t.label]; }), "全部主题");
  fill(controls.place, DATA.places.map(function (p) { return [p.id, p.label]; }), "全部地点");
  fill(controls.year, DATA.years.map(function (y) { return [String(y), String(y)]; }), "全部年份");
  fill(controls.doc, DATA.documents.map(function (d) {
    return [d.id, d.id.slice(0, 3) + " " + d.title.slice(0, 24)];
  }), "全部文档");
  DATA.bases.forEach(function (b, i) {
    var label = DATA.bases.slice(0, i + 1).map(function (x) { return BASIS_ZH[x] || x; }).join(" + ");
    controls.basis.appendChild(el("option", { value: b }, label));
  });
  controls.basis.value = DATA.bases[0];

  function state() {
    var types = {};
    Array.prototype.forEach.call(document.querySelectorAll("#legend input[data-type]"), function (box) {
      if (box.checked) types[box.getAttribute("data-type")] = true;
    });
    return { types: types, theme: controls.theme.value, place: controls.place.value,
      year: controls.year.value ? Number(controls.year.value) : null,
      doc: controls.doc.value, basis: DATA.bases.indexOf(controls.basis.value) };
  }
  function matches(item, kind, s) {
    if (s.theme && item.themes.indexOf(s.theme) < 0) return false;
    if (s.place && item.places.indexOf(s.place) < 0) return false;
    if (s.year !== null && item.years.indexOf(s.year) < 0) return false;
    if (s.doc && item.doc !== s.doc) return false;
    if (kind === "outcome" && DATA.bases.indexOf(item.basis) > s.basis) return false;
    return true;
  }

  /* ---------- details panel ---------- */
  var panel = document.getElementById("details");
  function showEvidence(parent, item) {
    var fact = el("div", { "class": "fact" });
    if (item.basis) {
      fact.appendChild(el("div", { "class": "what" }, "依据：" + (BASIS_ZH[item.basis] || item.basis) +
        (item.value !== undefined ? " · " + signed(item.value, item.direction) + unit(item.unit) +
          (item.period ? " (" + item.period + ")" : "") : "")));
    }
    fact.appendChild(el("blockquote", null, item.quote));
    fact.appendChild(sourceLine(item));
    parent.appendChild(fact);
  }
  function nodeButton(id) {
    var n = nodesById[id];
    var b = el("button", { "class": "link", type: "button" }, n ? n.label : id);
    b.addEventListener("click", function () { selectNode(id); });
    return b;
  }
  function heading(card, title, sub) {
    card.appendChild(el("h3", null, title));
    if (sub) card.appendChild(el("p", { "class": "meta" }, sub));
  }
  function showNode(n, visibleEdges) {
    clear(panel);
    var card = el("div", { "class": "card", id: "detail-card" });
    heading(card, n.label, [TYPE_ZH[n.type] + " " + n.type, n.hant, n.en].filter(Boolean).join(" · "));
    if (SERVED) card.appendChild(el("a", { href: "/id/" + n.id }, "实体页 / entity page →"));
    // An indicator's line charts, below the picture.
    DATA.series.forEach(function (series, i) {
      if (series.indicator !== n.id) return;
      var sub = [series.place, unit(series.unit).trim(), series.running ? "累计" : ""].filter(Boolean);
      card.appendChild(el("a", { href: "#chart-" + i, "class": "series-link" },
        "时间序列图 line chart" + (sub.length ? "（" + sub.join(" · ") + "）" : "") + " ↓"));
    });
    var s = state();
    var mine = visibleEdges.filter(function (e) { return e.source === n.id || e.target === n.id; });
    card.appendChild(el("h4", null, mine.length + " 条关系（当前筛选）"));
    mine.forEach(function (e) {
      var other = e.source === n.id ? e.target : e.source;
      var row = el("div", { "class": "fact" });
      var what = el("div", { "class": "what" });
      what.appendChild(document.createTextNode((e.source === n.id ? KIND_ZH[e.kind] + " → " :
        "← " + KIND_ZH[e.kind] + " ") ));
      what.appendChild(nodeButton(other));
      row.appendChild(what);
      var items = e.evidence.filter(function (i) { return matches(i, e.kind, s); });
      items.slice(0, 3).forEach(function (i) { showEvidence(row, i); });
      if (items.length > 3) row.appendChild(el("div", { "class": "src" }, "… 另有 " + (items.length - 3) + " 条证据（点击连线查看全部）"));
      card.appendChild(row);
    });
    panel.appendChild(card);
  }
  function showEdge(e) {
    clear(panel);
    var card = el("div", { "class": "card", id: "detail-card" });
    var s = state();
    var items = e.evidence.filter(function (i) { return matches(i, e.kind, s); });
    heading(card, KIND_ZH[e.kind] + (e.basis ? "（" + (BASIS_ZH[e.basis] || e.basis) + "）" : ""),
      items.length + " / " + e.evidence.length + " 条证据符合筛选");
    var what = el("div", { "class": "what" });
    what.appendChild(nodeButton(e.source));
    what.appendChild(document.createTextNode(" → "));
    what.appendChild(nodeButton(e.target));
    card.appendChild(what);
    items.forEach(function (i) { showEvidence(card, i); });
    panel.appendChild(card);
  }
  function showPoint(series, p) {
    clear(panel);
    var card = el("div", { "class": "card", id: "detail-card" });
    heading(card, series.label + "：" + signed(p.value, p.direction) + unit(series.unit),
      [p.label, series.place, MODALITY_ZH[p.modality] + " " + p.modality, p.qualifier,
        p.conflict ? "与另一文档矛盾 conflicting" : ""].filter(Boolean).join(" · "));
    showEvidence(card, p);
    panel.appendChild(card);
  }

  /* ---------- network ---------- */
  var net = document.getElementById("net");
  // One unit of the picture is one pixel at default zoom, so 12px labels read as 12px.
  var W = Math.max(900, Math.round(net.getBoundingClientRect().width) || 1200), H = 640;
  var view = { x: 0, y: 0, k: 1 };
  var root = svg("g");
  net.appendChild(root);
  var selected = null;
  var current = { edges: [], nodes: [] };

  function layout(nodes, edges) {
    // Layers are fixed columns (who acts, what, what is measured); within a column nodes are
    // ordered by the mean height of their neighbours, a few sweeps back and forth (the
    // barycentre heuristic of layered drawings), then spaced evenly. Deterministic: the start
    // order is the sorted data.
    var layers = {}, neighbours = {};
    nodes.forEach(function (n) {
      var x = LAYER_X[n.type];
      (layers[x] = layers[x] || []).push(n);
      neighbours[n.id] = [];
    });
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });
    edges.forEach(function (e) {
      neighbours[e.source].push(byId[e.target]); neighbours[e.target].push(byId[e.source]);
    });
    var keys = Object.keys(layers).sort(function (a, b) { return Number(a) - Number(b); });
    var tallest = Math.max.apply(null, keys.map(function (k) { return layers[k].length; }));
    H = Math.max(520, Math.min(tallest * ROW, MAX_H) + 40);
    function place(list) {
      list.forEach(function (n, j) { n.x = Number(LAYER_X[n.type]) * W; n.y = 20 + (j + 0.5) * (H - 40) / list.length; });
    }
    keys.forEach(function (k) { place(layers[k]); });
    for (var sweep = 0; sweep < 8; sweep++) {
      var order = sweep % 2 ? keys.slice().reverse() : keys;
      order.forEach(function (k) {
        var list = layers[k];
        list.forEach(function (n, j) {
          var ns = neighbours[n.id];
          n.key = ns.length ? ns.reduce(function (t, m) { return t + m.y; }, 0) / ns.length : n.y;
          n.rank = j;
        });
        list.sort(function (a, b) { return a.key - b.key || a.rank - b.rank; });
        place(list);
      });
    }
  }

  // Which nodes get a label: in each column the larger ones first (more links), each label at
  // least LABEL_ROW below or above the labels already placed; the rest show theirs on hover.
  function chooseLabels(nodes) {
    var columns = {};
    nodes.forEach(function (n) { (columns[LAYER_X[n.type]] = columns[LAYER_X[n.type]] || []).push(n); });
    Object.keys(columns).forEach(function (k) {
      var placed = [];
      columns[k].slice().sort(function (a, b) {
        return b.degree - a.degree || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
      }).forEach(function (n) {
        n.labelled = placed.every(function (y) { return Math.abs(y - n.y) >= LABEL_ROW; });
        if (n.labelled) placed.push(n.y);
      });
    });
  }
  // A label that fits the gap before the next column whole, else shortened with "…".
  function addLabel(g, n, r) {
    var room = (NEXT_X[n.type] - LAYER_X[n.type]) * W - r - 14;
    var text = svg("text", { x: r + 3, y: 4 }, n.label);
    g.appendChild(text);
    if (text.getComputedTextLength() <= room) return;
    var chars = Array.from(n.label), lo = 0, hi = chars.length;
    while (lo < hi) {  // the longest start that fits with its ellipsis
      var mid = Math.ceil((lo + hi) / 2);
      text.textContent = chars.slice(0, mid).join("") + "…";
      if (text.getComputedTextLength() <= room) lo = mid; else hi = mid - 1;
    }
    text.textContent = chars.slice(0, lo).join("") + "…";
    text.setAttribute("class", "short");
  }
  // The whole label of the node under the pointer, on a white box above everything else.
  var hoverLayer = svg("g", { "class": "hover-label" });
  function showHover(n, r) {
    clear(hoverLayer);
    var text = svg("text", { x: n.x + r + 3, y: n.y + 4 }, n.label);
    hoverLayer.appendChild(text);
    var box = text.getBBox();
    hoverLayer.insertBefore(svg("rect", { x: box.x - 3, y: box.y - 2, width: box.width + 6,
      height: box.height + 4, rx: 3 }), text);
  }

  function applyView() {
    root.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
  }

  function draw() {
    var s = state();
    var edges = DATA.edges.filter(function (e) {
      return s.types[nodesById[e.source].type] && s.types[nodesById[e.target].type] &&
        e.evidence.some(function (i) { return matches(i, e.kind, s); });
    });
    var used = {};
    edges.forEach(function (e) { used[e.source] = (used[e.source] || 0) + 1; used[e.target] = (used[e.target] || 0) + 1; });
    var nodes = DATA.nodes.filter(function (n) { return used[n.id]; }).map(function (n) {
      return { id: n.id, type: n.type, label: n.label, degree: used[n.id] };
    });
    layout(nodes, edges);
    chooseLabels(nodes);
    net.setAttribute("viewBox", "0 0 " + W + " " + H);
    current = { edges: edges, nodes: nodes };
    var pos = {};
    nodes.forEach(function (n) { pos[n.id] = n; });
    clear(root);
    document.getElementById("net-count").textContent =
      nodes.length + " 个节点 · " + edges.length + " 条连线";
    if (!nodes.length) {
      root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "empty" },
        "没有符合筛选条件的关系 / nothing matches these filters"));
      return;
    }
    var edgeLayer = svg("g"), nodeLayer = svg("g");
    root.appendChild(edgeLayer); root.appendChild(nodeLayer);
    clear(hoverLayer);
    root.appendChild(hoverLayer);
    edges.forEach(function (e) {
      var a = pos[e.source], b = pos[e.target];
      var mx = (a.x + b.x) / 2;
      var d = "M" + a.x.toFixed(1) + "," + a.y.toFixed(1) + " C" + mx.toFixed(1) + "," + a.y.toFixed(1) +
        " " + mx.toFixed(1) + "," + b.y.toFixed(1) + " " + b.x.toFixed(1) + "," + b.y.toFixed(1);
      var hit = svg("path", { d: d, "class": "hit", "data-edge": e.source + "|" + e.target + "|" + e.kind });
      hit.appendChild(svg("title", null, nodesById[e.source].label + " → " + nodesById[e.target].label));
      var line = svg("path", { d: d, "class": "edge " + e.kind + (e.basis ? " " + e.basis : ""),
        "stroke-width": Math.min(4, 0.8 + Math.sqrt(e.evidence.length) * 0.5) });
      hit.addEventListener("click", function (ev) {
        ev.stopPropagation();
        markSelected(line, null);
        showEdge(e);
      });
      edgeLayer.appendChild(hit); edgeLayer.appendChild(line);
      e._line = line;
    });
    nodes.forEach(function (n) {
      var g = svg("g", { "class": "node", transform: "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")",
        "data-id": n.id, "data-type": n.type });
      var r = Math.min(14, 3.5 + Math.sqrt(n.degree) * 1.6);
      g.appendChild(svg("circle", { r: r.toFixed(1), fill: COLORS[n.type] }));
      g.appendChild(svg("title", null, n.label + " (" + n.type + ")"));
      nodeLayer.appendChild(g);
      if (n.labelled) addLabel(g, n, r);
      g.addEventListener("click", function (ev) { ev.stopPropagation(); selectNode(n.id); });
      g.addEventListener("mouseenter", function () { showHover(n, r); });
      g.addEventListener("mouseleave", function () { clear(hoverLayer); });
      n._g = g;
    });
    if (selected && pos[selected]) selectNode(selected);
  }

  function markSelected(line, nodeId) {
    Array.prototype.forEach.call(root.querySelectorAll(".selected, .faded"), function (x) {
      x.classList.remove("selected"); x.classList.remove("faded");
    });
    if (line) line.classList.add("selected");
    if (nodeId) {
      var near = {}; near[nodeId] = true;
      current.edges.forEach(function (e) {
        var mine = e.source === nodeId || e.target === nodeId;
        if (mine) { near[e.source] = true; near[e.target] = true; }
        else e._line.classList.add("faded");
      });
      current.nodes.forEach(function (n) {
        if (n.id === nodeId) n._g.classList.add("selected");
        else if (!near[n.id]) n._g.classList.add("faded");
      });
    }
  }
  function selectNode(id) {
    selected = id;
    var n = nodesById[id];
    markSelected(null, id);
    showNode(n, current.edges);
  }

  // Pan by dragging, zoom with the wheel.
  var drag = null;
  net.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y }; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var scale = W / net.getBoundingClientRect().width;
    view.x = drag.vx + (ev.clientX - drag.x) * scale; view.y = drag.vy + (ev.clientY - drag.y) * scale;
    applyView();
  });
  net.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = net.getBoundingClientRect(), scale = W / rect.width;
    var mx = (ev.clientX - rect.left) * scale, my = (ev.clientY - rect.top) * scale;
    var k = Math.max(0.3, Math.min(6, view.k * (ev.deltaY < 0 ? 1.15 : 1 / 1.15)));
    view.x = mx - (mx - view.x) * k / view.k; view.y = my - (my - view.y) * k / view.k; view.k = k;
    applyView();
  }, { passive: false });
  net.addEventListener("click", function () { selected = null; markSelected(null, null); });

  Object.keys(controls).forEach(function (k) { controls[k].addEventListener("change", draw); });

  // The legend is the type filter too: a box per type, all ticked at first.
  var legend = document.getElementById("legend");
  TYPES.forEach(function (t) {
    var item = el("label");
    var box = el("input", { type: "checkbox", "data-type": t });
    box.checked = true;
    box.addEventListener("change", draw);
    item.appendChild(box);
    var sw = el("span", { "class": "swatch" });
    sw.style.background = COLORS[t];
    item.appendChild(sw);
    item.appendChild(document.createTextNode(TYPE_ZH[t] + " " + t));
    legend.appendChild(item);
  });

  /* ---------- charts ---------- */
  function chart(series, index) {
    var box = el("div", { "class": "chart", "data-indicator": series.indicator,
      "data-running": series.running ? "1" : "0" });
    box.appendChild(el("h3", null, series.label));
    box.appendChild(el("div", { "class": "sub" }, [unit(series.unit).trim() || series.unit, series.place,
      series.running ? "累计值，按截至日期 running total by as-of date" : ""].filter(Boolean).join(" · ")));
    var w = 340, h = 200, m = { l: 48, r: 34, t: 18, b: 24 };
    var plot = svg("svg", { viewBox: "0 0 " + w + " " + h, role: "img" });
    plot.appendChild(svg("title", null, series.label));
    var times = series.points.map(function (p) { return p.t; });
    var values = series.points.map(function (p) { return p.value; });
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
    var v0 = Math.min.apply(null, values), v1 = Math.max.apply(null, values);
    var pad = (v1 - v0) * 0.15 || Math.abs(v1) * 0.1 || 1;
    v0 -= pad; v1 += pad;
    if (v0 < 0 && Math.min.apply(null, values) >= 0) v0 = 0;
    function X(t) { return m.l + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (w - m.l - m.r); }
    function Y(v) { return h - m.b - (v - v0) / (v1 - v0) * (h - m.t - m.b); }
    for (var i = 0; i <= 4; i++) {
      var v = v0 + (v1 - v0) * i / 4;
      plot.appendChild(svg("line", { x1: m.l, x2: w - m.r, y1: Y(v), y2: Y(v), "class": "grid" }));
      plot.appendChild(svg("text", { x: m.l - 4, y: Y(v) + 3, "text-anchor": "end" },
        Math.abs(v1 - v0) < 10 ? v.toFixed(1) : fmt(Math.round(v))));
    }
    // Whole years on the axis; a series within one year (running totals a month apart) shows
    // the dates its points hold at, the first and last when there are many.
    var ticks = [];
    for (var y = Math.ceil(t0); y <= Math.floor(t1); y++) ticks.push([y, String(y)]);
    if (ticks.length < 2) {
      var seenLabel = {};
      ticks = series.points.filter(function (p) {
        return seenLabel[p.label] ? false : (seenLabel[p.label] = true);
      }).map(function (p) { return [p.t, p.label]; });
      if (ticks.length > 4) ticks = [ticks[0], ticks[ticks.length - 1]];
    }
    ticks.forEach(function (k) {
      plot.appendChild(svg("text", { x: X(k[0]), y: h - 8, "text-anchor": "middle" }, k[1]));
    });
    plot.appendChild(svg("line", { x1: m.l, x2: w - m.r, y1: h - m.b, y2: h - m.b, "class": "axis" }));
    // Several documents may report the same time: their points sit side by side.
    var count = {}, seen = {};
    series.points.forEach(function (p) { count[p.t] = (count[p.t] || 0) + 1; });
    var pts = series.points.map(function (p) {
      var k = seen[p.t] = (seen[p.t] || 0) + 1;
      return { p: p, x: X(p.t) + (k - (count[p.t] + 1) / 2) * 9, y: Y(p.value) };
    });
    // One line per modality: targets and forecasts are never joined to achieved values.
    ["achieved", "target", "forecast"].forEach(function (modality) {
      var line = pts.filter(function (q) { return q.p.modality === modality; });
      if (line.length < 2) return;
      line.sort(function (a, b) { return a.p.t - b.p.t || a.x - b.x; });
      plot.appendChild(svg("polyline", { "class": "series " + modality,
        points: line.map(function (q) { return q.x.toFixed(1) + "," + q.y.toFixed(1); }).join(" ") }));
    });
    pts.forEach(function (q) {
      var c = svg("circle", { cx: q.x.toFixed(1), cy: q.y.toFixed(1), r: 5, "data-doc": q.p.doc,
        "class": q.p.modality + (q.p.conflict ? " conflict" : "") });
      c.appendChild(svg("title", null, q.p.label + "：" + fmt(q.p.value) + unit(series.unit) +
        (q.p.modality !== "achieved" ? "（" + MODALITY_ZH[q.p.modality] + "）" : "") +
        " — 《" + docTitle(q.p.doc) + "》"));
      c.addEventListener("click", function () {
        Array.prototype.forEach.call(document.querySelectorAll(".chart circle.selected"), function (x) { x.classList.remove("selected"); });
        c.classList.add("selected");
        showPoint(series, q.p);
      });
      plot.appendChild(c);
      plot.appendChild(svg("text", { x: q.x, y: q.y - 8, "text-anchor": "middle" }, fmt(q.p.value)));
    });
    box.appendChild(plot);
    var table = el("table");
    var head = el("tr");
    ["时间", "数值", "类型", "来源文档"].forEach(function (t) { head.appendChild(el("th", null, t)); });
    table.appendChild(head);
    series.points.forEach(function (p) {
      var tr = el("tr");
      tr.appendChild(el("td", null, p.label));
      tr.appendChild(el("td", null, signed(p.value, p.direction) + unit(series.unit) + (p.qualifier !== "exact" ? " (" + p.qualifier + ")" : "")));
      tr.appendChild(el("td", null, MODALITY_ZH[p.modality] || p.modality));
      tr.appendChild(el("td", { title: p.quote }, p.doc.slice(0, 3) + " 《" + docTitle(p.doc) + "》"));
      table.appendChild(tr);
    });
    box.appendChild(table);
    box.setAttribute("id", "chart-" + index);
    return box;
  }

  /* ---------- claims compared across documents ---------- */
  // The sentence with the value marked; offsets count code points, as Python's do.
  function marked(side) {
    var chars = Array.from(side.quote), a = side.mark[0], b = side.mark[1];
    var bq = el("blockquote");
    if (a >= 0 && a < b && b <= chars.length) {
      bq.appendChild(document.createTextNode(chars.slice(0, a).join("")));
      bq.appendChild(el("mark", null, chars.slice(a, b).join("")));
      bq.appendChild(document.createTextNode(chars.slice(b).join("")));
    } else {
      bq.textContent = side.quote;
    }
    return bq;
  }
  function claimSide(c, side, tag) {
    var box = el("div", { "class": "side" });
    box.appendChild(el("div", { "class": "what" }, tag + "：" + fmt(side.value) + unit(c.unit) +
      (side.when ? " · " + side.when : "")));
    box.appendChild(marked(side));
    box.appendChild(sourceLine(side));
    return box;
  }
  function comparison(c) {
    var item = el("div", { "class": "claim-pair " + c.verdict, "data-verdict": c.verdict, id: c.id });
    var title = el("h3");
    title.appendChild(el("span", { "class": "badge " + c.verdict }, (VERDICT_ZH[c.verdict] || "") + " " + c.verdict));
    title.appendChild(document.createTextNode(c.label + (c.place ? " · " + c.place : "")));
    item.appendChild(title);
    item.appendChild(el("div", { "class": "reason" }, c.reason));
    var pair = el("div", { "class": "pair" });
    pair.appendChild(claimSide(c, c.a, "a 较早"));
    pair.appendChild(claimSide(c, c.b, "b 较晚"));
    item.appendChild(pair);
    return item;
  }
  var claims = document.getElementById("claims");
  var tally = {};
  DATA.comparisons.forEach(function (c) { tally[c.verdict] = (tally[c.verdict] || 0) + 1; claims.appendChild(comparison(c)); });
  document.getElementById("claims-summary").textContent = DATA.comparisons.length ?
    ["conflicting", "updated", "corroborated"].map(function (v) {
      return (VERDICT_ZH[v]) + " " + v + " " + (tally[v] || 0);
    }).join(" · ") : "没有两份文档谈到同一数值 / no figure is stated by two documents";

  var charts = document.getElementById("charts");
  if (!DATA.series.length) charts.appendChild(el("p", { "class": "empty" }, "没有跨时间的指标 / no indicator is reported for two or more times"));
  DATA.series.forEach(function (s, i) { charts.appendChild(chart(s, i)); });

  // The totals as build.json, `ecokg query documents` and the web UI's index state them.
  var summary = document.getElementById("summary");
  [["documents", "篇文档"], ["observations", "条观测"], ["entities", "个实体（按文档计）"],
    ["comparisons", "对跨文档核对"]].forEach(function (item) {
    summary.appendChild(el("span", { "data-count": item[0] }, DATA.counts[item[0]]));
    summary.appendChild(document.createTextNode(" " + item[1] + " · "));
  });
  summary.appendChild(document.createTextNode(DATA.series.length + " 个指标时间序列"));
  draw();
  document.body.setAttribute("data-ready", "1");
})();
