"""Review rows from findings that carry a place and a rule code: lint's, and the QA engine's.

A finding only needs the fields of :class:`FindingLike`; the text it points into is read from
its path and shown paragraph by paragraph, each finding highlighted where it stands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

from termguard.locales import _, format_number
from termguard.review.model import Item, Review, Row, Section, Span

__all__ = ["FindingLike", "finding_item", "offset_of", "review_from_findings"]


class FindingLike(Protocol):
    """What a finding needs to be shown: a place (1-based line and column, end exclusive), a
    rule code, a severity (error, warning, info) and a message; ``rule`` is the rule's name."""

    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def note(self) -> str | None: ...
    @property
    def concept(self) -> str | None: ...

def _category(finding: FindingLike) -> str:
    """Errors and warnings are problems; an info about a loaded term (a quoted one, kept on
    purpose) is shown as a loaded term, any other info as something to verify."""
    if finding.severity in ("error", "warning"):
        return "problem"
    return "loaded" if "loaded" in (finding.rule or "") else "verify"


def finding_item(finding: FindingLike, source_span: Span | None = None, target_span: Span | None = None) -> Item:
    """The review item of one finding (rule code, severity, message and the concept's note)."""
    return Item(_category(finding), finding.message, code=finding.code, severity=finding.severity,
                note=" ".join(finding.note.split()) if finding.note else None, concept=finding.concept,
                source_span=source_span, target_span=target_span)


def offset_of(line_starts: Sequence[int], first_line: int, line: int, column: int) -> int:
    """The character offset of 1-based ``line``:``column`` in a text whose first line is
    ``first_line`` and whose lines start at ``line_starts``.

    >>> offset_of([0, 6], 10, 11, 3)
    8
    """
    index = min(max(line - first_line, 0), len(line_starts) - 1)
    return line_starts[index] + max(column - 1, 0)


def _paragraphs(text: str) -> list[tuple[int, str, list[int]]]:
    """(first line, text, line starts) of each run of non-blank lines."""
    out: list[tuple[int, str, list[int]]] = []
    lines: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not lines:
                first = number
            lines.append(line.rstrip("\r"))
        elif lines:
            out.append(_paragraph(first, lines))
            lines = []
    if lines:
        out.append(_paragraph(first, lines))
    return out


def _paragraph(first: int, lines: list[str]) -> tuple[int, str, list[int]]:
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return first, "\n".join(lines), starts


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text("utf-8", errors="replace")
    except (OSError, ValueError):
        return None


def review_from_findings(findings: Iterable[FindingLike], title: str = "termguard findings", *,
                         read_text: Callable[[str], str | None] = _read, files: int | None = None) -> Review:
    """One section per file with findings: the file's paragraphs, each finding highlighted at its
    place and listed with its rule code. A file that cannot be read again (stdin) lists its
    findings without the text."""
    by_path: dict[str, list[FindingLike]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    sections = []
    for path, found in by_path.items():
        section = Section(path, source_title=_("Text"), target_title=None)
        text = read_text(path) if path not in ("-", "<stdin>") else None
        if text is None:
            section.notices.append(_("The text of {path} cannot be read again; its findings are listed alone.").format(
                path=path))
            section.rows = [Row(f"{f.line}:{f.column}", "", None, [finding_item(f)]) for f in found]
        else:
            section.rows = _rows(text, found)
        sections.append(section)
    facts = {_("files with findings"): format_number(len(by_path))}
    if files is not None:
        facts[_("files checked")] = format_number(files)
    return Review(title, sections, facts)


def _rows(text: str, found: list[FindingLike]) -> list[Row]:
    paragraphs = _paragraphs(text)
    rows = [Row(_("line {n}").format(n=first), body) for first, body, _end in paragraphs]
    lasts = [first + len(starts) - 1 for first, _, starts in paragraphs]
    for f in found:
        k = next((i for i, last in enumerate(lasts) if f.line <= last), None)
        if k is None or f.line < paragraphs[k][0]:
            # A finding about the whole file or a blank line (an empty file, an encoding problem).
            rows.insert(0 if k is None else k, Row(_("line {n}").format(n=f.line), "", None, [finding_item(f)]))
            paragraphs.insert(0 if k is None else k, (f.line, "", [0]))
            lasts.insert(0 if k is None else k, f.line)
            continue
        first, body, starts = paragraphs[k]
        start = offset_of(starts, first, f.line, f.column)
        end = offset_of(starts, first, f.end_line, f.end_column)
        span = (start, min(end, len(body))) if end > start else None
        rows[k].items.append(finding_item(f, span))
    return rows
