# Two commands on a fresh machine:
#   make editions   translate seeds/ into English editions (editions/)
#   make test       lint the code and run the test suite
# Maintenance:
#   make lock          re-resolve pyproject.toml's ranges into requirements/lock.txt
#   make test-latest   run the tests against the newest releases, without the lock
#   make catalogs      refresh the UI catalogs (locales/): extract messages, update each .po, compile the .mo
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: editions test setup check bench lock test-latest catalogs

$(VENV)/.installed: pyproject.toml scripts/setup.sh requirements/lock.txt
	./scripts/setup.sh
	touch $@

setup: $(VENV)/.installed

editions: setup
	$(BIN)/termguard translate seeds/ --output editions/ --install-model

check: setup
	$(BIN)/ruff check .
	./scripts/typecheck.sh
	$(BIN)/termguard glossary validate --strict

test: check
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run_all.py

lock:
	./scripts/lock.sh

# One step after adding or changing a message: babel extracts (babel.cfg) into locales/termguard.pot,
# merges it into locales/<lang>/LC_MESSAGES/termguard.po and compiles the .mo; then translate the new
# (empty or fuzzy) entries and run it again. tests/test_i18n.py lists what is missing.
catalogs: setup
	$(BIN)/python -m termguard.locales.catalogs

# A separate environment with whatever PyPI serves today: a release that breaks termguard
# shows up here, apart from the locked CI.
test-latest:
	VENV=.venv-latest LOCK= ./scripts/setup.sh
	.venv-latest/bin/python -m pytest
