"""Review rows from ``termguard check``: each aligned unit (a source paragraph and its edition
paragraph, a PO entry, an XLIFF segment) side by side, with the QA engine's findings on it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from termguard.locales import _, format_number
from termguard.review.from_findings import FindingLike, finding_item
from termguard.review.model import Review, Row, Section, Span

__all__ = ["review_from_check"]


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a row's edition text stands in the checked file."""

    line: int
    column: int
    text: str
    positions: Sequence[tuple[int, int]] | None

    def offset(self, line: int, column: int) -> int | None:
        """The offset in ``text`` of the file's ``line``:``column`` (its end included), None if outside."""
        if self.positions:
            for k, at in enumerate(self.positions):
                if at == (line, column):
                    return k
            last = self.positions[-1]
            return len(self.text) if (line, column) == (last[0], last[1] + 1) else None
        lines = self.text.split("\n")
        index = line - self.line
        if not 0 <= index < len(lines):
            return None
        start = sum(len(x) + 1 for x in lines[:index])
        column_offset = column - (self.column if index == 0 else 1)
        return start + column_offset if 0 <= column_offset <= len(lines[index]) else None

    def span(self, finding: FindingLike) -> Span | None:
        """The finding's span in ``text``; None if it does not start here."""
        start = self.offset(finding.line, finding.column)
        if start is None:
            return None
        end = self.offset(finding.end_line, finding.end_column)
        return (start, end if end is not None and end >= start else start)


def _rows(pairing: Any) -> list[tuple[Row, _Place]]:
    """A row per unit, and one per paragraph the alignment found missing from (or added to) the edition."""
    rows = []
    for kind, unit, _detail in pairing.notes:
        if kind == "missing-paragraph":
            rows.append((Row(_("line {n}").format(n=unit.source_line), unit.source, None,
                              status=_("missing in the edition")),
                         _Place(unit.line, unit.column, "", None)))
        elif kind == "extra-paragraph":
            rows.append((Row(_("line {n}").format(n=unit.line), "", unit.target, status=_("not in the source")),
                         _Place(unit.line, unit.column, unit.target, unit.positions)))
    for unit in pairing.units:
        rows.append((Row(_("line {n}").format(n=unit.line), unit.source, unit.target),
                     _Place(unit.line, unit.column, unit.target, unit.positions)))
    rows.sort(key=lambda r: (r[1].line, r[1].column, r[0].source == ""))
    return rows


def _section(pairing: Any, findings: Iterable[FindingLike]) -> Section:
    rows = _rows(pairing)
    loose: list[Row] = []
    for f in findings:
        placed = [(row, span) for row, place in rows if (span := place.span(f)) is not None]
        if len(placed) > 1:  # missing paragraphs and the edition paragraph after them start at one place
            empty = f.rule == "missing-paragraph"
            placed = [p for p in placed if (p[0].target is None) == empty] or placed
            # the alignment's notes come in reading order: each missing paragraph gets its own
            placed = [p for p in placed if all(i.code != f.code for i in p[0].items)] or placed
        if not placed:
            loose.append(Row(_("line {n}").format(n=f.line), "", "", [finding_item(f)], _("edition")))
            continue
        row, (start, end) = placed[0]
        row.items.append(finding_item(f, target_span=(start, end) if end > start and row.target else None))
    section = Section(pairing.path, source_title=_("Source ({lang})").format(lang="de"),
                      target_title=_("Edition ({lang})").format(lang="en"))
    section.rows = [row for row, _ in rows] + loose
    return section


def review_from_check(checked: Iterable[tuple[Any, Sequence[FindingLike]]], title: str = "termguard check") -> Review:
    """The review of ``termguard check``: one section per checked file (a :class:`termguard.qa.Pairing`
    with its findings, as :func:`termguard.qa.check_pairings` yields them), source and edition side
    by side, each finding highlighted in the edition and listed with its rule code. A finding no
    unit holds (a whole-file one) gets a row of its own, so none is left out."""
    sections, total = [], 0
    for pairing, findings in checked:
        sections.append(_section(pairing, findings))
        total += len(findings)
    facts = {_("files checked"): format_number(len(sections)), _("findings"): format_number(total)}
    return Review(title, sections, facts)
