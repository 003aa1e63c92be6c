// newsgraph's analyst page: search a name, open a person or a country, see
// the meetings as a graph and a timeline, filter them, read the evidence,
// download the tables. Plain JavaScript over the page's JSON API
// (/ng/api/search, /ng/api/node); no library. Everything that comes from
// the store is put in the page as text (textContent), never as HTML: the
// articles are untrusted.
"use strict";

const $ = (s) => document.querySelector(s);

// el builds an element: el("a", {href: u, class: "x"}, "text", child...).
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const k of kids.flat()) {
    if (k === undefined || k === null || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}
const svgEl = (tag, attrs, ...kids) => {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
};

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: r.status + " " + r.statusText }));
  if (!r.ok) {
    const e = new Error(body.error || r.statusText);
    e.body = body;
    throw e;
  }
  return body;
}

function status(msg, isError, ...extra) {
  const s = $("#status");
  s.className = isError ? "error" : "";
  s.replaceChildren(msg || "", ...extra);
}

// Colours: the palette and hash of the DOT export (graph.CountryColour), so
// that a country has one colour in every picture.
const palette = ["#cfe2ff", "#ffd6d6", "#d4f5d4", "#fff2c2", "#e8d9ff", "#ffe0c2", "#c9f1f5", "#f5d0ec", "#e2e8d0", "#dddddd"];
function colour(code) {
  if (!code) return "#f4f4f4";
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(code)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return palette[h % palette.length];
}

const kindName = (k) => (k || "").replaceAll("_", " ");
const httpURL = (u) => (/^https?:\/\//i.test(u || "") ? u : null);

// ---- routing: #/search/NAME, #/node/IRI ----
const state = { view: null, extra: new Map() };

function route() {
  const h = location.hash.replace(/^#\/?/, "");
  if (h.startsWith("search/")) return doSearch(decodeURIComponent(h.slice(7)));
  if (h.startsWith("node/")) return openNode(decodeURIComponent(h.slice(5)));
  $("#results").hidden = true;
  $("#view").hidden = true;
  status("Search a person or a country: the search is tolerant of accents and spellings (Poutin finds Vladimir Poutine, Fédération de Russie finds Russie).");
}
window.addEventListener("hashchange", route);
$("#search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = $("#q").value.trim();
  if (q) location.hash = "#/search/" + encodeURIComponent(q);
});
const nodeHash = (iri) => "#/node/" + encodeURIComponent(iri);

// ---- search ----
async function doSearch(q) {
  $("#q").value = q;
  $("#view").hidden = true;
  status("Searching…");
  let res;
  try {
    res = await api("/ng/api/search?q=" + encodeURIComponent(q));
  } catch (e) {
    status(e.message, true);
    return;
  }
  const body = $("#results tbody");
  body.replaceChildren();
  for (const c of res.results) {
    body.append(el("tr", { "data-iri": c.iri, onclick: () => (location.hash = nodeHash(c.iri)) },
      el("td", {}, el("a", { href: nodeHash(c.iri), class: "node-link" }, c.name)),
      el("td", {}, c.type), el("td", {}, c.countryName || c.country || "—"),
      el("td", {}, c.type === "person" ? c.meetings : "—"), el("td", {}, c.match)));
  }
  $("#results").hidden = res.results.length === 0;
  if (res.results.length === 0) {
    status(`Nothing in the store has a name like “${q}”.`, true);
  } else if (res.results.every((c) => c.match === "some")) {
    status(`No name matches “${q}” in full. Did you mean `, false,
      ...res.results.slice(0, 3).flatMap((c, i) => [i ? ", " : "", el("a", { href: nodeHash(c.iri) }, c.name)]), "?");
  } else {
    status(`${res.results.length} result(s) for “${q}”.`);
  }
}

// ---- a node ----
async function openNode(iri) {
  status("Loading…");
  let v;
  try {
    v = await api("/ng/api/node?id=" + encodeURIComponent(iri));
  } catch (e) {
    status(e.message, true);
    return;
  }
  state.view = v;
  state.extra = new Map();
  $("#results").hidden = true;
  $("#view").hidden = false;
  $("#view").dataset.type = v.type;
  $("#view-name").textContent = v.name;
  $("#view-meta").textContent = v.type === "person" ? `person · ${v.countryName || v.country || "country unknown"}` : `country · ${v.country}`;
  $("#view-names").textContent = [
    v.alternates && v.alternates.length ? "Also written: " + v.alternates.join(", ") : "",
    v.titles && v.titles.length ? "Titles: " + v.titles.join("; ") : "",
  ].filter(Boolean).join(" · ");
  for (const e of document.querySelectorAll(".country-only")) e.hidden = v.type !== "country";
  fillSelect("#f-country", "any", [...new Set(v.meetings.flatMap((m) => m.participants.map((p) => p.country)).filter(Boolean))].sort());
  fillSelect("#f-kind", "any", [...new Set(v.meetings.map((m) => m.kind))].sort(), kindName);
  fillSelect("#f-level", "any level", [...new Set((v.partners || []).flatMap((p) => p.levels))].sort());
  $("#filters").reset();
  status("");
  render();
}

function fillSelect(sel, anyText, values, show) {
  const s = $(sel);
  s.replaceChildren(el("option", { value: "" }, anyText), ...values.map((x) => el("option", { value: x }, show ? show(x) : x)));
}

// ---- filters ----
// A partial date is an interval: 2022 is 2022-01-01 … 2022-12-31. A date
// without a year (--07-06) or no date at all has no place on the time
// line: a date filter keeps it only when "keep meetings without a year" is
// ticked.
function bound(s, upper) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec((s || "").trim());
  if (!m) return null;
  return `${m[1]}-${m[2] || (upper ? "12" : "01")}-${m[3] || (upper ? "31" : "01")}`;
}

function filters() {
  const from = $("#f-from").value.trim(), to = $("#f-to").value.trim();
  const f = {
    from: from ? bound(from, false) : null, to: to ? bound(to, true) : null,
    undated: $("#f-undated").checked, country: $("#f-country").value, kind: $("#f-kind").value, level: $("#f-level").value,
    bad: (from && !bound(from)) || (to && !bound(to)),
  };
  return f;
}

function keep(m, f, self) {
  if (f.kind && m.kind !== f.kind) return false;
  if (f.country && !m.participants.some((p) => p.iri !== self && p.country === f.country)) return false;
  if (f.from || f.to) {
    if (!m.date || m.date.startsWith("--")) return f.undated;
    const lo = bound(m.date, false), hi = bound(m.date, true);
    if (f.from && hi < f.from) return false;
    if (f.to && lo > f.to) return false;
  }
  return true;
}

for (const id of ["#f-from", "#f-to"]) $(id).addEventListener("input", () => render());
for (const id of ["#f-undated", "#f-country", "#f-kind", "#f-level"]) $(id).addEventListener("change", () => render());
$("#filters").addEventListener("reset", () => setTimeout(render));

// ---- rendering ----
function render() {
  const v = state.view;
  if (!v) return;
  const f = filters();
  const self = v.type === "person" ? v.iri : null;
  const meetings = v.meetings.filter((m) => keep(m, f, self));
  // A country of many persons comes with its latest meetings only (latest).
  const cut = v.latest ? ` (the latest ${v.latest} with a year, and their people: a country of many persons; newsgraph timeline --limit 0 lists every meeting)` : "";
  $("#f-count").textContent = f.bad ? "a date is YYYY, YYYY-MM or YYYY-MM-DD" : `${meetings.length} of ${v.meetings.length} meetings${cut}`;
  drawGraph(v, meetings, f);
  renderMeetings(meetings, self);
  if (v.type === "country") {
    const partners = (v.partners || []).filter((p) => !f.level || p.levels.includes(f.level));
    renderPartners(partners);
    renderPeople(v.people || []);
  }
}

function sourcesCell(sources) {
  return el("td", {}, sources.map((s) => {
    const name = s.title || s.file || s.article;
    const url = httpURL(s.url);
    return el("div", { class: "source" },
      url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "article-link" }, name) : el("span", { title: s.article }, name),
      s.file && s.title ? el("span", { class: "muted" }, " (" + s.file + ")") : null,
      el("details", {}, el("summary", {}, "evidence"),
        el("blockquote", { class: "evidence" }, s.sentence),
        el("span", { class: "muted" }, `rule ${s.rule} · confidence ${s.confidence} · bytes ${s.start}–${s.end}` + (s.file ? ` of ${s.file}` : ""))));
  }));
}

function nodeLink(p) {
  return el("a", { href: nodeHash(p.iri), class: "node-link" }, p.name + (p.country ? ` (${p.country})` : ""));
}

function renderMeetings(meetings, self) {
  const body = $("#meetings tbody");
  body.replaceChildren(...meetings.map((m) => el("tr", { "data-event": m.event },
    el("td", { class: "date" }, m.date || "—"), el("td", {}, kindName(m.kind)),
    el("td", {}, m.participants.flatMap((p, i) => [i ? ", " : "", p.iri === self ? el("strong", {}, p.name) : nodeLink(p)])),
    el("td", {}, m.place || ""), sourcesCell(m.sources))));
}

function renderPartners(partners) {
  $("#partners tbody").replaceChildren(...partners.map((p) => el("tr", {},
    el("td", {}, nodeLink({ iri: p.iri, name: p.name })), el("td", {}, p.levels.join("; ") || "—"), sourcesCell(p.sources))));
}

function renderPeople(people) {
  $("#people tbody").replaceChildren(...people.map((p) => el("tr", {}, el("td", {}, nodeLink(p)), el("td", {}, p.meetings || 0))));
}

// ---- the graph ----
// A person's view puts the person in the middle and the counterparts on a
// circle; a country's puts its people on an inner circle and their
// counterparts outside. A clicked counterpart's own meetings (filtered the
// same way) are added around it.
function drawGraph(v, meetings, f) {
  const svg = $("#graph");
  const W = 900, H = 520, cx = W / 2, cy = H / 2;
  const nodes = new Map(), edges = new Map();
  const add = (m, from) => {
    for (const p of m.participants) if (!nodes.has(p.iri)) nodes.set(p.iri, { ...p, from });
    for (let i = 0; i < m.participants.length; i++)
      for (let j = i + 1; j < m.participants.length; j++) {
        const [a, b] = [m.participants[i].iri, m.participants[j].iri].sort();
        const e = edges.get(a + " " + b) || { a, b, labels: [] };
        e.labels.push(`${m.date || "date unknown"} ${kindName(m.kind)}`);
        edges.set(a + " " + b, e);
      }
  };
  meetings.forEach((m) => add(m, null));
  for (const [iri, xv] of state.extra) {
    if (nodes.has(iri)) xv.meetings.filter((m) => keep(m, f, iri)).forEach((m) => add(m, iri));
  }
  const pos = new Map();
  const circle = (list, r, x0, y0, a0 = -Math.PI / 2, span = 2 * Math.PI) => {
    const n = list.length;
    list.forEach((iri, i) => {
      const a = a0 + (span === 2 * Math.PI ? (span * i) / Math.max(n, 1) : n === 1 ? span / 2 : (span * i) / (n - 1));
      pos.set(iri, [x0 + r * Math.cos(a), y0 + r * Math.sin(a)]);
    });
  };
  const byName = (a, b) => nodes.get(a).name.localeCompare(nodes.get(b).name);
  const main = [...nodes.keys()].filter((k) => nodes.get(k).from === null).sort(byName);
  if (v.type === "person") {
    if (nodes.has(v.iri)) pos.set(v.iri, [cx, cy]);
    circle(main.filter((k) => k !== v.iri), 170, cx, cy);
  } else {
    const own = main.filter((k) => nodes.get(k).country === v.country), other = main.filter((k) => nodes.get(k).country !== v.country);
    circle(own, 110, cx, cy);
    circle(other, 220, cx, cy);
  }
  for (const iri of state.extra.keys()) {
    const p = pos.get(iri);
    if (!p) continue;
    const fresh = [...nodes.keys()].filter((k) => !pos.has(k) && nodes.get(k).from === iri).sort(byName);
    const a = Math.atan2(p[1] - cy, p[0] - cx);
    circle(fresh, 130, p[0], p[1], a - Math.PI / 2, Math.PI);
  }
  relax(pos, [...edges.values()], v.type === "person" ? v.iri : null, W, H);

  const kids = [];
  for (const e of edges.values()) {
    const [a, b] = [pos.get(e.a), pos.get(e.b)];
    if (!a || !b) continue;
    const label = e.labels.length > 2 ? `${e.labels.length} meetings` : e.labels.join(" · ");
    kids.push(svgEl("g", { class: "edge-g" },
      svgEl("line", { class: "edge", x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, svgEl("title", {}, e.labels.join("\n"))),
      svgEl("text", { class: "edge-label", x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2 - 3, "text-anchor": "middle" }, label)));
  }
  for (const [iri, n] of nodes) {
    const p = pos.get(iri);
    if (!p) continue;
    const self = iri === v.iri;
    kids.push(svgEl("g", {
      class: "node" + (self ? " self" : "") + (state.extra.has(iri) ? " expanded" : ""), "data-iri": iri,
      transform: `translate(${p[0]},${p[1]})`,
      onclick: () => toggle(iri), ondblclick: () => (location.hash = nodeHash(iri)),
    },
    svgEl("circle", { r: self ? 13 : 9, fill: colour(n.country) }, svgEl("title", {}, `${n.name}${n.country ? " (" + n.country + ")" : ""}: click to add their meetings, double-click to open`)),
    svgEl("text", { x: 14, y: 4 }, n.name + (n.country ? ` (${n.country})` : ""))));
  }
  svg.replaceChildren(...kids);
  svg.dataset.nodes = nodes.size;
  svg.dataset.edges = edges.size;
  const codes = [...new Set([...nodes.values()].map((n) => n.country || ""))].sort();
  $("#legend").replaceChildren(...codes.map((c) => el("span", { style: `--c:${colour(c)}` }, c || "country unknown")));
}

// relax spreads the nodes from their first places (Fruchterman–Reingold:
// nodes repel, edges and a weak gravity pull, the moves cool down), the person of a person's
// view pinned, then fits the whole into the picture with room for the
// names. Deterministic: the same meetings give the same picture.
function relax(pos, edges, pinned, W, H) {
  const keys = [...pos.keys()];
  const P = keys.map((k) => pos.get(k).slice());
  const at = new Map(keys.map((k, i) => [k, i]));
  const E = edges.map((e) => [at.get(e.a), at.get(e.b)]).filter(([a, b]) => a !== undefined && b !== undefined);
  const n = P.length;
  const k = Math.min(160, Math.sqrt((W * H) / Math.max(n, 1)) * 0.75);
  const rounds = 250;
  for (let it = 0; it < rounds; it++) {
    const D = P.map(() => [0, 0]);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        let dx = P[i][0] - P[j][0], dy = P[i][1] - P[j][1];
        if (dx === 0 && dy === 0) { dx = (i - j) * 0.1; dy = 0.1; }
        const d = Math.max(1, Math.hypot(dx, dy)), f = (k * k) / d;
        D[i][0] += (dx / d) * f; D[i][1] += (dy / d) * f;
        D[j][0] -= (dx / d) * f; D[j][1] -= (dy / d) * f;
      }
    for (const [a, b] of E) {
      const dx = P[a][0] - P[b][0], dy = P[a][1] - P[b][1];
      const d = Math.max(1, Math.hypot(dx, dy)), f = (d * d) / k;
      D[a][0] -= (dx / d) * f; D[a][1] -= (dy / d) * f;
      D[b][0] += (dx / d) * f; D[b][1] += (dy / d) * f;
    }
    // Gravity: parts of the graph that no edge joins stay near each other.
    for (let i = 0; i < n; i++) {
      D[i][0] -= (P[i][0] - W / 2) * 0.15;
      D[i][1] -= (P[i][1] - H / 2) * 0.15;
    }
    const t = 40 * (1 - it / rounds) + 0.5;
    for (let i = 0; i < n; i++) {
      if (keys[i] === pinned) continue;
      const len = Math.max(1e-9, Math.hypot(D[i][0], D[i][1])), step = Math.min(len, t);
      P[i][0] += (D[i][0] / len) * step;
      P[i][1] += (D[i][1] / len) * step;
    }
  }
  // Fit the layout into the picture (room for the names on the right),
  // never enlarging a small one.
  const xs = P.map((p) => p[0]), ys = P.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sc = Math.min(1, (W - 190) / Math.max(1, x1 - x0), (H - 40) / Math.max(1, y1 - y0));
  const ox = (W - 150 - (x1 - x0) * sc) / 2 + 20 - x0 * sc, oy = (H - (y1 - y0) * sc) / 2 - y0 * sc;
  keys.forEach((key, i) => pos.set(key, [P[i][0] * sc + ox, P[i][1] * sc + oy]));
}

async function toggle(iri) {
  if (iri === state.view.iri) return;
  if (state.extra.has(iri)) {
    state.extra.delete(iri);
  } else {
    try {
      state.extra.set(iri, await api("/ng/api/node?id=" + encodeURIComponent(iri)));
    } catch (e) {
      status(e.message, true);
      return;
    }
  }
  render();
}

// ---- CSV ----
function csv(rows) {
  const cell = (x) => {
    const s = String(x ?? "");
    return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

function download(name, text) {
  const a = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

const slug = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();
const joinSources = (ss, k) => ss.map((s) => s[k]).join(" | ");

$("#csv-meetings").addEventListener("click", () => {
  const v = state.view, f = filters();
  const ms = v.meetings.filter((m) => keep(m, f, v.type === "person" ? v.iri : null));
  download(`${slug(v.name)}-meetings.csv`, csv([["date", "kind", "participants", "countries", "place", "event", "article_urls", "articles", "sentences", "rules", "confidences"],
    ...ms.map((m) => [m.date, m.kind, m.participants.map((p) => p.name).join("; "), m.participants.map((p) => p.country).join("; "), m.place, m.event,
      joinSources(m.sources, "url"), joinSources(m.sources, "article"), joinSources(m.sources, "sentence"), joinSources(m.sources, "rule"), joinSources(m.sources, "confidence")])]));
});
$("#csv-partners").addEventListener("click", () => {
  const v = state.view, f = filters();
  download(`${slug(v.name)}-partners.csv`, csv([["partner", "code", "levels", "article_urls", "sentences"],
    ...(v.partners || []).filter((p) => !f.level || p.levels.includes(f.level)).map((p) => [p.name, p.country, p.levels.join("; "), joinSources(p.sources, "url"), joinSources(p.sources, "sentence")])]));
});
$("#csv-people").addEventListener("click", () => {
  const v = state.view;
  download(`${slug(v.name)}-people.csv`, csv([["name", "country", "meetings", "iri"], ...(v.people || []).map((p) => [p.name, p.country, p.meetings || 0, p.iri])]));
});

route();
