"""Checking a translated segment: every protected span came back, every concept in its English form."""

from __future__ import annotations

import re

from termguard.translate.document import Failure, Placeholder, Segment
from termguard.translate.restore import restore

__all__ = ["verify", "expected_form", "contains_form", "says_form", "missing_numbers", "invented_numbers"]

#: An output this many times longer than its source is a decoding run-away, not a translation.
_RUNAWAY = 3
#: Numbers of every size must come through (counts, amounts, years, "99 Jahre"): NMT models garble
#: long digit strings ("5593" → "593") and drop short ones. A number of up to twelve may be a word
#: on either side ("12 Autos" → "twelve cars", "zwei Beamte" → "2 officials"): see _WORDS.
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+(?![\w])|(?<![\w.,])\d+(?![\w])")
_WORDS = {
    "0": ("zero", "null"), "1": ("one", "eins"), "2": ("two", "zwei"), "3": ("three", "drei"),
    "4": ("four", "vier"), "5": ("five", "fünf"), "6": ("six", "sechs"), "7": ("seven", "sieben"),
    "8": ("eight", "acht"), "9": ("nine", "neun"), "10": ("ten", "zehn"), "11": ("eleven", "elf"),
    "12": ("twelve", "zwölf"),
}
_WORD_DIGITS = {word: digits for digits, words in _WORDS.items() for word in words}
_NUMBER_WORD = re.compile(r"(?<![\w-])(" + "|".join(_WORD_DIGITS) + r")(?![\w-])", re.IGNORECASE)
#: "um 14 Uhr" may come out as "at 2 pm".
_HOUR = re.compile(r"\s*Uhr\b")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _numbers_said(text: str) -> set[str]:
    """The digits of every number in ``text``, and of every number word up to twelve."""
    said = {_digits(m.group(0)) for m in _NUMBER.finditer(text)}
    return said | {_WORD_DIGITS[m.group(1).lower()] for m in _NUMBER_WORD.finditer(text)}


def missing_numbers(segment: Segment, output: str) -> list[str]:
    """Numbers in the source, outside protected spans, not in ``output`` (as digits, or as a
    word up to twelve).

    >>> from termguard.translate.document import Segment
    >>> missing_numbers(Segment("Mit 5593 Beamten und 12 Autos."), "With 593 officials and twelve cars.")
    ['5593']
    >>> missing_numbers(Segment("Mit 5593 Beamten."), "With 5,593 officials.")
    []
    >>> missing_numbers(Segment("Der Vertrag läuft 99 Jahre."), "The treaty runs for years.")
    ['99']
    """
    spans = [(p.start, p.end) for p in segment.placeholders]
    said = _numbers_said(output)
    missing = []
    for m in _NUMBER.finditer(segment.source):
        if any(start < m.end() and m.start() < end for start, end in spans):
            continue
        digits = _digits(m.group(0))
        if digits in said:
            continue
        if _HOUR.match(segment.source, m.end()) and 12 < int(digits) < 24 and str(int(digits) - 12) in said:
            continue
        missing.append(m.group(0))
    return missing


def invented_numbers(segment: Segment, output: str) -> list[str]:
    """Numbers in ``output`` that neither the source (as digits, or as a word up to twelve) nor a
    protected span's English form has.

    >>> from termguard.translate.document import Segment
    >>> invented_numbers(Segment("Mit 5593 Beamten."), "With 593 officials and 5593 cars.")
    ['593']
    >>> invented_numbers(Segment("Mit zwei Beamten."), "With 2 officials in 8 cars.")
    ['8']
    """
    known = _numbers_said(segment.source)
    for p in segment.placeholders:
        known |= _numbers_said(p.restored)
    for m in _NUMBER.finditer(segment.source):  # "14 Uhr" said as "2 pm"
        if _HOUR.match(segment.source, m.end()) and 12 < int(_digits(m.group(0))) < 24:
            known.add(str(int(_digits(m.group(0))) - 12))
    return [m.group(0) for m in _NUMBER.finditer(output) if _digits(m.group(0)) not in known]


def expected_form(placeholder: Placeholder) -> str:
    """The form that must stand in the output (a genitive ``'s`` is English grammar, not the term)."""
    target = placeholder.target.replace("“", "").replace("”", "")
    for ending in ("'s", "'"):
        if placeholder.kind == "term" and target.endswith(ending) and not placeholder.source.endswith(ending):
            return target[: -len(ending)]
    return target


def says_form(placeholder: Placeholder, text: str) -> bool:
    """True if ``text`` already holds the English form of a term, name or format span (whether
    restored from its token or written by the engine itself)."""
    return placeholder.kind in ("term", "name", "localized") and placeholder.inner is None \
        and contains_form(text, expected_form(placeholder))


def contains_form(text: str, form: str) -> bool:
    """True if ``form`` stands in ``text`` as a whole word sequence (case and hyphen/space tolerant).

    >>> contains_form("Pashinyan's government", "Pashinyan"), contains_form("Pashinyans plan", "Pashinyan")
    (True, False)
    >>> contains_form("the Nagorno Karabakh region", "Nagorno-Karabakh")
    True
    """
    if not form:
        return True
    parts = [re.escape(p) for p in re.split(r"[\s\-‐‑–]+", form) if p]
    pattern = r"(?<![\w])" + r"[\s\-‐‑–]+".join(parts) + r"(?![^\W_])"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def _quote(text: str, form: str) -> str:
    """Put the first occurrence of ``form`` in English quotation marks."""
    parts = [re.escape(p) for p in re.split(r"[\s\-‐‑–]+", form) if p]
    pattern = r"(?<![\w])(" + r"[\s\-‐‑–]+".join(parts) + r")(?![^\W_])"
    return re.sub(pattern, lambda m: f"“{m.group(1)}”", text, count=1, flags=re.IGNORECASE)


def _unquoted(text: str, form: str) -> bool:
    """True if ``form`` stands in ``text`` once outside quotation marks: a loaded name the engine
    repeated in its own voice ("the “Zangezur corridor” ... the Zangezur corridor").

    >>> _unquoted("the “Zangezur corridor” and the Zangezur corridor", "Zangezur corridor")
    True
    >>> _unquoted("the “Zangezur corridor” and ‘Zangezur corridor’, “as the Zangezur corridor”", "Zangezur corridor")
    False
    """
    parts = [re.escape(p) for p in re.split(r"[\s\-‐‑–]+", form) if p]
    pattern = r"(?<![\w])" + r"[\s\-‐‑–]+".join(parts) + r"(?![^\W_])"
    for m in re.finditer(pattern, text, flags=re.IGNORECASE):
        before, after = text[:m.start()], text[m.end():]
        marked = before[-1:] in ("“", "‘", '"', "'") or after[:1] in ("”", "’", '"', "'")
        inside = before.count("“") > before.count("”") or before.count('"') % 2 == 1
        if not (marked or inside):
            return True
    return False


def verify(segment: Segment, hypothesis: str, matcher=None, target_lang: str = "en"  # type: ignore[no-untyped-def]
           ) -> tuple[str, list[Failure]]:
    """Restore ``hypothesis`` for ``segment`` and list what is wrong with it.

    Checks: each token back exactly once (or its English form written by the engine itself), no
    invented tokens, no run-away, every number carried over and none made up, each
    term/name/format in its expected English form, and (with a ``matcher``) no deprecated
    ``target_lang`` form left.
    """
    restored = restore(hypothesis, segment.placeholders)
    failures: list[Failure] = []
    written_by_engine: list[Placeholder] = []
    for p in restored.missing:
        if says_form(p, restored.text):
            written_by_engine.append(p)  # the engine wrote the form itself instead of the token
            continue
        failures.append(Failure(f"placeholder {p.token} ({p.kind}) dropped by the engine", p.concept_id,
                                p.restored if p.inner is None else None, p.source))
    for p in restored.duplicated:
        failures.append(Failure(f"placeholder {p.token} ({p.kind}) repeated by the engine; kept once",
                                p.concept_id, p.target, p.source))
    for token in restored.unknown:
        failures.append(Failure(f"engine produced an unknown token {token}; removed"))
    text = restored.text
    if len(text) > _RUNAWAY * len(segment.source) + 40:
        failures.append(Failure(f"output is {len(text) / max(len(segment.source), 1):.0f}x as long as the source "
                                "(the engine repeated itself)"))
    for number in missing_numbers(segment, text):
        failures.append(Failure(f"number {number} missing from the output", source=number))
    for number in invented_numbers(segment, text):
        failures.append(Failure(f"number {number} in the output is not in the source"))
    for p in segment.placeholders:
        if (p.token and p not in written_by_engine) or p.kind == "code":
            continue
        form = expected_form(p)
        if not contains_form(text, form):
            failures.append(Failure(f"{p.kind} not rendered as {form!r}", p.concept_id, form, p.source))
        elif p.target.startswith("“") and f"“{form}" not in text:
            text = _quote(text, form)  # a loaded term whose quotation marks the engine dropped
    for form, concept_id, source in {(expected_form(p), p.concept_id, p.source) for p in segment.placeholders
                                     if p.kind == "term" and p.target.startswith("“")}:
        if _unquoted(text, form):
            failures.append(Failure(f"loaded form {form!r} outside quotation marks (in the edition's own voice)",
                                    concept_id, f"“{form}”", source))
    if matcher is not None:
        expected = {p.concept_id for p in segment.placeholders if p.kind == "term"}
        forms = [expected_form(p).casefold() for p in segment.placeholders if p.kind == "term"]
        for m in matcher.find(text):
            if any(f and f in m.surface.casefold() for f in forms):
                continue  # "Zangezur corridor" for a source "Sangesurkorridor" (syunik + head)
            if m.term.lang == target_lang and m.term.status == "deprecated":
                failures.append(Failure(f"deprecated form {m.surface!r} in the output", m.concept.id,
                                        _preferred(m), m.surface))
            elif (m.term.lang == target_lang and m.term.status == "loaded" and m.concept.id not in expected):
                failures.append(Failure(f"loaded form {m.surface!r} in the output but not in the source",
                                        m.concept.id, _preferred(m), m.surface))
    return text, failures


def _preferred(match) -> str | None:  # type: ignore[no-untyped-def]
    term = match.concept.preferred(match.term.lang)
    return term.text if term else None
