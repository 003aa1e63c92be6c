#!/usr/bin/env bash
# Browser test of `newsgraph serve`. Installs what it needs (Debian's
# chromium, the npm package playwright-core), builds a self-contained binary
# (go generate copies Cayley's UI files; -trimpath proves the binary does not
# read them from the module cache), ingests the seed articles, starts a
# read-only and a writable server on free loopback ports, runs ui.test.mjs,
# and stops the servers by their process ids. Screenshots: build/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/e2e
mkdir -p "$out"
start=$(date +%s)

if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null
fi
if [ ! -d e2e/node_modules/playwright-core ]; then
  echo "e2e: installing playwright-core"
  (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

go generate ./graph/...
go build -trimpath -o "$out/newsgraph" ./cmd/newsgraph
rm -rf "$out/db" "$out/db-rw"
# The read-only store also holds the shared dev articles, read in place, when
# they are beside the checkout: the analyst page's test looks for a meeting
# of Vladimir Poutine with Nguyen Phu Trong that only they report.
dev=()
if [ -d ../shared/corpus/dev ]; then dev=(../shared/corpus/dev); else echo "e2e: ../shared/corpus/dev not found: the analyst page test will fail"; fi
"$out/newsgraph" ingest --quiet --db "$out/db" testdata/seeds "${dev[@]}"
"$out/newsgraph" ingest --quiet --db "$out/db-rw" testdata/seeds

freeport() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
up() { node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$1"; }
port=$(freeport)
rwport=$(freeport)
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap stop EXIT

# Serve from / so that nothing is found relative to the checkout.
(cd / && exec "$OLDPWD/$out/newsgraph" serve --db "$OLDPWD/$out/db" --addr "127.0.0.1:$port") >"$out/serve.log" 2>&1 &
pids+=($!)
(cd / && exec "$OLDPWD/$out/newsgraph" serve --writable --db "$OLDPWD/$out/db-rw" --addr "127.0.0.1:$rwport") >"$out/serve-rw.log" 2>&1 &
pids+=($!)
for u in "127.0.0.1:$port" "127.0.0.1:$rwport"; do
  for i in $(seq 1 100); do
    if up "http://$u/"; then break; fi
    if [ "$i" = 100 ]; then echo "e2e: the server on $u did not start:"; cat "$out"/serve*.log; exit 1; fi
    sleep 0.1
  done
done

status=0
NEWSGRAPH_URL="http://127.0.0.1:$port" NEWSGRAPH_RW_URL="http://127.0.0.1:$rwport" SHOTS="$out" \
  node --test e2e/ui.test.mjs || status=$?
if [ "$status" != 0 ]; then
  echo "e2e: the browser test failed; server logs:"; tail -n 20 "$out"/serve*.log
fi
echo "e2e: screenshots in $out: $(cd "$out" && ls *.png 2>/dev/null | tr '\n' ' ')"
echo "e2e: took $(( $(date +%s) - start ))s"
exit "$status"
