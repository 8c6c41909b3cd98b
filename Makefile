# Teilhabe – the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
PY := $(CURDIR)/.venv/bin/python
MANAGE := $(PY) $(CURDIR)/manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup messages makemessages lint fmt check worker bench clean docs lock

## Install everything, prepare the database, load the Essen scenario, serve on :8000.
run: setup
	@export DEBUG=$${DEBUG:-1}; \
	$(MANAGE) migrate --no-input -v0 && \
	$(MANAGE) load_scenario && \
	$(MANAGE) load_offers && \
	$(MANAGE) load_demo_cases && \
	$(MANAGE) person_keys -v0 && \
	$(MANAGE) load_steering_demo && \
	$(MANAGE) load_demo_housing && \
	echo "Worker für Hintergrundaufgaben startet …" && \
	( $(MANAGE) db_worker --no-reload >var/worker.log 2>&1 & echo $$! > var/worker.pid ) && \
	trap 'kill $$(cat var/worker.pid) 2>/dev/null; rm -f var/worker.pid' EXIT INT TERM; \
	$(MANAGE) runserver --noreload $(HOST):$(PORT)

## The whole test suite (unit, integration, browser). DATABASE_URL selects the database.
test: setup
	@if [ -x /usr/bin/chromium ]; then :; else echo "Hinweis: /usr/bin/chromium fehlt – die Browser-Tests werden übersprungen."; fi
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

setup: .venv/.ready messages

.venv/.ready: requirements-dev.lock package-lock.json scripts/bootstrap.sh
	@scripts/bootstrap.sh $(if $(CI),--browser,)
	@mkdir -p var && touch $@

APPS_WITH_LOCALE = $(patsubst %/locale,%,$(wildcard teilhabe/*/locale))

## Compile translations (.po → .mo) of every app.
messages:
	@for app in $(APPS_WITH_LOCALE); do (cd $$app && DEBUG=1 $(MANAGE) compilemessages -v0) || exit 1; done

## Update the German catalogue of every app after changing UI texts (English is the source).
makemessages:
	@for app in $(APPS_WITH_LOCALE); do (cd $$app && DEBUG=1 $(MANAGE) makemessages -l de --no-obsolete --no-location -v0) || exit 1; done

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

fmt: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

## Checks that CI runs besides the tests.
check: setup
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	SECRET_KEY=$$(python3 -c 'import secrets;print(secrets.token_urlsafe(50))') ALLOWED_HOSTS=teilhabe.example.org \
	  $(MANAGE) check --deploy --fail-level WARNING

worker: setup
	$(MANAGE) db_worker

bench: setup
	@command -v wrk >/dev/null 2>&1 || scripts/bootstrap.sh --bench
	$(PY) -m bench

clean:
	rm -rf .venv node_modules var

## Regenerate generated documentation (role → permission table).
docs: setup
	DEBUG=1 $(MANAGE) access_table --write

## Regenerate both lock files from pyproject.toml (the commands stand in their headers):
## requirements-dev.lock = everything with the dev extras; requirements.lock = what production
## runs, constrained to the same versions.
lock:
	.venv/bin/uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11
	.venv/bin/uv pip compile pyproject.toml -c requirements-dev.lock -o requirements.lock --python-version 3.11
