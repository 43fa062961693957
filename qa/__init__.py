"""``termguard check``: the one QA engine for English editions of German sources.

The library API; the command line (``termguard/cli/check_cmd.py``) only parses, calls these
functions, renders (with lint's renderers) and exits. ``termguard translate`` verifies every
segment and every edition with the same engine (:mod:`termguard.translate.verify`).
"""

from termguard.qa.align import Bead, align_lengths
from termguard.qa.engine import QAEngine, Unit
from termguard.qa.inputs import Pairing, pair_documents, read_po, read_xliff
from termguard.qa.run import (
    check_pairing,
    check_pairings,
    check_paths,
    check_texts,
    engine_for,
    engine_for_matcher,
    validate_pair,
)

__all__ = [
    "Bead",
    "Pairing",
    "QAEngine",
    "Unit",
    "align_lengths",
    "check_pairing",
    "check_pairings",
    "check_paths",
    "check_texts",
    "engine_for",
    "engine_for_matcher",
    "pair_documents",
    "read_po",
    "read_xliff",
    "validate_pair",
]
