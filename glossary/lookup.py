"""Looking a name up in the termbase by any spelling, inflection, script or small typo."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from termguard.glossary.normalize import fold_term
from termguard.glossary.termbase import Termbase
from termguard.model import Concept, Term

__all__ = ["LookupHit", "LookupAnswer", "lookup", "name_similarity", "phonetic_key", "FUZZY_CUTOFF"]

#: A fuzzy candidate scoring at least this (0-100, see :func:`name_similarity`) is taken for the
#: name (exit 0); calibrated on tests/glossary/data/fuzzy_lookup.tsv, a labelled set of true typos and
#: spelling variants and of different names that merely look alike (``python bench/lookup_calibration.py``
#: prints the table; docs/termbase.md has the numbers).
FUZZY_CUTOFF = 76.0
#: Candidates between this and FUZZY_CUTOFF are only suggestions ("Did you mean", exit 1).
SUGGEST_CUTOFF = 55.0

# Spelling differences that transliteration makes between the same name (Lawrow/Lavrov,
# Gjumri/Gyumri, Sacharowa/Zakharova): folded away before letters are compared, so they cost
# nothing, while a changed letter that is not a transliteration variant costs a full edit.
_PHONETIC = [("tsch", "ch"), ("dsch", "j"), ("sch", "sh"), ("kh", "h"), ("ch", "h"), ("zh", "j"), ("sh", "s"),
             ("ph", "f"), ("ck", "k"), ("w", "v"), ("y", "i"), ("j", "i"), ("c", "k"), ("z", "s"), ("ou", "u"),
             ("ß", "ss"), ("-", ""), (" ", ""), ("'", "")]


_VOWELS = frozenset("aeiouäöüəı")


def phonetic_key(folded: str) -> str:
    """A folded name with transliteration variants merged (for typo-tolerant comparison).

    >>> phonetic_key("lawrow") == phonetic_key("lavrov"), phonetic_key("sacharowa") == phonetic_key("zakharova")
    (True, True)
    """
    key = folded
    for old, new in _PHONETIC:
        key = key.replace(old, new)
    return key.removesuffix("f") + "v" if key.endswith("f") else key


def name_similarity(query_key: str, form_key: str, **_: Any) -> float:
    """How likely ``query_key`` is a misspelling of ``form_key`` (phonetic keys), 0-100.

    The Damerau-Levenshtein similarity, less 10 when the last letters differ (unless the last two are
    swapped), 15 when the first do and 8 for each consonant replaced by another inside the name: a
    typo seldom touches a name's ends, while a different name that looks alike usually has another
    ending (Trumpf/Trump, Gori/Goris, Blinker/Blinken), beginning, or consonant (Astara/Astana).

    >>> round(name_similarity("alijv", "alijev")), round(name_similarity("blinker", "blinken"))
    (83, 76)
    """
    from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

    if not query_key or not form_key:
        return 0.0
    score = 100.0 * DamerauLevenshtein.normalized_similarity(query_key, form_key)
    # One consonant for another inside a name makes another name (Astara/Astana) more often than
    # a typo, which drops, doubles or swaps letters or slips on a vowel.
    score -= 8.0 * sum(1 for op in Levenshtein.editops(query_key, form_key)
                       if op.tag == "replace" and op.src_pos < len(query_key) - 1
                       and query_key[op.src_pos] not in _VOWELS and form_key[op.dest_pos] not in _VOWELS)
    swapped_end = len(query_key) == len(form_key) and query_key[-2:] == form_key[-2:][::-1]  # a typo
    if query_key[-1] != form_key[-1] and not swapped_end:
        score -= 10.0
    if query_key[0] != form_key[0]:
        score -= 15.0
    return max(score, 0.0)


@dataclass(frozen=True)
class LookupHit:
    """One concept a query resolved to, and how."""

    concept: Concept
    term: Term  # the termbase form the query was taken for
    how: str  # "exact", "inflected" or "fuzzy"
    score: float  # 100 for exact and inflected matches

    def as_dict(self) -> dict[str, Any]:
        c = self.concept
        pref_en, pref_de = c.preferred("en"), c.preferred("de")
        return {
            "id": c.id,
            "kind": c.kind,
            "preferred": {"en": pref_en.text if pref_en else None, "de": pref_de.text if pref_de else None},
            "matched_term": self.term.text,
            "matched_lang": self.term.lang,
            "status_of_query": self.term.status,
            "how": self.how,
            "score": round(self.score, 1),
            "contested": c.contested,
            "note": c.note,
            "terms": [{"term": t.text, "lang": t.lang, "status": t.status, "type": t.type} for t in c.terms],
            "sources": list(c.sources),
            "see_also": list(c.see_also),
        }


@dataclass
class LookupAnswer:
    """Everything ``termguard lookup`` reports for one query."""

    query: str
    hits: list[LookupHit] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    transliteration: Any = None  # termguard.translate.transliterate.Transliteration

    @property
    def found(self) -> bool:
        return bool(self.hits)

    def as_dict(self) -> dict[str, Any]:
        translit = None
        if self.transliteration is not None:
            translit = {"text": self.transliteration.text, "rules": list(self.transliteration.rules),
                        "verified": False}
        return {
            "query": self.query,
            "found": self.found,
            "matches": [h.as_dict() for h in self.hits],
            "suggestions": self.suggestions,
            "transliteration": translit,
        }


def lookup(query: str, termbase: Termbase, limit: int = 5) -> LookupAnswer:
    """Resolve ``query`` to termbase concepts: exact, then inflected, then fuzzy.

    >>> from termguard.glossary import load_termbase
    >>> answer = lookup("Paschinjans", load_termbase())
    >>> answer.hits[0].concept.preferred("en").text, answer.hits[0].how
    ('Pashinyan', 'inflected')
    >>> lookup("Xqzvw", load_termbase()).found
    False
    """
    query = query.strip()
    answer = LookupAnswer(query)
    if not query:
        return answer
    term = termbase.term_for(query)
    if term is not None:
        answer.hits.append(LookupHit(termbase[term.concept_id], term, "exact", 100.0))
        return answer
    matches = termbase.matcher.find(query)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(query):
        m = matches[0]
        answer.hits.append(LookupHit(m.concept, m.term, "inflected" if m.suffix else "exact", 100.0))
        return answer
    answer.hits.extend(_fuzzy(query, termbase, limit))
    if not answer.hits:
        # A look-alike below the calibrated cut-off is a different name until a person says otherwise.
        answer.suggestions = _suggest(query, termbase, limit)
        answer.transliteration = _transliterate(query)
    return answer


def _scored(query: str, termbase: Termbase, cutoff: float, limit: int) -> list[tuple[Term, float]]:
    from rapidfuzz import process

    choices = termbase.lookup_keys
    folded = fold_term(query)
    # Strip a German genitive or English possessive so "Paschinians" scores like "Paschinian".
    variants = {phonetic_key(v) for v in (folded, folded.removesuffix("'s"), folded.removesuffix("s")) if v}
    from rapidfuzz.distance import DamerauLevenshtein

    best: dict[str, tuple[Term, float]] = {}
    for variant in variants:
        # name_similarity never exceeds the plain similarity, so this C-level pass loses no candidate.
        near = [choice for choice, _, _ in process.extract(
            variant, choices.keys(), scorer=DamerauLevenshtein.normalized_similarity,
            score_cutoff=cutoff / 100.0, limit=None)]
        for choice, score, _ in process.extract(variant, near, scorer=name_similarity,
                                                score_cutoff=cutoff, limit=limit * 3):
            term = choices[choice]
            if term.concept_id not in best or best[term.concept_id][1] < score:
                best[term.concept_id] = (term, score)
    return sorted(best.values(), key=lambda ts: (-ts[1], ts[0].text))[:limit]


def _fuzzy(query: str, termbase: Termbase, limit: int) -> list[LookupHit]:
    scored = _scored(query, termbase, FUZZY_CUTOFF, limit)
    if not scored:
        return []
    top = scored[0][1]
    # Several candidates only when they are close to the best one (ambiguous typo).
    return [LookupHit(termbase[t.concept_id], t, "fuzzy", s) for t, s in scored if s >= top - 8]


def _suggest(query: str, termbase: Termbase, limit: int) -> list[str]:
    return [t.text for t, _ in _scored(query, termbase, SUGGEST_CUTOFF, limit)]


def _transliterate(query: str):  # type: ignore[no-untyped-def]
    """The rule-based English-press spelling of an unknown name (unverified)."""
    try:
        from termguard.translate.transliterate import transliterate
    except ImportError:  # pragma: no cover - the module ships with termguard
        return None
    words = query.replace("-", " ").split()
    # A name of several words ("Anna Hakobjan") is transliterated word by word.
    if not words or not all(w.isalpha() and w[:1].isupper() for w in words):
        return None
    result = transliterate(query)
    return result if result.text != query else None


