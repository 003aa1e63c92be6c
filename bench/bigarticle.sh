#!/usr/bin/env bash
# Extraction time and peak memory of one large article, for sizes in MB:
# the extractor must grow linearly with the article.
#
#   bash bench/bigarticle.sh [MB...]     (default: 8 16 32 64)
#
# It ends with two 3 MB files of punctuation only (the memory they take
# must stay near that of an ordinary article of the same size).
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
# A 3 MB file of nothing but punctuation (dots, then mixed marks and spaces).
python3 - "$work" <<'PY'
import random, sys
random.seed(1)
open(sys.argv[1] + "/dots.txt", "w").write("." * (3 << 20))
marks = ".,;:!?-()[]\"'…«»/ \n"
open(sys.argv[1] + "/marks.txt", "w").write("".join(random.choice(marks) for _ in range(3 << 20)))
PY
for f in dots marks; do
  /usr/bin/time -f '%e %M' -o "$work/time" "$work/newsgraph" extract --quiet "$work/$f.txt" > /dev/null
  read -r secs kb < "$work/time"
  printf '%-7s %8.1f %12s %10.0f\n' "3 $f" "$secs" - "$(echo "$kb / 1024" | bc -l)"
done
