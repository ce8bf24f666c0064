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
  // The static report: index.html embeds a manifest of data files (data/*.js) that register themselves with
  // datelineChunk(); the first view's files load at start, article texts and the quote, figure and entity
  // tables when a page needs them. Script elements load from disk, where Chromium blocks fetch().
  function staticSource(node) {
    var manifest = JSON.parse(node.textContent), received = {}, loading = {}, merged = {};
    var data = { texts: {} }, byId = {};
    window.datelineChunk = function (name, payload) { received[name] = payload; };
    function loadFile(path) {
      if (!loading[path]) loading[path] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = path;
        tag.onload = function () { received[path] ? resolve() : reject(new Error(path + " registered nothing")); };
        tag.onerror = function () { reject(new Error("could not load " + path + " (keep the data folder beside this page)")); };
        document.head.appendChild(tag);
      });
      return loading[path];
    }
    // merged in manifest order whatever order the files arrive in
    function loadAll(paths) {
      return Promise.all(paths.map(loadFile)).then(function () {
        paths.forEach(function (p) {
          if (merged[p]) return;
          merged[p] = true;
          var payload = received[p];
          Object.keys(payload).forEach(function (key) {
            var value = payload[key];
            if (Array.isArray(value)) data[key] = (data[key] || []).concat(value);
            else if (key === "texts") Object.assign(data.texts, value);
            else data[key] = value;
          });
          delete received[p];
        });
      });
    }
    function lazy(key) { return (manifest.lazy && manifest.lazy[key]) || []; }
    function textsFor(ids) {
      var wanted = {};
      ids.forEach(function (id) { var d = byId[id]; if (d && typeof d.t === "number" && lazy("texts")[d.t]) wanted[lazy("texts")[d.t]] = 1; });
      return loadAll(Object.keys(wanted));
    }
    return {
      mode: "static",
      load: function () {
        return loadAll(manifest.core || []).then(function () {
          (data.documents || []).forEach(function (d) { byId[d.id] = d; });
          return data;
        });
      },
      basemap: function () { return Promise.resolve(data.basemap || null); },
      ready: function (key) { return lazy(key).every(function (p) { return merged[p]; }); },
      need: function (keys) {
        return loadAll([].concat.apply([], keys.map(lazy))).then(function () {
          keys.forEach(function (k) { if (k !== "texts") data[k] = data[k] || []; });
        });
      },
      charts: function () { return Promise.resolve(data.charts || null); },
      doc: function (id) {
        if (!byId[id]) return Promise.reject(new Error("no such article"));
        return textsFor([id]).then(function () { return Object.assign({ text: data.texts[id] }, byId[id]); });
      },
      search: function (q) {
        var terms = lower(q).split(/\s+/).filter(Boolean);
        return loadAll(lazy("texts")).then(function () {
          var hits = data.documents.filter(function (d) {
            var hay = lower(d.title) + "\n" + lower(data.texts[d.id]);
            return terms.every(function (t) { return hay.indexOf(t) >= 0; });
          });
          return { total: hits.length, items: hits.slice(0, 100).map(function (d) {
            return { id: d.id, title: d.title, published: d.published, outlet: d.outlet, snippet: snippet(data.texts[d.id], terms[0]) };
          }) };
        });
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
    var charts = null;
    return {
      mode: "api",
      load: function () { return get("api/report-data"); },
      basemap: function () { return get("api/basemap"); },
      ready: function () { return true; },
      need: function () { return Promise.resolve(); },
      charts: function () { return charts || (charts = get("api/charts")); },
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

  var manifestNode = document.getElementById("dateline-manifest");
  var source = manifestNode ? staticSource(manifestNode) : apiSource();
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
      return el("input", Object.assign({ id: id, value: state[key], oninput: function (ev) { state[key] = ev.target.value; syncSlider(); onChange(); } }, attrs));
    }
    var select = el("select", { id: "f-type", "aria-label": "Event type", onchange: function (ev) { state.type = ev.target.value; onChange(); } },
      el("option", { value: "", text: "all event types" }),
      types.map(function (t) { return el("option", { value: t, selected: t === state.type ? "selected" : null, text: t }); }));
    var stories = el("select", { id: "f-story", "aria-label": "Story", onchange: function (ev) { state.story = ev.target.value; onChange(); } },
      el("option", { value: "", text: "all stories" }),
      DATA.stories.map(function (s) { return el("option", { value: s.id, selected: s.id === state.story ? "selected" : null, text: s.title || s.id }); }));
    var from = input("f-from", "from", { type: "date" }), to = input("f-to", "to", { type: "date" });
    return el("div", { class: "filters" },
      dateSlider(function () { from.value = state.from; to.value = state.to; onChange(); }),
      el("label", null, "From ", from),
      el("label", null, "To ", to),
      select, DATA.stories.length ? stories : null,
      input("f-actor", "actor", { type: "search", placeholder: "actor or target", "aria-label": "Actor" }),
      el("label", { title: "Also show planned, denied and background events and those below the confidence threshold" },
        el("input", { id: "f-all", type: "checkbox", checked: state.all ? "checked" : null, onchange: function (ev) { state.all = ev.target.checked; syncSlider(); onChange(); } }),
        " unreported too"),
      el("button", { type: "button", onclick: function () { state = { type: "", from: "", to: "", actor: "", story: "", all: false }; route(); }, text: "Reset" }));
  }
  // Two range inputs over the days that have events: drag either end to narrow every view to a period.
  var DAYS = {};
  function eventDays() {  // days of the events shown (reported ones, or all with "unreported too")
    var key = state.all ? "all" : "shown";
    if (!DAYS[key]) {
      var seen = {};
      DATA.events.forEach(function (e) { var t = shown(e) ? toTime(e.date) : null; if (t !== null) seen[isoDay(t)] = 1; });
      DAYS[key] = Object.keys(seen).sort();
    }
    return DAYS[key];
  }
  // slider positions for the state's dates: the first day on or after `from`, the last on or before `to`
  function sliderIndex(day, upper) {
    var days = eventDays(), i;
    if (!day) return upper ? days.length - 1 : 0;
    if (upper) { for (i = days.length - 1; i > 0; i--) if (days[i] <= day) return i; return 0; }
    for (i = 0; i < days.length - 1; i++) if (days[i] >= day) return i;
    return days.length - 1;
  }
  function syncSlider() {
    var low = document.getElementById("f-slide-from"), high = document.getElementById("f-slide-to"), days = eventDays();
    if (!low || !high || !days.length) return;
    low.max = high.max = days.length - 1;
    low.value = sliderIndex(state.from, false); high.value = sliderIndex(state.to, true);
    document.getElementById("f-range").textContent = days[+low.value] + " – " + days[+high.value];
  }
  function dateSlider(onChange) {
    var days = eventDays();
    if (days.length < 2) return null;
    var last = days.length - 1;
    var low = el("input", { id: "f-slide-from", type: "range", min: 0, max: last, step: 1, "aria-label": "Start of the period" });
    var high = el("input", { id: "f-slide-to", type: "range", min: 0, max: last, step: 1, "aria-label": "End of the period" });
    function moved(ev) {
      var days = eventDays(), last = days.length - 1, a = +low.value, b = +high.value;
      if (a > b) { if (ev.target === low) high.value = a; else low.value = b; }
      a = +low.value; b = +high.value;
      state.from = a > 0 ? days[a] : ""; state.to = b < last ? days[b] : "";
      syncSlider();
      onChange();
    }
    low.addEventListener("input", moved);
    high.addEventListener("input", moved);
    window.setTimeout(syncSlider, 0);  // once in the page
    return el("div", { class: "slider", title: "Drag the ends to choose a period" },
      el("div", { class: "slider-track" }, low, high), el("output", { id: "f-range", class: "muted" }));
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
    var lastUnit = 0;
    function apply() {
      map.setAttribute("viewBox", [vb.x, vb.y, vb.w, vb.h].map(function (v) { return v.toFixed(3); }).join(" "));
      var unit = vb.w / Math.max(200, map.clientWidth || 800);
      if (!lastUnit || Math.abs(unit / lastUnit - 1) > 0.01) { lastUnit = unit; drawMarkers(unit); }
      Array.prototype.forEach.call(layer.querySelectorAll("circle"), function (c) { c.setAttribute("r", (+c.getAttribute("data-px")) * unit); c.setAttribute("stroke-width", unit); });
      Array.prototype.forEach.call(placesLayer.childNodes, function (c) { c.setAttribute("r", 3 * unit); c.setAttribute("stroke-width", unit); });
      Array.prototype.forEach.call(map.querySelectorAll("text.label, text.cluster-count"), function (t) {
        t.setAttribute("font-size", 11 * unit);
        if (t.hasAttribute("data-dx")) { t.setAttribute("x", +t.getAttribute("data-x") + (+t.getAttribute("data-dx")) * unit); t.setAttribute("y", +t.getAttribute("data-y") + 4 * unit); }
        else t.setAttribute("y", +t.getAttribute("data-y") + 4 * unit);
      });
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
    map.addEventListener("pointerdown", function (ev) { if (ev.target.closest && ev.target.closest(".marker, .cluster")) return; drag = { x: ev.clientX, y: ev.clientY, vb: Object.assign({}, vb), scale: svgPoint(ev).scale }; });
    window.addEventListener("pointermove", function (ev) { if (!drag) return; vb.x = drag.vb.x - (ev.clientX - drag.x) / drag.scale; vb.y = drag.vb.y - (ev.clientY - drag.y) / drag.scale; apply(); });
    window.addEventListener("pointerup", function () { drag = null; });
    function showGroup(group) {
      clear(panel);
      var ref = group.events[0].place || {};
      panel.appendChild(el("h2", null, ref.place ? el("a", { href: "#/place/" + encodeURIComponent(ref.place), text: group.name || ref.place })
        : (group.name || (group.lat.toFixed(2) + ", " + group.lon.toFixed(2)))));
      panel.appendChild(el("ul", { class: "plain" }, group.events.map(eventItem)));
    }
    function showPlace(place) {
      clear(panel);
      panel.appendChild(el("h2", null, el("a", { href: "#/place/" + encodeURIComponent(place.id), text: place.name })));
      panel.appendChild(el("p", { class: "muted", text: [place.country, place.feature, "confidence " + str(place.confidence)].filter(Boolean).join(" · ") }));
      panel.appendChild(el("div", { class: "sources" }, sourceLinks((place.mentions || []).slice(0, 50))));
    }
    var groups = [];
    // Markers closer than CLUSTER_PX on screen are drawn as one numbered cluster; clicking it zooms in.
    // Hand-written (a grid over screen pixels) rather than a clustering library: the map is our own SVG,
    // not a Leaflet/OpenLayers map the usual clustering plug-ins extend.
    var CLUSTER_PX = 22, LABELS = 40;
    function drawMarkers(unit) {
      clear(layer);
      var cell = CLUSTER_PX * unit, cells = {};
      groups.forEach(function (g) {
        var key = Math.floor((g.lon + 180) / cell) + "," + Math.floor((90 - g.lat) / cell);
        (cells[key] = cells[key] || []).push(g);
      });
      var singles = [];
      Object.keys(cells).forEach(function (key) {
        var members = cells[key];
        if (members.length === 1) { singles.push(members[0]); return; }
        var n = 0, x = 0, y = 0, x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
        members.forEach(function (g) {
          var gx = g.lon + 180, gy = 90 - g.lat, k = g.events.length;
          n += k; x += gx * k; y += gy * k;
          x0 = Math.min(x0, gx); x1 = Math.max(x1, gx); y0 = Math.min(y0, gy); y1 = Math.max(y1, gy);
        });
        x /= n; y /= n;
        var px = Math.min(20, 10 + 2 * Math.sqrt(n));
        var node = svg("g", { class: "cluster", tabindex: 0, role: "button", "data-count": n, "data-markers": members.length });
        node.appendChild(svg("circle", { cx: x, cy: y, "data-px": px }));
        var label = svg("text", { class: "cluster-count", x: x, "data-y": y, "text-anchor": "middle" });
        label.textContent = String(n);
        node.appendChild(label);
        node.appendChild(svg("title")).textContent = members.length + " places, " + n + " event(s): click to zoom in";
        function open() {
          var w = Math.min(vb.w / 2, Math.max(0.5, (x1 - x0) * 4, (y1 - y0) * 8));  // room enough to part them
          vb = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - w / 4, w: w, h: w / 2 };
          apply();
        }
        node.addEventListener("click", open);
        node.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(); });
        layer.appendChild(node);
      });
      singles.sort(function (a, b) { return b.events.length - a.events.length; });
      var taken = [];
      singles.forEach(function (g, i) {
        var px = Math.min(15, 6 + 2 * Math.sqrt(g.events.length));
        var c = svg("circle", { class: "marker", cx: g.lon + 180, cy: 90 - g.lat, "data-px": px, "data-count": g.events.length, fill: colour(g.events[0].type), tabindex: 0, role: "button" });
        c.appendChild(svg("title")).textContent = (g.name || "") + ": " + g.events.length + " event(s)";
        c.addEventListener("click", function () { showGroup(g); });
        c.addEventListener("keydown", function (ev) { if (ev.key === "Enter") showGroup(g); });
        layer.appendChild(c);
        // the busiest places are named on the map, each label where it overlaps no other (screen pixels)
        var box = { x: (g.lon + 180) / unit + px + 3, y: (90 - g.lat) / unit - 8, w: 7 * str(g.name).length, h: 16 };
        if (i < LABELS && g.name && !taken.some(function (b) { return box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h; })) {
          taken.push(box);
          var t = svg("text", { class: "label", "data-x": g.lon + 180, "data-dx": px + 3, "data-y": 90 - g.lat });
          t.textContent = g.name;
          layer.appendChild(t);
        }
      });
    }
    function draw() {
      clear(placesLayer); clear(legend);
      DATA.places.forEach(function (p) {
        if (typeof p.lat !== "number" || typeof p.lon !== "number") return;
        var c = svg("circle", { class: "place", cx: p.lon + 180, cy: 90 - p.lat, "data-id": p.id, tabindex: 0 });
        c.appendChild(svg("title")).textContent = p.name;
        c.addEventListener("click", function () { showPlace(p); });
        placesLayer.appendChild(c);
      });
      var events = filteredEvents();
      groups = markerGroups(events);
      uniq(DATA.events.map(function (e) { return e.type; })).forEach(function (t) {
        legend.appendChild(el("span", { class: "key" }, el("i", { class: "swatch", "data-colour": colour(t) }), t));
      });
      Array.prototype.forEach.call(legend.querySelectorAll(".swatch"), function (s) { s.style.background = s.getAttribute("data-colour"); });
      legend.appendChild(el("span", { class: "key" }, el("i", { class: "swatch place-key" }), "place"));
      legend.appendChild(el("span", { class: "muted", id: "map-count", text: groups.length + " place(s), " + events.length + " event(s) shown" }));
      lastUnit = 0;
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
      el("span", { class: "muted", text: [e.date, e.fatalities ? e.fatalities + " killed" : ""].filter(Boolean).join(" · ") }),
      e.place && e.place.name ? [" · ", e.place.place ? el("a", { class: "place-link", href: "#/place/" + encodeURIComponent(e.place.place), text: e.place.name }) : el("span", { class: "muted", text: e.place.name })] : null,
      participantNames(e.actors).length ? el("div", { class: "actors" }, "by ", actorLinks(e.actors)) : null,
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
        syncSlider();
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

  // ---- charts -------------------------------------------------------------------------------------
  // Drawn with uPlot (vendor/uplot, MIT), which the page loads before this script.
  var plots = [];
  function dropPlots() { plots.forEach(function (p) { p.destroy(); }); plots = []; }
  // Bins for a period: days up to three months, weeks (from Monday) up to two years, months beyond.
  function binUnit(t0, t1) { var span = (t1 - t0) / DAY; return span <= 92 ? "day" : span <= 731 ? "week" : "month"; }
  function binStart(t, unit) {
    var d = new Date(t);
    if (unit === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY;
    if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    return t;
  }
  function nextBin(t, unit) {
    if (unit === "month") { var d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); }
    return t + (unit === "week" ? 7 : 1) * DAY;
  }
  // days: ISO days; lists: arrays of counts aligned with days. Sums within [from, to] (ISO days or ""), in bins.
  function rebin(days, lists, from, to) {
    var kept = [];
    days.forEach(function (d, i) { if ((!from || d >= from) && (!to || d <= to)) kept.push(i); });
    if (!kept.length) return { xs: [], ys: lists.map(function () { return []; }), unit: "day" };
    var t0 = toTime(days[kept[0]]), t1 = toTime(days[kept[kept.length - 1]]);
    if (t1 - t0 < 14 * DAY) { t0 -= 7 * DAY; t1 += 7 * DAY; }  // a few empty days around: a readable axis
    var unit = binUnit(t0, t1);
    var xs = [], at = {};
    for (var t = binStart(t0, unit); t <= t1; t = nextBin(t, unit)) { at[t] = xs.length; xs.push(t); }
    var ys = lists.map(function (list) {
      var out = xs.map(function () { return 0; });
      kept.forEach(function (i) { out[at[binStart(toTime(days[i]), unit)]] += list[i] || 0; });
      return out;
    });
    return { xs: xs.map(function (x) { return x / 1000; }), ys: ys, unit: unit };
  }
  // per-day counts of a list of events (the actor and place pages): the same shape as the store's chart data
  function dailyCounts(events) {
    var byDay = {};
    events.forEach(function (e) {
      var t = toTime(e.date); if (t === null) return;
      var d = isoDay(t), row = byDay[d] = byDay[d] || [0, 0];
      row[0] += 1; row[1] += e.fatalities || 0;
    });
    var days = Object.keys(byDay).sort();
    return { days: days, events: days.map(function (d) { return byDay[d][0]; }), fatalities: days.map(function (d) { return byDay[d][1]; }) };
  }
  function sum(list) { return list.reduce(function (a, b) { return a + b; }, 0); }
  // One chart in `box`: series [{label, values, colour, bars, right}]; `box` gets data-total (first series' sum).
  function plot(box, xs, series, opts) {
    clear(box);
    box.setAttribute("data-total", series.length ? sum(series[0].values) : 0);
    box.setAttribute("data-bins", xs.length);
    if (!xs.length) { box.appendChild(el("p", { class: "muted", text: "No dated events in this period." })); return; }
    if (typeof uPlot !== "function") { box.appendChild(el("p", { class: "error", text: "Chart library missing." })); return; }
    var width = Math.max(320, (box.clientWidth || box.parentNode.clientWidth || 900) - 4);
    var bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.8, 40] }) : null;
    var right = series.some(function (x) { return x.right; });
    var u = new uPlot({
      width: width, height: (opts && opts.height) || 220,
      legend: { live: true },
      // with onRange: drag across the chart to choose that period
      cursor: { drag: { x: !!(opts && opts.onRange), y: false, setScale: false } },
      hooks: { setSelect: [function (u) {
        if (!(opts && opts.onRange) || u.select.width < 4) return;
        var a = u.posToVal(u.select.left, "x"), b = u.posToVal(u.select.left + u.select.width, "x");
        u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
        opts.onRange(isoDay(a * 1000), isoDay(b * 1000));
      }] },
      scales: { x: { time: true }, n: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } },
                k: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } } },
      axes: [{}, { scale: "n", label: (opts && opts.label) || "events", size: 50 }].concat(right ? [{ scale: "k", side: 1, label: "killed", grid: { show: false } }] : []),
      series: [{ label: "period" }].concat(series.map(function (x) {
        return { label: x.label, scale: x.right ? "k" : "n", stroke: x.colour, width: x.bars ? 1 : 2,
                 fill: x.bars ? x.colour + "99" : null, paths: x.bars && bars ? bars : undefined, points: { show: !x.bars && xs.length < 60 } };
      }))
    }, [xs].concat(series.map(function (x) { return x.values; })), box);
    plots.push(u);
    box.appendChild(numbers(xs, series));
  }
  // the chart's numbers as a table, for screen readers and for copying
  function numbers(xs, series) {
    var rows = xs.map(function (x, i) { return [isoDay(x * 1000)].concat(series.map(function (s) { return s.values[i]; })); })
      .filter(function (r) { return r.slice(1).some(function (v) { return v; }); });
    return el("details", { class: "numbers" }, el("summary", { text: "Numbers (" + rows.length + " non-empty bins)" }),
      el("table", { class: "data" }, el("thead", null, el("tr", null, el("th", { text: "from" }), series.map(function (s) { return el("th", { text: s.label }); }))),
        el("tbody", null, rows.slice(0, MAX_ROWS).map(function (r) { return el("tr", null, r.map(function (v) { return el("td", { text: v }); })); }))));
  }
  function renderCharts() {
    var root = view();
    root.appendChild(el("h1", { text: "Charts" }));
    root.appendChild(el("p", { class: "muted", text: "Reported events with a date (from every event in the store), by when they happened. Drag the slider, or across a chart, to choose a period; it filters the map, timeline and event table too." }));
    var metric = "events";
    var controls = el("div", { class: "filters" }, dateSlider(function () { draw(); }),
      el("label", null, "Show ", el("select", { id: "c-metric", "aria-label": "Measure", onchange: function (ev) { metric = ev.target.value; draw(); } },
        el("option", { value: "events", text: "events" }), el("option", { value: "fatalities", text: "fatalities" }))),
      el("span", { class: "muted", id: "c-unit" }));
    root.appendChild(controls);
    var boxes = {};
    [["total", "Events and fatalities over time"], ["by_type", "By event type"], ["by_actor", "By actor"], ["by_region", "By region (admin1)"]].forEach(function (c) {
      root.appendChild(el("section", { class: "chart-section" }, el("h2", { text: c[1] }), boxes[c[0]] = el("div", { class: "chart", id: "chart-" + c[0] })));
    });
    var CHARTS = null;
    function draw() {
      if (!CHARTS) return;
      dropPlots();
      var total = rebin(CHARTS.days, [CHARTS.total.events, CHARTS.total.fatalities], state.from, state.to);
      document.getElementById("c-unit").textContent = total.xs.length ? "one bar per " + total.unit : "";
      plot(boxes.total, total.xs, [{ label: "events", values: total.ys[0], colour: "#1f77b4", bars: true },
                                   { label: "killed", values: total.ys[1], colour: "#d62728", right: true }], { onRange: choose });
      ["by_type", "by_actor", "by_region"].forEach(function (name) {
        var part = CHARTS[name], binned = rebin(CHARTS.days, part[metric], state.from, state.to);
        plot(boxes[name], binned.xs, part.keys.map(function (k, i) {
          return { label: k, values: binned.ys[i], colour: name === "by_type" ? colour(k) : PALETTE[i % PALETTE.length] };
        }), { label: metric === "events" ? "events" : "killed", height: 200, onRange: choose });
      });
    }
    function choose(from, to) {
      state.from = from; state.to = to;
      syncSlider();
      draw();
    }
    source.charts().then(function (c) {
      CHARTS = c || { days: [], total: { events: [], fatalities: [] }, by_type: { keys: [] }, by_actor: { keys: [] }, by_region: { keys: [] } };
      draw();
      root.setAttribute("data-charts", "1");
    }).catch(function (err) { root.appendChild(el("p", { class: "error", text: "Could not load the chart data: " + err.message })); });
  }

  // ---- actor and place pages ----------------------------------------------------------------------
  function participantNames(list) { return (list || []).map(function (p) { return p && (p.canonical || p.name); }).filter(Boolean); }
  function actorLinks(list) {
    return participantNames(list).map(function (n, i) {
      return [i ? ", " : "", el("a", { class: "actor", href: "#/actor/" + encodeURIComponent(n), text: n })];
    });
  }
  function countBy(events, keyOf) {
    var counts = {};
    events.forEach(function (e) { (keyOf(e) || []).forEach(function (k) { if (k) counts[k] = (counts[k] || 0) + 1; }); });
    return Object.keys(counts).map(function (k) { return [k, counts[k]]; }).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  }
  function countList(id, rows, href) {
    return el("ul", { class: "plain counts", id: id }, rows.length ? rows.slice(0, 10).map(function (r) {
      return el("li", null, href ? el("a", { href: href(r[0]), text: r[0] }) : el("span", { text: r[0] }), " ", el("span", { class: "muted", text: String(r[1]) }));
    }) : el("li", { class: "muted", text: "none" }));
  }
  // header, numbers, a chart and the list of events: shared by the actor and place pages
  function profile(root, events, facts, sideLists) {
    var dated = events.filter(function (e) { return toTime(e.date) !== null; }).sort(function (a, b) { return toTime(a.date) - toTime(b.date); });
    var killed = sum(events.map(function (e) { return e.fatalities || 0; }));
    root.appendChild(el("dl", { class: "facts" }, facts.concat([
      ["Events", String(events.length)], ["Killed", String(killed)],
      ["Period", dated.length ? [dated[0].date, dated[dated.length - 1].date].join(" – ") : "—"]
    ]).map(function (f) { return el("div", null, el("dt", { text: f[0] }), el("dd", { text: f[1], "data-fact": f[0].toLowerCase() })); })));
    var box = el("div", { class: "chart", id: "chart-profile" });
    root.appendChild(box);
    root.appendChild(el("div", { class: "profile-lists" }, sideLists.map(function (x) { return el("section", null, el("h2", { text: x[0] }), x[1]); })));
    root.appendChild(el("h2", { text: "Events" }));
    root.appendChild(el("ul", { class: "plain", id: "profile-events" }, events.slice().sort(function (a, b) { return str(b.date) < str(a.date) ? -1 : 1; }).slice(0, MAX_ROWS).map(eventItem)));
    var daily = dailyCounts(events), binned = rebin(daily.days, [daily.events, daily.fatalities], "", "");
    dropPlots();
    window.requestAnimationFrame(function () {
      plot(box, binned.xs, [{ label: "events", values: binned.ys[0], colour: "#1f77b4", bars: true },
                            { label: "killed", values: binned.ys[1], colour: "#d62728", right: true }], { height: 180 });
    });
  }
  function renderActor(name) {
    var root = view(), key = lower(name);
    function has(list) { return participantNames(list).some(function (n) { return lower(n) === key; }); }
    var asActor = DATA.events.filter(function (e) { return shown(e) && has(e.actors); });
    var asTarget = DATA.events.filter(function (e) { return shown(e) && has(e.targets); });
    var events = asActor.concat(asTarget.filter(function (e) { return asActor.indexOf(e) < 0; }));
    root.appendChild(el("p", null, el("a", { href: "#/events", class: "back", text: "← events" })));
    root.appendChild(el("h1", { text: name }));
    if (!events.length) { root.appendChild(el("p", { class: "muted", text: "No reported event names this actor." })); return; }
    profile(root, events, [["As actor", String(asActor.length)], ["As target", String(asTarget.length)]], [
      ["Event types", countList("actor-types", countBy(events, function (e) { return [e.type]; }))],
      ["Places", countList("actor-places", countBy(events, function (e) { return e.place && e.place.place ? [e.place.place] : []; }).map(function (r) {
        return [r[0], r[1]];
      }), function (id) { return "#/place/" + encodeURIComponent(id); })],
      ["With or against", countList("actor-others", countBy(events, function (e) {
        return participantNames(e.actors).concat(participantNames(e.targets)).filter(function (n) { return lower(n) !== key; });
      }), function (n) { return "#/actor/" + encodeURIComponent(n); })]
    ]);
    // place ids read better as names
    Array.prototype.forEach.call(root.querySelectorAll("#actor-places a"), function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(8)), p = placeById(id);
      if (p) a.textContent = p.name;
    });
  }
  function placeById(id) { return DATA.places.filter(function (p) { return p.id === id; })[0]; }
  function renderPlace(id) {
    var root = view(), place = placeById(id);
    var events = DATA.events.filter(function (e) { return shown(e) && e.place && e.place.place === id; });
    root.appendChild(el("p", null, el("a", { href: "#/map", class: "back", text: "← map" })));
    if (!place && !events.length) { root.appendChild(el("p", { text: "No such place." })); return; }
    var name = place ? place.name : events[0].place.name;
    root.appendChild(el("h1", { text: name }));
    var facts = place ? [["Country", str(place.country) || "—"], ["Region (admin1)", str(place.admin1) || "—"],
      ["Coordinates", typeof place.lat === "number" ? place.lat.toFixed(3) + ", " + place.lon.toFixed(3) : "—"],
      ["Mentions", String(place.mention_count !== undefined ? place.mention_count : (place.mentions || []).length)]] : [];
    profile(root, events, facts, [
      ["Event types", countList("place-types", countBy(events, function (e) { return [e.type]; }))],
      ["Actors", countList("place-actors", countBy(events, function (e) { return participantNames(e.actors); }), function (n) { return "#/actor/" + encodeURIComponent(n); })],
      ["Mentioned in", el("div", { class: "sources" }, sourceLinks(((place && place.mentions) || []).filter(function (m, i, all) {
        return all.findIndex(function (o) { return o.doc === m.doc; }) === i;  // one link per article
      }).slice(0, 20)))]
    ]);
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
        el("option", { value: "", text: "all" }), facets.map(function (f) { return el("option", { value: f, text: f }); })) : null,
      opts.period ? dateSlider(function () { draw(); }) : null));
    root.appendChild(info);
    root.appendChild(el("div", { class: "table-wrap" }, el("table", { class: "data" }, el("thead", null, head), body)));
    function text(row) { return columns.map(function (c) { return lower(c.get(row)); }).join(" "); }
    function draw() {
      var from = opts.period && state.from ? toTime(state.from) : null, to = opts.period && state.to ? toTime(state.to) : null;
      var shown = rows.filter(function (r) {
        if ((from !== null || to !== null)) {  // the slider's period, as on the map and timeline
          var t = toTime(opts.period(r));
          if (t === null || (from !== null && t < from) || (to !== null && t > to)) return false;
        }
        return (!facet || opts.facet(r) === facet) && (!query || text(r).indexOf(query) >= 0);
      });
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
        col("Actors", function (e) { return names(e.actors); }, { render: function (e) { return actorLinks(e.actors); } }),
        col("Targets", function (e) { return names(e.targets); }, { render: function (e) { return actorLinks(e.targets); } }),
        col("Place", function (e) { return e.place && e.place.name; }, { render: function (e) {
          return e.place && e.place.place ? el("a", { href: "#/place/" + encodeURIComponent(e.place.place), text: e.place.name }) : str(e.place && e.place.name);
        } }),
        col("Killed", function (e) { return e.fatalities; }, { numeric: true }),
        col("Modality", function (e) { return e.modality; }),
        col("Confidence", function (e) { return e.confidence; }, { numeric: true }),
        col("Reported", function (e) { return e.reportable === false ? "no" : "yes"; }),
        col("Sources", function (e) { return (e.sources || []).length; }, { numeric: true, render: function (e) { return sourceLinks(eventSpans(e)); } })
      ], { facet: function (e) { return e.type; }, period: function (e) { return e.date; } });
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
    dropPlots();
    var token = ++routed, keys = NEEDS[name] || [];
    function show() {
      if (token !== routed) return;  // the reader has moved on
      var extra = window.DatelineViews && window.DatelineViews[name];  // views the app adds (review.js)
      if (extra) extra(parts.slice(1));
      else if (name === "map") renderMap();
      else if (name === "charts") renderCharts();
      else if (name === "actor") renderActor(parts.slice(1).join("/"));
      else if (name === "place") renderPlace(parts.slice(1).join("/"));
      else if (name === "timeline") renderTimeline();
      else if (name === "stories") renderStories();
      else if (name === "story") renderStory(parts[1]);
      else if (name === "doc") renderDoc(parts[1], parseInt(parts[2], 10), parseInt(parts[3], 10));
      else if (name === "search") renderSearch(parts.slice(1).join("/"));
      else if (TABLES[name]) TABLES[name]();
      else renderMap();
      if (name !== "doc") window.scrollTo(0, 0);
    }
    if (keys.every(source.ready)) { show(); return; }
    view().appendChild(el("p", { class: "muted", text: "Loading…" }));
    source.need(keys).then(show).catch(function (err) {
      if (token === routed) view().appendChild(el("p", { class: "error", text: "Could not load the data: " + err.message }));
    });
  }
  // tables a page needs beyond the first view's (the static report loads them on demand)
  var NEEDS = { quotes: ["quotes"], figures: ["figures"], entities: ["entities"], doc: ["quotes", "figures"], search: ["entities", "quotes"] };
  var routed = 0;

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
    var resized = null;  // charts are drawn to the page's width: draw them again after a resize
    window.addEventListener("resize", function () {
      window.clearTimeout(resized);
      resized = window.setTimeout(function () {
        plots.forEach(function (u) { u.setSize({ width: Math.max(320, u.root.parentNode.clientWidth - 4), height: u.height }); });
      }, 250);
    });
    route();
    document.body.setAttribute("data-ready", "1");
  }

  // helpers for the app's own views (review.js)
  window.Dateline = { el: el, view: view, clear: clear, sourceHref: sourceHref, sourceLinks: sourceLinks, data: function () { return DATA; } };

  // the static report's basemap arrives with its first-view data files, so it is asked for after them
  source.load().then(function (data) {
    return source.basemap().catch(function () { return null; }).then(function (basemap) { start(data, basemap); });
  }).catch(function (err) {
    clear(document.getElementById("view")).appendChild(el("p", { class: "error", text: "Could not load the data: " + err.message }));
  });
})();
