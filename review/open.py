"""Choosing the reader of a review input by what the file is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from termguard.errors import InputError
from termguard.review.from_catalog import review_from_catalog
from termguard.review.from_report import read_report, review_from_report
from termguard.review.model import Review

__all__ = ["review_from_path", "REVIEW_INPUTS"]

#: Suffixes ``termguard review`` reads, and what they are.
REVIEW_INPUTS: dict[str, str] = {".json": "translate report", ".po": "review catalog", ".xlf": "XLIFF review file",
                                  ".xliff": "XLIFF review file"}


def review_from_path(path: str | Path, termbase: Any = None) -> Review:
    """The review of a translate report (``.json``), a reviewed PO catalog (``.po``) or XLIFF
    file (``.xlf``, ``.xliff``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = read_report(path)
        try:
            return review_from_report(data)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:  # hand-edited or from another tool
            raise InputError(f"malformed report: a segment lacks or mistypes {exc}", path) from None
    if suffix in (".po", ".xlf", ".xliff"):
        return review_from_catalog(path, termbase)
    known = ", ".join(f"{s} ({what})" for s, what in REVIEW_INPUTS.items())
    raise InputError(f"cannot review a {suffix or 'suffix-less'} file; give one of: {known}", path)
