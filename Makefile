# factcheck: `make run` serves a demo on http://127.0.0.1:8000/, `make test` runs the whole suite.
# Without DATABASE_URL both use the embedded SQLite file; set it to use PostgreSQL.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint fmt migrate seed browser-deps clean bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py load_claims fixtures/

run: export DJANGO_DEBUG ?= 1
run: seed
	$(PY) manage.py create_demo_users
	$(PY) manage.py runserver $(HOST):$(PORT)

# The browser tests need Chromium (Debian's package) and axe-core (npm); without them they skip
# locally and fail under CI=true. `make browser-deps` installs both.
browser-deps:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	test -f node_modules/axe-core/axe.min.js || npm install --no-audit --no-fund --no-package-lock

test: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

fmt: $(VENV)/.dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# The benchmark (docs/benchmarks.md): SIZES, DB and REPEAT narrow it, e.g. `make bench SIZES=10000 DB=sqlite`.
# PostgreSQL runs use the server at BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432).
bench: $(VENV)/.dev
	$(PY) bench/run.py --sizes $(or $(SIZES),10000,100000,1000000) --db $(or $(DB),sqlite,postgres) --repeat $(or $(REPEAT),100)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
