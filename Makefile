# Two commands on a fresh machine (Python 3.11+ and pip):
#   make run   -> set up, load the corpus into the embedded store, serve the API on 127.0.0.1
#   make test  -> set up, lint, run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CORPUS ?= $(if $(wildcard ../shared/corpus),../shared/corpus,)
STORE  ?= data/store
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup run test lint bench clean

$(BIN)/pia-kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

setup: $(BIN)/pia-kg

# A document that fails to load is reported (and the load exits 1), but the server still starts with the rest.
run: setup
	$(if $(CORPUS),-$(BIN)/pia-kg load --store $(STORE) $(CORPUS),@echo "no corpus folder found; serving the store as it is")
	$(BIN)/pia-kg serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) data .pytest_cache
