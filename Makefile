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

.PHONY: install demo test lint messages bench serve
install: $(VENV)/.installed

demo: install
	$(BIN)/python -m roundtable.core.compile_translations
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m roundtable.core.compile_translations
	$(BIN)/python manage.py collectstatic --no-input -v 0
	$(BIN)/pytest -n 2 --create-db

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

messages: install
	$(BIN)/python manage.py makemessages -l lo --no-obsolete --ignore=.venv --ignore=bench \
		--ignore='*/tests/*' --ignore='*/migrations/*'

bench: install
	$(BIN)/python bench/run.py
