"""The review model: rows of source and edition text with the items a reviewer looks at."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["CATEGORIES", "NEEDS_REVIEW", "Item", "Row", "Section", "Review", "Span"]

#: Highlight categories in the order of the legend; the last three need a person's eye.
CATEGORIES: tuple[str, ...] = ("enforced", "loaded", "verify", "problem")
#: Categories that make a row worth reviewing (the "needs review" filter keeps these rows).
NEEDS_REVIEW: frozenset[str] = frozenset({"loaded", "verify", "problem"})

#: A half-open character span ``(start, end)`` in a row's source or edition text.
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a reviewer may look at in a row: an enforced term, a loaded term, a name to
    verify, or a problem (a verification failure or a QA/lint finding, with its rule code).

    ``source_span`` and ``target_span`` say where it stands in the row's two texts (either may
    be unknown); the page links the two highlights to each other.
    """

    category: str
    message: str
    code: str | None = None
    severity: str | None = None
    note: str | None = None
    concept: str | None = None
    source_span: Span | None = None
    target_span: Span | None = None

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown review category {self.category!r} (one of {', '.join(CATEGORIES)})")


@dataclass(slots=True)
class Row:
    """One aligned segment: the source sentence, its edition (None: not translated) and its items.

    ``label`` locates it for people (``3.1``: paragraph 3, sentence 1; or ``file:line``);
    ``status`` is a short word shown with it (``unreviewed``, ``untranslated``...).
    """

    label: str
    source: str
    target: str | None = None
    items: list[Item] = field(default_factory=list)
    status: str | None = None

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(i.category for i in self.items)

    @property
    def needs_review(self) -> bool:
        return bool(self.categories & NEEDS_REVIEW)


@dataclass(slots=True)
class Section:
    """The rows of one document. ``target_title`` None: a one-column section (lint of one file)."""

    title: str
    rows: list[Row] = field(default_factory=list)
    source_title: str = "Source"
    target_title: str | None = "Edition"
    notices: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Review:
    """A whole review page: one or more sections and what made them."""

    title: str
    sections: list[Section] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)

    @property
    def rows(self) -> list[Row]:
        return [r for s in self.sections for r in s.rows]

    def counts(self) -> dict[str, int]:
        """Items per category (every category present, zero if none) and rows needing review.

        >>> review = Review("t", [Section("a", [Row("1", "x", "y", [Item("loaded", "m"), Item("enforced", "e")]),
        ...                                      Row("2", "z", "w")])])
        >>> review.counts()
        {'enforced': 1, 'loaded': 1, 'verify': 0, 'problem': 0, 'rows': 2, 'needs_review': 1}
        """
        counter: Counter[str] = Counter(i.category for r in self.rows for i in r.items)
        counts = {c: counter[c] for c in CATEGORIES}
        rows = self.rows
        counts["rows"] = len(rows)
        counts["needs_review"] = sum(1 for r in rows if r.needs_review)
        return counts
