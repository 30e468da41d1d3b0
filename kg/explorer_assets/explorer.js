/* cngov-kg explorer: search, filters, side panel and tooltips over vis-network.
 *
 * Every piece of text that comes from the graph is put in the page with
 * textContent (through el()), never innerHTML, and vis-network's own HTML
 * tooltips are not used: nodes and edges carry no "title".
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var INFO = DATA.nodes;
  var EDGES = DATA.edges;
  var VIS_EDGES = DATA.vis.edges;
  var typeStyle = {};
  DATA.types.forEach(function (t) { typeStyle[t.type] = t; });
  var levelStyle = {};
  DATA.levels.forEach(function (l) { levelStyle[l.level] = l; });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function normName(s) { return String(s).replace(/[\s“”‘’"《》「」]/g, "").toLowerCase(); }

  // --- header, legend and filters ------------------------------------------
  document.getElementById("kg-title").textContent = DATA.title;
  var counts = INFO.length + " entities · " + EDGES.length + " relations";
  if (DATA.focus !== null) {
    counts += " · ego view of " + INFO[DATA.focus].label + ", " + DATA.hops + " hop" + (DATA.hops === 1 ? "" : "s");
  }
  document.getElementById("kg-counts").textContent = counts;

  var perType = {};
  INFO.forEach(function (n) { perType[n.type] = (perType[n.type] || 0) + 1; });
  var typeOn = {};
  var typeFilters = document.getElementById("kg-type-filters");
  var legend = document.getElementById("kg-legend");
  DATA.types.forEach(function (t) {
    typeOn[t.type] = true;
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = t.type;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { typeOn[t.type] = box.checked; applyFilters(true); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + t.label + " (" + perType[t.type] + ")"));
    typeFilters.appendChild(label);

    var item = el("li");
    var sw = el("span", "kg-swatch kg-shape-" + t.shape);
    sw.style.background = t.color;
    sw.style.color = t.color;
    item.appendChild(sw);
    item.appendChild(el("span", null, t.label));
    legend.appendChild(item);
    if (t.type === "Place") {
      DATA.levels.forEach(function (l) {
        var sub = el("li", "kg-level");
        var s = el("span", "kg-swatch kg-shape-dot");
        s.style.background = l.color;
        sub.appendChild(s);
        sub.appendChild(el("span", null, l.label));
        legend.appendChild(sub);
      });
    }
  });

  var countySelect = document.getElementById("kg-county");
  DATA.counties.forEach(function (c) {
    var opt = el("option", null, c.parent ? c.label + " · " + c.parent : c.label);
    opt.value = String(c.id);
    countySelect.appendChild(opt);
  });
  if (!DATA.counties.length) countySelect.disabled = true;
  countySelect.addEventListener("change", function () { applyFilters(true); });

  // --- the network ---------------------------------------------------------
  var nodes = new vis.DataSet(DATA.vis.nodes);
  var edges = new vis.DataSet(VIS_EDGES);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.vis.options);
  var state = { selected: null, hidden: {} };

  function isVisible(id) {
    var n = INFO[id];
    if (!typeOn[n.type]) return false;
    var county = countySelect.value;
    if (county === "") return true;
    var c = Number(county);
    return id === c || (n.counties || []).indexOf(c) >= 0;
  }

  // The same radial tree as the page was written with (kg/explorer.py,
  // radial_layout), recomputed over the visible entities when a county is
  // chosen, so that its places and programs fill the view.
  function radialLayout(ids) {
    var inView = {}, children = { root: [] }, depth = {}, weight = {}, order = [], sector = {};
    ids.forEach(function (id) { inView[id] = true; });
    ids.forEach(function (id) {
      var p = INFO[id].lp;
      var key = p !== undefined && inView[p] ? p : "root";
      (children[key] = children[key] || []).push(id);
    });
    var stack = children.root.slice().reverse().map(function (id) { return [id, 1]; });
    while (stack.length) {
      var top = stack.pop();
      depth[top[0]] = top[1];
      order.push(top[0]);
      (children[top[0]] || []).slice().reverse().forEach(function (c) { stack.push([c, top[1] + 1]); });
    }
    for (var i = order.length - 1; i >= 0; i--) {
      var w = 0;
      (children[order[i]] || []).forEach(function (c) { w += weight[c]; });
      weight[order[i]] = Math.max(1, w);
    }
    var perDepth = {}, maxDepth = 0;
    order.forEach(function (id) { perDepth[depth[id]] = (perDepth[depth[id]] || 0) + 1; maxDepth = Math.max(maxDepth, depth[id]); });
    var radius = {}, previous = 0;
    for (var d = 1; d <= maxDepth; d++) {
      radius[d] = d === 1 && perDepth[1] === 1 ? 0 : Math.max(previous + 220, perDepth[d] * 70 / (2 * Math.PI));
      previous = radius[d];
    }
    var total = 0, start = 0, updates = [];
    children.root.forEach(function (r) { total += weight[r]; });
    children.root.forEach(function (r) {
      var span = 2 * Math.PI * weight[r] / (total || 1);
      sector[r] = [start, start + span];
      start += span;
    });
    order.forEach(function (id) {
      var a0 = sector[id][0], a1 = sector[id][1], angle = (a0 + a1) / 2, rad = radius[depth[id]];
      updates.push({ id: id, x: Math.round(rad * Math.cos(angle)), y: Math.round(rad * Math.sin(angle)) });
      var kids = children[id] || [], sub = 0, s = a0;
      kids.forEach(function (c) { sub += weight[c]; });
      kids.forEach(function (c) {
        var span = (a1 - a0) * weight[c] / sub;
        sector[c] = [s, s + span];
        s += span;
      });
    });
    return updates;
  }
  var homePositions = DATA.vis.nodes.map(function (n) { return { id: n.id, x: n.x, y: n.y }; });
  var relaidOut = false;

  function applyFilters(refit) {
    var nodeUpdates = [];
    var visibleIds = [];
    for (var i = 0; i < INFO.length; i++) {
      var hide = !isVisible(i);
      if (!hide) visibleIds.push(i);
      if (!!state.hidden[i] !== hide) {
        state.hidden[i] = hide;
        nodeUpdates.push({ id: i, hidden: hide });
      }
    }
    if (nodeUpdates.length) {
      nodes.update(nodeUpdates);
      var edgeUpdates = [];
      VIS_EDGES.forEach(function (e) {
        edgeUpdates.push({ id: e.id, hidden: !!(state.hidden[e.from] || state.hidden[e.to]) });
      });
      edges.update(edgeUpdates);
    }
    if (countySelect.value !== "") {
      nodes.update(radialLayout(visibleIds));
      relaidOut = true;
    } else if (relaidOut) {
      nodes.update(homePositions);
      relaidOut = false;
    }
    if (refit && visibleIds.length) network.fit({ nodes: visibleIds, animation: false });
    document.documentElement.setAttribute("data-kg-visible", String(visibleIds.length));
  }

  // --- tooltips (DOM elements, textContent only) -----------------------------
  var tooltip = document.getElementById("kg-tooltip");
  function relLabel(rel, inverse) {
    var labels = DATA.relations[rel] || [rel, rel];
    return inverse ? labels[1] : labels[0];
  }
  function evidenceBlock(sentenceIndex) {
    var s = DATA.sentences[sentenceIndex];
    var box = el("div", "kg-evidence");
    box.appendChild(el("span", "kg-sentence", s.text));
    var art = s.article >= 0 ? DATA.articles[s.article] : null;
    if (art) {
      var src = "—《" + (art.headline || "untitled article") + "》" + (art.file ? " · " + art.file : "");
      box.appendChild(el("span", "kg-source", src));
    }
    return box;
  }
  function showTooltip(content, pointer) {
    clear(tooltip);
    tooltip.appendChild(content);
    tooltip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.x + 14;
    var y = rect.top + pointer.y + 14;
    tooltip.style.left = Math.min(x, window.innerWidth - 430) + "px";
    tooltip.style.top = Math.min(y, window.innerHeight - 120) + "px";
  }
  function edgeTooltip(edgeId) {
    var e = VIS_EDGES[edgeId];
    var info = EDGES[edgeId];
    var frag = el("div");
    frag.appendChild(el("span", "kg-tip-title",
      INFO[e.from].label + " — " + relLabel(info.rel, false) + " → " + INFO[e.to].label));
    if (!info.ev.length) frag.appendChild(el("span", "kg-muted", "no evidence sentence (background knowledge)"));
    info.ev.slice(0, 3).forEach(function (i) { frag.appendChild(evidenceBlock(i)); });
    if (info.ev.length > 3) frag.appendChild(el("span", "kg-muted", "+" + (info.ev.length - 3) + " more"));
    return frag;
  }
  network.on("hoverEdge", function (p) {
    showTooltip(edgeTooltip(p.edge), p.pointer ? p.pointer.DOM : { x: 0, y: 0 });
    tooltip.setAttribute("data-edge", String(p.edge));
  });
  network.on("blurEdge", function () { tooltip.hidden = true; });
  network.on("hoverNode", function (p) {
    var n = INFO[p.node];
    var frag = el("div");
    frag.appendChild(el("span", "kg-tip-title", n.label));
    frag.appendChild(el("span", "kg-muted", (typeStyle[n.type] || {}).label + (n.names && n.names.length ? " · " + n.names.join("、") : "")));
    showTooltip(frag, p.pointer ? p.pointer.DOM : { x: 0, y: 0 });
  });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  container.addEventListener("mouseleave", function () { tooltip.hidden = true; });

  // --- side panel --------------------------------------------------------------
  var panel = document.getElementById("kg-panel");
  var panelBody = document.getElementById("kg-panel-body");
  document.getElementById("kg-panel-close").addEventListener("click", function () {
    panel.hidden = true;
    state.selected = null;
    network.unselectAll();
  });

  function nodeLink(id) {
    var b = el("button", "kg-link", INFO[id].label);
    b.type = "button";
    b.setAttribute("data-node", String(id));
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function addField(dl, name, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", null, name));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }

  var incident = null;
  function incidentEdges() {
    if (incident) return incident;
    incident = INFO.map(function () { return []; });
    VIS_EDGES.forEach(function (e, i) { incident[e.from].push(i); incident[e.to].push(i); });
    return incident;
  }

  function showPanel(id) {
    var n = INFO[id];
    clear(panelBody);
    panelBody.setAttribute("data-node", String(id));
    panelBody.appendChild(el("h2", "kg-name", n.label));
    var ts = typeStyle[n.type] || { label: n.type, color: "#777" };
    var badge = el("span", "kg-badge", ts.label);
    badge.style.background = (n.level && levelStyle[n.level]) ? levelStyle[n.level].color : ts.color;
    panelBody.appendChild(badge);
    if (n.level) panelBody.appendChild(el("span", "kg-muted", (levelStyle[n.level] || { label: n.level }).label));

    var dl = el("dl");
    if (n.names && n.names.length) addField(dl, "别名 Aliases", n.names.join("、"));
    addField(dl, "代码 Code", n.code);
    if (n.chain && n.chain.length) {
      var chain = el("span", "kg-chain");
      chain.appendChild(document.createTextNode(n.label));
      n.chain.forEach(function (p) { chain.appendChild(document.createTextNode(" › ")); chain.appendChild(nodeLink(p)); });
      addField(dl, "上级 Parents", chain);
    }
    addField(dl, "日期 Date", n.date);
    addField(dl, "IRI", n.iri);
    panelBody.appendChild(dl);

    if (n.measures && n.measures.length) {
      panelBody.appendChild(el("h3", null, "数量 Measures"));
      var ml = el("ul");
      n.measures.forEach(function (m) {
        ml.appendChild(el("li", null, (m.label || "") + ": " + (m.qualifier || "") + m.value + " " + (m.unit || "")));
      });
      panelBody.appendChild(ml);
    }

    // connections grouped by relation and direction, each with its evidence
    var groups = {};
    var order = [];
    incidentEdges()[id].forEach(function (ei) {
      var e = VIS_EDGES[ei];
      var out = e.from === id;
      var key = EDGES[ei].rel + (out ? ">" : "<");
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push({ edge: ei, other: out ? e.to : e.from });
    });
    order.sort();
    var rels = el("div", "kg-relations");
    order.forEach(function (key) {
      var rel = key.slice(0, -1);
      var inverse = key.slice(-1) === "<";
      var section = el("section", "kg-relation");
      section.setAttribute("data-rel", rel);
      section.appendChild(el("h3", null, relLabel(rel, inverse) + " (" + groups[key].length + ")"));
      var ul = el("ul");
      groups[key].sort(function (a, b) { return INFO[a.other].label < INFO[b.other].label ? -1 : 1; });
      groups[key].forEach(function (g) {
        var li = el("li");
        li.appendChild(nodeLink(g.other));
        var ev = EDGES[g.edge].ev;
        if (!ev.length) li.appendChild(el("span", "kg-muted", " (background knowledge)"));
        ev.forEach(function (i) { li.appendChild(evidenceBlock(i)); });
        ul.appendChild(li);
      });
      section.appendChild(ul);
      rels.appendChild(section);
    });
    if (!order.length) rels.appendChild(el("p", "kg-muted", "No relation in this view."));
    panelBody.appendChild(rels);

    if (n.articles && n.articles.length) {
      panelBody.appendChild(el("h3", null, "出处 Mentioned in"));
      var al = el("ul", "kg-articles");
      n.articles.forEach(function (a) {
        var art = DATA.articles[a];
        al.appendChild(el("li", null, "《" + (art.headline || "untitled article") + "》" + (art.file ? " · " + art.file : "")));
      });
      panelBody.appendChild(al);
    }
    panel.hidden = false;
  }

  function focusNode(id) {
    if (state.hidden[id]) {
      countySelect.value = "";
      typeOn[INFO[id].type] = true;
      var box = typeFilters.querySelector('input[data-type="' + INFO[id].type + '"]');
      if (box) box.checked = true;
      applyFilters(false);
    }
    state.selected = id;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showPanel(id);
  }

  network.on("click", function (p) {
    if (p.nodes.length) {
      state.selected = p.nodes[0];
      showPanel(p.nodes[0]);
    } else if (p.edges.length) {
      var e = VIS_EDGES[p.edges[0]];
      state.selected = e.from;
      showPanel(e.from);
    }
  });

  // --- search ------------------------------------------------------------------
  var searchIndex = INFO.map(function (n, id) {
    return { id: id, names: [n.label].concat(n.names || []).map(normName) };
  });
  function search(query) {
    var q = normName(query);
    if (!q) return [];
    var hits = [];
    searchIndex.forEach(function (entry) {
      var best = 9;
      entry.names.forEach(function (name, k) {
        var rank = name === q ? 0 : name.indexOf(q) === 0 ? 2 : name.indexOf(q) > 0 ? 4 : 9;
        if (rank < 9 && k > 0) rank += 1; // the preferred name first
        if (rank < best) best = rank;
      });
      if (best < 9) hits.push({ id: entry.id, rank: best });
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || INFO[a.id].label.length - INFO[b.id].label.length || a.id - b.id;
    });
    return hits.slice(0, 30).map(function (h) { return h.id; });
  }
  var searchInput = document.getElementById("kg-search");
  var resultsList = document.getElementById("kg-results");
  function showResults(ids) {
    clear(resultsList);
    ids.forEach(function (id, k) {
      var li = el("li", k === 0 ? "kg-active" : null);
      li.setAttribute("data-node", String(id));
      li.appendChild(el("span", null, INFO[id].label));
      var n = INFO[id];
      var matched = (n.names || []).filter(function (a) { return normName(a).indexOf(normName(searchInput.value)) >= 0; });
      li.appendChild(el("span", "kg-sub", (typeStyle[n.type] || {}).label + (matched.length ? " · " + matched.join("、") : "")));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); chooseResult(id); });
      resultsList.appendChild(li);
    });
    if (!ids.length && searchInput.value.trim()) resultsList.appendChild(el("li", "kg-muted", "没有结果 No match"));
    resultsList.hidden = !searchInput.value.trim();
  }
  function chooseResult(id) {
    resultsList.hidden = true;
    focusNode(id);
  }
  searchInput.addEventListener("input", function () { showResults(search(searchInput.value)); });
  function moveActive(step) {
    var items = resultsList.querySelectorAll("li[data-node]");
    if (!items.length) return;
    var at = -1;
    items.forEach(function (li, k) { if (li.classList.contains("kg-active")) at = k; });
    if (at >= 0) items[at].classList.remove("kg-active");
    var next = (at + step + items.length) % items.length;
    items[next].classList.add("kg-active");
    items[next].scrollIntoView({ block: "nearest" });
  }
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (resultsList.hidden) showResults(search(searchInput.value));
      moveActive(ev.key === "ArrowDown" ? 1 : -1);
    } else if (ev.key === "Enter") {
      var active = resultsList.hidden ? null : resultsList.querySelector("li.kg-active[data-node]");
      if (active) {
        chooseResult(Number(active.getAttribute("data-node")));
      } else {
        var ids = search(searchInput.value);
        if (ids.length) chooseResult(ids[0]);
      }
    } else if (ev.key === "Escape") {
      resultsList.hidden = true;
    }
  });
  searchInput.addEventListener("blur", function () { resultsList.hidden = true; });

  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({ animation: false }); });

  // --- ready ---------------------------------------------------------------------
  window.kgExplorer = {
    network: network,
    data: DATA,
    search: search,
    focusNode: focusNode,
    selectedIri: function () { return state.selected === null ? null : INFO[state.selected].iri; },
    visibleIris: function () {
      var out = [];
      for (var i = 0; i < INFO.length; i++) if (!state.hidden[i]) out.push(INFO[i].iri);
      return out;
    }
  };
  network.once("afterDrawing", function () {
    window.kgExplorer.readyAt = performance.now();
    document.documentElement.setAttribute("data-kg-ready", "1");
  });
  applyFilters(false);
  network.fit({ animation: false });
  if (DATA.focus !== null) {
    state.selected = DATA.focus;
    network.selectNodes([DATA.focus]);
    showPanel(DATA.focus);
  }
})();
