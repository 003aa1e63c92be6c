#!/usr/bin/env bash
# Peak memory and throughput of 'newsgraph extract' on synthetic JSON Lines
# dumps of growing size: the reader streams, so peak RSS must not grow
# with the number of records.
#
#   bash bench/jsonl.sh [SIZES...]     (default: 20000 200000)
#
# Each dump is built by bench/mkdump from the seed articles' paragraphs
# (4 per record, each record with its own URL and date), written plain and
# gzip-compressed, and extracted to /dev/null (N-Quads) under
# /usr/bin/time; the script prints records, dump size, seconds, articles/s
# and peak RSS for each.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20000 200000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/newsgraph" ./cmd/newsgraph
go build -o "$work/mkdump" ./bench/mkdump
printf '%-9s %-6s %10s %9s %12s %14s\n' records input "dump MB" seconds "articles/s" "peak RSS MB"
for n in "${sizes[@]}"; do
  "$work/mkdump" -n "$n" -seeds testdata/seeds > "$work/dump.jsonl"
  gzip -k -1 "$work/dump.jsonl"
  for f in dump.jsonl dump.jsonl.gz; do
    /usr/bin/time -f '%e %M' -o "$work/time" "$work/newsgraph" extract --quiet "$work/$f" > /dev/null
    read -r secs kb < "$work/time"
    mb=$(du -m "$work/$f" | cut -f1)
    printf '%-9s %-6s %10s %9.1f %12.0f %14.0f\n' "$n" "${f#dump.}" "$mb" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
  done
  rm -f "$work/dump.jsonl" "$work/dump.jsonl.gz"
done
