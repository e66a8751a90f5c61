# Two entry points: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_STORE := var/demo.db
DEMO_SIZE  ?= 5000
export JOURNEY_CANVAS_STORE ?= sqlite:///$(DEMO_STORE)

.PHONY: run test lint demo translations bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@if [ -f canvas_app/build_translations.py ]; then $(BIN)/python -m canvas_app.build_translations; fi
	@touch $(STAMP)

$(DEMO_STORE): | $(STAMP)
	@mkdir -p $(dir $(DEMO_STORE))
	$(BIN)/journey-runtime init --store sqlite:///$(DEMO_STORE) --demo $(DEMO_SIZE) --seed 7

demo: $(DEMO_STORE)

run: $(STAMP) $(DEMO_STORE)
	$(BIN)/journey-canvas

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check nodes runtime canvas_app tests benchmarks

translations: $(STAMP)
	$(BIN)/python -m canvas_app.build_translations

bench: $(STAMP)
	$(BIN)/python -m benchmarks.runtime --customers 100000
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.canvas --nodes 500

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
