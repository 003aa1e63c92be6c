#!/usr/bin/env bash
# Crash safety of ingest: an ingest killed with SIGKILL at random moments,
# then run again to the end, must leave the store equal, quad for quad, to
# a clean ingest of the same articles. Creation of the store is killed
# too (the first milliseconds of the first ingest).
#
#   bash bench/kill-reingest.sh [KILLS] [COPIES]   (default 5 kills, 4 copies)
#
# COPIES copies of the seed articles (each with its own URL) make the
# corpus. CI runs a few kills; the full run is 20 kills
# (bash bench/kill-reingest.sh 20 10).
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-5}
COPIES=${2:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/newsgraph" ./cmd/newsgraph
ng="$work/newsgraph"
mkdir -p "$work/corpus"
for i in $(seq 1 "$COPIES"); do
  for f in testdata/seeds/*.txt; do
    { printf 'url: https://example.org/%s?copy=%s\n---\n' "$(basename "$f")" "$i"; cat "$f"; } > "$work/corpus/$i-$(basename "$f")"
  done
done
"$ng" ingest --quiet --db "$work/clean" "$work/corpus" >/dev/null 2>&1
"$ng" export --db "$work/clean" --format nquads --out "$work/clean.nq" >/dev/null 2>&1
sort "$work/clean.nq" > "$work/clean.sorted"
fails=0
for k in $(seq 1 "$KILLS"); do
  rm -rf "$work/db"
  # A delay from 0 to 0.4 s: the store's creation, the first articles, the
  # middle of the batch.
  # The first kills land in the store's creation (the first 30 ms).
  delay=$(awk -v k="$k" 'BEGIN { srand(k); if (k <= 3) printf "%.3f", 0.008 * k; else printf "%.3f", rand() * 0.4 }')
  "$ng" ingest --quiet --db "$work/db" "$work/corpus" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! "$ng" ingest --quiet --db "$work/db" "$work/corpus" >"$work/log" 2>&1; then
    echo "kill $k after ${delay}s: the re-ingest failed:"; cat "$work/log"; fails=$((fails + 1)); continue
  fi
  "$ng" export --db "$work/db" --format nquads --out "$work/again.nq" >/dev/null 2>&1
  if cmp -s "$work/clean.sorted" <(sort "$work/again.nq"); then
    echo "kill $k after ${delay}s: re-ingest equals a clean store ($(wc -l < "$work/again.nq") quads)"
  else
    echo "kill $k after ${delay}s: the store differs from a clean ingest"; fails=$((fails + 1))
  fi
done
[ "$fails" -eq 0 ] || { echo "$fails of $KILLS kills left a wrong store"; exit 1; }
echo "all $KILLS kills recovered"
