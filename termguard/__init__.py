"""termguard: termbase-enforced German-to-English editions and a linter for contested names.

Heavy parts (the translation engine) are imported lazily by the functions that need them,
so ``import termguard`` and the look-up and lint paths stay fast.
"""

#: The one version: setuptools reads it for the package metadata (pyproject.toml, dynamic).
__version__ = "0.1.0"

__all__ = ["__version__"]
