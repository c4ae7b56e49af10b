# The two commands of the README: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

.PHONY: install demo test lint messages bench serve schemathesis
install: $(VENV)/.installed

demo: install
	$(BIN)/python -m roundtable.core.compile_translations
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Two workers, in random order (pytest-randomly); the header prints the order's seed: "Using --randomly-seed=N".
# Replay a failing order:  make test SEED=N   (or .venv/bin/pytest -p randomly --randomly-seed=N -n 2;
# with -n 0 -x the same order runs in one process, stopping at the first failure). File order: -p no:randomly.
# (`--randomly-seed=last` needs pytest's cache, which pyproject.toml's addopts turns off.)
test: install
	$(BIN)/python -m roundtable.core.compile_translations
	$(BIN)/python manage.py collectstatic --no-input -v 0
	$(BIN)/pytest -n 2 -p randomly $(if $(SEED),--randomly-seed=$(SEED)) --create-db

# The API against its own OpenAPI schema (schemathesis, in process, on the demo's data): at least 1,000
# generated cases, no server error, no answer the schema does not document. Not part of `make test`; CI
# runs it on SQLite and on PostgreSQL. More cases: make schemathesis EXAMPLES=500
schemathesis: install
	$(BIN)/python -m roundtable.core.compile_translations
	RT_SCHEMATHESIS=1 $(if $(EXAMPLES),RT_SCHEMATHESIS_EXAMPLES=$(EXAMPLES)) \
		$(BIN)/pytest -p no:randomly -n 0 --create-db roundtable/api/tests/test_schemathesis.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

messages: install
	$(BIN)/python manage.py makemessages -l lo --no-obsolete --ignore=.venv --ignore=bench \
		--ignore='*/tests/*' --ignore='*/migrations/*'

bench: install
	$(BIN)/python bench/run.py
