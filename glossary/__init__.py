"""The termbase of contested South Caucasus names: loading, validation, matching, exchange."""

from termguard.glossary.match import Matcher, find_terms
from termguard.glossary.termbase import (
    Termbase,
    default_termbase_files,
    load_termbase,
    surface_key,
    unsourced_concepts,
    validate_termbase_files,
)

__all__ = [
    "Matcher",
    "Termbase",
    "default_termbase_files",
    "find_terms",
    "load_termbase",
    "surface_key",
    "unsourced_concepts",
    "validate_termbase_files",
]
