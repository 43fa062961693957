"""Fixtures for the translation tests: an offline argos environment, the tiny model, a real model.

Every test here runs with argos' directories inside ``tmp_path``, the package index pointed at
a closed local port, and outgoing connections refused except to 127.0.0.1 (where download tests
run their own HTTP server): nothing can reach the network.

The end-to-end tests run on both genuine tiny models, one per tokenizer argos packages have:
``tiny_model`` is parametrized over SentencePiece and BPE (Moses + subword-nmt).
"""

from __future__ import annotations

import importlib.util
import os
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE_DIR = REPO / "tests" / "fixtures" / "model"
# TERMGUARD_TEST_MODEL points the tests at another build of the tiny model (while developing one).
TINY_MODEL = Path(os.environ.get("TERMGUARD_TEST_MODEL") or FIXTURE_DIR / "translate-de_en-tiny.argosmodel")
BPE_MODEL = Path(os.environ.get("TERMGUARD_TEST_BPE_MODEL") or FIXTURE_DIR / "translate-de_en-tiny-bpe.argosmodel")
TINY_MODELS = {"sentencepiece": TINY_MODEL, "bpe": BPE_MODEL}
LOOPBACK = ("127.0.0.1", "::1")
SHARED_MODELS = REPO.parent / "shared" / "models"
DATA = Path(__file__).resolve().parent / "data"


def _fixture_module():
    spec = importlib.util.spec_from_file_location("termguard_verify_model", FIXTURE_DIR / "verify_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(autouse=True)
def offline_argos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """argos settings inside tmp_path (the fixture model's recipe) and no network at all."""
    env = _fixture_module().offline_argos_env(tmp_path / "argos")
    env["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    original = socket.socket.connect

    def refuse(sock, address, *args, **kwargs):  # type: ignore[no-untyped-def]
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in LOOPBACK:
            raise ConnectionRefusedError(f"tests must not use the network (tried {address})")
        return original(sock, address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return env


@pytest.fixture(scope="session", params=list(TINY_MODELS))
def tiny_model(request: pytest.FixtureRequest) -> Path:
    """Each tiny model in turn: SentencePiece, then BPE."""
    path = TINY_MODELS[request.param]
    if not path.is_file():
        pytest.fail(f"the tiny {request.param} test model is missing ({path}); see tests/fixtures/model/README.md")
    return path


@pytest.fixture(scope="session")
def sp_model() -> Path:
    """The SentencePiece tiny model only (tests of what one model's outputs look like)."""
    return TINY_MODEL


@pytest.fixture
def installed_tiny(tiny_model: Path, offline_argos: dict[str, str]):  # type: ignore[no-untyped-def]
    """The tiny model installed into the temporary ARGOS_PACKAGES_DIR."""
    from termguard.translate.models import install_file

    return install_file(tiny_model)


@pytest.fixture(scope="session")
def tiny_engine(tiny_model: Path):  # type: ignore[no-untyped-def]
    from termguard.translate.engine import ArgosEngine
    from termguard.translate.models import unpack

    return ArgosEngine(unpack(tiny_model))


@pytest.fixture(scope="session")
def real_model() -> Path:
    """A real de→en argos model from ../shared/models, or a clean skip saying it was not there."""
    from termguard.translate.models import argosmodel_files

    models = argosmodel_files(SHARED_MODELS)
    if not models:
        pytest.skip(f"no real de→en .argosmodel in {SHARED_MODELS}: real-model test skipped")
    return models[0]
