# Putright: `make run` serves the app with the demo landlord; `make test` runs every test.
# Each target does all of its own set-up on a fresh Debian/Ubuntu machine.

PYTHON ?= python3

# Python may write its byte-code caches, whatever the environment says: with
# PYTHONDONTWRITEBYTECODE set (as on these machines), every pytest process compiled and
# assertion-rewrote all 700 test modules again, about 9 s of CPU each, a dozen times in
# `make test` (docs/performance.md, "make test's own time").
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/lock.txt pyproject.toml | cksum | cut -d' ' -f1)

# Debian packages, each only when missing: python3-venv (Debian's Python lacks ensurepip
# without it) and Node.js to build the frontend; for the tests, chromium (browser tests),
# poppler-utils and fonts (PDF checks), libharfbuzz-subset0 (WeasyPrint's font subsetting),
# PostgreSQL 15 (the second run of the suite) and gettext (the check that every text of
# the resident pages has its translation, scripts/portal-messages --check; the compiled
# .mo files are committed, so running Putright does not need it).
RUN_DEBS := $(if $(shell $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null && echo yes),,python3-venv) \
	$(if $(shell command -v npm),,nodejs npm)
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils libharfbuzz-subset0 fonts-liberation gettext \
	$(if $(wildcard /usr/lib/postgresql/15/bin/initdb),,postgresql-15)

FRONTEND_BUILT := putright/web/static/build/.built
FRONTEND_SOURCES := $(wildcard putright/web/static_src/*) scripts/build-frontend package-lock.json

# pytest-xdist workers (one per core on CI's two); PYTEST_ARGS adds options (-k NAME, -x).
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS)

.PHONY: run test test-dates deploy-check setup frontend lint typecheck bench audit clean run-debs test-debs

setup: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml | run-debs
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

run-debs:
	scripts/install-debian-packages $(RUN_DEBS)

test-debs:
	scripts/install-debian-packages $(TEST_DEBS)

# npm ci only when the lock file changes; the build only when a source changes.
node_modules/.package-lock.json: package.json package-lock.json | run-debs
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(FRONTEND_BUILT): node_modules/.package-lock.json $(FRONTEND_SOURCES)
	scripts/build-frontend
	touch $@

frontend: $(FRONTEND_BUILT)

# The background worker (emailed letters, reminders, webhooks) runs beside the development
# server and stops with it.
run: setup frontend
	$(BIN)/putright migrate --no-input
	$(BIN)/putright demo --if-empty
	$(BIN)/putright db_worker --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/putright serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with django-stubs (pyproject.toml [tool.mypy]): strict for the rules and every service.
typecheck: setup
	$(BIN)/mypy

# The whole suite on SQLite (browser tests included; not the PostgreSQL-only ones), then
# the date-sensitive tests on the other days that catch a date bug (test-dates), then
# again on a throwaway PostgreSQL 15 cluster without: the browser tests, which only drive
# pages; tests/rules, which import nothing from Django and touch no database;
# tests/demo/test_year.py, whose default demo (a minute of CPU per worker) goes through the
# same services the rest of the run tests; tests/s3/test_files_on_s3.py, which round-trips
# stored files through a bucket, whatever the database (the bucket's backup and restore
# tests, which depend on it, stay in); and the replica's tests, which run next on their own
# cluster with a streaming replica (scripts/with-postgres --replica; about a minute, most
# of it migrating the test database, docs/performance.md). Exit status 5 (no test
# selected) fails the first run but not the second, which may select nothing when
# PYTEST_ARGS picks browser tests or rules only.
test: setup test-debs frontend lint typecheck
	$(BIN)/putright makemigrations --check --dry-run
	$(PYTEST) -m "not postgres_only" $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-dates
	scripts/with-postgres $(PYTEST) -m "not browser" --ignore=tests/rules \
		--ignore=tests/demo/test_year.py --ignore=tests/landlords/test_replica_postgresql.py \
		--ignore=tests/s3/test_files_on_s3.py \
		$(PYTEST_ARGS) \
		|| { status=$$?; [ $$status -eq 5 ] && echo "make test: no PostgreSQL test selected"; \
		     [ $$status -eq 5 ]; }
	scripts/with-postgres --replica $(BIN)/pytest -n 0 tests/landlords/test_replica_postgresql.py
	$(MAKE) --no-print-directory deploy-check

# deploy/ run for real (scripts/deploy-check; README, "Running it for real"): nginx with the
# site, gunicorn and the worker from the systemd units' ExecStart lines, a throwaway
# PostgreSQL, a complaint and a staff sign-in over HTTPS, the emails to a local SMTP sink;
# then hadolint over deploy/Dockerfile. Installs nginx when missing.
deploy-check: setup
	VENV=$(VENV) scripts/deploy-check

# The date-sensitive tests (not the browser ones) on New Year's Day, a Saturday the 7th,
# 31 March and 1 April, on SQLite (scripts/test-dates; docs/performance.md has its time).
test-dates: setup
	PYTEST="$(PYTEST)" scripts/test-dates $(PYTEST_ARGS)

# Every benchmarks/*_bench.py script, one after another, on SQLite and then on a throwaway
# PostgreSQL 15 cluster (scripts/with-postgres); not part of `make test`.
bench: setup
	@set -e; scripts=$$(ls benchmarks/*_bench.py 2>/dev/null || true); \
	if [ -z "$$scripts" ]; then echo "make bench: no benchmarks/*_bench.py yet"; exit 0; fi; \
	for script in $$scripts; do \
		echo "== $$script (SQLite)"; $(BIN)/python $$script; \
		echo "== $$script (PostgreSQL)"; scripts/with-postgres $(BIN)/python $$script; \
	done

# pip-audit over requirements/lock.txt: fails on a known vulnerability with a fix available.
# It asks a vulnerability service on the internet, so it is not part of `make test`.
audit: setup
	$(BIN)/python scripts/audit

clean:
	rm -rf $(VENV) var node_modules putright/web/static/build
