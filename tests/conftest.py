"""Fixtures shared by every test: an isolated cache and the shipped termbase."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FIXTURES = REPO / "tests" / "fixtures"
SHARED_MODELS = REPO.parent / "shared" / "models"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the compiled-termbase cache of the test run out of the user's ~/.cache."""
    os.environ["TERMGUARD_CACHE_DIR"] = str(tmp_path_factory.mktemp("termguard-cache"))


@pytest.fixture(scope="session")
def termbase():  # type: ignore[no-untyped-def]
    from termguard.glossary import load_termbase

    return load_termbase()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}
