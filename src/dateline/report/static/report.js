/* Dateline report: map, timeline, stories, tables and the article view.
 * Plain JavaScript, no dependencies. Data comes either embedded in the page (static report) or from
 * the JSON API (dateline serve). Every piece of text from the data is inserted with textContent or as
 * an attribute value, never as HTML: article text is untrusted. */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];
  var MAX_ROWS = 500;
  var DAY = 86400000;

  // ---- small DOM helpers ---------------------------------------------------------------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    setAttrs(node, attrs);
    return node;
  }
  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = String(value);
      else if (key === "class") node.setAttribute("class", value);
      else if (key.slice(0, 2) === "on" && typeof value === "function") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    });
  }
  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function view() { return clear(document.getElementById("view")); }
  function str(value) { return value === null || value === undefined ? "" : String(value); }
  function lower(value) { return str(value).toLowerCase(); }

  // ---- data sources -----------------------------------------------------------------------
  function staticSource(node) {
    var data = JSON.parse(node.textContent);
    var basemapNode = document.getElementById("dateline-basemap");
    var byId = {};
    data.documents.forEach(function (d) { byId[d.id] = d; });
    return {
      mode: "static",
      load: function () { return Promise.resolve(data); },
      basemap: function () { return Promise.resolve(basemapNode ? JSON.parse(basemapNode.textContent) : null); },
      doc: function (id) { return byId[id] ? Promise.resolve(byId[id]) : Promise.reject(new Error("no such article")); },
      search: function (q) {
        var terms = lower(q).split(/\s+/).filter(Boolean);
        var hits = data.documents.filter(function (d) {
          var hay = lower(d.title) + "\n" + lower(d.text);
          return terms.every(function (t) { return hay.indexOf(t) >= 0; });
        });
        return Promise.resolve({ total: hits.length, items: hits.slice(0, 100).map(function (d) {
          return { id: d.id, title: d.title, published: d.published, outlet: d.outlet, snippet: snippet(d.text, terms[0]) };
        }) });
      }
    };
  }
  function apiSource() {
    function get(path) {
      return fetch(path, { headers: { Accept: "application/json" } }).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.json();
      });
    }
    return {
      mode: "api",
      load: function () { return get("api/report-data"); },
      basemap: function () { return get("api/basemap"); },
      doc: function (id) { return get("api/documents/" + encodeURIComponent(id)); },
      search: function (q) { return get("api/search?limit=100&q=" + encodeURIComponent(q)); }
    };
  }
  function snippet(text, term) {
    text = str(text);
    var at = term ? text.toLowerCase().indexOf(term) : 0;
    var start = Math.max(0, at - 80);
    return (start > 0 ? "…" : "") + text.slice(start, start + 220) + (start + 220 < text.length ? "…" : "");
  }

  var dataNode = document.getElementById("dateline-data");
  var source = dataNode ? staticSource(dataNode) : apiSource();
  var DATA = null;
  var BASEMAP = null;
  var docTitles = {};
  var colours = {};
  var state = { type: "", from: "", to: "", actor: "", story: "", all: false };

  // ---- dates ------------------------------------------------------------------------------
  function toTime(value) {
    var s = str(value), m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s);
    var w = /^(\d{4})-W(\d{2})/.exec(s);
    if (w) return Date.UTC(+w[1], 0, 1) + (+w[2] - 1) * 7 * DAY;
    if (!m) return null;
    return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
  }
  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }

  // ---- links to sources ---------------------------------------------------------------------
  function sourceHref(span) {
    return "#/doc/" + encodeURIComponent(span.doc) + "/" + (span.start | 0) + "/" + (span.end | 0);
  }
  function sourceLinks(spans) {
    return (spans || []).filter(function (s) { return s && s.doc; }).map(function (s, i) {
      var label = docTitles[s.doc] || s.doc;
      if (label.length > 40) label = label.slice(0, 38) + "…";
      return el("a", { class: "src", href: sourceHref(s), title: str(s.text) || label, text: "[" + (i + 1) + "] " + label });
    });
  }
  function eventSpans(e) { return e.sources || []; }
  function itemSpan(x) { return [{ doc: x.doc, start: x.start, end: x.end, text: x.text }]; }
  function names(list) { return (list || []).map(function (p) { return p && (p.canonical || p.name); }).filter(Boolean).join("; "); }
  // records presented as fact (v2 `reportable`); stores from before v2 have no such field: shown
  function shown(e) { return state.all || e.reportable !== false; }
  function colour(type) {
    if (!(type in colours)) colours[type] = PALETTE[Object.keys(colours).length % PALETTE.length];
    return colours[type];
  }

  // ---- filtering shared by map and timeline ------------------------------------------------------
  function filteredEvents() {
    var from = state.from ? toTime(state.from) : null, to = state.to ? toTime(state.to) : null;
    var actor = lower(state.actor);
    return DATA.events.filter(function (e) {
      if (!shown(e)) return false;
      if (state.type && e.type !== state.type) return false;
      if (state.story && e.story !== state.story) return false;
      var t = toTime(e.date);
      if ((from !== null || to !== null) && t === null) return false;
      if (from !== null && t < from) return false;
      if (to !== null && t > to) return false;
      if (actor && lower(names(e.actors) + " " + names(e.targets)).indexOf(actor) < 0) return false;
      return true;
    });
  }
  function filterBar(onChange) {
    var types = uniq(DATA.events.map(function (e) { return e.type; }));
    function input(id, key, attrs) {
      return el("input", Object.assign({ id: id, value: state[key], oninput: function (ev) { state[key] = ev.target.value; onChange(); } }, attrs));
    }
    var select = el("select", { id: "f-type", "aria-label": "Event type", onchange: function (ev) { state.type = ev.target.value; onChange(); } },
      el("option", { value: "", text: "all event types" }),
      types.map(function (t) { return el("option", { value: t, selected: t === state.type ? "selected" : null, text: t }); }));
    var stories = el("select", { id: "f-story", "aria-label": "Story", onchange: function (ev) { state.story = ev.target.value; onChange(); } },
      el("option", { value: "", text: "all stories" }),
      DATA.stories.map(function (s) { return el("option", { value: s.id, selected: s.id === state.story ? "selected" : null, text: s.title || s.id }); }));
    return el("div", { class: "filters" },
      el("label", null, "From ", input("f-from", "from", { type: "date" })),
      el("label", null, "To ", input("f-to", "to", { type: "date" })),
      select, DATA.stories.length ? stories : null,
      input("f-actor", "actor", { type: "search", placeholder: "actor or target", "aria-label": "Actor" }),
      el("label", { title: "Also show planned, denied and background events and those below the confidence threshold" },
        el("input", { id: "f-all", type: "checkbox", checked: state.all ? "checked" : null, onchange: function (ev) { state.all = ev.target.checked; onChange(); } }),
        " unreported too"),
      el("button", { type: "button", onclick: function () { state = { type: "", from: "", to: "", actor: "", story: "", all: false }; route(); }, text: "Reset" }));
  }
  function uniq(list) {
    var seen = {};
    return list.filter(function (x) { if (!x || seen[x]) return false; seen[x] = 1; return true; }).sort();
  }

  // ---- map ------------------------------------------------------------------------------------
  function ringPath(ring) {
    var d = "";
    for (var i = 0; i < ring.length; i++) d += (i ? "L" : "M") + (ring[i][0] + 180).toFixed(2) + "," + (90 - ring[i][1]).toFixed(2);
    return d;
  }
  function basemapPaths(g) {
    var land = "", borders = "";
    ((BASEMAP && BASEMAP.features) || []).forEach(function (f) {
      var geom = f.geometry || {};
      if (geom.type === "MultiPolygon") geom.coordinates.forEach(function (poly) { poly.forEach(function (r) { land += ringPath(r) + "Z"; }); });
      if (geom.type === "MultiLineString") geom.coordinates.forEach(function (line) { borders += ringPath(line); });
    });
    g.appendChild(svg("rect", { class: "sea", x: 0, y: 0, width: 360, height: 180 }));
    for (var lon = -150; lon <= 150; lon += 30) g.appendChild(svg("line", { class: "grid", x1: lon + 180, y1: 0, x2: lon + 180, y2: 180 }));
    for (var lat = -60; lat <= 60; lat += 30) g.appendChild(svg("line", { class: "grid", x1: 0, y1: 90 - lat, x2: 360, y2: 90 - lat }));
    if (land) g.appendChild(svg("path", { class: "land", d: land }));
    if (borders) g.appendChild(svg("path", { class: "border", d: borders }));
  }
  function markerGroups(events) {
    var groups = {};
    events.forEach(function (e) {
      var p = e.place;
      if (!p || typeof p.lat !== "number" || typeof p.lon !== "number") return;
      var key = p.lat.toFixed(3) + "," + p.lon.toFixed(3);
      (groups[key] = groups[key] || { lat: p.lat, lon: p.lon, name: p.name, events: [] }).events.push(e);
    });
    return Object.keys(groups).map(function (k) { return groups[k]; });
  }
  function renderMap() {
    var root = view();
    var panel = el("aside", { id: "map-panel", class: "panel" }, el("p", { class: "muted", text: "Click a marker to see its events and sources." }));
    var box = el("div", { class: "map-box" });
    var legend = el("div", { class: "legend" });
    root.appendChild(el("h1", { text: "Map of events and places" }));
    root.appendChild(filterBar(draw));
    root.appendChild(el("div", { class: "map-wrap" }, box, panel));
    root.appendChild(legend);
    var map = svg("svg", { id: "map", role: "img", "aria-label": "Map of events", preserveAspectRatio: "xMidYMid meet" });
    var base = svg("g", { class: "base" }), placesLayer = svg("g", { class: "places" }), layer = svg("g", { class: "markers" });
    basemapPaths(base);
    map.appendChild(base); map.appendChild(placesLayer); map.appendChild(layer);
    box.appendChild(map);
    box.appendChild(el("div", { class: "zoom" },
      el("button", { type: "button", title: "Zoom in", onclick: function () { zoom(0.5); }, text: "+" }),
      el("button", { type: "button", title: "Zoom out", onclick: function () { zoom(2); }, text: "−" }),
      el("button", { type: "button", title: "Fit", onclick: function () { fit(); }, text: "⤢" })));
    var vb = { x: 0, y: 0, w: 360, h: 180 };
    function apply() {
      map.setAttribute("viewBox", [vb.x, vb.y, vb.w, vb.h].map(function (v) { return v.toFixed(3); }).join(" "));
      var unit = vb.w / Math.max(200, map.clientWidth || 800);
      Array.prototype.forEach.call(layer.childNodes, function (c) { c.setAttribute("r", (+c.getAttribute("data-px")) * unit); c.setAttribute("stroke-width", unit); });
      Array.prototype.forEach.call(placesLayer.childNodes, function (c) { c.setAttribute("r", 3 * unit); c.setAttribute("stroke-width", unit); });
      map.style.setProperty("--unit", unit);
    }
    function zoom(factor, cx, cy) {
      cx = cx === undefined ? vb.x + vb.w / 2 : cx; cy = cy === undefined ? vb.y + vb.h / 2 : cy;
      var w = Math.min(360, Math.max(0.5, vb.w * factor)), h = w / 2;
      vb = { x: cx - (cx - vb.x) * (w / vb.w), y: cy - (cy - vb.y) * (h / vb.h), w: w, h: h };
      apply();
    }
    function fit() {
      // Frame where most events are: weighted 10th-90th percentiles, so one far-off (often mis-resolved)
      // place does not zoom the map out to the whole world. Places are used only when there are no events.
      var pts = markerGroups(filteredEvents()).map(function (g) { return { lon: g.lon, lat: g.lat, w: g.events.length }; });
      if (!pts.length) DATA.places.forEach(function (p) { if (typeof p.lat === "number" && typeof p.lon === "number") pts.push({ lon: p.lon, lat: p.lat, w: 1 }); });
      if (!pts.length) { vb = { x: 0, y: 0, w: 360, h: 180 }; apply(); return; }
      var trim = pts.length >= 5 ? 0.1 : 0;
      var x0 = quantile(pts, "lon", trim) + 180, x1 = quantile(pts, "lon", 1 - trim) + 180;
      var y0 = 90 - quantile(pts, "lat", 1 - trim), y1 = 90 - quantile(pts, "lat", trim);
      var w = Math.min(360, Math.max(8, (x1 - x0) * 1.6, (y1 - y0) * 3.2));
      vb = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - w / 4, w: w, h: w / 2 };
      apply();
    }
    function quantile(pts, key, q) {
      var sorted = pts.slice().sort(function (a, b) { return a[key] - b[key]; });
      var total = sorted.reduce(function (n, p) { return n + p.w; }, 0), seen = 0;
      for (var i = 0; i < sorted.length; i++) { seen += sorted[i].w; if (seen >= q * total) return sorted[i][key]; }
      return sorted[sorted.length - 1][key];
    }
    function svgPoint(ev) {
      var r = map.getBoundingClientRect(), scale = Math.min(r.width / vb.w, r.height / vb.h);
      var ox = (r.width - vb.w * scale) / 2, oy = (r.height - vb.h * scale) / 2;
      return { x: vb.x + (ev.clientX - r.left - ox) / scale, y: vb.y + (ev.clientY - r.top - oy) / scale, scale: scale };
    }
    map.addEventListener("wheel", function (ev) { ev.preventDefault(); var p = svgPoint(ev); zoom(ev.deltaY > 0 ? 1.25 : 0.8, p.x, p.y); }, { passive: false });
    var drag = null;
    map.addEventListener("pointerdown", function (ev) { if (ev.target.closest && ev.target.closest(".marker")) return; drag = { x: ev.clientX, y: ev.clientY, vb: Object.assign({}, vb), scale: svgPoint(ev).scale }; });
    window.addEventListener("pointermove", function (ev) { if (!drag) return; vb.x = drag.vb.x - (ev.clientX - drag.x) / drag.scale; vb.y = drag.vb.y - (ev.clientY - drag.y) / drag.scale; apply(); });
    window.addEventListener("pointerup", function () { drag = null; });
    function showGroup(group) {
      clear(panel);
      panel.appendChild(el("h2", { text: group.name || (group.lat.toFixed(2) + ", " + group.lon.toFixed(2)) }));
      panel.appendChild(el("ul", { class: "plain" }, group.events.map(eventItem)));
    }
    function showPlace(place) {
      clear(panel);
      panel.appendChild(el("h2", { text: place.name }));
      panel.appendChild(el("p", { class: "muted", text: [place.country, place.feature, "confidence " + str(place.confidence)].filter(Boolean).join(" · ") }));
      panel.appendChild(el("div", { class: "sources" }, sourceLinks((place.mentions || []).slice(0, 50))));
    }
    function draw() {
      clear(layer); clear(placesLayer); clear(legend);
      DATA.places.forEach(function (p) {
        if (typeof p.lat !== "number" || typeof p.lon !== "number") return;
        var c = svg("circle", { class: "place", cx: p.lon + 180, cy: 90 - p.lat, "data-id": p.id, tabindex: 0 });
        c.appendChild(svg("title")).textContent = p.name;
        c.addEventListener("click", function () { showPlace(p); });
        placesLayer.appendChild(c);
      });
      var groups = markerGroups(filteredEvents());
      groups.forEach(function (g) {
        var px = Math.min(15, 6 + 2 * Math.sqrt(g.events.length));
        var c = svg("circle", { class: "marker", cx: g.lon + 180, cy: 90 - g.lat, "data-px": px, "data-count": g.events.length, fill: colour(g.events[0].type), tabindex: 0, role: "button" });
        c.appendChild(svg("title")).textContent = (g.name || "") + ": " + g.events.length + " event(s)";
        c.addEventListener("click", function () { showGroup(g); });
        c.addEventListener("keydown", function (ev) { if (ev.key === "Enter") showGroup(g); });
        layer.appendChild(c);
      });
      uniq(DATA.events.map(function (e) { return e.type; })).forEach(function (t) {
        legend.appendChild(el("span", { class: "key" }, el("i", { class: "swatch", "data-colour": colour(t) }), t));
      });
      Array.prototype.forEach.call(legend.querySelectorAll(".swatch"), function (s) { s.style.background = s.getAttribute("data-colour"); });
      legend.appendChild(el("span", { class: "key" }, el("i", { class: "swatch place-key" }), "place"));
      legend.appendChild(el("span", { class: "muted", id: "map-count", text: groups.length + " marker(s), " + filteredEvents().length + " event(s) shown" }));
      apply();
    }
    draw();
    fit();
    window.requestAnimationFrame(apply);
  }
  function eventItem(e) {
    return el("li", { class: "event-item" },
      el("span", { class: "tag", text: e.type }), " ",
      el("strong", { text: e.summary || e.trigger }), " ",
      el("span", { class: "muted", text: [e.date, e.place && e.place.name, e.fatalities ? e.fatalities + " killed" : ""].filter(Boolean).join(" · ") }),
      el("div", { class: "sources" }, sourceLinks(eventSpans(e))));
  }

  // ---- timeline -----------------------------------------------------------------------------------
  function renderTimeline() {
    var root = view();
    root.appendChild(el("h1", { text: "Timeline" }));
    root.appendChild(el("p", { class: "muted", text: "Scroll on the axis to zoom, drag to pan; the dates filter the map too." }));
    var chart = el("div", { class: "tl-chart" }), list = el("div", { id: "tl-list" });
    root.appendChild(filterBar(draw));
    root.appendChild(chart);
    root.appendChild(list);
    function draw() {
      var events = filteredEvents().filter(function (e) { return toTime(e.date) !== null; });
      events.sort(function (a, b) { return toTime(a.date) - toTime(b.date); });
      drawAxis(chart, events, function (from, to) {
        state.from = isoDay(from); state.to = isoDay(to);
        document.getElementById("f-from").value = state.from; document.getElementById("f-to").value = state.to;
        draw();
      });
      clear(list);
      list.appendChild(el("p", { class: "muted", id: "tl-count", text: events.length + " dated event(s)" }));
      list.appendChild(timelineList(events.map(function (e) { return { date: e.date, text: e.summary || e.trigger, sources: eventSpans(e), type: e.type, id: e.id }; })));
    }
    draw();
  }
  function timelineList(entries) {
    var byDate = {};
    entries.forEach(function (x) { (byDate[x.date] = byDate[x.date] || []).push(x); });
    return el("ol", { class: "timeline" }, Object.keys(byDate).sort().map(function (d) {
      return el("li", null, el("time", { text: d }), el("ul", { class: "plain" }, byDate[d].map(function (x) {
        var first = (x.sources || [])[0];
        return el("li", { class: "tl-item", "data-event": x.id || x.event || "" },
          x.type ? el("span", { class: "tag", text: x.type }) : null, " ",
          first ? el("a", { href: sourceHref(first), text: x.text || "(event)" }) : el("span", { text: x.text }), " ",
          el("span", { class: "sources" }, sourceLinks(x.sources)));
      })));
    }));
  }
  function drawAxis(chart, events, onRange) {
    clear(chart);
    if (!events.length) { chart.appendChild(el("p", { class: "muted", text: "No dated events match." })); return; }
    var t0 = state.from ? toTime(state.from) : toTime(events[0].date) - DAY;
    var t1 = state.to ? toTime(state.to) : toTime(events[events.length - 1].date) + DAY;
    if (t1 - t0 < 14 * DAY) { var mid = (t0 + t1) / 2; t0 = mid - 7 * DAY; t1 = mid + 7 * DAY; }
    var W = 1000, H = 90, M = 50;
    var s = svg("svg", { id: "tl-axis", viewBox: "0 0 " + W + " " + H });
    function x(t) { return M + (W - 2 * M) * (t - t0) / (t1 - t0); }
    s.appendChild(svg("line", { class: "axis", x1: M, x2: W - M, y1: 60, y2: 60 }));
    for (var i = 0; i <= 6; i++) {
      var t = t0 + (t1 - t0) * i / 6, tx = svg("text", { x: x(t), y: 80, "text-anchor": "middle", class: "tick" });
      tx.textContent = isoDay(t);
      s.appendChild(tx);
    }
    var stack = {};
    events.forEach(function (e) {
      var t = toTime(e.date), px = Math.round(x(t) / 6);
      stack[px] = (stack[px] || 0) + 1;
      var c = svg("circle", { class: "tl-dot", cx: x(t), cy: 60 - 9 * stack[px], r: 4, fill: colour(e.type) });
      c.appendChild(svg("title")).textContent = str(e.date) + " " + str(e.summary || e.trigger);
      c.addEventListener("click", function () { var sp = eventSpans(e)[0]; if (sp) location.hash = sourceHref(sp); });
      s.appendChild(c);
    });
    s.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var r = s.getBoundingClientRect(), f = (ev.clientX - r.left) / r.width, at = t0 + (t1 - t0) * f;
      var k = ev.deltaY > 0 ? 1.3 : 1 / 1.3, span = Math.max(DAY, (t1 - t0) * k);
      onRange(at - span * f, at + span * (1 - f));
    }, { passive: false });
    var drag = null;
    s.addEventListener("pointerdown", function (ev) { drag = ev.clientX; });
    s.addEventListener("pointerup", function (ev) {
      if (drag === null) return;
      var dx = ev.clientX - drag, r = s.getBoundingClientRect(); drag = null;
      if (Math.abs(dx) < 4) return;
      var shift = -(t1 - t0) * dx / r.width;
      onRange(t0 + shift, t1 + shift);
    });
    chart.appendChild(s);
  }

  // ---- stories ----------------------------------------------------------------------------------
  function renderStories() {
    var root = view();
    root.appendChild(el("h1", { text: "Stories" }));
    if (!DATA.stories.length) { root.appendChild(el("p", { class: "muted", text: "No stories in this store." })); return; }
    root.appendChild(el("ul", { class: "cards" }, DATA.stories.map(function (s) {
      return el("li", null, el("a", { href: "#/story/" + encodeURIComponent(s.id), text: s.title || s.id }),
        el("div", { class: "muted", text: [s.start, s.end].filter(Boolean).join(" – ") + " · " + (s.docs || []).length + " article(s), " + (s.events || []).length + " event(s)" }));
    })));
  }
  function renderStory(id) {
    var root = view();
    var story = DATA.stories.filter(function (s) { return s.id === id; })[0];
    if (!story) { root.appendChild(el("p", { text: "No such story." })); return; }
    var entries = DATA.timeline.filter(function (t) { return t.story === id; });
    var events = DATA.events.filter(function (e) { return shown(e) && (e.story === id || (story.events || []).indexOf(e.id) >= 0); });
    if (!entries.length) entries = events.map(function (e) { return { date: e.date, event: e.id, text: e.summary || e.trigger, sources: eventSpans(e) }; });
    root.appendChild(el("h1", { text: story.title || story.id }));
    root.appendChild(el("p", { class: "muted", text: [story.start, story.end].filter(Boolean).join(" – ") }));
    var section = el("section", { class: "summary" }, el("h2", { text: "Summary" }));
    if (story.summary_sentences && story.summary_sentences.length) {
      // each summary sentence with the sentences it was drawn from, as links to the highlighted source
      section.appendChild(el("ol", { class: "summary-sentences" }, story.summary_sentences.map(function (x) {
        return el("li", null, el("span", { text: x.text }), " ", el("span", { class: "cites" }, sourceLinks(x.sources || [])));
      })));
    } else {
      section.appendChild(el("p", { text: story.summary || entries.slice(0, 5).map(function (x) { return x.text; }).join(" ") }));
    }
    root.appendChild(section);
    var chart = el("div", { class: "tl-chart" });
    root.appendChild(chart);
    // the chart shows the timeline's events when the story has a timeline (no background or planned events)
    var onTimeline = {};
    DATA.timeline.forEach(function (t) { if (t.story === id && t.event) onTimeline[t.event] = true; });
    var charted = Object.keys(onTimeline).length ? events.filter(function (e) { return onTimeline[e.id]; }) : events;
    var dated = charted.filter(function (e) { return toTime(e.date) !== null; }).sort(function (a, b) { return toTime(a.date) - toTime(b.date); });
    var saved = Object.assign({}, state);
    state = { type: "", from: "", to: "", actor: "", story: "", all: false };
    drawAxis(chart, dated, function () {});
    state = saved;
    root.appendChild(el("h2", { text: "Timeline" }));
    root.appendChild(timelineList(entries));
    root.appendChild(el("h2", { text: "Articles" }));
    root.appendChild(el("ul", null, (story.docs || []).map(function (d) {
      return el("li", null, el("a", { href: "#/doc/" + encodeURIComponent(d), text: docTitles[d] || d }));
    })));
    root.appendChild(el("p", null, el("a", { href: "#/map", onclick: function () { state.story = id; }, text: "Show this story on the map" })));
  }

  // ---- tables -------------------------------------------------------------------------------------
  function renderTable(title, rows, columns, opts) {
    var root = view();
    opts = opts || {};
    var sortCol = opts.sort || 0, desc = !!opts.desc, query = "", facet = "";
    root.appendChild(el("h1", { text: title }));
    var facets = opts.facet ? uniq(rows.map(opts.facet)) : [];
    var body = el("tbody"), info = el("p", { class: "muted table-info" });
    var head = el("tr", null, columns.map(function (c, i) {
      return el("th", { scope: "col" }, el("button", { type: "button", class: "sort", onclick: function () { desc = sortCol === i ? !desc : false; sortCol = i; draw(); }, text: c.label }));
    }));
    root.appendChild(el("div", { class: "filters" },
      el("input", { type: "search", class: "table-filter", placeholder: "Filter " + title.toLowerCase() + "…", "aria-label": "Filter", oninput: function (ev) { query = lower(ev.target.value); draw(); } }),
      facets.length ? el("select", { class: "table-facet", "aria-label": "Type", onchange: function (ev) { facet = ev.target.value; draw(); } },
        el("option", { value: "", text: "all" }), facets.map(function (f) { return el("option", { value: f, text: f }); })) : null));
    root.appendChild(info);
    root.appendChild(el("div", { class: "table-wrap" }, el("table", { class: "data" }, el("thead", null, head), body)));
    function text(row) { return columns.map(function (c) { return lower(c.get(row)); }).join(" "); }
    function draw() {
      var shown = rows.filter(function (r) { return (!facet || opts.facet(r) === facet) && (!query || text(r).indexOf(query) >= 0); });
      var get = columns[sortCol].get, num = columns[sortCol].numeric;
      shown.sort(function (a, b) {
        var x = get(a), y = get(b);
        if (num) { x = x === null || x === "" ? -Infinity : +x; y = y === null || y === "" ? -Infinity : +y; } else { x = lower(x); y = lower(y); }
        return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
      });
      clear(body);
      shown.slice(0, MAX_ROWS).forEach(function (r) {
        body.appendChild(el("tr", null, columns.map(function (c) { return el("td", null, c.render ? c.render(r) : str(c.get(r))); })));
      });
      info.textContent = shown.length + " of " + rows.length + " row(s)" + (shown.length > MAX_ROWS ? ", first " + MAX_ROWS + " shown" : "");
      Array.prototype.forEach.call(head.querySelectorAll("th"), function (th, i) { th.setAttribute("aria-sort", i === sortCol ? (desc ? "descending" : "ascending") : "none"); });
    }
    draw();
  }
  function col(label, get, extra) { return Object.assign({ label: label, get: get }, extra || {}); }
  var TABLES = {
    events: function () {
      renderTable("Events", DATA.events, [
        col("Date", function (e) { return e.date; }),
        col("Type", function (e) { return e.type; }),
        col("ACLED", function (e) { return e.acled; }),
        col("Summary", function (e) { return e.summary || e.trigger; }),
        col("Actors", function (e) { return names(e.actors); }),
        col("Targets", function (e) { return names(e.targets); }),
        col("Place", function (e) { return e.place && e.place.name; }),
        col("Killed", function (e) { return e.fatalities; }, { numeric: true }),
        col("Modality", function (e) { return e.modality; }),
        col("Confidence", function (e) { return e.confidence; }, { numeric: true }),
        col("Reported", function (e) { return e.reportable === false ? "no" : "yes"; }),
        col("Sources", function (e) { return (e.sources || []).length; }, { numeric: true, render: function (e) { return sourceLinks(eventSpans(e)); } })
      ], { facet: function (e) { return e.type; } });
    },
    quotes: function () {
      renderTable("Quotes", DATA.quotes, [
        col("Speaker", function (q) { return q.speaker; }),
        col("Quote", function (q) { return q.text; }, { render: function (q) { return el("q", { text: q.text }); } }),
        col("Kind", function (q) { return q.kind; }),
        col("Cue", function (q) { return q.cue; }),
        col("Source", function (q) { return docTitles[q.doc] || q.doc; }, { render: function (q) { return sourceLinks(itemSpan(q)); } })
      ], { facet: function (q) { return q.kind; } });
    },
    figures: function () {
      renderTable("Figures", DATA.figures, [
        col("Value", function (f) { return f.value; }, { numeric: true }),
        col("Of what", function (f) { return f.unit_or_what; }),
        col("As of", function (f) { return f.as_of; }),
        col("Attributed to", function (f) { return f.attributed_to; }),
        col("Conflicts", function (f) { return (f.conflicts_with || []).join(", "); }),
        col("Source", function (f) { return docTitles[f.doc] || f.doc; }, { render: function (f) { return sourceLinks(itemSpan(f)); } })
      ], { facet: function (f) { return f.unit_or_what; } });
    },
    entities: function () {
      renderTable("Entities", DATA.entities, [
        col("Name", function (e) { return e.name; }),
        col("Type", function (e) { return e.type; }),
        col("Aliases", function (e) { return (e.aliases || []).join("; "); }),
        col("Mentions", function (e) { return e.count; }, { numeric: true }),
        col("Articles", function (e) { return e.docs; }, { numeric: true }),
        col("Sources", function (e) { return e.count; }, { numeric: true, render: function (e) { return sourceLinks((e.mentions || []).slice(0, 5)); } })
      ], { facet: function (e) { return e.type; }, sort: 3, desc: true });
    },
    documents: function () {
      renderTable("Articles", DATA.documents, [
        col("Published", function (d) { return d.published; }),
        col("Title", function (d) { return d.title || d.id; }, { render: function (d) { return el("a", { href: "#/doc/" + encodeURIComponent(d.id), text: d.title || d.id }); } }),
        col("Outlet", function (d) { return d.outlet; }),
        col("Source", function (d) { return d.source; })
      ], { facet: function (d) { return d.outlet; } });
    }
  };

  // ---- article view --------------------------------------------------------------------------------
  function renderDoc(id, start, end) {
    var root = view();
    root.appendChild(el("p", { class: "muted", text: "Loading article…" }));
    source.doc(id).then(function (d) {
      clear(root);
      root.appendChild(el("p", null, el("a", { href: "#/events", class: "back", onclick: function (ev) { ev.preventDefault(); history.back(); }, text: "← back" })));
      root.appendChild(el("h1", { text: d.title || d.id }));
      root.appendChild(el("p", { class: "muted", text: [d.outlet, d.published, d.source].filter(Boolean).join(" · ") }));
      var text = str(d.text), body = el("article", { id: "article", class: "article" });
      var s = Math.max(0, Math.min(text.length, start | 0)), e = Math.max(s, Math.min(text.length, end | 0));
      var hasSpan = !isNaN(start) && e > s;
      body.appendChild(document.createTextNode(hasSpan ? text.slice(0, s) : text));
      if (hasSpan) {
        body.appendChild(el("mark", { id: "cited", text: text.slice(s, e) }));
        body.appendChild(document.createTextNode(text.slice(e)));
      }
      root.appendChild(body);
      root.appendChild(docExtras(id));
      if (hasSpan) document.getElementById("cited").scrollIntoView({ block: "center" });
    }).catch(function (err) { clear(root); root.appendChild(el("p", { class: "error", text: "Could not load the article: " + err.message })); });
  }
  function docExtras(id) {
    var events = DATA.events.filter(function (e) { return eventSpans(e).some(function (s) { return s.doc === id; }); });
    var quotes = DATA.quotes.filter(function (q) { return q.doc === id; });
    var figures = DATA.figures.filter(function (f) { return f.doc === id; });
    function here(spans) { return spans.filter(function (s) { return s.doc === id; }); }
    return el("section", { class: "extracted" },
      events.length ? [el("h2", { text: "Events in this article" }), el("ul", { class: "plain" }, events.map(function (e) {
        return el("li", null, el("span", { class: "tag", text: e.type }), " ", el("a", { href: sourceHref(here(eventSpans(e))[0]), text: e.summary || e.trigger }));
      }))] : null,
      quotes.length ? [el("h2", { text: "Quotes" }), el("ul", { class: "plain" }, quotes.map(function (q) {
        return el("li", null, el("a", { href: sourceHref(itemSpan(q)[0]) }, el("q", { text: q.text })), " — ", str(q.speaker));
      }))] : null,
      figures.length ? [el("h2", { text: "Figures" }), el("ul", { class: "plain" }, figures.map(function (f) {
        return el("li", null, el("a", { href: sourceHref(itemSpan(f)[0]), text: str(f.value) + " " + str(f.unit_or_what) }));
      }))] : null);
  }

  // ---- search ---------------------------------------------------------------------------------------
  function renderSearch(q) {
    var root = view(), term = lower(q);
    document.getElementById("search").value = q;
    root.appendChild(el("h1", { text: "Search: " + q }));
    var events = DATA.events.filter(function (e) { return lower(names(e.actors) + " " + names(e.targets) + " " + e.summary).indexOf(term) >= 0; });
    var entities = DATA.entities.filter(function (e) { return lower(e.name + " " + (e.aliases || []).join(" ")).indexOf(term) >= 0; });
    var quotes = DATA.quotes.filter(function (x) { return lower(x.speaker + " " + x.text).indexOf(term) >= 0; });
    root.appendChild(el("h2", { text: "Events (" + events.length + ")" }));
    root.appendChild(el("ul", { class: "plain", id: "search-events" }, events.slice(0, 100).map(eventItem)));
    root.appendChild(el("h2", { text: "Entities (" + entities.length + ")" }));
    root.appendChild(el("ul", { class: "plain", id: "search-entities" }, entities.slice(0, 100).map(function (e) {
      return el("li", null, el("strong", { text: e.name }), " ", el("span", { class: "tag", text: e.type }), " ", el("span", { class: "sources" }, sourceLinks((e.mentions || []).slice(0, 5))));
    })));
    root.appendChild(el("h2", { text: "Quotes (" + quotes.length + ")" }));
    root.appendChild(el("ul", { class: "plain" }, quotes.slice(0, 100).map(function (x) {
      return el("li", null, el("a", { href: sourceHref(itemSpan(x)[0]) }, el("q", { text: x.text })), " — ", str(x.speaker));
    })));
    var docs = el("ul", { class: "plain", id: "search-docs" }, el("li", { class: "muted", text: "Searching articles…" }));
    root.appendChild(el("h2", { text: "Articles" }));
    root.appendChild(docs);
    source.search(q).then(function (res) {
      clear(docs);
      if (!res.items.length) docs.appendChild(el("li", { class: "muted", text: "No article matches." }));
      res.items.forEach(function (d) {
        docs.appendChild(el("li", null, el("a", { href: "#/doc/" + encodeURIComponent(d.id), text: d.title || d.id }), " ",
          el("span", { class: "muted", text: [d.outlet, d.published].filter(Boolean).join(" · ") }), el("div", { class: "snippet", text: d.snippet })));
      });
    }).catch(function (err) { clear(docs); docs.appendChild(el("li", { class: "error", text: err.message })); });
  }

  // ---- routing --------------------------------------------------------------------------------------
  function route() {
    var parts = location.hash.replace(/^#\/?/, "").split("/").map(function (p) {
      try { return decodeURIComponent(p); } catch (e) { return p; }
    });
    var name = parts[0] || "map";
    Array.prototype.forEach.call(document.querySelectorAll("#nav a"), function (a) {
      a.classList.toggle("active", a.getAttribute("href") === "#/" + name);
    });
    var extra = window.DatelineViews && window.DatelineViews[name];  // views the app adds (review.js)
    if (extra) extra(parts.slice(1));
    else if (name === "map") renderMap();
    else if (name === "timeline") renderTimeline();
    else if (name === "stories") renderStories();
    else if (name === "story") renderStory(parts[1]);
    else if (name === "doc") renderDoc(parts[1], parseInt(parts[2], 10), parseInt(parts[3], 10));
    else if (name === "search") renderSearch(parts.slice(1).join("/"));
    else if (TABLES[name]) TABLES[name]();
    else renderMap();
    if (name !== "doc") window.scrollTo(0, 0);
  }

  function start(data, basemap) {
    DATA = data;
    BASEMAP = basemap;
    ["events", "places", "quotes", "figures", "entities", "stories", "timeline", "documents"].forEach(function (k) { DATA[k] = DATA[k] || []; });
    DATA.documents.forEach(function (d) { docTitles[d.id] = d.title || d.id; });
    var c = DATA.counts || {};
    document.getElementById("counts").textContent = ["documents", "events", "places", "quotes", "figures", "entities", "stories"].map(function (k) {
      return (c[k] !== undefined ? c[k] : DATA[k].length) + " " + k;
    }).join(" · ");
    document.getElementById("attribution").textContent = (basemap && basemap.attribution) || "";
    document.getElementById("search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = document.getElementById("search").value.trim();
      if (q) location.hash = "#/search/" + encodeURIComponent(q);
    });
    window.addEventListener("hashchange", route);
    route();
    document.body.setAttribute("data-ready", "1");
  }

  // helpers for the app's own views (review.js)
  window.Dateline = { el: el, view: view, clear: clear, sourceHref: sourceHref, sourceLinks: sourceLinks, data: function () { return DATA; } };

  Promise.all([source.load(), source.basemap().catch(function () { return null; })]).then(function (r) { start(r[0], r[1]); }).catch(function (err) {
    clear(document.getElementById("view")).appendChild(el("p", { class: "error", text: "Could not load the data: " + err.message }));
  });
})();
