// Reads every newsgraph export with independent RDF parsers and checks
// that each gives exactly the triples (or quads) of the N-Triples (N-Quads)
// export; runs the SPARQL examples in Oxigraph and checks their answers.
//
//   node check.mjs DIR SPARQL_DIR
//
// DIR holds all.nt, all.nq, all.ttl, all.trig, all.jsonld, vocab.ttl and
// graphml.counts (node and edge counts an XML parser read from the GraphML
// export); SPARQL_DIR holds NAME.rq and NAME.tsv (the expected rows).
import fs from 'node:fs';
import path from 'node:path';
import N3 from 'n3';
import jsonld from 'jsonld';
import * as oxigraph from 'oxigraph';

const [dir, sparqlDir] = process.argv.slice(2);
const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
let failures = 0;
const fail = (msg) => { failures++; console.error('FAIL ' + msg); };

function term(t) {
  switch (t.termType) {
    case 'NamedNode': return '<' + t.value + '>';
    case 'BlankNode': return '_:' + t.value;
    case 'DefaultGraph': return '';
    case 'Literal': {
      let s = JSON.stringify(t.value);
      if (t.language) return s + '@' + t.language.toLowerCase();
      const dt = t.datatype && t.datatype.value;
      return dt && dt !== XSD_STRING && dt !== RDF_LANG ? s + '^^<' + dt + '>' : s;
    }
  }
  throw new Error('term ' + t.termType);
}
const key = (q, withGraph) => [term(q.subject), term(q.predicate), term(q.object)].concat(withGraph ? [term(q.graph)] : []).join(' ');
const set = (quads, withGraph) => new Set(quads.map((q) => key(q, withGraph)));

function n3(file, format) {
  return new N3.Parser({ format }).parse(read(file));
}

function same(name, got, want) {
  const missing = [...want].filter((k) => !got.has(k));
  const extra = [...got].filter((k) => !want.has(k));
  if (missing.length || extra.length) {
    fail(`${name}: ${got.size} read, ${want.size} expected; missing ${missing.length}, extra ${extra.length}`);
    for (const k of missing.slice(0, 3)) console.error('  missing ' + k);
    for (const k of extra.slice(0, 3)) console.error('  extra   ' + k);
  } else {
    console.log(`ok ${name}: ${got.size} equal`);
  }
}

const triples = set(n3('all.nt', 'N-Triples'), false);
const quads = set(n3('all.nq', 'N-Quads'), true);
if (triples.size === 0 || quads.size === 0) fail('empty export');
same('N-Quads without graphs (N3.js) = N-Triples (N3.js)', set(n3('all.nq', 'N-Quads'), false), triples);
same('Turtle (N3.js) = N-Triples', set(n3('all.ttl', 'Turtle'), false), triples);
same('TriG (N3.js) = N-Quads', set(n3('all.trig', 'TriG'), true), quads);

// JSON-LD: jsonld.js expands the context and turns the document into RDF.
const ds = await jsonld.toRDF(JSON.parse(read('all.jsonld')));
same('JSON-LD (jsonld.js toRDF) = N-Quads', set(ds, true), quads);

// Oxigraph reads the N-Quads, TriG and Turtle exports to the same store size.
for (const [file, mime] of [['all.nq', 'application/n-quads'], ['all.trig', 'application/trig']]) {
  const st = new oxigraph.Store();
  st.load(read(file), { format: mime });
  if (st.size !== quads.size) fail(`${file} in Oxigraph: ${st.size} quads, want ${quads.size}`);
  else console.log(`ok ${file} in Oxigraph: ${st.size} quads`);
}
{
  const st = new oxigraph.Store();
  st.load(read('all.ttl'), { format: 'text/turtle' });
  if (st.size !== triples.size) fail(`all.ttl in Oxigraph: ${st.size} triples, want ${triples.size}`);
  else console.log(`ok all.ttl in Oxigraph: ${st.size} triples`);
}

// The vocabulary parses and describes ng:met.
{
  const v = set(n3('vocab.ttl', 'Turtle'), false);
  const want = '<https://newsgraph.dev/ns#met> <http://www.w3.org/2000/01/rdf-schema#domain> <http://schema.org/Person>';
  if (!v.has(want)) fail('vocab.ttl lacks ' + want);
  else console.log(`ok vocab.ttl: ${v.size} triples`);
}

// GraphML: the node and edge counts the XML parser read equal what the
// quads imply (IRIs as nodes; IRI-to-IRI quads other than rdf:type as
// edges, one per predicate and article).
{
  const [nodes, edges] = read('graphml.counts').trim().split(/\s+/).map(Number);
  const ns = new Set(), es = new Set();
  for (const q of n3('all.nq', 'N-Quads')) {
    if (q.subject.termType !== 'NamedNode') continue;
    ns.add(q.subject.value);
    if (q.object.termType === 'NamedNode') {
      if (q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type') continue;
      ns.add(q.object.value);
      es.add([q.subject.value, q.predicate.value, q.object.value, q.graph.value].join(' '));
    }
  }
  if (nodes !== ns.size || edges !== es.size) fail(`GraphML: ${nodes} nodes and ${edges} edges, want ${ns.size} and ${es.size}`);
  else console.log(`ok GraphML: ${nodes} nodes, ${edges} edges`);
}

// SPARQL examples over the TriG export, the default graph being the union
// of the article graphs.
if (sparqlDir) {
  const st = new oxigraph.Store();
  st.load(read('all.trig'), { format: 'application/trig' });
  for (const f of fs.readdirSync(sparqlDir).filter((f) => f.endsWith('.rq')).sort()) {
    const q = fs.readFileSync(path.join(sparqlDir, f), 'utf8');
    const rows = st.query(q, { use_default_graph_as_union: true });
    const vars = (q.match(/SELECT\s+(DISTINCT\s+)?((\?\w+\s*)+)/i)[2].match(/\?\w+/g)).map((v) => v.slice(1));
    const got = rows.map((r) => vars.map((v) => (r.get(v) ? r.get(v).value : '')).join('\t'));
    const want = fs.readFileSync(path.join(sparqlDir, f.replace(/\.rq$/, '.tsv')), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    if (process.env.WRITE_EXPECTED) {
      fs.writeFileSync(path.join(sparqlDir, f.replace(/\.rq$/, '.tsv')), '# ' + vars.join('\t') + '\n' + got.join('\n') + '\n');
      continue;
    }
    if (got.join('\n') !== want.join('\n')) {
      fail(`${f}: got\n${got.join('\n')}\nwant\n${want.join('\n')}`);
    } else {
      console.log(`ok ${f}: ${got.length} rows as expected`);
    }
  }
}
if (failures) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('all RDF checks passed');
