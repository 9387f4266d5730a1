# After the No: the commands people run. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
REQUIREMENTS := requirements.txt $(wildcard requirements/*.txt)
STAMP := $(VENV)/.installed-$(shell cat $(REQUIREMENTS) | sha1sum | cut -c1-12)
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# node_modules is installed once per package-lock.json: the checkers only for
# `make test` (quick), everything (Lighthouse too) for `make bench`. No install
# scripts run: vnu-jar ships its jar, and Java comes from apt (`make java`).
# Zensical (Material's successor) in its own virtualenv, with its own pins.
ZENSICAL_VENV := .venv-zensical
ZBIN := $(ZENSICAL_VENV)/bin
ZSTAMP := $(ZENSICAL_VENV)/.installed-$(shell sha1sum requirements-zensical.txt | cut -c1-12)
# Zensical builds inside the project only: the folder is next to CONFIG.
ZENSICAL_SITE ?= site-zensical
NPM_LOCK := $(shell sha1sum package-lock.json 2>/dev/null | cut -c1-12)
NPM_CHECKERS := node_modules/.atn-checkers-$(NPM_LOCK)
NPM_ALL := node_modules/.atn-all-$(NPM_LOCK)

# Material 9.8 and properdocs print end-of-life banners on every build; they are
# known (see README, "The platform's future") and would bury real warnings.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

# The config file to build: `make build CONFIG=branded.yml` for your own copy
# (README, "Run your own copy"). SITE_URL in the environment sets site_url.
CONFIG ?= mkdocs.yml

PHONY_TRANSLATIONS := translations translations-check
.PHONY: $(PHONY_TRANSLATIONS) evidence evidence-check lint test-fast help install install-zensical chromium java checkers build publish-build build-zensical serve test bench links links-check pins pins-check assets assets-check

help: ## List every command
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): $(REQUIREMENTS)
	@echo "Installing packages, first run only: this takes a minute or two."
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(STAMP) ## Create .venv and install the pinned packages
	@true

$(ZSTAMP): requirements-zensical.txt
	rm -rf $(ZENSICAL_VENV)
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZBIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

install-zensical: $(ZSTAMP) ## Create .venv-zensical and install the pinned Zensical
	@true

chromium: ## Install Debian's Chromium for the browser tests, if missing
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "Installing Chromium with apt (browser tests need it)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

java: ## Install Java for the Nu HTML Checker, if missing
	@if ! command -v java >/dev/null; then \
	  echo "Installing Java with apt (the HTML checker needs it)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	fi

checkers: ## Install the pinned Nu HTML Checker (npm vnu-jar) into node_modules
	@if [ ! -e $(NPM_CHECKERS) ] && [ ! -e $(NPM_ALL) ]; then \
	  npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NPM_CHECKERS); \
	fi

build: install ## Strict build of every edition into site/ (English at /, Spanish at /es/; CONFIG=branded.yml for your copy)
	$(BIN)/python scripts/editions.py build --config $(CONFIG)

publish-build: install ## Build for publishing: refuses the example site_url (set SITE_URL)
	@$(BIN)/python scripts/public_links.py publish-check --config $(CONFIG)
	ATN_PUBLISH=1 $(BIN)/python scripts/editions.py build --config $(CONFIG)

# Zensical merges an INHERIT file's lists where MkDocs replaces them, so it reads
# each edition's config flattened the MkDocs way (scripts/config.py), beside CONFIG;
# then the steps MkDocs' on_post_build takes (guide.json, the CSP, offline files).
build-zensical: install install-zensical ## Build every edition with Zensical into site-zensical/ (CONFIG= too)
	rm -rf $(dir $(CONFIG))$(ZENSICAL_SITE)
	ZENSICAL_SITE=$(ZENSICAL_SITE) $(BIN)/python scripts/editions.py build --engine zensical --config $(CONFIG)

serve: install ## Build and serve on http://127.0.0.1:8000 with live reload, without the CSP (CONFIG= too)
	@echo "Building the guide. When it says \"Serving on\", open http://127.0.0.1:8000/ (Ctrl+C stops it)."
	ATN_CSP=off $(BIN)/mkdocs serve --strict -f $(CONFIG) -a 127.0.0.1:8000

test: install install-zensical chromium java checkers lint ## Run every test, browser tests and the Zensical build included
	$(BIN)/python -m pytest -n 3 --dist worksteal

test-fast: install ## The edit-test loop: data, render and built-HTML tests on one build; no browser, no extra builds
	$(BIN)/python -m pytest -m "not browser and not rebuild" -q -n 2

lint: install ## Check the Python with ruff (pyflakes, pycodestyle, bugbear; pyproject.toml says which)
	$(BIN)/ruff check .

translations: install ## Rewrite translations/guide.pot and bring every translations/<lang>.po up to date with it
	$(BIN)/python scripts/translations.py update

translations-check: install ## Fail, naming each one, while a language lacks a translation or has one to review
	$(BIN)/python scripts/translations.py check --config $(CONFIG)

assets: install checkers ## Join and minify assets/ into docs/assets/atn.min.css and .js
	$(BIN)/python scripts/assets.py

assets-check: install checkers ## Fail if docs/assets is stale against assets/
	$(BIN)/python scripts/assets.py --check

links: install ## Rewrite data/public-links.txt (the link contract) from the data
	$(BIN)/python scripts/public_links.py write

links-check: install ## Fail, with a diff, if data/public-links.txt is stale
	$(BIN)/python scripts/public_links.py check

pins: install ## Add or refresh the sha256 of every pinned package (from PyPI's index) in the requirements files
	$(BIN)/python scripts/pins.py

pins-check: install ## Fail if a pinned package has no --hash
	$(BIN)/python scripts/pins.py --check

bench: install chromium ## Measure build time, memory, page weight and Lighthouse; update README
	@if [ ! -e $(NPM_ALL) ]; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NPM_ALL); \
	fi
	$(BIN)/python scripts/bench.py --readme README.md

# The research brief sits beside a working checkout, not in the repository: the
# suite reads only tests/fixtures/evidence.md, so a plain clone passes.
BRIEF_EVIDENCE ?= ../shared/brief/evidence.md

evidence: ## Copy the research brief's evidence.md into tests/fixtures (when the brief is beside the checkout)
	cp $(BRIEF_EVIDENCE) tests/fixtures/evidence.md

evidence-check: ## Fail if tests/fixtures/evidence.md differs from the brief beside the checkout
	@diff -u tests/fixtures/evidence.md $(BRIEF_EVIDENCE) && echo "tests/fixtures/evidence.md matches $(BRIEF_EVIDENCE)"
