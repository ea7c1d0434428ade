# The few verbs people type. Every target first makes sure .venv holds exactly the
# pinned dependencies in requirements.txt (re-installed when that file changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# The same notice again, printed by mkdocs-redirects (through properdocs).
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build check diff test bench clean

$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

serve: $(INSTALLED)  ## preview on http://127.0.0.1:8000, reloading on every save (policy.yml included)
	$(BIN)/mkdocs serve --strict --livereload --dev-addr 127.0.0.1:8000

build: $(INSTALLED)  ## strict build into site/; a failed build leaves the old site/ in place
	$(BIN)/python -m macros build

check: $(INSTALLED)  ## policy, its change history, app settings, typed-in values, published links: no build
	$(BIN)/python -m macros check

diff: $(INSTALLED)  ## every sentence readers will read differently (against main, or BASE=REF)
	$(BIN)/python -m macros diff $(if $(BASE),--base $(BASE))

test: $(INSTALLED)  ## every test: policy, build, escaping, offline, browser
	$(BIN)/python -m pytest

bench: $(INSTALLED)  ## our build against plain Material at 10, 100 and 1,000 articles (< 10 min)
	$(BIN)/python -m bench

clean:
	rm -rf site .pytest_cache .hypothesis .cache bench/out

.PHONY: preview
PREVIEW_PORT ?= 8080
preview: $(INSTALLED)  ## build, then serve site/ through nginx with the production config on http://127.0.0.1:8080 until Ctrl-C (PREVIEW_PORT=N for another port)
	$(BIN)/python -m macros build
	$(BIN)/python -m deploy.serve --port $(PREVIEW_PORT)
