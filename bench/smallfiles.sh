#!/usr/bin/env bash
# Peak memory of 'newsgraph ingest' over many small files: the reader, the
# extractors and the writer are bounded, so memory must not grow with the
# number of inputs.
#
#   bash bench/smallfiles.sh [COUNTS...]    (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/newsgraph" ./cmd/newsgraph
printf '%-8s %9s %12s %14s\n' files seconds "articles/s" "peak RSS MB"
for n in "${counts[@]}"; do
  rm -rf "$work/in" "$work/db"; mkdir -p "$work/in"
  awk -v n="$n" -v dir="$work/in" 'BEGIN {
    for (i = 0; i < n; i++) {
      f = sprintf("%s/%06d.txt", dir, i)
      printf "url: https://example.org/small/%d\n---\nLe ministre Bui Thanh Son a reçu le %d mars à Hanoï le ministre chilien Luis Soto%d.\n", i, 1 + i % 28, i % 500 > f
      close(f)
    }
  }'
  /usr/bin/time -f '%e %M' -o "$work/time" "$work/newsgraph" ingest --quiet --nosync --db "$work/db" "$work/in" > /dev/null 2>&1
  read -r secs kb < "$work/time"
  printf '%-8s %9.1f %12.0f %14.0f\n' "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
done
