#!/usr/bin/env bash
# Back up the Wijkkracht database: pg_dump in custom format (-Fc) to a timestamped file.
#
#   DATABASE_URL=postgres://user:pass@host:5432/wijkkracht ops/backup.sh /srv/backups/wijkkracht
#
# Prints the path of the new dump on stdout. The file is readable by its owner only (umask 077);
# it is written under a temporary name and renamed when pg_dump has finished and the archive
# reads back, so a file named wijkkracht-*.dump is always a complete dump.
#
# KEYS: the dump holds the casework fields encrypted (Fernet), as they are in the database.
# The keys (FIELD_ENCRYPTION_KEYS) are NOT in the dump and must be backed up separately, in a
# password manager or secret store, NEVER next to the dump: a dump together with its keys is the
# whole casework in clear text; a dump without its keys is useless for the encrypted fields.
# Keep every key that encrypted data in any dump you keep (after a key rotation, too).
set -euo pipefail
umask 077

usage() { echo "usage: DATABASE_URL=postgres://... $0 <backup directory>" >&2; exit 2; }
[ $# -eq 1 ] || usage
dir=$1
: "${DATABASE_URL:?DATABASE_URL is not set}"

# libpq accepts the URI itself; the password moves to PGPASSWORD so that it never shows in the
# process list (a ~/.pgpass file and a URI without a password work too).
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "$0: DATABASE_URL must start with postgres:// or postgresql://" >&2; exit 2 ;;
esac
conninfo=$DATABASE_URL
if [[ $conninfo =~ ^(postgres(ql)?://)([^:@/?]*):([^@/?]*)@(.*)$ ]]; then
  password=${BASH_REMATCH[4]//\\/\\\\}                   # a literal \ stays one
  PGPASSWORD=$(printf '%b' "${password//%/\\x}")        # percent-decoded
  export PGPASSWORD
  conninfo="${BASH_REMATCH[1]}${BASH_REMATCH[3]}@${BASH_REMATCH[5]}"
fi

mkdir -p -- "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$dir/wijkkracht-$stamp.dump"
[ ! -e "$target" ] || { echo "$0: $target exists already" >&2; exit 1; }
partial="$target.partial"
trap 'rm -f -- "$partial"' EXIT

pg_dump --format=custom --compress=6 --no-password --dbname="$conninfo" --file="$partial"
pg_restore --list "$partial" >/dev/null  # the archive reads back (table of contents intact)
mv -- "$partial" "$target"
trap - EXIT
echo "$target"
