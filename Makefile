# Two commands on a fresh machine:
#   make editions   translate seeds/ into English editions (editions/)
#   make test       lint the code and run the test suite
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: editions test setup check bench

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	./scripts/setup.sh
	touch $@

setup: $(VENV)/.installed

editions: setup
	$(BIN)/termguard translate seeds/ --output editions/ --install-model

check: setup
	$(BIN)/ruff check .
	./scripts/typecheck.sh

test: check
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run_all.py
