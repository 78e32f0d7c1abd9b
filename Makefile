# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: run test e2e bench screenshot system-deps bytecode clean dist catalogs

run: system-deps $(STAMP) bytecode
	$(BIN)/accessible-reader $(ARGS)

test: system-deps $(STAMP)
	$(BIN)/ruff check accessible_reader tests benchmarks tools
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

# The screen reader's view of the real window alone (Xvfb, openbox, AT-SPI); `make test`
# runs it too. READER_TEST_DISPLAY=60-64 picks the X displays it may use.
e2e: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m e2e tests/e2e

bench: system-deps $(STAMP) bytecode
	$(BIN)/pip install -q -e '.[test,bench]'
	@for f in benchmarks/[!_]*.py; do echo "== $$f"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$f || exit 1; done

screenshot: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/welcome_image.py
	$(BIN)/python tools/welcome_cache.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py docs/images

# The Linux bundle: dist/accessible-reader-<version>-linux-<machine>.tar.gz (PyInstaller,
# one folder, with install.sh); tools/smoke_dist.py tries it on a clean copy.
dist: system-deps $(STAMP)
	$(BIN)/pip install -q -e '.[dist]'
	$(BIN)/python tools/build_dist.py

# The interface catalogs (accessible_reader/resources/locale): extract the messages,
# bring each .po up to them (new entries drafted: OpenCC for 繁, empty for English)
# and compile the .mo files, which are committed; `make test` checks they are current.
catalogs: $(STAMP)
	$(BIN)/python tools/catalogs.py update

system-deps:
	@bash tools/system-deps.sh

# Compiled once, as a wheel install would: start-up then skips compiling every
# module, even where bytecode is never written (PYTHONDONTWRITEBYTECODE, a read-only
# install). Only changed files are compiled again.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q accessible_reader

$(STAMP): pyproject.toml Makefile packaging/requirements-nodeps.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# opencv-python (Qt 5 inside) and its headless build share the cv2 folder: a venv
	# made before the switch drops both before the headless one goes in alone.
	! $(BIN)/pip show -q opencv-python 2>/dev/null || $(BIN)/pip uninstall -y -q opencv-python opencv-python-headless
	$(BIN)/pip install -q -e '.[test]'
	# rapidocr-onnxruntime without the opencv-python it declares (see that file).
	$(BIN)/pip install -q --no-deps -r packaging/requirements-nodeps.txt
	# opencc-python-reimplemented installs the same import name as the official
	# binding, so it lives in its own folder; tests and benchmarks load it from there
	# to check that accessible_reader/text/convert.py works with either API.
	$(BIN)/pip install -q --no-deps --upgrade --target build/peers/opencc_reimplemented opencc-python-reimplemented
	touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
