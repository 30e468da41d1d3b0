# Two entry points for a fresh machine:
#   make build   set everything up and build the graph of seeds/ into exports/
#   make test    set everything up (incl. headless Chromium) and run the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup build test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed

build: setup
	$(BIN)/kg build seeds --out exports

test: setup
	bash scripts/install_browser.sh
	bash scripts/install_oxigraph_server.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: setup
	$(BIN)/python benchmarks/bench_quality.py
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) exports/store exports/kg.ttl exports/explorer.html
