#!/usr/bin/env bash
# Restore a dump made by ops/backup.sh into a FRESH, EMPTY database.
#
#   createdb --template=template0 --owner=wijkkracht wijkkracht_restore
#   ops/restore.sh /srv/backups/wijkkracht/wijkkracht-20250101T020000Z.dump \
#     postgres://wijkkracht:...@db.internal:5432/wijkkracht_restore
#
# It refuses a target database that has any table, view or sequence outside the system schemas,
# so it can never write over a live database. pg_restore runs in one transaction and stops at
# the first error: the target ends up with the whole dump or with nothing. Ownership and grants
# are not restored: every object belongs to the role in the target URL (re-grant any read-only
# roles by hand). Afterwards ANALYZE gives the planner its statistics.
#
# The encrypted casework fields need the same FIELD_ENCRYPTION_KEYS as when the dump was made;
# those come from the separate key backup, never from the dump's storage (see ops/backup.sh).
set -euo pipefail
umask 077

usage() { echo "usage: $0 <dumpfile> <target DATABASE_URL>" >&2; exit 2; }
[ $# -eq 2 ] || usage
dump=$1
target_url=$2
[ -f "$dump" ] && [ -r "$dump" ] || { echo "$0: cannot read $dump" >&2; exit 2; }

# libpq accepts the URI itself; the password moves to PGPASSWORD so that it never shows in the
# process list (a ~/.pgpass file and a URI without a password work too).
case "$target_url" in
  postgres://* | postgresql://*) ;;
  *) echo "$0: the target URL must start with postgres:// or postgresql://" >&2; exit 2 ;;
esac
conninfo=$target_url
if [[ $conninfo =~ ^(postgres(ql)?://)([^:@/?]*):([^@/?]*)@(.*)$ ]]; then
  password=${BASH_REMATCH[4]//\\/\\\\}                   # a literal \ stays one
  PGPASSWORD=$(printf '%b' "${password//%/\\x}")        # percent-decoded
  export PGPASSWORD
  conninfo="${BASH_REMATCH[1]}${BASH_REMATCH[3]}@${BASH_REMATCH[5]}"
fi

psql_target() { psql --no-psqlrc --no-password --quiet -v ON_ERROR_STOP=1 --dbname="$conninfo" "$@"; }

pg_restore --list "$dump" >/dev/null  # a readable custom-format archive

database=$(psql_target -tAc "SELECT current_database()")
objects=$(psql_target -tAc "
  SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'")
if [ "$objects" != 0 ]; then
  echo "$0: database '$database' is not empty ($objects relations); restore only into a" \
    "fresh database (createdb --template=template0 ...)" >&2
  exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --no-password \
  --dbname="$conninfo" "$dump"
# Quiet: a non-superuser owner cannot analyse the shared catalogs, which is harmless.
psql_target -c "SET client_min_messages TO error" -c "ANALYZE"
echo "Restored $dump into database '$database'." >&2
