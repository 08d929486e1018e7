# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# Both create .venv when missing, install the project into it, and (as root on
# Debian/Ubuntu) install the system libraries Qt needs and a CJK font.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Debian packages: Qt's runtime libraries (even offscreen), a CJK font so Chinese is
# never boxes, poppler for reading PDFs back in tests, Xvfb for real-window checks.
SYSTEM_PACKAGES := python3-venv libglib2.0-0 libdbus-1-3 libegl1 libgl1 libfontconfig1 \
	libfreetype6 libx11-6 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 \
	libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
	fonts-wqy-microhei poppler-utils xvfb xauth

.PHONY: run test system-deps venv lint bench translations clean

run: system-deps $(STAMP)
	$(PY) main.py $(ARGS)

test: system-deps $(STAMP)
	@bash scripts/ensure_postgres.sh
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

system-deps:
	@bash scripts/system_deps.sh $(SYSTEM_PACKAGES)

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

translations: $(STAMP)
	$(PY) scripts/update_translations.py

bench: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
