# Two commands on a fresh machine:
#   make editions   translate seeds/ into English editions (editions/)
#   make test       lint the code and run the test suite
# Maintenance:
#   make lock          re-resolve pyproject.toml's ranges into requirements/lock.txt
#   make test-latest   run the tests against the newest releases, without the lock
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: editions test setup check bench lock test-latest

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

# A separate environment with whatever PyPI serves today: a release that breaks termguard
# shows up here, apart from the locked CI.
test-latest:
	VENV=.venv-latest LOCK= ./scripts/setup.sh
	.venv-latest/bin/python -m pytest
