# RL Portal — the two set-up commands are `make run` and `make test`; everything else is optional.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Installs the declared dependencies at the versions pinned in requirements.lock.
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast quality lint fix bench bench-load bench-import demo lock browser clean

help:
	@echo "make run     installe, migre, charge la démo si la base est vide, sert http://127.0.0.1:$(PORT)"
	@echo "make test    installe si besoin et lance toute la suite (SQLite, ou DATABASE_URL)"
	@echo "make quality ruff, migrations, check --deploy"
	@echo "make fix     reformate le code (ruff)"
	@echo "make bench   mesure le rapport SPS à plusieurs volumes et les pages sous 50 utilisateurs (bench.json)"
	@echo "make demo    remet à zéro et recharge les données de démonstration"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml requirements.lock | $(PY)
	@echo "==> Installation des dépendances dans $(VENV) (la première fois : quelques minutes)…"
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

# Says what it is doing: installing (above), migrating, loading the demo; then the login page's
# address and the demo accounts, just before the server starts.
run: $(INSTALLED)
	@echo "==> Mise à jour de la base (migrations)…"
	@DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	@echo "==> Données de démonstration…"
	@DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo --if-empty --url http://127.0.0.1:$(PORT)/
	@echo "==> Serveur de développement sur http://127.0.0.1:$(PORT)/ …"
	@DEBUG=$${DEBUG:-1} DJANGO_RUNSERVER_HIDE_WARNING=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The browser tests drive Debian's Chromium; scripts/ensure-chromium.sh installs it when missing.
browser:
	@bash scripts/ensure-chromium.sh

test: $(INSTALLED) browser
	$(PY) -m pytest -n 2

# Without the browser tests and the few slow ones, for a quick loop while coding.
test-fast: $(INSTALLED)
	$(PY) -m pytest -n 2 -m "not e2e and not slow"

quality: $(INSTALLED)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-quality-check-$$(date +%s)-not-a-real-secret-key-0123456789} \
		ALLOWED_HOSTS=$${ALLOWED_HOSTS:-rl-portal.example.org} \
		$(PY) manage.py check --deploy --fail-level WARNING

lint: quality

fix: $(INSTALLED)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Times the sps-departement report at several volumes (SCALES=1,10,100), then the load test:
# 50 users on gunicorn + PostgreSQL with the demo (LOAD_DATABASE_URL); writes bench.json.
bench: $(INSTALLED)
	DEBUG=1 $(PY) manage.py bench_reports --scales $${SCALES:-1,10}
	$(PY) -m tests.perf.load --users $${USERS:-50} --duration $${DURATION:-60}

# The load test alone (pages' p50/p95 with USERS concurrent users).
bench-load: $(INSTALLED)
	$(PY) -m tests.perf.load --users $${USERS:-50} --duration $${DURATION:-60}

# Times the prevention history import (preview, import, re-import) of ROWS rows.
bench-import: $(INSTALLED)
	DEBUG=1 $(PY) -m tests.perf.bench_import $${ROWS:-3000}

demo: $(INSTALLED)
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo --reset

# Regenerates the pinned versions from pyproject.toml in a throw-away environment.
lock:
	rm -rf /tmp/rl-portal-lock && $(PYTHON) -m venv /tmp/rl-portal-lock
	/tmp/rl-portal-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/rl-portal-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) staticfiles .ruff_cache .hypothesis
