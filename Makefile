# Two commands: `make run` starts the site with demo data; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo ""
	@echo "The hub is starting on http://$(HOST):$(PORT)/"
	@echo "Sign in at http://$(HOST):$(PORT)/accounts/login/ with a demo account above."
	@echo "Wagtail admin: http://$(HOST):$(PORT)/admin/ (editor@councils.coop or admin@councils.coop)"
	$(PY) -m daphne -b $(HOST) -p $(PORT) config.asgi:application

test: install
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .test-db.sqlite3*
