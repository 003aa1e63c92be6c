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
  const alert = await writeFromPage(url, "write-readonly");
  assert.match(alert, /read-only|403|Forbidden/i, "the page says the store is read-only: " + alert);
  assert.equal(await probeCount(url), 0, "the read-only store did not change");

  if (rwURL) {
    assert.equal(await probeCount(rwURL), 0);
    const ok = await writeFromPage(rwURL, "write-writable");
    assert.doesNotMatch(ok, /read-only|failed/i, "the writable server accepted the quad: " + ok);
    assert.equal(await probeCount(rwURL), 1, "the writable store has the new quad");
  }
});
