"""The doctests of the public modules run as part of the suite."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "termguard.glossary.normalize",
    "termguard.glossary.termbase",
    "termguard.glossary.match",
    "termguard.glossary.lookup",
    "termguard.locales",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
