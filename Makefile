# Tilstede: `make run` starts the desk with demo data, `make test` runs every check.
# Both work on a fresh clone with nothing done by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-run-$(HASH)
TEST_STAMP := $(VENV)/.installed-test-$(HASH)
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test lint test-sqlite test-postgres browser-deps install screenshots clean

# Installing builds the package, and building compiles the screening detectors with mypyc
# (setup.py): a change to their sources installs again, so that the compiled build is
# never older than the code (the package also refuses a stale build: screening/native.py).
BUILD_INPUTS := pyproject.toml setup.py $(wildcard src/tilstede/screening/*.py)

# What the app needs to run; the test tools come on top only for `make test`, in one
# install (each install compiles the detectors, about a minute on two cores).
define install
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e $(1)
endef

$(STAMP): $(BUILD_INPUTS)
	$(call install,.)
	@rm -f $(VENV)/.installed-run-* && touch $@

$(TEST_STAMP): $(BUILD_INPUTS)
	$(call install,".[test]")
	@rm -f $(VENV)/.installed-run-* $(VENV)/.installed-test-* && touch $(STAMP) $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/tilstede migrate --noinput
	@test -f var/.demo-loaded || ($(BIN)/tilstede demo-data && touch var/.demo-loaded)
	@echo
	@echo "  Tilstede: http://127.0.0.1:8000/"
	@echo "  Demo login: admin / demo   (also moderator, responder, reader, archivist; password demo)"
	@echo "  Operator (the Django admin at /admin/): operator / demo"
	@echo
	$(BIN)/tilstede run --addr 127.0.0.1:8000

# Debian's packages the tests need: Chromium for the browser tests (never a browser
# download), Pango and fonts for the archive's PDF/A documents (fonts are embedded, so
# the package must be there). axe-core comes from the npm registry.
DEBIAN_TEST_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-dejavu-core fonts-symbola

browser-deps: $(NODE_STAMP)
	@missing=$$(for p in $(DEBIAN_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

$(NODE_STAMP): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@rm -f node_modules/.installed-* && touch $@

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/tilstede makemigrations --check --dry-run
	$(BIN)/python scripts/mypy_baseline.py

# The suite checks that it runs the compiled detectors the install built.
test-sqlite: $(TEST_STAMP) browser-deps
	TILSTEDE_EXPECT_COMPILED=1 $(BIN)/pytest

# In CI the suite runs a second time on PostgreSQL (127.0.0.1:5432, database test).
test-postgres: $(TEST_STAMP) browser-deps
	TILSTEDE_EXPECT_COMPILED=1 DATABASE_URL=$(PG_URL) $(BIN)/pytest -p no:cacheprovider

test: lint test-sqlite
	@if [ "$$CI" = "true" ]; then $(MAKE) --no-print-directory test-postgres; fi

# Refresh the screenshots the README shows from the last browser test run.
screenshots:
	cp test-artifacts/screenshots/*.png docs/screenshots/

clean:
	rm -rf $(VENV) node_modules var .pytest_cache build
	rm -f src/*.so src/tilstede/screening/*.so src/tilstede/screening/compiled-from.json
