# Two entry points: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_STORE := var/demo.db
DEMO_SIZE  ?= 5000
export JOURNEY_CANVAS_STORE ?= sqlite:///$(DEMO_STORE)

.PHONY: run test lint demo translations bench clean system-check smoke-xcb

# `make run` first checks (and installs, when it may) the system libraries and
# font a window needs, before building anything, even under -j: the venv waits
# for the check. Only for `make run`: `make test` runs offscreen and needs fewer.
ifneq ($(filter run,$(MAKECMDGOALS)),)
$(STAMP): | system-check
endif

system-check:
	@$(PYTHON) scripts/system_check.py

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

run: system-check $(STAMP) $(DEMO_STORE)
	@$(BIN)/python scripts/system_check.py --ldd
	$(BIN)/journey-canvas

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check nodes runtime canvas_app tests benchmarks scripts

# The real app on Qt's xcb platform under Xvfb, in Chinese, with a template:
# waits for its window and writes a screenshot (SCREENSHOT=path to choose where).
smoke-xcb: $(STAMP)
	@$(BIN)/python scripts/system_check.py --ldd
	scripts/smoke_xcb.sh

translations: $(STAMP)
	$(BIN)/python -m canvas_app.build_translations

bench: $(STAMP)
	$(BIN)/python -m benchmarks.runtime --customers 100000
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.canvas --nodes 500

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
