"""The checks: matches of the shared matcher in a document become findings by the rules table."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from termguard.lint.document import Document, Segment
from termguard.lint.finding import Finding
from termguard.lint.quotes import find_quotes
from termguard.lint.rules import RuleSet
from termguard.model import Concept, Match, Term

__all__ = ["Checker", "LANGUAGE_NAMES"]

LANGUAGE_NAMES = {"de": "German", "en": "English", "ru": "Russian", "hy": "Armenian", "az": "Azerbaijani",
                  "ka": "Georgian"}
# Term types that are the same "form" of a name for consistency and suggestions.
_TYPE_GROUP = {None: "name", "short": "name", "variant": "name", "full": "full", "acronym": "acronym",
               "abbreviation": "acronym"}


_NEWLINE = re.compile("\n")
_PLAIN = frozenset({"preferred", "admitted"})
_SOURCE_LANGS = frozenset({"de", "ru"})  # forms flagged in an English text (TG105)


def _group(term_type: str | None) -> str:
    return _TYPE_GROUP.get(term_type, term_type or "name")


def preferred_term(concept: Concept, lang: str, like: Term | None = None) -> Term | None:
    """The preferred ``lang`` term of ``concept``, of the same form (full name, acronym...) as ``like``."""
    candidates = [t for t in concept.terms if t.lang == lang and t.status == "preferred"]
    if like is not None:
        same = [t for t in candidates if _group(t.type) == _group(like.type)]
        if same:
            return same[0]
    return candidates[0] if candidates else None


class Checker:
    """Applies the rules to documents with one compiled matcher; holds no per-document state."""

    def __init__(self, matcher: Any, rules: RuleSet,
                 path_ignores: Callable[[str], frozenset[str]] | None = None) -> None:
        self.matcher = matcher
        self.rules = rules
        self._path_ignores = path_ignores or (lambda path: frozenset())

    # --- findings ---------------------------------------------------------------------------

    def problem(self, path: str, kind: str, detail: str, line: int = 1, column: int = 1) -> Finding | None:
        """A finding about the input itself (unreadable, binary...), or None if its rule is off."""
        rule = self.rules.for_kind(kind)
        if not self.rules.enabled(rule.code) or any(rule.code.startswith(p) for p in self._path_ignores(path)):
            return None
        return Finding(path=path, line=line, column=column, end_line=line, end_column=column, code=rule.code,
                       rule=rule.name, severity=self.rules.severity(rule.code),
                       message=rule.format_message({"detail": detail}, None))

    def check(self, document: Document) -> list[Finding]:
        """Every finding in ``document``, in file order (reads lazy segments once)."""
        return list(self.iter_check(document))

    def iter_check(self, document: Document) -> Iterator[Finding]:
        """Every finding in ``document``, in file order, as soon as its segment is done.

        Plain text comes in chunks of whole lines, so a chunk's findings, ordered, can leave
        before the next chunk is read: memory stays flat in file size. Other formats (PO sides
        interleave lines) are ordered as a whole.
        """
        ignored = self._path_ignores(document.path)
        findings: list[Finding] = []
        for kind, detail, line, column in document.problems:
            problem = self.problem(document.path, kind, detail, line, column)
            if problem is not None:
                findings.append(problem)
        stream = document.fmt == "text" and not findings
        first_seen: dict[tuple[str, str, str], tuple[Term, int, str, Callable[..., tuple[int, ...]]]] = {}
        for number, segment in enumerate(document.segments):
            if stream and number:
                _settle(first_seen)
            self._check_segment(document.path, segment, ignored, first_seen, findings)
            if stream and findings:
                findings.sort(key=_file_order)
                yield from findings
                findings = []
        findings.sort(key=_file_order)
        yield from findings

    def _check_segment(self, path: str, segment: Segment, ignored: frozenset[str],
                       first_seen: dict[tuple[str, str, str], tuple[Term, int, str, Callable[..., tuple[int, ...]]]],
                       findings: list[Finding]) -> None:
        matches = self.matcher.find(segment.text)
        if not matches:
            return
        text = segment.text
        quotes = None
        locate = _locator(segment)
        lang = segment.lang
        side = segment.side
        english = lang == "en"
        for match in matches:
            term = match.term
            status = term.status
            # The common case first: a preferred or admitted form that is only counted for
            # consistency, without building messages, positions or quotations.
            if status in _PLAIN and not (english and term.lang in _SOURCE_LANGS):
                key = (side, term.concept_id, _TYPE_GROUP.get(term.type) or term.type)
                first = first_seen.get(key)
                if first is not None and first[0].lang == term.lang:
                    continue
                if quotes is None:
                    quotes = find_quotes(text, segment.paragraph_break)
                if match.start in quotes:
                    continue  # a quotation keeps its source's spelling: not counted for consistency
                if first is None:
                    first_seen[key] = (term, match.start, match.surface, locate)  # line computed if needed
                    continue
                fields = self._fields(match)
                fields["first"], fields["first_line"] = first[2], first[3](first[1], first[1] + 1)[0]
                self._emit(path, segment, match, "inconsistent", first[0].text, fields, False, locate, findings,
                           ignored)
                continue
            kind, suggestion, fields = self._classify(match, lang)
            if kind is None:
                continue
            if quotes is None:
                quotes = find_quotes(text, segment.paragraph_break)
            self._emit(path, segment, match, kind, suggestion, fields, match.start in quotes, locate, findings,
                       ignored)

    def _emit(self, path: str, segment: Segment, match: Match, kind: str, suggestion: str | None,
              fields: dict[str, Any], quoted: bool, locate: Callable[[int, int], tuple[int, int, int, int]],
              findings: list[Finding], ignored: frozenset[str]) -> None:
        rules = self.rules
        rule = rules.for_kind(kind, quoted)
        code = rule.code
        if not rules.enabled(code) or any(code.startswith(p) for p in ignored):
            return
        line, column, end_line, end_column = locate(match.start, match.end)
        suppressed = segment.suppressions.get(line)
        if suppressed and any(code.startswith(p) for p in suppressed):
            return
        message = rule.format_message(fields, suggestion)
        if quoted and not rule.quoted:
            message += " (in a quotation)"
        findings.append(Finding(
            path=path, line=line, column=column, end_line=end_line, end_column=end_column,
            code=code, rule=rule.name, severity=rules.severity(code), message=message,
            surface=match.surface, concept=match.concept.id, suggestion=suggestion,
            note=match.concept.note or match.term.note or None, quoted=quoted, lang=segment.lang,
        ))

    @staticmethod
    def _fields(match: Match) -> dict[str, Any]:
        term = match.term
        return {"surface": match.surface, "concept": match.concept.id, "term": term.text,
                "lang": LANGUAGE_NAMES.get(term.lang, term.lang)}

    @staticmethod
    def _classify(match: Match, lang: str) -> tuple[str | None, str | None, dict[str, Any]]:
        """(rule kind or None, suggested replacement, message fields) for one match."""
        term, concept = match.term, match.concept
        fields = Checker._fields(match)
        if term.status == "loaded":
            better = preferred_term(concept, lang, term) or preferred_term(concept, "en", term)
            if better is None and concept.advice:
                fields["advice"] = concept.advice
            return "loaded", better.text if better else None, fields
        if term.status == "deprecated":
            better = preferred_term(concept, term.lang, term) or preferred_term(concept, lang, term)
            return "deprecated", better.text if better else None, fields
        if lang == "en" and term.lang in ("de", "ru"):
            better = preferred_term(concept, "en", term)
            if better is not None:
                return "foreign", better.text, fields
        return None, None, fields


def _file_order(finding: Finding) -> tuple[int, int, str]:
    return finding.line, finding.column, finding.code


class _Settled:
    """A first occurrence's position, computed so that its chunk's text can be let go."""

    __slots__ = ("position",)

    def __init__(self, position: tuple[int, ...]) -> None:
        self.position = position

    def __call__(self, start: int, end: int) -> tuple[int, ...]:
        return self.position


def _settle(first_seen: dict[tuple[str, str, str], tuple[Term, int, str, Callable[..., tuple[int, ...]]]]) -> None:
    for key, (term, start, surface, locate) in first_seen.items():
        if not isinstance(locate, _Settled):
            first_seen[key] = (term, start, surface, _Settled(locate(start, start + 1)))


def _locator(segment: Segment) -> Callable[[int, int], tuple[int, int, int, int]]:
    """Maps a half-open span of the segment's text to 1-based (line, column, end_line, end_column)."""
    positions = segment.positions
    if positions is not None:
        def locate_explicit(start: int, end: int) -> tuple[int, int, int, int]:
            line, column = positions[start]
            end_line, end_column = positions[end - 1]
            return line, column, end_line, end_column + 1
        return locate_explicit

    text = segment.text
    newlines: list[int] | None = None
    base_line, base_column = segment.line, segment.column

    def position(offset: int) -> tuple[int, int]:
        nonlocal newlines
        if newlines is None:
            newlines = [m.start() for m in _NEWLINE.finditer(text)]
        k = bisect_right(newlines, offset - 1)
        if k == 0:
            return base_line, base_column + offset
        return base_line + k, offset - newlines[k - 1]

    def locate(start: int, end: int) -> tuple[int, int, int, int]:
        line, column = position(start)
        end_line, end_column = position(end - 1)
        return line, column, end_line, end_column + 1
    return locate
