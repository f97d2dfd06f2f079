# Two commands do all set-up on a fresh machine (see README):
#   make build   - install into .venv and build the knowledge graph of data/corpus into out/
#   make test    - install into .venv (and Debian's chromium when missing) and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: build test lint bench bench-scale clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

build: $(VENV)/.installed
	$(BIN)/ecokg build data/corpus -o out

test: $(VENV)/.installed
	scripts/ensure-chromium
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_build.py

# Issue 14's scale benchmark against a baseline commit; e.g.
#   make bench-scale SCALE_ARGS="--sizes 1,8,30 --single-line 5 --json scale.json"
SCALE_ARGS ?=
bench-scale: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_scale.py $(SCALE_ARGS)

clean:
	rm -rf $(VENV) out
