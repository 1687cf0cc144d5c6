#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite (./dev.sh test with STATION_DESK_TEST_ENGINE=postgresql).
#
#   eval "$(bash tests/pg_cluster.sh start)"   # prints: export STATION_DESK_TEST_PG=…; export STATION_DESK_PG_DIR=…
#   bash tests/pg_cluster.sh stop "$STATION_DESK_PG_DIR"
#
# initdb and pg_ctl refuse to run as root: as root the cluster belongs to an unprivileged system user
# (postgres, made by Debian's postgresql package; else station-desk-pg, created here). The cluster lives in a
# temporary folder, listens on 127.0.0.1 at a free port and a socket in that folder only, trusts local
# connections (a throw-away test server: nothing else can reach it), and is durable-off (fsync=off): its data is
# thrown away when the run ends.
set -euo pipefail
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$PG_BIN/initdb" ] || { echo "tests/pg_cluster.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}

owner() {
  if [ "$(id -u)" != 0 ]; then id -un; return; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return; fi
  id station-desk-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin station-desk-pg
  echo station-desk-pg
}

case "${1:-}" in
  start)
    OWNER="$(owner)"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/station_desk-pg.XXXXXX")"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown "$OWNER" "$dir"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U station -A trust -E UTF8 --locale=C.UTF-8 --data-checksums \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "export STATION_DESK_TEST_PG=postgresql://station@127.0.0.1:$port/postgres"
    echo "export STATION_DESK_PG_DIR=$dir"
    ;;
  stop)
    dir="${2:?cluster folder}"
    OWNER="$(stat -c %U "$dir")"
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) sed -n '2,5p' "$0"; exit 2 ;;
esac
