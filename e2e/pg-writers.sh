#!/usr/bin/env bash
# Several newsgraph processes write one PostgreSQL store at once.
#
#   NEWSGRAPH_PG=postgres://... bash e2e/pg-writers.sh [WRITERS]
#
# WRITERS (default 4) `newsgraph ingest` processes start together, each on
# an overlapping set of the seed (and, when present, the shared dev)
# articles: every article is in all sets but one. Then:
#   - every writer must succeed;
#   - one more ingest of all the articles must find every one unchanged
#     (nothing half-written, nothing missing, no event or name written
#     twice in a way a single writer would not);
#   - the store's node and pair counts must equal those of one sequential
#     ingest of the same articles into a bolt store.
# The quad-for-quad comparison with a sequential ingest in the same commit
# order is TestConcurrentWriters (go test ./graph with NEWSGRAPH_TEST_PG).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${NEWSGRAPH_PG:?set NEWSGRAPH_PG (eval \"\$(bash e2e/pg.sh start)\")}"
n=${1:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/newsgraph" ./cmd/newsgraph
db="ngwriters_$$"
psql -q "$NEWSGRAPH_PG" -c "CREATE DATABASE $db"
url=$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(u.urlunparse(p._replace(path="/"+sys.argv[2])))' "$NEWSGRAPH_PG" "$db")
files=(testdata/seeds/*.txt)
[ -d ../shared/corpus/dev ] && files+=(../shared/corpus/dev/*.txt)
for w in $(seq 0 $((n - 1))); do
  mkdir -p "$work/set$w"
  i=0
  for f in "${files[@]}"; do
    if [ $((i % n)) != "$w" ]; then ln -s "$(realpath "$f")" "$work/set$w/$(basename "$(dirname "$f")")-$(basename "$f")"; fi
    i=$((i + 1))
  done
done
start=$(date +%s.%N)
pids=()
for w in $(seq 0 $((n - 1))); do
  "$work/newsgraph" ingest --quiet --db "$url" "$work/set$w" > "$work/w$w.log" 2>&1 &
  pids+=($!)
done
fail=0
for w in $(seq 0 $((n - 1))); do
  if ! wait "${pids[$w]}"; then echo "pg-writers: writer $w failed:"; cat "$work/w$w.log"; fail=1; fi
done
[ "$fail" = 0 ] || exit 1
secs=$(echo "$(date +%s.%N) - $start" | bc -l)
printf 'pg-writers: %d writers, %d articles (each in %d sets) in %.1f s\n' "$n" "${#files[@]}" $((n - 1)) "$secs"
cat "$work"/w*.log | sed 's/^/  /'
mkdir -p "$work/all"
for f in "${files[@]}"; do ln -s "$(realpath "$f")" "$work/all/$(basename "$(dirname "$f")")-$(basename "$f")"; done
again=$("$work/newsgraph" ingest --quiet --db "$url" "$work/all" 2>&1 | tail -1)
echo "pg-writers: all again: $again"
case "$again" in
*"articles: 0 new, 0 updated, ${#files[@]} unchanged, 0 failed"*) ;;
*) echo "pg-writers: after the concurrent writers, an ingest of the same articles changed the store"; exit 1 ;;
esac
"$work/newsgraph" ingest --quiet --db "$work/seq.db" "$work/all" > /dev/null 2>&1
counts() { "$work/newsgraph" stats --db "$1" | grep -E 'articles|nodes|pairs|schema.org/(Person|Event|Country)>'; }
if ! diff <(counts "$url") <(counts "$work/seq.db"); then
  echo "pg-writers: the concurrent store and a sequential one differ in their counts"; exit 1
fi
echo "pg-writers: the counts equal a sequential ingest's: $(counts "$url" | tr -s ' ' | tr '\n' ';')"
psql -q "$NEWSGRAPH_PG" -c "DROP DATABASE $db WITH (FORCE)"
