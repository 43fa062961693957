"""The QA engine: the checks of a German source against its English edition, segment by segment.

Its monolingual part is the linter (:class:`termguard.lint.check.Checker` on the English side,
with ``lint --lang en``'s rules); the bilingual checks below add what only a comparison with the
source can see. Every finding is a :class:`termguard.lint.Finding` with a code of the one rules
table (``lint/rules.yaml``), so ``check``, ``lint`` and ``translate`` report alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from termguard.lint.check import Checker
from termguard.lint.document import Document, Segment
from termguard.lint.finding import Finding
from termguard.lint.quotes import find_quotes
from termguard.lint.settings import LintSettings
from termguard.locales import _
from termguard.model import Match
from termguard.qa.align import Bead, align_lengths
from termguard.qa.markup import compare_markup, link_urls
from termguard.qa.numbers import Quantity, compare_quantities, english_quantities, german_quantities
from termguard.qa.words import WORD, english_words, form_pattern, german_only, glued_words, is_english_word

__all__ = ["Unit", "QAEngine", "sentence_beads"]

_PLAIN = frozenset({"preferred", "admitted"})
#: An edition this many times longer than its source (plus 40 characters) is a decoding run-away.
_RUNAWAY = 3
_GERMAN_MARKS = re.compile("[\u201e\u00bb\u00ab\u201a]|(?<=\\d) %")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÄÖÜ][\w’'-]*[^\W\d_]")
_MASK = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<[^<>\n]*>|https?://\S+|`[^`\n]*`")


@dataclass
class Unit:
    """One aligned pair: a source text and its edition text, and where the edition text stands.

    ``line``/``column`` are the target text's first character in ``path`` (the edition, the PO
    file or the XLIFF file); ``positions`` gives each target character's (line, column) where
    the text does not run on as written (PO strings). ``suppress`` holds code prefixes switched
    off for this unit by inline comments.
    """

    source: str
    target: str
    path: str = "<edition>"
    line: int = 1
    column: int = 1
    source_line: int = 1
    positions: Sequence[tuple[int, int]] | None = None
    suppress: frozenset[str] = frozenset()
    #: ``paragraph`` (sentences are aligned inside it) or ``segment`` (a sentence or a catalog entry).
    level: str = "paragraph"
    #: Concepts named anywhere in the source document: a target name they cover is no invention.
    context: frozenset[str] = frozenset()
    #: Bilingual finding kinds not to raise (translate leaves typography to a later stage).
    skip: frozenset[str] = frozenset()
    extra: dict[str, Any] = field(default_factory=dict)

    def locate(self, start: int, end: int) -> tuple[int, int, int, int]:
        """1-based (line, column, end_line, end_column) of ``target[start:end]``."""
        if self.positions is not None and self.positions:
            last = len(self.positions) - 1
            line, column = self.positions[min(max(start, 0), last)]
            end_line, end_column = self.positions[min(max(end - 1, 0), last)]
            return line, column, end_line, end_column + 1
        head = self.target[:start]
        line = self.line + head.count("\n")
        column = start - head.rfind("\n") if "\n" in head else self.column + start
        tail = self.target[:max(end, start + 1)]
        end_line = self.line + tail.count("\n")
        end_column = (len(tail) - tail.rfind("\n")) if "\n" in tail else self.column + len(tail)
        return line, column, end_line, end_column


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group(0)) for m in WORD.finditer(text))


def _mask(text: str) -> str:
    """Link destinations, tags, URLs and code blanked out (same offsets): their digits and words
    are not the text's."""
    return _MASK.sub(lambda m: " " * len(m.group(0)), text)


@lru_cache(maxsize=8192)
def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    from termguard.translate.segment import split_sentences

    return split_sentences(text, lang=lang) or ([(0, len(text))] if text.strip() else [])


def _digits(text: str) -> frozenset[str]:
    return frozenset(re.sub(r"[.,\u202f\u00a0 ]", "", d) for d in re.findall(r"\d[\d.,\u202f\u00a0]*\d|\d", text))


def sentence_beads(source: str, target: str, source_anchors: Callable[[str], frozenset[str]] | None = None,
                   target_anchors: Callable[[str], frozenset[str]] | None = None
                   ) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[Bead]]:
    """The sentences of ``source`` (German) and ``target`` (English) and their alignment."""
    src = _sentences(source, "de")
    tgt = _sentences(target, "en")
    if len(src) == len(tgt):
        return src, tgt, [Bead((k,), (k,)) for k in range(len(src))]
    anchors_s = [(source_anchors or _digits)(source[s:e]) for s, e in src]
    anchors_t = [(target_anchors or _digits)(target[s:e]) for s, e in tgt]
    beads = align_lengths([e - s for s, e in src], [e - s for s, e in tgt], None, 30, anchors_s, anchors_t)
    return src, tgt, beads


class QAEngine:
    """The checks, with one compiled matcher and one rules table; holds no per-document state.

    ``termbase`` is a loaded :class:`termguard.glossary.Termbase`; ``settings`` the lint settings
    (rule selection, severities, per-file ignores) that ``check`` shares with ``lint``.
    """

    def __init__(self, termbase: Any, settings: LintSettings | None = None, target_locale: str = "en_US") -> None:
        self.termbase = termbase
        self.matcher = _RecentMatches(termbase.matcher)
        self.settings = settings or LintSettings()
        self.rules = self.settings.rules
        self.checker = Checker(self.matcher, self.rules, self.settings.ignored_codes)
        self.target_locale = target_locale
        self._sources: dict[str, tuple[list[Quantity], list[Match]]] = {}

    # --- findings --------------------------------------------------------------------------------

    def finding(self, unit: Unit, kind: str, start: int, end: int, fields: Mapping[str, Any], *,
                surface: str = "", concept: str | None = None, suggestion: str | None = None,
                note: str | None = None, quoted: bool = False) -> Finding | None:
        """The finding of rule ``kind`` at ``unit.target[start:end]``, or None if the rule is off
        there (selection, per-file ignores, inline suppression)."""
        rule = self.rules.for_kind(kind)
        code = rule.code
        if not self.rules.enabled(code) or any(code.startswith(p) for p in unit.suppress):
            return None
        if any(code.startswith(p) for p in self.settings.ignored_codes(unit.path)):
            return None
        line, column, end_line, end_column = unit.locate(start, end)
        values = {"surface": surface, "concept": concept or "", "term": "", "lang": "English", "first": "",
                  "first_line": "", "detail": "", "source": "", "source_line": unit.source_line, **fields}
        return Finding(path=unit.path, line=line, column=column, end_line=end_line, end_column=end_column,
                       code=code, rule=rule.name, severity=self.rules.severity(code),
                       message=rule.format_message(values, suggestion), surface=surface, concept=concept,
                       suggestion=suggestion, note=note, quoted=quoted, lang="en")

    def not_superseded(self, linted: Iterable[Finding], bilingual: Iterable[Finding]) -> Iterator[Finding]:
        """The monolingual findings ``linted`` that no finding of ``bilingual`` already reports at
        the same place (rules.yaml's ``supersedes``: a German `USA` left in the edition is one
        TG301, not also a TG105)."""
        covered = {(f.path, f.line, f.column, code) for f in bilingual for code in self.rules[f.code].supersedes}
        return (f for f in linted if (f.path, f.line, f.column, f.code) not in covered)

    def lint_target(self, units: Sequence[Unit]) -> list[Finding]:
        """``lint --lang en`` on the edition side of ``units`` (one document: consistency spans them)."""
        if not units:
            return []
        # Code spans, URLs and tags blanked out (same offsets), as lint does in Markdown.
        segments = [Segment(_mask(u.target), "en", u.line, u.column, u.positions,
                            suppressions=_line_suppressions(u)) for u in units if u.target.strip()]
        return self.checker.check(Document(units[0].path, "text", segments))

    def anchors(self, text: str) -> frozenset[str]:
        """What pins a paragraph or sentence to its translation: its numbers and the termbase
        concepts it names (the same in German and English)."""
        return frozenset(m.concept.id for m in self.matcher.find(text)) | _digits(text)

    # --- one unit ------------------------------------------------------------------------------

    def check_unit(self, unit: Unit, lint: bool = True) -> list[Finding]:
        """Every finding of one aligned pair: the bilingual checks, then (with ``lint``) the
        monolingual ones on its target; sorted by position."""
        out: list[Finding] = []

        def emit(finding: Finding | None) -> None:
            if finding is not None:
                out.append(finding)

        source, target = unit.source, unit.target
        if not source.strip():
            return out
        if not target.strip():
            emit(self.finding(unit, "empty-target", 0, 0, {"source": _short(source)}))
            return out
        if _normal(source) == _normal(target) and _has_words(source):
            emit(self.finding(unit, "identical", 0, len(target), {"source": _short(source)}))
            return out
        if len(target) > _RUNAWAY * len(source) + 40:
            emit(self.finding(unit, "runaway", 0, len(target), {"detail": f"{len(target) / len(source):.0f}"}))
        source_quantities, source_matches = self._source(source)
        target_quantities = english_quantities(_mask(target))
        # "US" in "US-Dollar" is part of an amount, not the country.
        amounts_t = [(q.start, q.end) for q in target_quantities if q.kind == "money"]
        target_matches = [m for m in self.matcher.find(_mask(target)) if not _overlaps(m.start, m.end, amounts_t)]
        covered: list[tuple[int, int]] = [(m.start, m.end) for m in target_matches]
        self._check_terms(unit, source_matches, target_matches, emit)
        self._check_numbers(unit, source_quantities, target_quantities, emit)
        german_spans = self._check_german(unit, covered, emit)
        glued = self._check_glued(unit, emit)
        self._check_names(unit, covered + german_spans + glued, emit)
        self._check_quotes(unit, emit)
        for problem in compare_markup(source, target):
            emit(self.finding(unit, problem.kind, problem.start, problem.end, {"detail": problem.detail},
                              surface=target[problem.start:problem.end]))
        if unit.level == "paragraph":
            self._check_sentences(unit, source_matches, target_matches, emit)
        if lint:
            out.extend(self.not_superseded(self.lint_target([unit]), out))
        out.sort(key=lambda f: (f.line, f.column, f.code))
        return out

    def _source(self, source: str) -> tuple[list[Quantity], list[Match]]:
        """The source's quantities and termbase matches, computed once per source text (translate
        checks several hypotheses of one sentence)."""
        cached = self._sources.get(source)
        if cached is None:
            masked = _mask(source)
            for url in link_urls(source):
                masked = masked.replace(url, " " * len(url))
            quantities = german_quantities(masked, self.target_locale)
            amounts = [(q.start, q.end) for q in quantities if q.kind == "money"]
            matches = [m for m in self.matcher.find(masked) if not _overlaps(m.start, m.end, amounts)]
            if len(self._sources) > 4096:
                self._sources.clear()
            cached = self._sources[source] = (quantities, matches)
        return cached

    def source_matches(self, source: str) -> list[Match]:
        """The termbase matches of a source text that the checks count (amounts' ``US`` aside)."""
        return self._source(source)[1]

    # --- terms ---------------------------------------------------------------------------------

    def term_tally(self, source: str, target: str) -> tuple[int, int]:
        """(source term occurrences the target renders right, source term occurrences): right means
        what TG301 and TG302 demand, the preferred English form as a word once per occurrence and a
        loaded term quoted where the source quoted it. The benchmark's term accuracy.

        >>> from termguard.qa import engine_for
        >>> engine_for().term_tally("Paschinjan traf Alijew. Paschinjan ging.", "Pashinyan met Aliev. He left.")
        (1, 3)
        """
        tally = [0, 0]
        amounts = [(q.start, q.end) for q in english_quantities(_mask(target)) if q.kind == "money"]
        target_matches = [m for m in self.matcher.find(_mask(target)) if not _overlaps(m.start, m.end, amounts)]
        self._check_terms(Unit(source, target, level="segment"), self._source(source)[1], target_matches,
                          lambda finding: None, tally)
        return tally[0], tally[1]

    def _check_terms(self, unit: Unit, source_matches: list[Match], target_matches: list[Match],
                     emit: Callable[[Finding | None], None], tally: list[int] | None = None) -> None:
        from termguard.translate.protect import term_target

        source, target = unit.source, unit.target
        source_quotes = find_quotes(source)
        target_quotes = find_quotes(target)
        wanted: dict[str, list[tuple[Match, str, bool]]] = {}
        for m in source_matches:
            form = term_target(m, "en")
            if form is None:
                continue
            loaded = m.term.status == "loaded" or _renders_loaded(m)
            wanted.setdefault(m.concept.id, []).append((m, form, loaded and m.start in source_quotes))
        # Edition matches by concept, right form first.
        said: dict[str, list[Match]] = {}
        for t in target_matches:
            said.setdefault(t.concept.id, []).append(t)
        used: set[int] = set()
        for concept_id, occurrences in wanted.items():
            forms = {form.casefold() for _, form, _ in occurrences}
            good = [t for t in said.get(concept_id, []) if _right_form(t, forms)]
            # A compound whose head the matcher took as another concept ("Zangezur corridor" for
            # "Sangesurkorridor", matched as syunik + head): its words still say the form.
            good += [t for t in target_matches if t.concept.id != concept_id and id(t) not in used
                     and any(f.strip("“”") in t.surface.casefold() and _says(t.surface, f) for f in forms)]
            for t in good:
                used.add(id(t))
            missing = len(occurrences) - len(good)
            unquoted = 0
            taken: set[int] = set()
            for m, english, quoted_in_source in sorted(occurrences, key=lambda o: -len(o[1])):
                # Longest forms first, each to its own edition occurrence ("Western Zangezur"
                # before "Zangezur").
                faithful = [t for t in good if id(t) not in taken and _says(t.surface, english)]
                if not faithful:
                    continue
                t = min(faithful, key=lambda c: (c.surface.casefold() != english.strip("“”").casefold(), c.start))
                taken.add(id(t))
                if quoted_in_source and t.start not in target_quotes:
                    unquoted += 1
                    emit(self.finding(unit, "loaded-unquoted", t.start, t.end,
                                      {"source": m.surface, "concept": concept_id, "term": english, "detail": ""},
                                      surface=t.surface, concept=concept_id, note=m.concept.note or None))
            if tally is not None:
                tally[0] += min(len(good), len(occurrences)) - unquoted
                tally[1] += len(occurrences)
            if missing <= 0:
                continue
            m, english, _said = occurrences[0]
            wrong = [t for t in said.get(concept_id, []) if t not in good]
            detail = ""
            if wrong:
                t = wrong[0]
                status = t.term.status if t.term.lang == "en" else f"{_LANGUAGE.get(t.term.lang, t.term.lang)}"
                detail = _("; it has the {status} form `{surface}`").format(status=status, surface=t.surface)
            elif len(occurrences) > 1:
                detail = " " + _("({n} of {total} occurrences)").format(n=len(good), total=len(occurrences))
            start, end = (wrong[0].start, wrong[0].end) if wrong else _sentence_of(unit, m.start)
            emit(self.finding(unit, "term-missing", start, end,
                              {"source": m.surface, "concept": concept_id, "term": english.strip("“”"),
                                "detail": detail},
                              surface=target[start:end] if wrong else "", concept=concept_id,
                              suggestion=english.strip("“”")))
        source_concepts = set(wanted) | set(unit.context)
        source_stems = _stems(source)
        forms_in_source = [form.strip("“”") for occ in wanted.values() for _, form, _ in occ]
        for t in target_matches:
            if t.concept.id in source_concepts or id(t) in used:
                continue
            if any(_says(t.surface, f) or _says(f, t.surface) for f in forms_in_source):
                continue
            if _CAPITALISED.fullmatch(t.surface) is None and t.surface.islower():
                continue  # a lower-case common word that happens to be a term
            if _stem_in(t.concept, source_stems):
                continue  # "Armenian" for "armenische": an adjective of a name the source has
            emit(self.finding(unit, "invented-term", t.start, t.end, {"concept": t.concept.id},
                              surface=t.surface, concept=t.concept.id))

    # --- numbers -------------------------------------------------------------------------------

    def _check_numbers(self, unit: Unit, source: list[Quantity], target: list[Quantity],
                       emit: Callable[[Finding | None], None]) -> None:
        # A month name the source has too is a name ("Theresa May"), not a date the edition added.
        target = [q for q in target if not (q.kind == "date" and q.value[0] is None and q.value[2] is None
                                            and form_pattern(q.text).search(unit.source))]
        for mismatch in compare_quantities(source, target):
            if mismatch.target is not None:
                start, end = mismatch.target.start, mismatch.target.end
            else:
                assert mismatch.source is not None
                start, end = _sentence_of(unit, mismatch.source.start)
            emit(self.finding(unit, "number", start, end, {"detail": mismatch.detail},
                              surface=unit.target[start:end] if mismatch.target is not None else ""))

    # --- German left in English ----------------------------------------------------------------

    def _check_german(self, unit: Unit, covered: list[tuple[int, int]],
                      emit: Callable[[Finding | None], None]) -> list[tuple[int, int]]:
        if "german-words" in unit.skip:
            return []
        target = _mask(unit.target)
        source_words = {w for _, _, w in _words(unit.source)}
        flagged: list[tuple[int, int]] = []
        loose: list[tuple[int, int, str]] = []
        for start, end in _sentences(target, "en"):
            words = [(s + start, e + start, w) for s, e, w in _words(target[start:end])]
            german = [(s, e, w) for s, e, w in words if not _inside(s, e, covered) and german_only(w)]
            if len(german) >= 3 and 2 * len(german) >= len(words):
                flagged.append((start, end))
                emit(self.finding(unit, "german-sentence", start, end, {}, surface=unit.target[start:end]))
            else:
                # A capitalised word is a name ("Dhabi", "Lars") unless it looks like a German noun.
                loose.extend((s, e, w) for s, e, w in german if not w[0].isupper() or _german_noun(w, source_words))
        if loose:
            start, end = loose[0][0], loose[0][1]
            listed = ", ".join(f"`{w}`" for w in dict.fromkeys(w for _, _, w in loose))
            emit(self.finding(unit, "german-words", start, end, {"detail": listed}, surface=loose[0][2]))
        return flagged + [(s, e) for s, e, _ in loose]

    # --- names the source does not have --------------------------------------------------------

    def _check_names(self, unit: Unit, covered: list[tuple[int, int]],
                     emit: Callable[[Finding | None], None]) -> None:
        if not english_words():
            return
        from rapidfuzz import fuzz

        source_words = [w for _, _, w in _words(unit.source) if len(w) >= 3]
        lowered = {w.lower() for w in source_words}
        target = _mask(unit.target)
        for m in _CAPITALISED.finditer(target):
            word = m.group(0).rstrip("'’").removesuffix("'s").removesuffix("’s")
            if len(word) < 3 or _inside(m.start(), m.end(), covered) or is_english_word(word):
                continue
            if word.lower() in lowered or (word.isupper() and len(word) <= 5):
                continue
            if any(fuzz.ratio(word.lower(), w.lower()) >= 60 or fuzz.partial_ratio(word.lower(), w.lower()) >= 80
                   for w in source_words if w[:1].isupper() or len(w) > 5):
                continue
            emit(self.finding(unit, "invented-name", m.start(), m.start() + len(word), {}, surface=word))

    # --- typography and boundaries -------------------------------------------------------------

    def _check_glued(self, unit: Unit, emit: Callable[[Finding | None], None]) -> list[tuple[int, int]]:
        target = _mask(unit.target)
        source = unit.source
        last_end = -1
        spans = []
        for start, end, why in glued_words(target):
            if start < last_end or unit.target[start:end] in source:
                continue
            last_end = end
            spans.append((start, end))
            emit(self.finding(unit, "glued", start, end, {"detail": why}, surface=unit.target[start:end]))
        return spans

    def _check_quotes(self, unit: Unit, emit: Callable[[Finding | None], None]) -> None:
        target = _mask(unit.target)
        if _balanced(_mask(unit.source), german=True) and not _balanced(target, german=False):
            emit(self.finding(unit, "unbalanced-quotes", 0, len(target), {"detail": ""}))
        if "german-quotes" in unit.skip:
            return
        marks = list(_GERMAN_MARKS.finditer(target))
        if marks:
            first = marks[0]
            detail = " " + _("({n} in this paragraph)").format(n=len(marks)) if len(marks) > 1 else ""
            emit(self.finding(unit, "german-quotes", first.start(), first.end(), {"detail": detail},
                              surface=first.group(0)))

    # --- sentences inside a paragraph ----------------------------------------------------------

    def _check_sentences(self, unit: Unit, source_matches: list[Match], target_matches: list[Match],
                         emit: Callable[[Finding | None], None]) -> None:
        def anchors(matches: list[Match], offset: int, text: str) -> frozenset[str]:
            ids = {m.concept.id for m in matches if offset <= m.start < offset + len(text)}
            return frozenset(ids) | _digits(text)  # as QAEngine.anchors, from the matches at hand

        src, tgt, beads = sentence_beads(unit.source, unit.target)
        if len(src) == len(tgt):
            return
        anchors_s = [anchors(source_matches, s, unit.source[s:e]) for s, e in src]
        anchors_t = [anchors(target_matches, s, unit.target[s:e]) for s, e in tgt]
        beads = align_lengths([e - s for s, e in src], [e - s for s, e in tgt], None, 30, anchors_s, anchors_t)
        for bead in beads:
            if bead.source and not bead.target:
                s, e = src[bead.source[0]]
                at = _target_near(beads, bead, tgt, len(unit.target))
                emit(self.finding(unit, "missing-sentence", at, at, {"source": _short(unit.source[s:e])}))
            elif bead.target and not bead.source:
                s, e = tgt[bead.target[0]]
                emit(self.finding(unit, "extra-sentence", s, e, {}, surface=_short(unit.target[s:e])))


# --- helpers -----------------------------------------------------------------------------------

class _RecentMatches:
    """The termbase matcher, remembering its last few texts: the bilingual checks and lint's
    checks of one target ask for the same text's matches (translate asks per hypothesis)."""

    __slots__ = ("_matcher", "_recent")

    def __init__(self, matcher: Any) -> None:
        self._matcher = matcher
        self._recent: dict[str, list[Match]] = {}

    def find(self, text: str) -> list[Match]:
        found = self._recent.get(text)
        if found is None:
            if len(self._recent) >= 8:
                self._recent.pop(next(iter(self._recent)))
            found = self._recent[text] = self._matcher.find(text)
        return found


_LANGUAGE = {"de": "German", "ru": "Russian", "en": "English"}


def _renders_loaded(match: Match) -> bool:
    try:
        return match.concept.rendering(match.term, "en").status == "loaded"
    except LookupError:
        return False


def _right_form(match: Match, forms: set[str]) -> bool:
    """A target match in the preferred English form (or the faithful loaded form expected)."""
    term = match.term
    if term.lang == "en" and term.status in _PLAIN:
        return True
    surface = match.surface.casefold()
    return any(_says(surface, f) for f in forms) and (term.lang == "en" or term.status in _PLAIN)


def _says(text: str, form: str) -> bool:
    """``form`` stands in ``text`` as whole words (translate.verify.contains_form)."""
    return form_pattern(form.strip("“”")).search(text) is not None


_NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tum", "nis", "chen", "lein", "ismus", "ität", "ierung")


def _german_noun(word: str, source_words: set[str]) -> bool:
    """A capitalised German-list word that reads as a German noun rather than a name: umlauts or
    ß, a German noun ending, or a long compound; and it stands in the source (copied over)."""
    return word in source_words and (any(c in word for c in "äöüßÄÖÜ") or word.endswith(_NOUN_ENDINGS)
                                     or len(word) >= 12)


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """The first five letters of each word of five letters or more (a poor man's stemmer)."""
    return frozenset(w.casefold()[:5] for _, _, w in _words(text) if len(w) >= 5)


def _stem_in(concept: Any, stems: frozenset[str]) -> bool:
    """True if a German or English term of ``concept`` shares its first five letters with a source word."""
    return any(len(t.text) >= 5 and t.text.casefold()[:5] in stems for t in concept.terms if t.lang in ("de", "en"))


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _has_words(text: str) -> bool:
    words = [w for _, _, w in _words(text)]
    if any(german_only(w) for w in words):
        return True
    return len(words) >= 4


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sentence_of(unit: Unit, source_offset: int) -> tuple[int, int]:
    """Where to point for something of the source at ``source_offset`` that the edition lacks:
    the edition sentence at the same relative position."""
    target = unit.target
    if not target:
        return 0, 0
    src = _sentences(unit.source, "de")
    tgt = _sentences(target, "en")
    if src and tgt:
        k = next((i for i, (s, e) in enumerate(src) if s <= source_offset < e), 0)
        k = min(int(k * len(tgt) / len(src)), len(tgt) - 1)
        return tgt[k]
    return 0, len(target)


def _target_near(beads: list[Bead], bead: Bead, tgt: list[tuple[int, int]], length: int) -> int:
    """The target offset just after the sentences aligned before ``bead``."""
    position = beads.index(bead)
    for earlier in reversed(beads[:position]):
        if earlier.target:
            return tgt[earlier.target[-1]][1]
    return 0


def _balanced(text: str, german: bool) -> bool:
    """Whether the double quotation marks of ``text`` pair up."""
    if text.count('"') % 2:
        return False
    if not german and ("\u201e" in text or "\u00bb" in text):
        from termguard.translate.localize import localize_typography

        text = localize_typography(text)  # German marks are TG331's; here only whether they pair up
    if german:
        opening = text.count("\u201e") + text.count("\u00bb")
        closing = text.count("\u201c") + text.count("\u00ab")
        if opening and opening == closing:
            return True
        return text.count("\u201c") == text.count("\u201d") and opening == closing
    return text.count("\u201c") == text.count("\u201d") and text.count("\u00bb") == text.count("\u00ab")


def _line_suppressions(unit: Unit) -> dict[int, frozenset[str]]:
    from termguard.lint.document import parse_suppressions

    found = parse_suppressions(unit.target, unit.line)
    if unit.suppress:
        lines = {p[0] for p in unit.positions} if unit.positions else set(range(unit.line, unit.line
                                                                                   + unit.target.count("\n") + 1))
        for line in lines:
            found[line] = found.get(line, frozenset()) | unit.suppress
    return found


def count_codes(findings: Iterable[Finding]) -> Counter[str]:
    """Findings per rule code."""
    return Counter(f.code for f in findings)
