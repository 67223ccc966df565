# reportgen — the two commands a newcomer runs (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
APT_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 poppler-utils chromium postgresql

.PHONY: install build test system-deps lint bench mutate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'

# Install the package and run the main job on the bundled inputs.
build: install
	$(BIN)/reportgen build --force

# System packages the tests need, when missing: LibreOffice and pdffonts open documents, Chromium
# drives the web pages, PostgreSQL serves the intake's database (the tests start their own server).
system-deps:
	@missing=""; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui libreoffice-calc-nogui"; \
	fc-list 2>/dev/null | grep -q "Liberation Serif" || missing="$$missing fonts-liberation2"; \
	command -v pdffonts >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Install everything the tests need, then run them.
test: system-deps install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check reportgen tests bench

bench: install
	$(BIN)/python bench/render.py
	$(BIN)/python bench/consolidate.py --n 166
	$(BIN)/python bench/diff.py
	$(BIN)/python bench/check.py
	$(BIN)/python bench/forms.py
	$(BIN)/python bench/cli.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/serve.py

# Mutation testing (long: not part of `make test`): the 17 hand-made mutations of issue 15,
# then mutmut over check/rules, diff/revisions.py, load/xlsx.py + xlsx_cells.py, compute/ and model/routing.py.
mutate: install
	$(BIN)/pip install -q -e '.[test,mutate]'
	$(BIN)/python tools/mutations17.py
	$(BIN)/mutmut run; $(BIN)/mutmut results | tail -n 40

clean:
	rm -rf outputs/* build dist *.egg-info .pytest_cache mutants
