# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes: the machines have 2 cores; `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= 2

.PHONY: run test stack bench load profile lint format check load-demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Set up everything, load the demo data and serve on http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run the whole test suite (PostgreSQL when DATABASE_URL is set, else SQLite)
test: $(STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## The production-shaped stack: PostgreSQL, Redis, two app servers (8001, 8002), worker, beat
stack: $(STAMP)
	bash ops/stack.sh

## Benchmark the dashboard and key pages at national scale (PostgreSQL when DATABASE_URL is set)
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

## Mixed logged-in load for 60 s on gunicorn + PostgreSQL + Redis + a worker (started, installed if missing)
load: $(STAMP)
	DATABASE_URL="$${DATABASE_URL:-$$(bash ops/postgres.sh)}" \
	  BENCH_REDIS_URL="$${BENCH_REDIS_URL:-$$(bash ops/redis.sh | sed 's|/0$$|/2|')}" \
	  $(BIN)/python -m bench.load $(LOAD_ARGS)

## Where a logged-in request spends its time (cProfile, on the data of the last make load)
profile: $(STAMP)
	BENCH_DATABASE_URL="$${BENCH_DATABASE_URL:-$$(bash ops/postgres.sh | sed 's|/app$$|/app_bench|')}" \
	  BENCH_REDIS_URL="$${BENCH_REDIS_URL:-$$(bash ops/redis.sh | sed 's|/0$$|/2|')}" \
	  $(BIN)/python -m bench.profile $(PROFILE_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) *.egg-info
