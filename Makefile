# Peercircle: `make demo` to try it, `make test` to check it. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
# The demo's mail links follow the port it is served on, unless SITE_URL is given.
SITE_URL ?= http://$(HOST):$(PORT)
# Development defaults for the demo server; production sets its own environment. Each mail
# is printed as one short block (to, subject, first link).
# The demo has its own SQLite file, deleted and rebuilt by every `make demo`, so its meetings are
# always dated around today and nothing else you keep in var/ is touched.
DEMO_DB := var/demo.sqlite3
DEMO_ENV := DEBUG=1 SITE_URL=$(SITE_URL) EMAIL_BACKEND=peercircle.mail.console.EmailBackend \
	DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB)

.PHONY: install install-dev demo serve test lint check-browser clean messages

# `make install`: what production runs, nothing more (no test, lint or browser tools).
# `make install-dev`: that plus the development tools; `make test` and `make lint` use it.
install: $(STAMP)
install-dev: $(DEV_STAMP)

# uv comes from PATH when present, otherwise it is bootstrapped into the venv with pip.
UV_SYNC = @test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
	if command -v uv >/dev/null 2>&1; then UV=uv; else \
		test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"; \
		UV=$(BIN)/uv; fi; \
	UV_PROJECT_ENVIRONMENT=$(VENV) $$UV sync --frozen --python $(BIN)/python

# The venv is brought in line with the lock whenever pyproject.toml or uv.lock changes.
# --inexact: a development venv keeps its tools (and the bootstrapped uv) on `make install`.
$(STAMP): pyproject.toml uv.lock
	$(UV_SYNC) --no-dev --inexact
	@touch $(STAMP)

$(DEV_STAMP): pyproject.toml uv.lock
	$(UV_SYNC)
	@touch $(STAMP) $(DEV_STAMP)

demo: install
	@echo "Resetting the demo database ($(DEMO_DB)): every run starts from fresh demo data."
	@mkdir -p var && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(DEMO_ENV) $(BIN)/python manage.py migrate --no-input -v 0
	$(DEMO_ENV) $(BIN)/python manage.py demo
	@echo ""
	@echo "Serving the demo on http://$(HOST):$(PORT)/ (Ctrl-C to stop); mail links use $(SITE_URL)"
	@# A task worker and the every-minute scheduler run beside the server; Ctrl-C stops all three.
	@trap 'pkill -P $$scheduler 2>/dev/null; kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/python manage.py db_worker --verbosity 0 & worker=$$!; \
	( while sleep 60; do $(DEMO_ENV) $(BIN)/python manage.py send_due_mail; done ) & scheduler=$$!; \
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

# Browser tests need a Chromium; say how to get one, or let the user opt out explicitly.
check-browser:
	@if [ -n "$$PEERCIRCLE_SKIP_BROWSER_TESTS" ]; then \
		echo "PEERCIRCLE_SKIP_BROWSER_TESTS is set: browser tests will be skipped."; \
	elif [ ! -x "$(CHROMIUM)" ]; then \
		echo "Browser tests need Chromium at $(CHROMIUM) (set CHROMIUM=/path to use another)."; \
		echo "  Debian/Ubuntu: sudo apt-get install chromium"; \
		echo "  Or skip them explicitly: PEERCIRCLE_SKIP_BROWSER_TESTS=1 make test"; \
		exit 1; \
	fi

test: install-dev check-browser lint
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest $(if $(PEERCIRCLE_SKIP_BROWSER_TESTS),-m "not browser") $(PYTEST_ARGS)

# `make messages`: the catalogues in locale/ brought up to date with the marked strings, and
# compiled (the .mo files are committed so a fresh machine needs no gettext tools to run).
MAKEMESSAGES = DEBUG=1 $(BIN)/python manage.py makemessages -l es -l de --add-location=file --no-wrap \
	--no-obsolete --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=staticfiles --ignore=tools
messages: install-dev
	$(MAKEMESSAGES)
	$(MAKEMESSAGES) -d djangojs --ignore=static/vendor
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

# `make clean` removes what the Makefile and the tools made: the venv, caches, screenshots,
# collected static files and the demo database. var/peercircle.sqlite3 (your own data) stays.
clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache test-artifacts staticfiles
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
