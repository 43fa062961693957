"""The doctests of the pipeline modules (read, protect, restore, verify, ...) run with the suite."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "termguard.translate.read",
    "termguard.translate.protect",
    "termguard.translate.restore",
    "termguard.translate.verify",
    "termguard.translate.document",
    "termguard.translate.po",
    "termguard.translate.pipeline",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
