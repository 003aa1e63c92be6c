#!/usr/bin/env bash
# Extraction time and peak memory of one large article, for sizes in MB:
# the extractor must grow linearly with the article.
#
#   bash bench/bigarticle.sh [MB...]     (default: 8 16 32 64)
#
# The article is the seed articles (teasers included) repeated up to the
# size; it is extracted with --max-article-bytes raised above it.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(8 16 32 64)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/newsgraph" ./cmd/newsgraph
for f in testdata/seeds/*.txt; do sed '1s/^ date [0-9-]*//' "$f"; printf '\n\n'; done > "$work/unit.txt"
printf '%-6s %9s %12s %10s\n' MB seconds "s per MB" "peak MB"
for mb in "${sizes[@]}"; do
  : > "$work/big.txt"
  while [ "$(stat -c %s "$work/big.txt")" -lt $((mb * 1048576)) ]; do cat "$work/unit.txt" >> "$work/big.txt"; done
  /usr/bin/time -f '%e %M' -o "$work/time" "$work/newsgraph" extract --quiet --max-article-bytes $((mb * 1048576 * 2)) "$work/big.txt" > /dev/null
  read -r secs kb < "$work/time"
  printf '%-6s %9.1f %12.2f %10.0f\n' "$mb" "$secs" "$(echo "$secs / $mb" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
done
