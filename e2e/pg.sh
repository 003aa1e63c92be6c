#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks: Debian's
# postgresql (installed when missing), a cluster initialised in a temporary
# directory, listening on 127.0.0.1 only, on a free port, with trust
# authentication for a local user. Nothing is assumed to be running.
#
#   eval "$(bash e2e/pg.sh start)"   # sets NEWSGRAPH_PG (a postgres:// URL) and NEWSGRAPH_PG_DIR
#   bash e2e/pg.sh stop              # stops the server of $NEWSGRAPH_PG_DIR and removes it
#
# Run as root, the server runs as the postgres user (initdb refuses root).
set -euo pipefail

cmd=${1:-}
case "$cmd" in
start)
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "pg.sh: installing Debian's postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update -qq && apt-get install -y -qq postgresql) >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  dir=$(mktemp -d -t newsgraph-pg.XXXXXX)
  chmod 755 "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U newsgraph --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Tuned for a throwaway test cluster: no durability across a crash of the
  # machine is needed (fsync off), more memory for sorts and bulk writes.
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c max_connections=100" >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U newsgraph newsgraph
  echo "export NEWSGRAPH_PG='postgres://newsgraph@127.0.0.1:$port/newsgraph?sslmode=disable'"
  echo "export NEWSGRAPH_PG_DIR='$dir'"
  ;;
stop)
  dir=${NEWSGRAPH_PG_DIR:?pg.sh stop: NEWSGRAPH_PG_DIR is not set (eval the output of pg.sh start)}
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: bash e2e/pg.sh start|stop" >&2
  exit 2
  ;;
esac
