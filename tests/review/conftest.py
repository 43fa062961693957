"""Review tests: the seed articles translated once per session with the tiny genuine model."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TINY_MODEL = REPO / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel"


@pytest.fixture(scope="session")
def tiny_engine():  # type: ignore[no-untyped-def]
    """The tiny genuine argos model (tests/fixtures/model), loaded once."""
    if not TINY_MODEL.is_file():
        pytest.skip(f"the tiny test model is not built ({TINY_MODEL})")
    from termguard.translate.engine import ArgosEngine
    from termguard.translate.models import unpack

    return ArgosEngine(unpack(TINY_MODEL))


@pytest.fixture(scope="session")
def seed_editions(tmp_path_factory: pytest.TempPathFactory, termbase, tiny_engine):  # type: ignore[no-untyped-def]
    """``termguard translate seeds/ --model tiny`` through the library: the output directory."""
    from termguard.translate.pipeline import Options, translate_documents

    out = tmp_path_factory.mktemp("editions")
    translate_documents([REPO / "seeds"], out, termbase, tiny_engine, Options(full_report=True))
    return out
