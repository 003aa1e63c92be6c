#!/usr/bin/env bash
# Every export format read by independent parsers, and the SPARQL examples
# run in a real SPARQL engine. Installs what it needs: Debian's serdi and
# graphviz, the npm packages n3, jsonld and oxigraph (e2e/rdf, versions
# pinned in its package-lock.json).
#
# On a store of the seed articles and the dev set: serdi reads the N-Quads
# and N-Triples; N3.js reads N-Triples, N-Quads, Turtle and TriG; jsonld.js
# turns the JSON-LD into RDF; Oxigraph loads N-Quads, TriG and Turtle;
# Python's XML parser counts the GraphML nodes and edges; Graphviz renders
# the DOT. Each must give exactly the N-Triples (or N-Quads) export's
# triples (quads). Then, on a store of the seeds only, examples/sparql/*.rq
# run in Oxigraph over the TriG export and must answer examples/sparql/*.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2") >/dev/null 2>&1 || true
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "rdf: $1 could not be installed (apt-get install $2)"; exit 1; }
}
need serdi serdi
need dot graphviz
need python3 python3
if [ ! -d e2e/rdf/node_modules/oxigraph ]; then
  (cd e2e/rdf && npm ci --no-audit --no-fund --loglevel=error)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/newsgraph" ./cmd/newsgraph
ng="$tmp/newsgraph"

export_all() { # STORE DIR
  mkdir -p "$2"
  "$ng" export --db "$1" --format ntriples --out "$2/all.nt" >/dev/null 2>&1
  "$ng" export --db "$1" --format nquads --out "$2/all.nq" >/dev/null 2>&1
  "$ng" export --db "$1" --format turtle --out "$2/all.ttl" >/dev/null 2>&1
  "$ng" export --db "$1" --format trig --out "$2/all.trig" >/dev/null 2>&1
  "$ng" export --db "$1" --format jsonld --out "$2/all.jsonld" >/dev/null 2>&1
  "$ng" export --db "$1" --format graphml --out "$2/all.graphml" >/dev/null 2>&1
  "$ng" export --db "$1" --format dot --out "$2/all.dot" >/dev/null 2>&1
  "$ng" export --format vocab --out "$2/vocab.ttl" >/dev/null 2>&1
  serdi -i nquads -o nquads "$2/all.nq" > "$2/serdi.nq"
  serdi -i ntriples -o ntriples "$2/all.nt" > "$2/serdi.nt"
  [ "$(wc -l < "$2/serdi.nq")" -eq "$(wc -l < "$2/all.nq")" ] || { echo "serdi read $(wc -l < "$2/serdi.nq") of $(wc -l < "$2/all.nq") quads"; exit 1; }
  dot -Tsvg "$2/all.dot" -o "$2/all.svg"
  python3 - "$2/all.graphml" > "$2/graphml.counts" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {'g': 'http://graphml.graphdrawing.org/xmlns'}
root = ET.parse(sys.argv[1]).getroot()
print(len(root.findall('.//g:node', ns)), len(root.findall('.//g:edge', ns)))
PY
}

dev=""
[ -d ../shared/corpus/dev ] && dev=../shared/corpus/dev
"$ng" ingest --quiet --db "$tmp/all" testdata/seeds $dev >/dev/null 2>&1
export_all "$tmp/all" "$tmp/out-all"
echo "rdf: seeds and dev set"
(cd e2e/rdf && node check.mjs "$tmp/out-all")

"$ng" ingest --quiet --db "$tmp/seeds" testdata/seeds >/dev/null 2>&1
export_all "$tmp/seeds" "$tmp/out-seeds"
echo "rdf: seeds, with the SPARQL examples"
(cd e2e/rdf && node check.mjs "$tmp/out-seeds" ../../examples/sparql)
