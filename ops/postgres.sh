#!/usr/bin/env bash
# Make sure a PostgreSQL server runs on 127.0.0.1 with a role and database `app` (password
# `app`), installing Debian's package when it is missing. Prints the DATABASE_URL on stdout;
# everything else goes to stderr. Used by .ci/run and `make load`.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null; then
  echo "== Installing postgresql" >&2
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

PGVER=$(ls /usr/lib/postgresql | sort -V | tail -1)
PGPORT=${PGPORT:-5432}
echo "== Starting PostgreSQL $PGVER on 127.0.0.1:$PGPORT" >&2
pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PGVER main" \
  || as_root pg_createcluster "$PGVER" main --port "$PGPORT" >&2
pg_ctlcluster "$PGVER" main status >/dev/null 2>&1 || as_root pg_ctlcluster "$PGVER" main start >&2
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 0.5; done
pg_isready -h 127.0.0.1 -p "$PGPORT" >&2
psql_su() { as_root su postgres -c "psql -p $PGPORT -v ON_ERROR_STOP=1 -tAc \"$1\""; }
[ "$(psql_su "SELECT 1 FROM pg_roles WHERE rolname='app'")" = 1 ] \
  || psql_su "CREATE ROLE app LOGIN CREATEDB PASSWORD 'app'" >&2
[ "$(psql_su "SELECT 1 FROM pg_database WHERE datname='app'")" = 1 ] \
  || as_root su postgres -c "createdb -p $PGPORT -O app app" >&2
echo "postgres://app:app@127.0.0.1:$PGPORT/app"
