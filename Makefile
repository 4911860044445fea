# dorfbrunnen – `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
export PORT
MANAGE := $(PY) manage.py
# Production settings with harmless dummy values, for `check --deploy` only.
DEPLOY_ENV := DJANGO_SETTINGS_MODULE=dorfbrunnen.settings.production \
	DJANGO_SECRET_KEY=ci-deploy-check-$$(head -c 48 /dev/urandom | base64 | tr -dc a-zA-Z0-9) \
	DJANGO_ALLOWED_HOSTS=example.org WAGTAILADMIN_BASE_URL=https://example.org \
	DATABASE_URL=postgres://user:pass@localhost/dorfbrunnen REDIS_URL=redis://localhost:6379/0 \
	EMAIL_HOST=localhost \
	DEFAULT_FROM_EMAIL=webseite@example.org

.PHONY: help install run federation-demo test test-unit test-sqlite test-postgres screenshots lint check-deploy bench clean

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || $$(scripts/find-python) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip 2>&1 | { grep -v "^WARNING: Location" || true; }
	$(PY) -m pip install --quiet --require-virtualenv -r requirements.lock 2>&1 | { grep -v "^WARNING: Location" || true; }
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@touch $@

# Our German wording of Wagtail's and Django's texts (dorfbrunnen/locale, which LOCALE_PATHS
# puts first): compiled here, never committed.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard dorfbrunnen/locale/*/LC_MESSAGES/*.po))

%.mo: %.po
	@command -v msgfmt >/dev/null || scripts/system-deps run
	msgfmt --check -o $@ $<

install: $(VENV)/.installed $(MO_FILES) ## create the virtual environment, install the pinned dependencies, compile the translations

run: install ## install, create the database, load the demo content and serve http://127.0.0.1:$(PORT)
	@scripts/system-deps run
	@mkdir -p var/mail
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) devserver --port $(PORT)

test: install ## the whole suite: lint, checks, on SQLite where the code differs per database, everything on PostgreSQL
	@scripts/system-deps test
	@$(MAKE) --no-print-directory node_modules/.installed
	@$(MAKE) --no-print-directory lint check-deploy
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=dorfbrunnen.settings.test $(MANAGE) makemigrations --check --dry-run
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

# Two workers (the machines have two cores); browser tests stay together on one.
PYTEST := $(VENV)/bin/pytest -q --dist loadgroup --durations=15

test-unit: install ## every unit and integration test on SQLite (quick, while developing)
	$(PYTEST) -n 2 -m "not browser and not servers"

test-sqlite: install ## on SQLite, the embedded default: the tests where the code differs per database (marker sqlite)
	$(PYTEST) -n 2 -m "sqlite and not browser and not servers"

test-postgres: install ## the whole suite (browser tests included) on a throw-away PostgreSQL
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  eval "$$(scripts/pg-throwaway start)"; \
	  trap 'scripts/pg-throwaway stop "$$PG_THROWAWAY_DIR"' EXIT; \
	  $(PYTEST) -n 2; \
	else \
	  echo "PostgreSQL not installed: everything runs on SQLite"; \
	  $(PYTEST) -n 2 -m "not sqlite or browser or servers"; \
	fi

screenshots: install ## pictures of the journeys (mother, office, volunteer) at 390 and 1280 px in var/screenshots/
	@scripts/system-deps test
	@$(MAKE) --no-print-directory node_modules/.installed
	@mkdir -p var/screenshots
	DORFBRUNNEN_SCREENSHOTS=$(CURDIR)/var/screenshots $(VENV)/bin/pytest -q -m journey -p no:xdist
	@echo "Screenshots: var/screenshots/"

lint: install ## ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

federation-demo: install ## the demo as the national site over three made-up associations' feeds (docs/federation.md)
	@scripts/system-deps run
	PORT=$(PORT) scripts/federation-demo

check-deploy: install ## Django's deployment checklist with production settings
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING

bench: install ## speed figures (centre search, Infopaket, registrations, pages under load); fails only on errors
	@scripts/system-deps bench
	scripts/bench

clean: ## remove the virtual environment, node modules and runtime files (database, mail)
	rm -rf $(VENV) node_modules var staticfiles
