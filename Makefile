# Regional Network for Social Cohesion — run `make help` for the list of commands.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BOOTSTRAP ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
DEV_ADMIN_USER ?= admin
DEV_ADMIN_PASSWORD ?= social-cohesion-dev
DEV_MEMBER_EMAIL = demo.member@example.org
# Test processes: two workers (pytest-xdist), each test file whole in one of them (its
# module fixtures, such as a browser check's served site or the journeys' order, stay together),
# handed out in the order tests/conftest.py gives them: the longest files first.
TEST_WORKERS ?= 2
TEST_DIST = -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder
# Python keeps compiled modules (and pytest its rewritten test modules) in __pycache__:
# every test process and manage.py subprocess then starts without compiling them again,
# even where the environment sets PYTHONDONTWRITEBYTECODE.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install run test test-fast lint format messages compile-messages browser-deps bench audit

help: ## List the commands
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml requirements/constraints.txt
	test -x $(PY) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned dependencies and system libraries
	@bash scripts/ensure-system.sh

compile-messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

run: export PUBLIC_BASE_URL = http://$(HOST):$(PORT)
# The server and its worker share one cache (a folder), so an import purges pages at once.
run: export CACHE_URL ?= file://$(CURDIR)/.dev-cache
run: install compile-messages ## Set up everything (SQLite, demo content) and serve the site
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) sync_site_url
	$(MANAGE) load_demo
	$(MANAGE) setup_roles
	$(MANAGE) create_dev_superuser --username "$(DEV_ADMIN_USER)" --password "$(DEV_ADMIN_PASSWORD)"
	@echo ""
	@echo "  Site:   http://$(HOST):$(PORT)/  (Bulgarian /bg/, Romanian /ro/, English /en/)"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/  user '$(DEV_ADMIN_USER)', password '$(DEV_ADMIN_PASSWORD)'"
	@echo "  Member: $(DEV_MEMBER_EMAIL), password '$${DEMO_MEMBER_PASSWORD:-demo-member-2026}' (the community of practice; e-mails print here)"
	@echo "  Worker: background tasks (large imports) run by db_worker, stopped with the server"
	@echo ""
	$(MANAGE) db_worker --backend background --interval 2 -v0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

browser-deps: ## Install Chromium, Java (as root) and the npm checkers for the browser tests
	bash scripts/ensure-browser.sh

test: install compile-messages browser-deps ## Install and run the whole test suite
	$(PY) -m pytest $(TEST_DIST)

test-fast: install compile-messages ## Run the suite without the browser checks
	$(PY) -m pytest $(TEST_DIST) -m "not browser"

lint: install ## Check code style and migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: install ## Reformat the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Update the bg and ro catalogues from the code, then compile them
	$(MANAGE) makemessages --locale=bg --locale=ro --ignore=.venv --ignore=node_modules --ignore=tests --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

bench: install compile-messages ## Benchmarks: pages' throughput (cached, uncached), search p95 over 10,000 pages, imports
	PY="$(PY)" bash scripts/bench.sh

audit: install compile-messages browser-deps ## Lighthouse (mobile) on 5 pages × 3 languages; reports in reports/lighthouse/
	cd scripts/audit && { [ -f node_modules/.stamp ] && [ ! package-lock.json -nt node_modules/.stamp ] || { npm ci --no-audit --no-fund --ignore-scripts && touch node_modules/.stamp; }; }
	PY="$(PY)" $(PY) -m bench.audit

.PHONY: backup restore

backup: ## Archive the database and the media into backups/ (OUTPUT=file to choose the name)
	$(MANAGE) backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: ## Replace the database and the media with a backup: make restore ARCHIVE=file
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=backups/rnsc-YYYYmmdd-HHMMSS.tar.gz" >&2; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)"
