# Synoptic: `make run` opens the reader on the bundled sample, `make test`
# runs the whole suite. Both create .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast check lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/synoptic $(ARGS)

# Both cores (pytest-xdist), and the 15 slowest tests listed after the run.
PYTEST_ARGS ?=
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist worksteal --durations=15 $(PYTEST_ARGS)

# The inner loop: logic and view tests, no app, no process started (< 60 s).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q -m "not process" --hypothesis-profile=fast tests/unit

check: $(STAMP)
	$(BIN)/ruff check tui tests benchmarks
	$(BIN)/ruff format --check tui tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit/test_import_contracts.py

format: $(STAMP)
	$(BIN)/ruff format tui tests benchmarks
	$(BIN)/ruff check --fix tui tests benchmarks

# The raw scrapes the product was conceived from, where this checkout has them.
SEEDS := $(wildcard ../shared/seeds/0*.txt)

bench: $(STAMP)
	$(BIN)/python benchmarks/align_bench.py
	$(BIN)/python benchmarks/split_bench.py
	$(BIN)/python benchmarks/ui_bench.py
	$(BIN)/python benchmarks/formats_bench.py
	$(BIN)/python benchmarks/command_bench.py --phases
	$(BIN)/python benchmarks/terminal_bench.py --sample news --sample gospels \
		$(if $(SEEDS),--open seeds $(SEEDS))
	$(BIN)/python benchmarks/batch_bench.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
