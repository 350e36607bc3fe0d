# Coverage Digest: the README's commands. `make site` and `make test` are all a new user needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= seeds
OUTPUT ?= output
SHARED ?= ../shared
PORT ?= 8000
PELICAN := $(BIN)/pelican -s pelican.conf.py
STAMP := $(VENV)/.installed

.PHONY: site html fetch serve devserver test test-fast golden typecheck lint format eval bench clean help

help:
	@echo "make site      build $(OUTPUT)/ from $(SEEDS)/ (creates .venv on first run)"
	@echo "make test      run the whole test suite (lint, types, unit, site, browser)"
	@echo "make test-fast the unit tests alone (seconds)"
	@echo "make golden    rewrite tests/golden/ from the seeds (when a change is meant to change the seed site)"
	@echo "make fetch URLS=links.txt  download each listed page into $(SEEDS)/ (FETCH_ARGS=--ignore-robots, ...)"
	@echo "make serve     preview $(OUTPUT)/ at http://localhost:$(PORT)/"
	@echo "make devserver rebuild on any change to seeds, content, theme or plugins, and serve"
	@echo "make eval      score quotes, grouping, summaries and extraction on $(SHARED)/eval"
	@echo "make bench     time and measure builds of 100/1,000/10,000 generated and 2,078 real articles, a Dask row, pathological inputs"

$(STAMP): requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

site html: $(STAMP)
	$(PELICAN) --fatal errors -o "$(OUTPUT)" -e DIGEST_SEEDS='"$(SEEDS)"'
	@echo "Open $(OUTPUT)/index.html in a browser, or run: make serve"

# One URL a line in $(URLS); the pages go into $(SEEDS)/ with their URL and fetch time in its sidecar. Options of
# scripts/fetch.py (--delay, --timeout, --max-bytes, --ignore-robots ...) go in FETCH_ARGS.
fetch: $(STAMP)
	@test -n "$(URLS)" || { echo "usage: make fetch URLS=links.txt [SEEDS=folder] [FETCH_ARGS='--ignore-robots']"; exit 2; }
	$(BIN)/python scripts/fetch.py "$(URLS)" --seeds "$(SEEDS)" $(FETCH_ARGS)

serve: $(STAMP)
	$(PELICAN) -o "$(OUTPUT)" --listen --port $(PORT)

devserver: $(STAMP)
	$(BIN)/python scripts/devserver.py --seeds "$(SEEDS)" --output "$(OUTPUT)" --port $(PORT)

test: $(STAMP) node_modules/.installed
	@bash scripts/ensure-browser.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not site and not browser" --ignore=tests/browser

golden: $(STAMP)
	$(BIN)/python scripts/golden.py

typecheck: $(STAMP)
	$(BIN)/mypy

# axe-core for the accessibility tests, from the npm registry at the version package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent || echo "WARNING: npm ci failed; the accessibility tests will fail"
	touch $@

lint format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

eval: $(STAMP)
	$(BIN)/python scripts/eval.py --shared "$(SHARED)"

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf "$(OUTPUT)" eval-runs .pytest_cache .ruff_cache
