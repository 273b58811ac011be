# Putright: `make run` serves the app with the demo landlord; `make test` runs every test.
# Each target does all of its own set-up on a fresh Debian/Ubuntu machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/lock.txt pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test setup lint bench clean

setup: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

run: setup
	$(BIN)/putright migrate --no-input
	$(BIN)/putright demo --if-empty
	DEBUG=true $(BIN)/putright serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup lint
	$(BIN)/putright makemigrations --check --dry-run
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var
