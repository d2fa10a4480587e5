#!/usr/bin/env bash
# Make sure a Redis server runs on 127.0.0.1 (port $REDIS_PORT, default 6379), installing
# Debian's redis-server when it is missing. Prints the REDIS_URL on stdout; everything else goes
# to stderr. Used by .ci/run, `make stack`, `make load` and the tests that need Redis.
# The server keeps no data on disk (no RDB, no AOF): it holds the cache, the session cache and
# the Celery queue, and everything that must survive lives in PostgreSQL.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v redis-server >/dev/null; then
  echo "== Installing redis-server" >&2
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
fi

REDIS_PORT=${REDIS_PORT:-6379}
RUN_DIR=${REDIS_RUN_DIR:-/tmp/wijkkracht-redis-$REDIS_PORT}
mkdir -p "$RUN_DIR"
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  echo "== Starting Redis on 127.0.0.1:$REDIS_PORT" >&2
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --dir "$RUN_DIR" --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log" \
    --save "" --appendonly no --protected-mode yes >&2
fi
for _ in $(seq 1 50); do
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >&2
echo "redis://127.0.0.1:$REDIS_PORT/0"
