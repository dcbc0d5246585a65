# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= $(shell sh scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test test-fast lint format demo bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "No Python >= 3.12 found; pass PYTHON=..."; exit 1; }
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then rm -rf $(VENV); fi
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[dev]'
	@rm -rf build *.egg-info
	@touch $(STAMP)

# Embedded SQLite database and DEBUG on: a local, single-user set-up (the development server and
# one task worker for the long work; Ctrl+C stops both).
run: install
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 HOST=$(HOST) PORT=$(PORT) PY=$(PY) scripts/run

# Production serving (DEBUG off): collectstatic into STATIC_ROOT (var/static), migrate, gunicorn
# and TASK_WORKERS task workers (default 1) that stop with it.
serve: install
	HOST=$(HOST) PORT=$(PORT) PY=$(PY) scripts/serve

demo: install
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo

# SQLite by default; PostgreSQL when DATABASE_URL is set (postgres://user@host:port/name).
# One worker per core; a test file stays on one worker (modules share their demo data).
XDIST := -n auto --dist loadfile

# Tests run in fresh processes: let them keep their compiled bytecode (some environments turn
# writing it off; an empty value turns it back on), or every worker compiles every module again.
test test-fast: export PYTHONDONTWRITEBYTECODE :=

test: install
	$(PY) -m pytest -q $(XDIST)

# Everything but the browser tests and the property-based schema run (whose pytest plugin takes
# most of a second to import in every process).
test-fast: install
	$(PY) -m pytest -q $(XDIST) -p no:schemathesis -m "not browser and not schemathesis"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

BENCHMARKS := redline provision_page coverage exports api references drafts

bench: install
	for name in $(BENCHMARKS); do DEBUG=1 $(PY) bench/$$name.py || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache staticfiles var/static
