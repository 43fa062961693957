"""The segment, localize and transliterate stages stay light: no engine import."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = [
    "termguard.translate.segment",
    "termguard.translate.localize",
    "termguard.translate.transliterate",
]


@pytest.mark.parametrize("name", MODULES)
def test_stages_import_no_engine(name: str) -> None:
    """The stages are light: importing them pulls in neither argostranslate nor torch."""
    code = f"import sys, {name}; print(any(m in sys.modules for m in ('argostranslate', 'torch', 'ctranslate2')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
