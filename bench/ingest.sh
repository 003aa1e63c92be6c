#!/usr/bin/env bash
# Compares 'newsgraph ingest' with the stock 'cayley load' of the same
# N-Quads, in the same run, on this machine.
#
#   bash bench/ingest.sh [COPIES] [RUNS]
#
# COPIES copies of the seed and dev articles (each copy under another file
# name and URL, so every article is new) are ingested into a fresh bolt store; the
# store is exported to N-Quads, and cayley loads that file into another
# fresh bolt store. Each is run RUNS times; the medians and their ratio are
# printed. Ingest includes extraction; its per-article transactions are
# the price of re-ingest and per-article replace.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-20}
RUNS=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/newsgraph" ./cmd/newsgraph
go build -o "$work/cayley" github.com/cayleygraph/cayley/cmd/cayley

mkdir -p "$work/corpus"
for i in $(seq 1 "$COPIES"); do
  for f in testdata/seeds/*.txt ../shared/corpus/dev/*.txt; do
    [ -f "$f" ] || continue
    # Another file name and URL: a distinct article for the store (an
    # article is its URL, else its text).
    if head -1 "$f" | grep -q '^url: '; then
      sed "1s|^url: \(.*\)|url: \1?copy=$i|" "$f" > "$work/corpus/$i-$(basename "$f")"
    else
      { printf 'url: https://example.org/%s?copy=%s\n---\n' "$(basename "$f")" "$i"; cat "$f"; } > "$work/corpus/$i-$(basename "$f")"
    fi
  done
done
n=$(ls "$work/corpus" | wc -l)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

ing=(); ingns=(); load=()
for r in $(seq 1 "$RUNS"); do
  rm -rf "$work/db" "$work/dbns" "$work/cdb"
  t0=$(now); "$work/newsgraph" ingest --quiet --db "$work/db" "$work/corpus" 2>/dev/null; t1=$(now)
  ing+=("$(echo "$t1 - $t0" | bc -l)")
  t0=$(now); "$work/newsgraph" ingest --quiet --nosync --db "$work/dbns" "$work/corpus" 2>/dev/null; t1=$(now)
  ingns+=("$(echo "$t1 - $t0" | bc -l)")
  "$work/newsgraph" export --db "$work/db" --out "$work/all.nq" 2>/dev/null
  t0=$(now); "$work/cayley" load --init -d bolt -a "$work/cdb" -i "$work/all.nq" >/dev/null 2>&1; t1=$(now)
  load+=("$(echo "$t1 - $t0" | bc -l)")
done
quads=$(wc -l < "$work/all.nq")
mi=$(printf '%s\n' "${ing[@]}" | median)
mn=$(printf '%s\n' "${ingns[@]}" | median)
ml=$(printf '%s\n' "${load[@]}" | median)
printf 'articles %d, quads %d, runs %d\n' "$n" "$quads" "$RUNS"
printf 'newsgraph ingest          median %6.2fs  %8.0f quads/s\n' "$mi" "$(echo "$quads / $mi" | bc -l)"
printf 'newsgraph ingest --nosync median %6.2fs  %8.0f quads/s\n' "$mn" "$(echo "$quads / $mn" | bc -l)"
printf 'cayley load               median %6.2fs  %8.0f quads/s\n' "$ml" "$(echo "$quads / $ml" | bc -l)"
printf 'ratio ingest/cayley load (speed): %.2f; with --nosync: %.2f\n' "$(echo "$ml / $mi" | bc -l)" "$(echo "$ml / $mn" | bc -l)"
