#!/usr/bin/env bash
# The environment of the production-shaped stack on this machine (sourced by ops/stack.sh and
# the tests that start the stack's processes): PostgreSQL and Redis on loopback (started, and
# installed if missing), fixed local keys. Never for real data: the keys are in this file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DATABASE_URL="${DATABASE_URL:-$(bash "$here/postgres.sh")}"
export REDIS_URL="${REDIS_URL:-$(bash "$here/redis.sh")}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.stack}"
export SECRET_KEY="${SECRET_KEY:-stack-on-loopback-only-not-secret-0123456789abcdefghij}"
export FIELD_ENCRYPTION_KEYS="${FIELD_ENCRYPTION_KEYS:-c3RhY2stbG9jYWwtb25seS1uZXZlci1yZWFsLWRhdGEh}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:8001}"
export STACK_DIR="${STACK_DIR:-/tmp/wijkkracht-stack}"
mkdir -p "$STACK_DIR"
