# Two commands: `make run` starts the site with demo data; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Emails and full links are built from SITE_URL: unless the environment or .env
# sets it, it is the address `make run` serves on.
SITE_URL_ENV := $(if $(SITE_URL)$(shell grep -s '^SITE_URL=' .env),,SITE_URL=http://$(HOST):$(PORT))

.PHONY: run test install lint bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(SITE_URL_ENV) $(PY) manage.py migrate --noinput
	$(SITE_URL_ENV) $(PY) manage.py load_demo
	@echo ""
	@echo "The hub is starting on http://$(HOST):$(PORT)/"
	@echo "Sign in at http://$(HOST):$(PORT)/accounts/login/ with a demo account above."
	@echo "Wagtail admin: http://$(HOST):$(PORT)/admin/ (editor@councils.coop or admin@councils.coop)"
	$(SITE_URL_ENV) $(PY) -m daphne -b $(HOST) -p $(PORT) config.asgi:application

test: install
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .test-db.sqlite3*
