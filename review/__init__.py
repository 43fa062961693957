"""``termguard review``: a side-by-side HTML page of source and edition with every termbase
decision, name to verify and problem highlighted, for an editor signing off an edition.

The library API; the command line (``termguard/cli/review_cmd.py``) only parses, calls these
functions and writes the page. Inputs: translate's JSON report, a reviewed PO catalog, or any
findings with a path, line, column, rule code, severity and message (lint's, the QA engine's),
or ``termguard check``'s aligned units with their findings (side by side).
"""

from termguard.review.from_catalog import review_from_catalog
from termguard.review.from_check import review_from_check
from termguard.review.from_findings import FindingLike, review_from_findings
from termguard.review.from_report import read_report, review_from_report, segment_row
from termguard.review.html import LEGEND, render_review, write_review
from termguard.review.model import CATEGORIES, NEEDS_REVIEW, Item, Review, Row, Section
from termguard.review.open import review_from_path

__all__ = [
    "CATEGORIES",
    "FindingLike",
    "Item",
    "LEGEND",
    "NEEDS_REVIEW",
    "Review",
    "Row",
    "Section",
    "read_report",
    "render_review",
    "review_from_catalog",
    "review_from_check",
    "review_from_findings",
    "review_from_path",
    "review_from_report",
    "segment_row",
    "write_review",
]
