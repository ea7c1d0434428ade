# The few verbs people type. Every target first makes sure .venv holds exactly the
# pinned dependencies (requirements.txt, requirements-dev.txt) and the project's own
# package, installed editable (re-installed when one of those files changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# Optional: AS_OF=YYYY-MM-DD builds, checks or compares the site as it is on that day;
# APP_CONFIG=PATH_OR_URL checks against the app's published settings.
AS_OF_ARG = $(if $(AS_OF),--as-of $(AS_OF))

.PHONY: serve build check diff test lint bench clean preview

$(INSTALLED): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt -r requirements-dev.txt
	$(PIP) install --no-deps --no-build-isolation --editable .
	@touch $@

serve: $(INSTALLED)  ## preview on http://127.0.0.1:8000, rebuilt on every save; problems show as a page
	$(BIN)/python -m macros serve

build: $(INSTALLED)  ## strict build into site/; a failed build leaves the old site/ in place
	$(BIN)/python -m macros build $(AS_OF_ARG)

check: $(INSTALLED)  ## policy, its history, app settings, typed-in values, pages, published links: no build
	$(BIN)/python -m macros check $(AS_OF_ARG) $(if $(APP_CONFIG),--app-config '$(APP_CONFIG)')

diff: $(INSTALLED)  ## every sentence readers will read differently (against main, or BASE=REF)
	$(BIN)/python -m macros diff $(if $(BASE),--base $(BASE)) $(AS_OF_ARG)

test: $(INSTALLED)  ## every test: policy, build, escaping, offline, browser
	$(BIN)/python -m pytest

lint: $(INSTALLED)  ## ruff (with import order), mypy --strict on the core, the layer contracts
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(INSTALLED)  ## our build against plain Material (10 to 1,000 articles), then Lighthouse against stock Material (~20 min)
	$(BIN)/python -m bench
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m bench.lighthouse

clean:
	rm -rf site .preview .pytest_cache .hypothesis bench/out node_modules

PREVIEW_PORT ?= 8080
preview: $(INSTALLED)  ## build, then serve site/ through nginx with the production config on http://127.0.0.1:8080 until Ctrl-C (PREVIEW_PORT=N for another port)
	$(BIN)/python -m macros build $(AS_OF_ARG)
	$(BIN)/python -m deploy.serve --port $(PREVIEW_PORT)
