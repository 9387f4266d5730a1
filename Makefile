# After the No: the commands people run. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material 9.8 and properdocs print end-of-life banners on every build; they are
# known (see README, "The platform's future") and would bury real warnings.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help install chromium build serve test links links-check

help: ## List every command
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(STAMP) ## Create .venv and install the pinned packages
	@true

chromium: ## Install Debian's Chromium for the browser tests, if missing
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "Installing Chromium with apt (browser tests need it)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

build: install ## Strict build of the site into site/
	$(BIN)/mkdocs build --strict

serve: install ## Build and serve on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

test: install chromium ## Run every test, browser tests included
	$(BIN)/python -m pytest

links: install ## Rewrite tests/public-links.txt (the link contract) from the data
	$(BIN)/python scripts/public_links.py write

links-check: install ## Fail, with a diff, if tests/public-links.txt is stale
	$(BIN)/python scripts/public_links.py check
