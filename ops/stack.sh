#!/usr/bin/env bash
# `make stack`: PostgreSQL and Redis on loopback, migrations, static files and the demo data,
# then honcho runs the Procfile: two gunicorn app servers (8001, 8002), a Celery worker, beat.
# Ctrl-C stops the four processes; PostgreSQL and Redis keep running (ops/*.sh start them).
set -euo pipefail
cd "$(dirname "$0")/.."
source ops/stack-env.sh
export PATH="$PWD/.venv/bin:$PATH"
python manage.py migrate --noinput
python manage.py collectstatic --noinput --verbosity 0
[ "${STACK_DEMO:-1}" = 1 ] && python manage.py seed_demo
echo "== App servers on http://127.0.0.1:${WEB1_PORT:-8001} and http://127.0.0.1:${WEB2_PORT:-8002}"
exec honcho start -f Procfile
