// Browser test of `newsgraph serve`: Cayley's web UI over a newsgraph
// store, in Debian's Chromium driven by playwright-core (no browser
// download). run.sh builds the binary, ingests the seed articles and starts
// the servers; this file drives the pages and asserts what a user sees.
//
// Environment: NEWSGRAPH_URL (read-only server), NEWSGRAPH_RW_URL (a
// --writable server on a copy of the store), SHOTS (screenshot folder),
// CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const url = process.env.NEWSGRAPH_URL;
const rwURL = process.env.NEWSGRAPH_RW_URL;
const shots = process.env.SHOTS || "build/e2e";
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!url) throw new Error("NEWSGRAPH_URL is not set: run e2e/run.sh");
mkdirSync(shots, { recursive: true });

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    // This machine has no network but loopback: background services of
    // Chromium would only fail, slowly.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => { await browser?.close(); });

async function newPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Cayley's pages alert() on script errors; record and dismiss them.
  page.on("dialog", async (d) => { errors.push("dialog: " + d.message()); await d.dismiss(); });
  return { page, errors };
}

// typeQuery replaces the CodeMirror editor's text by typing, as a user does.
async function typeQuery(page, query) {
  await page.click(".CodeMirror");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(query);
  // CodeMirror reads its hidden input on the next frames: wait for it.
  await page.waitForFunction((q) => window.editor.getValue() === q, query, { timeout: 5000 }).catch(() => {});
  const typed = await page.evaluate(() => window.editor.getValue());
  assert.equal(typed, query, "the editor holds the typed query");
}

const who = 'g.V("<https://newsgraph.dev/person/sergei-lavrov>").Both("<https://newsgraph.dev/ns#met>").Out("<http://schema.org/name>").Unique().All()';

test("query page: the people who met Sergueï Lavrov", async () => {
  const { page, errors } = await newPage();
  await page.goto(url + "/", { waitUntil: "load" });
  await page.waitForSelector("#run_button");
  await typeQuery(page, who);
  await page.click("#run_button");
  await page.waitForFunction(() => window.output_editor && window.output_editor.getValue().includes("Bùi Thanh Sơn"));
  const out = await page.evaluate(() => window.output_editor.getValue());
  assert.match(out, /"id": "Bùi Thanh Sơn"/);
  // And it is on the page a user looks at, not only in the editor's model.
  await page.waitForSelector("text=Bùi Thanh Sơn");
  await page.screenshot({ path: `${shots}/query.png`, fullPage: true });
  assert.deepEqual(errors, [], "no script errors on the query page");
});

// The meeting network of Vietnam's and Russia's officials, names as labels:
// the tags the visualize page draws (source, target, *_label, *_color).
const network = [
  'g.addDefaultNamespaces();',
  'var seen = {};',
  'g.V(g.IRI("ngid:country/VN"), g.IRI("ngid:country/RU")).In(g.IRI("schema:nationality")).Unique().Tag("source")',
  '.Out(g.IRI("schema:name")).Tag("source_label").Back("source")',
  '.Out(g.IRI("ng:met")).Tag("target").Out(g.IRI("schema:name")).Tag("target_label")',
  '.ForEach(function (r) { var k = r.source < r.target ? r.source + r.target : r.target + r.source;',
  ' if (!seen[k]) { seen[k] = true; g.emit({source: r.source, target: r.target, source_label: r.source_label, target_label: r.target_label}); } });',
].join(" ");

test("visualize page: the meeting network is drawn", async () => {
  const { page, errors } = await newPage();
  await page.goto(url + "/ui/visualize", { waitUntil: "load" });
  await page.waitForSelector("#run_button");
  await typeQuery(page, network);
  await page.click("#run_button");
  await page.waitForFunction(() => window.sigmaGraph && window.sigmaGraph.graph.nodes().length > 0);
  const drawn = await page.evaluate(() => ({
    nodes: window.sigmaGraph.graph.nodes().map((n) => n.label),
    edges: window.sigmaGraph.graph.edges().length,
  }));
  assert.ok(drawn.nodes.includes("Sergueï Lavrov"), "Lavrov is a node: " + drawn.nodes.join(", "));
  assert.ok(drawn.nodes.includes("Bùi Thanh Sơn"), "Bùi Thanh Sơn is a node");
  assert.ok(drawn.edges >= 3, `edges drawn: ${drawn.edges}`);
  // The canvas has ink on it: sigma drew, the page is not blank.
  const inked = await page.evaluate(() => {
    const cs = [...document.querySelectorAll("#visualize canvas")];
    return cs.some((c) => {
      const ctx = c.getContext("2d");
      if (!ctx || !c.width || !c.height) return false;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
      return false;
    });
  });
  assert.ok(inked, "the graph canvas is not empty");
  await page.waitForTimeout(1500); // let the layout settle for the picture
  await page.screenshot({ path: `${shots}/visualize.png`, fullPage: true });
  assert.deepEqual(errors, [], "no script errors on the visualize page");
});

const probe = {
  subject: "<https://newsgraph.dev/e2e/probe>",
  predicate: "<https://newsgraph.dev/ns#kind>",
  object: '"written from the browser"',
  label: "<https://newsgraph.dev/e2e/label>",
};

async function probeCount(base) {
  const r = await fetch(base + "/api/v1/query/gizmo", {
    method: "POST",
    body: `g.V("${probe.subject}").Out("${probe.predicate}").All()`,
  });
  const j = await r.json();
  assert.equal(j.error, undefined, "probe query: " + j.error);
  return (j.result || []).length;
}

async function writeFromPage(base, name) {
  const { page } = await newPage();
  await page.goto(base + "/ui/write", { waitUntil: "load" });
  await page.fill("#subject", probe.subject);
  await page.fill("#predicate", probe.predicate);
  await page.fill("#object", probe.object);
  await page.fill("#label", probe.label);
  await page.click("#add_quad");
  await page.waitForFunction(() => (document.querySelector("#alertBox")?.textContent || "").trim() !== "");
  const alert = await page.textContent("#alertBox");
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  await page.close();
  return alert;
}

test("write page: read-only unless serve --writable", async () => {
  assert.equal(await probeCount(url), 0);
  // The read-only server's write page says so, and its forms are disabled.
  const { page } = await newPage();
  await page.goto(url + "/ui/write", { waitUntil: "load" });
  const banner = await page.textContent("#ng-read-only");
  assert.match(banner, /read-only/i, "the write page says the server is read-only");
  assert.ok(await page.isDisabled("#add_quad"), "the Add Quad button is disabled");
  assert.ok(await page.isDisabled("#subject"), "the fields are disabled");
  await page.screenshot({ path: `${shots}/write-readonly.png`, fullPage: true });
  await page.close();
  // And the API refuses a write all the same.
  const r = await fetch(url + "/api/v1/write", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify([{ subject: probe.subject, predicate: probe.predicate, object: probe.object, label: probe.label }]) });
  assert.equal(r.status, 403, "a write to the read-only server is refused");
  assert.equal(await probeCount(url), 0, "the read-only store did not change");

  if (rwURL) {
    assert.equal(await probeCount(rwURL), 0);
    const ok = await writeFromPage(rwURL, "write-writable");
    assert.doesNotMatch(ok, /read-only|failed/i, "the writable server accepted the quad: " + ok);
    assert.equal(await probeCount(rwURL), 1, "the writable store has the new quad");
  }
});

// fold is the search's folding: no accents, lower case.
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();

test("analyst page: find Poutin, read the meeting with Nguyen Phu Trong, filter, download", async () => {
  const { page, errors } = await newPage();
  const ctx = page.context();
  await page.goto(url + "/ng/", { waitUntil: "load" });
  // Cayley's console links to the page, and the page back to the console.
  assert.ok(await page.isVisible("text=Gizmo console"));

  // Search a misspelling, as an analyst types it.
  await page.fill("#q", "Poutin");
  await page.press("#q", "Enter");
  await page.waitForSelector("#results tbody tr");
  const first = await page.textContent("#results tbody tr:first-child");
  assert.match(first, /Vladimir Poutine/, "the first result is Vladimir Poutine: " + first);
  assert.match(first, /person/);
  await page.screenshot({ path: `${shots}/analyst-search.png`, fullPage: true });
  await page.click("#results tbody tr:first-child a");

  // The person view: the meeting with Nguyen Phu Trong, dated, with a link
  // to its article and its evidence sentence.
  await page.waitForSelector("#view:not([hidden]) #meetings tbody tr");
  assert.equal(await page.textContent("#view-name"), "Vladimir Poutine");
  const rows = await page.$$eval("#meetings tbody tr", (trs) => trs.map((tr) => ({
    text: tr.textContent,
    date: tr.querySelector(".date").textContent,
    links: [...tr.querySelectorAll("a.article-link")].map((a) => a.href),
    evidence: [...tr.querySelectorAll("blockquote.evidence")].map((b) => b.textContent),
  })));
  const withTrong = rows.filter((r) => fold(r.text).includes("nguyen phu trong"));
  assert.ok(withTrong.length >= 1, "a meeting with Nguyen Phu Trong: " + rows.map((r) => r.text).join(" | "));
  const m = withTrong[0];
  assert.match(m.date, /^\d{4}-\d{2}-\d{2}$/, "the meeting has its date: " + m.date);
  assert.ok(m.links.length >= 1 && m.links.every((h) => /^https?:\/\//.test(h)), "links to the article: " + m.links);
  assert.ok(m.evidence.some((e) => fold(e).includes("poutine") || fold(e).includes("trong")), "the evidence sentence: " + m.evidence);
  // Open the evidence as a reader does, and look at it.
  const row = page.locator("#meetings tbody tr", { hasText: m.date }).first();
  await row.locator("summary").first().click();
  assert.ok(await row.locator("blockquote.evidence").first().isVisible(), "the evidence sentence is shown");
  await page.screenshot({ path: `${shots}/analyst-person.png`, fullPage: true });
  await row.screenshot({ path: `${shots}/analyst-evidence.png` });

  // The graph: Poutine and his counterparts, coloured by country.
  const before = await page.$eval("#graph", (g) => ({ nodes: +g.dataset.nodes, edges: +g.dataset.edges, labels: g.textContent }));
  assert.ok(before.nodes >= 3 && before.edges >= 2, "the graph shows the counterparts: " + JSON.stringify(before));
  assert.ok(fold(before.labels).includes("nguyen phu trong"), "Nguyen Phu Trong is in the graph");
  const fills = await page.$$eval("#graph .node circle", (cs) => new Set(cs.map((c) => c.getAttribute("fill"))).size);
  assert.ok(fills >= 2, "counterparts are coloured by country");

  // A date filter: from the meeting's year on; the graph changes.
  await page.fill("#f-from", m.date.slice(0, 4));
  await page.waitForFunction((n) => +document.querySelector("#graph").dataset.edges !== n, before.edges);
  const after = await page.$eval("#graph", (g) => ({ nodes: +g.dataset.nodes, edges: +g.dataset.edges }));
  assert.ok(after.edges < before.edges, `the filter removed meetings from the graph: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  const kept = await page.$$eval("#meetings tbody .date", (ds) => ds.map((d) => d.textContent));
  assert.ok(kept.length > 0 && kept.every((d) => d >= m.date.slice(0, 4)), "only meetings from that year on: " + kept);
  await page.screenshot({ path: `${shots}/analyst-filtered.png`, fullPage: true });

  // Click a counterpart: their meetings are added to the graph.
  const nodesBefore = after.nodes;
  await page.fill("#f-from", "");
  await page.waitForFunction((n) => +document.querySelector("#graph").dataset.edges === n, before.edges);
  const trong = page.locator("#graph .node", { hasText: "Trọng" }).first().locator("circle");
  await trong.click();
  await page.waitForFunction((n) => +document.querySelector("#graph").dataset.nodes > n, before.nodes);
  assert.ok(await page.$eval("#graph", (g) => +g.dataset.nodes) > nodesBefore, "expanding a counterpart adds its counterparts");
  await page.screenshot({ path: `${shots}/analyst-expanded.png`, fullPage: true });
  await page.locator("#graph-box").screenshot({ path: `${shots}/analyst-expanded-graph.png` });

  // The timeline as CSV.
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#csv-meetings")]);
  const csvPath = `${shots}/${dl.suggestedFilename()}`;
  await dl.saveAs(csvPath);
  const csv = (await import("node:fs")).readFileSync(csvPath, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  assert.match(lines[0], /^date,kind,participants/, "the CSV has a header: " + lines[0]);
  assert.equal(lines.length - 1, rows.length, "one CSV row per meeting shown");
  assert.ok(lines.some((l) => l.startsWith(m.date) && fold(l).includes("nguyen phu trong")), "the CSV has the meeting");

  // The country view: Russia by its long form, its partners and people.
  await page.fill("#q", "Fédération de Russie");
  await page.press("#q", "Enter");
  await page.waitForSelector("#results tbody tr");
  await page.click("#results tbody tr:first-child a");
  await page.waitForSelector("#view:not([hidden]) #partners tbody tr");
  assert.equal(await page.textContent("#view-name"), "Russie");
  assert.ok(await page.isVisible("#people tbody tr"), "the country's people are listed");
  await page.screenshot({ path: `${shots}/analyst-country.png`, fullPage: true });
  await page.locator("#graph-box").screenshot({ path: `${shots}/analyst-country-graph.png` });

  // A name that matches nothing in full says "did you mean".
  await page.fill("#q", "Vladimir Lénine");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => /did you mean/i.test(document.querySelector("#status").textContent));
  assert.deepEqual(errors, [], "no script errors on the analyst page");
  await ctx.close();
});
