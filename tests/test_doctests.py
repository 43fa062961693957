"""Every module's doctests run with the suite: the examples in the docs stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

# setuptools maps glossary/, translate/ and locales/ into the namespace, so each package
# is walked on its own rather than from termguard.__path__.
PACKAGES = ["termguard", "termguard.cli", "termguard.lint", "termguard.qa", "termguard.glossary",
            "termguard.translate", "termguard.locales", "termguard.review",
            "termguard.serve"]


def _modules() -> list[str]:
    names = set(PACKAGES)
    for package in PACKAGES:
        module = importlib.import_module(package)
        names.update(m.name for m in pkgutil.iter_modules(module.__path__, f"{package}."))
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_every_part_of_the_package_is_collected() -> None:
    names = _modules()
    for expected in ("termguard.glossary.match", "termguard.translate.pipeline", "termguard.lint.check",
                     "termguard.qa.engine",
                     "termguard.locales.editions", "termguard.review.html"):
        assert expected in names
