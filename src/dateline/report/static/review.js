/* Dateline app only (never in the static report): search with filters in the URL, the review queue, and an
 * event's page where a reviewer with the write token accepts, rejects, edits, merges or splits it.
 * Registers views on window.DatelineViews, which report.js's router calls; uses report.js's helpers
 * (window.Dateline). Text from the data goes in with textContent only, never as HTML. */
(function () {
  "use strict";

  var views = window.DatelineViews = window.DatelineViews || {};
  var FIELDS = [
    ["type", "Type (PLOVER)"], ["acled", "Sub-event type (ACLED)"], ["actors", "Actors"], ["targets", "Targets"],
    ["place", "Place"], ["date", "Date"], ["fatalities", "Fatalities"], ["modality", "Modality"]
  ];
  var MODALITIES = ["asserted", "claimed", "denied", "hypothetical", "planned"];
  var FILTERS = [
    ["from", "From", "date"], ["to", "To", "date"], ["country", "Country", "text"], ["type", "Type", "text"],
    ["actor", "Actor", "text"], ["modality", "Modality", "modality"], ["reportable", "Reported", "reportable"],
    ["fatalities", "Killed ≥", "number"]
  ];

  function D() { return window.Dateline; }
  function el() { return D().el.apply(null, arguments); }
  function str(v) { return v === null || v === undefined ? "" : String(v); }
  function json(r) {
    return r.json().catch(function () { return {}; }).then(function (body) {
      if (!r.ok) throw new Error(body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : "HTTP " + r.status);
      return body;
    });
  }
  function get(path) { return fetch(path, { headers: { Accept: "application/json" } }).then(json); }
  function token() { return sessionStorage.getItem("dateline-token") || ""; }
  function reviewer() { return localStorage.getItem("dateline-reviewer") || ""; }
  function post(path, body) {
    return fetch(path, {
      method: "POST", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: "Bearer " + token() }
    }).then(json);
  }
  function names(list) { return (list || []).map(function (p) { return p && (p.canonical || p.name); }).filter(Boolean).join("; "); }
  function placeName(e) { return e.place ? str(e.place.name) : ""; }
  function hashQuery() {
    var h = location.hash, at = h.indexOf("?");
    return new URLSearchParams(at >= 0 ? h.slice(at + 1) : "");
  }
  // text with the highlights (offsets relative to `base`) wrapped in <mark class="hit">
  function marked(text, base, highlights) {
    var out = [], at = 0;
    (highlights || []).forEach(function (h) {
      var s = h.start - base, e = h.end - base;
      if (s < at || e > text.length || e <= s) return;
      out.push(text.slice(at, s), el("mark", { class: "hit", text: text.slice(s, e) }));
      at = e;
    });
    out.push(text.slice(at));
    return out;
  }
  function badge(e) {
    return e.review ? el("span", { class: "review-badge review-" + e.review, text: e.review }) : null;
  }
  function status(node, text, isError) {
    node.textContent = text;
    node.className = isError ? "error" : "muted";
  }

  // ---- credentials ----------------------------------------------------------------------------
  function credentials() {
    var tokenInput = el("input", { type: "password", id: "review-token", placeholder: "write token", "aria-label": "Write token", value: token(),
      oninput: function (ev) { sessionStorage.setItem("dateline-token", ev.target.value); } });
    var whoInput = el("input", { type: "text", id: "review-who", placeholder: "your name", "aria-label": "Reviewer", value: reviewer(),
      oninput: function (ev) { localStorage.setItem("dateline-reviewer", ev.target.value); } });
    return el("div", { class: "filters review-creds" }, el("label", null, "Token ", tokenInput), el("label", null, "Reviewer ", whoInput),
      el("span", { class: "muted", text: "Corrections need the server's write token (kept in this tab only)." }));
  }
  function correct(id, body) {
    body.who = reviewer() || undefined;
    return post("api/events/" + encodeURIComponent(id) + "/review", body);
  }

  // ---- search -----------------------------------------------------------------------------------
  views.search = function (parts) {
    var root = D().view();
    var q = (parts.join("/").split("?")[0]) || "", params = hashQuery();
    root.appendChild(el("h1", { text: q ? "Search: " + q : "Search" }));
    var form = el("form", { class: "filters", id: "search-filters" });
    form.appendChild(el("input", { type: "search", name: "q", value: q, placeholder: "words, names, places", "aria-label": "Search words" }));
    FILTERS.forEach(function (f) {
      var value = params.get(f[0]) || "", input;
      if (f[2] === "modality" || f[2] === "reportable") {
        var options = f[2] === "modality" ? [""].concat(MODALITIES) : ["", "true", "false"];
        input = el("select", { name: f[0], "aria-label": f[1] }, options.map(function (o) {
          var label = o === "" ? "any" : f[2] === "reportable" ? (o === "true" ? "reported" : "not reported") : o;
          return el("option", { value: o, selected: o === value ? "selected" : null, text: label });
        }));
      } else {
        input = el("input", { type: f[2], name: f[0], value: value, "aria-label": f[1], placeholder: f[1], min: f[2] === "number" ? "0" : null });
      }
      form.appendChild(el("label", null, f[1] + " ", input));
    });
    form.appendChild(el("button", { type: "submit", text: "Search" }));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var data = new FormData(form), next = new URLSearchParams();
      FILTERS.forEach(function (f) { var v = str(data.get(f[0])).trim(); if (v) next.set(f[0], v); });
      var words = str(data.get("q")).trim(), tail = next.toString();
      location.hash = "#/search/" + encodeURIComponent(words) + (tail ? "?" + tail : "");
    });
    root.appendChild(form);
    var note = el("p", { class: "muted", id: "search-status", text: "Searching…" });
    root.appendChild(note);
    var api = new URLSearchParams(params);
    api.set("q", q);
    api.set("limit", "50");
    get("api/search?" + api.toString()).then(function (res) {
      status(note, res.index && !res.index.fresh ? "The index is being brought up to date: the newest changes may be missing." : "");
      var groups = (res.query && res.query.groups || []).filter(function (g) { return g.entity && g.forms.length > 1; });
      if (groups.length) root.appendChild(el("p", { class: "muted", id: "search-expanded", text: "Also searched as: " + groups.map(function (g) { return g.forms.slice(1).join(", "); }).join("; ") }));
      root.appendChild(section("Events", res.events, "search-events", eventHit));
      root.appendChild(section("Articles", res.documents, "search-docs", docHit));
      root.appendChild(section("Entities", res.entities, "search-entities", namedHit));
      root.appendChild(section("Places", res.places, "search-places", namedHit));
    }).catch(function (err) { status(note, err.message, true); });
  };
  function section(title, result, id, render) {
    result = result || { total: 0, items: [] };
    return el("section", null, el("h2", { text: title + " (" + result.total + ")" }),
      el("ul", { class: "plain", id: id }, result.items.length ? result.items.map(render) : el("li", { class: "muted", text: "None." })));
  }
  function eventHit(e) {
    var s = e.snippet;
    return el("li", { class: "event-item" }, el("span", { class: "tag", text: e.type }), " ",
      el("a", { href: "#/event/" + encodeURIComponent(e.id), text: e.summary || e.trigger }), " ", badge(e), " ",
      el("span", { class: "muted", text: [e.date, placeName(e), names(e.actors), e.fatalities ? e.fatalities + " killed" : "", e.reportable === false ? "not reported" : ""].filter(Boolean).join(" · ") }),
      s ? el("div", { class: "snippet" }, el("a", { href: D().sourceHref(s), class: "src" }, marked(str(s.text), s.start, s.highlights))) : null);
  }
  function docHit(d) {
    var s = d.snippet || { text: "", start: 0, highlights: [] }, first = s.highlights[0];
    var href = "#/doc/" + encodeURIComponent(d.id) + (first ? "/" + first.start + "/" + first.end : "");
    return el("li", null, el("a", { href: href }, marked(str(d.title || d.id), 0, d.title ? d.title_highlights : [])), " ",
      el("span", { class: "muted", text: [d.outlet, d.published].filter(Boolean).join(" · ") }),
      el("div", { class: "snippet" }, s.start > 0 ? "…" : "", marked(str(s.text), s.start, s.highlights), "…"));
  }
  function namedHit(x) {
    var extra = x.type || [x.country, x.admin1].filter(Boolean).join(" ");
    var matched = str(x.matched);
    // an entity: its events (the actor filter) and its actor page; a place: its place page
    var page = x.type ? "#/actor/" + encodeURIComponent(str(x.name)) : "#/place/" + encodeURIComponent(str(x.id));
    return el("li", null, el("a", { href: page }, el("strong", null, marked(matched, 0, x.highlights))),
      matched !== str(x.name) ? " (" + str(x.name) + ")" : "", " ", extra ? el("span", { class: "tag", text: extra }) : null,
      x.type ? " " : null,
      x.type ? el("a", { href: "#/search/?actor=" + encodeURIComponent(str(x.name)), text: "events" }) : null);
  }

  // ---- the review queue -------------------------------------------------------------------------
  views.review = function () {
    var root = D().view();
    root.appendChild(el("h1", { text: "Needs review" }));
    root.appendChild(el("p", { class: "muted", text: "Event records presented as fact that nobody has checked yet, least sure first. Accept, reject, or open one to edit, merge or split it." }));
    root.appendChild(credentials());
    var note = el("p", { class: "muted", id: "review-status" });
    var list = el("ul", { class: "plain", id: "review-queue" });
    root.appendChild(note);
    root.appendChild(list);
    var params = hashQuery(), unreported = params.get("reportable") === "false", offset = parseInt(params.get("offset"), 10) || 0;
    root.insertBefore(el("p", null, el("a", { id: "queue-switch", href: unreported ? "#/review" : "#/review/?reportable=false",
      text: unreported ? "Show the records presented as fact" : "Show the records held back (below the threshold, not asserted…)" })), note);
    get("api/review/queue?limit=50&offset=" + offset + "&reportable=" + (unreported ? "false" : "true")).then(function (res) {
      status(note, res.total + " to review" + (unreported ? " among the records held back" : ""));
      res.items.forEach(function (e) { list.appendChild(queueItem(e, note)); });
      if (offset + res.items.length < res.total) {
        root.appendChild(el("a", { href: "#/review/?" + (unreported ? "reportable=false&" : "") + "offset=" + (offset + 50), text: "Next 50 →" }));
      }
    }).catch(function (err) { status(note, err.message, true); });
  };
  function queueItem(e, note) {
    var item = el("li", { class: "event-item review-item", "data-event": e.id });
    function act(action) {
      correct(e.id, { action: action }).then(function () {
        status(note, (action === "accept" ? "Accepted: " : "Rejected: ") + (e.summary || e.id));
        item.remove();
      }).catch(function (err) { status(note, err.message, true); });
    }
    item.appendChild(el("span", { class: "tag", text: e.type }));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(el("a", { href: "#/event/" + encodeURIComponent(e.id), text: e.summary || e.trigger }));
    item.appendChild(el("span", { class: "muted", text: " " + [e.date, placeName(e), names(e.actors), "confidence " + (+e.confidence || 0).toFixed(2)].filter(Boolean).join(" · ") }));
    item.appendChild(el("span", { class: "review-actions" },
      el("button", { type: "button", class: "accept", text: "Accept", onclick: function () { act("accept"); } }),
      el("button", { type: "button", class: "reject", text: "Reject", onclick: function () { act("reject"); } })));
    item.appendChild(el("div", { class: "sources" }, D().sourceLinks(e.sources || [])));
    return item;
  }

  // ---- one event ---------------------------------------------------------------------------------
  views.event = function (parts) {
    var id = parts[0], root = D().view();
    root.appendChild(el("p", { class: "muted", text: "Loading event…" }));
    get("api/events/" + encodeURIComponent(id)).then(function (e) { eventPage(root, e); })
      .catch(function (err) { D().clear(root).appendChild(el("p", { class: "error", text: err.message })); });
  };
  function eventPage(root, e) {
    D().clear(root);
    root.appendChild(el("p", null, el("a", { href: "#/review", text: "← review queue" })));
    root.appendChild(el("h1", null, str(e.summary || e.trigger || e.id), " ", badge(e)));
    root.appendChild(el("p", { class: "muted", text: [e.id, "confidence " + (+e.confidence || 0).toFixed(2), e.reportable === false ? "not reported" : "reported"].join(" · ") }));
    root.appendChild(credentials());
    var note = el("p", { class: "muted", id: "review-status" });
    function done(res) {
      var rows = res.events || [], same = rows.filter(function (r) { return r.id === e.id; })[0];
      if (same) eventPage(root, same); else location.hash = "#/event/" + encodeURIComponent(rows.length ? rows[0].id : e.id);
      var again = document.getElementById("review-status");
      if (again) status(again, "Saved: " + res.review.action + (res.review.field ? " " + res.review.field : "") + " by " + res.review.who);
    }
    function fail(err) { status(note, err.message, true); }
    root.appendChild(el("div", { class: "review-actions" },
      el("button", { type: "button", class: "accept", id: "event-accept", text: "Accept", onclick: function () { correct(e.id, { action: "accept" }).then(done, fail); } }),
      el("button", { type: "button", class: "reject", id: "event-reject", text: "Reject", onclick: function () { correct(e.id, { action: "reject" }).then(done, fail); } })));
    root.appendChild(note);
    var table = el("table", { class: "data review-fields" }, el("tr", null, el("th", { text: "Field" }), el("th", { text: "Value" }), el("th", { text: "Correct to" })));
    FIELDS.forEach(function (f) {
      var key = f[0], current = fieldText(e, key), input;
      if (key === "modality") input = el("select", { name: key }, MODALITIES.map(function (m) { return el("option", { value: m, selected: m === e.modality ? "selected" : null, text: m }); }));
      else input = el("input", { name: key, value: current, type: key === "fatalities" ? "number" : "text", min: key === "fatalities" ? "0" : null, "aria-label": f[1] });
      var save = el("button", { type: "button", text: "Save", "data-field": key, onclick: function () {
        correct(e.id, { action: "edit", field: key, value: fieldValue(key, input.value) }).then(done, fail);
      } });
      table.appendChild(el("tr", { "data-field": key }, el("th", { text: f[1] }), el("td", { text: current || "—" }), el("td", null, input, " ", save)));
    });
    root.appendChild(table);
    root.appendChild(el("h2", { text: "Sources" }));
    var docs = {};
    (e.sources || []).forEach(function (s) { docs[s.doc] = true; });
    var checks = Object.keys(docs).map(function (doc) {
      return el("label", { class: "split-doc" }, el("input", { type: "checkbox", value: doc }), " ", str((D().data().documents || []).filter(function (d) { return d.id === doc; }).map(function (d) { return d.title; })[0] || doc));
    });
    root.appendChild(el("div", { class: "sources" }, D().sourceLinks(e.sources || [])));
    if (checks.length > 1) {
      root.appendChild(el("div", { class: "filters" }, checks, el("button", { type: "button", id: "event-split", text: "Split the ticked reports off", onclick: function () {
        var chosen = checks.map(function (c) { return c.querySelector("input"); }).filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        correct(e.id, { action: "split", split: chosen }).then(done, fail);
      } })));
    }
    var other = el("input", { type: "text", id: "merge-other", placeholder: "id of the other event", "aria-label": "Other event id" });
    root.appendChild(el("h2", { text: "Same incident as another record?" }));
    root.appendChild(el("div", { class: "filters" }, other, el("button", { type: "button", id: "event-merge", text: "Merge into this one", onclick: function () {
      correct(e.id, { action: "merge", other: other.value.trim() }).then(done, fail);
    } })));
    var nearby = el("ul", { class: "plain", id: "merge-candidates" });
    root.appendChild(nearby);
    if (e.date) {  // records of the same day (and country): the likeliest duplicates
      var near = new URLSearchParams({ from: e.date, to: e.date, kind: "events", limit: "20" });
      if (e.country) near.set("country", e.country);
      get("api/search?" + near.toString()).then(function (res) {
        res.events.items.filter(function (x) { return x.id !== e.id; }).forEach(function (x) {
          nearby.appendChild(el("li", { "data-event": x.id }, el("span", { class: "tag", text: x.type }), " ",
            el("a", { href: "#/event/" + encodeURIComponent(x.id), text: x.summary || x.id }), " ",
            el("span", { class: "muted", text: [x.date, placeName(x), names(x.actors)].filter(Boolean).join(" · ") }), " ",
            el("button", { type: "button", class: "merge", text: "Merge into this one", onclick: function () {
              correct(e.id, { action: "merge", other: x.id }).then(done, fail);
            } })));
        });
      }).catch(function () { /* suggestions only */ });
    }
    var history = el("ul", { class: "plain", id: "review-history" });
    root.appendChild(el("h2", { text: "History" }));
    root.appendChild(history);
    get("api/reviews?event=" + encodeURIComponent(e.id)).then(function (res) {
      if (!res.items.length) history.appendChild(el("li", { class: "muted", text: "No corrections yet." }));
      res.items.forEach(function (h) {
        history.appendChild(el("li", null, el("strong", { text: h.action }), h.field ? " " + h.field : "", " — ", str(h.who), " ", el("time", { text: str(h.at) }),
          h.field ? el("div", { class: "muted", text: JSON.stringify(h.old) + " → " + JSON.stringify(h.new) }) : null, h.note ? el("div", { text: h.note }) : null));
      });
    });
  }
  function fieldText(e, key) {
    var v = e[key];
    if (key === "actors" || key === "targets") return names(v);
    if (key === "place") return placeName(e);
    return str(v);
  }
  function fieldValue(key, text) {
    if (key === "actors" || key === "targets") return text.split(";").map(function (s) { return s.trim(); }).filter(Boolean);
    return text.trim();
  }

  // a link to the queue in the navigation
  document.addEventListener("DOMContentLoaded", function () {
    var nav = document.getElementById("nav");
    if (nav && !nav.querySelector('a[href="#/review"]')) nav.appendChild(el("a", { href: "#/review", text: "Review" }));
  });
})();
