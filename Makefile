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
	fonts-wqy-microhei poppler-utils xvfb xauth desktop-file-utils appstream

.PHONY: run test system-deps venv lint bench translations clean lock bundle test-bundle

run: system-deps $(STAMP)
	$(PY) main.py $(ARGS)

# The suite runs in PYTEST_WORKERS processes (pytest-xdist), each taking a whole test file
# at a time (module- and package-wide servers are started once): much of its time is
# spent waiting on servers, subprocesses and PostgreSQL. PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= 2

test: system-deps $(STAMP)
	@bash scripts/ensure_postgres.sh
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

system-deps:
	@bash scripts/system_deps.sh $(SYSTEM_PACKAGES)

venv: $(STAMP)

# The tested set: every package at the version requirements.lock pins (`make lock`
# refreshes it from pyproject.toml's ranges).
$(STAMP): pyproject.toml requirements.lock scripts/install_venv.sh
	@# a venv cut short (no pip) is made again rather than failing every later run
	@$(PY) -m pip --version >/dev/null 2>&1 || $(PYTHON) -m venv --clear $(VENV)
	@bash scripts/install_venv.sh $(PY) '.[app,server,test]'
	@touch $(STAMP)

lock: $(STAMP)
	$(PY) -m pip install --quiet -c requirements.lock uv
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--no-header --quiet -o requirements.lock

lint: $(STAMP)
	$(VENV)/bin/ruff check .

translations: $(STAMP)
	$(PY) scripts/update_translations.py

bench: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

# A one-folder app (PyInstaller, packaging/channelkeeper.spec) in dist/channelkeeper.
bundle: system-deps $(STAMP)
	@bash scripts/install_venv.sh $(PY) '.[app,bundle]'
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/channelkeeper.spec
	@du -sh dist/channelkeeper

# Builds the bundle, then drives it under Xvfb (tests/bundle/).
test-bundle: bundle
	QT_QPA_PLATFORM=offscreen CHANNELKEEPER_BUNDLE=dist/channelkeeper \
		$(PY) -m pytest -p no:cacheprovider tests/bundle $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
