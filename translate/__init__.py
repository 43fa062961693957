"""Offline, termbase-enforced translation of German articles into English editions.

The stages, one module each: :mod:`read` → :mod:`segment` → match (the glossary matcher) →
:mod:`protect` → :mod:`engine` → :mod:`restore` → :mod:`verify` (driven by :mod:`enforce`) →
:mod:`localize` → :mod:`write`, with :mod:`po` and :mod:`build` for the review workflow and
:mod:`pipeline` running them over many documents. Importing this package loads no model code.
"""

from termguard.translate.document import Block, Document, Placeholder, Segment
from termguard.translate.engine import ArgosEngine, Engine, EngineOptions, IdentityEngine, load_engine
from termguard.translate.pipeline import Options, translate_documents
from termguard.translate.read import read_document
from termguard.translate.report import DocumentReport

__all__ = [
    "ArgosEngine",
    "Block",
    "Document",
    "DocumentReport",
    "Engine",
    "EngineOptions",
    "IdentityEngine",
    "Options",
    "Placeholder",
    "Segment",
    "load_engine",
    "read_document",
    "translate_documents",
]
