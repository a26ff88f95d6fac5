# The front door. `make reports` and `make test` work from a fresh clone:
# each creates .venv with the system python and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
JOBS ?= 0
# Use the kernel of this venv even if the user has a python3 kernelspec of their own.
export JUPYTER_PREFER_ENV_PATH := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: install reports test test-unit test-notebooks browser lab bench clean help

help:
	@echo "make reports  - build the HTML reports and data into reports/"
	@echo "make test     - unit, notebook (nbval) and browser tests"
	@echo "make lab      - JupyterLab with the project's kernel"
	@echo "make bench    - benchmarks (print figures)"
	@echo "make clean    - remove generated reports (keeps reports/README.md)"

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

reports: $(STAMP)
	$(BIN)/python -m helpers build --jobs $(JOBS)

# Debian's chromium and a Japanese font for the browser tests (Playwright cannot download browsers here).
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi ipaex; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-ipaexfont-gothic >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "warning: /usr/bin/chromium missing and apt-get unavailable; browser tests will be skipped"; fi; \
	fi

# Two pytest-xdist workers: a test file (or a notebook) runs on one worker, and the files that use the
# session's corpus builds share one (tests/conftest.py); the 10 slowest tests are printed at the end.
TEST_WORKERS ?= 2
test: $(STAMP) browser
	$(BIN)/python -m pytest tests notebooks --nbval-lax -p no:cacheprovider -n $(TEST_WORKERS) --durations=10

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests -m "not slow and not browser"

test-notebooks: $(STAMP)
	$(BIN)/python -m pytest notebooks --nbval-lax

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	@for f in bench/bench_*.py bench/eval_*.py; do [ -f "$$f" ] && { echo "== $$f"; $(BIN)/python "$$f" || exit 1; }; done

clean:
	find reports -mindepth 1 ! -name README.md -delete
