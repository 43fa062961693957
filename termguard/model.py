"""The data model shared by every stage: terms, concepts and matches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

__all__ = ["LANGS", "STATUSES", "KINDS", "Term", "Concept", "Match", "Status"]

Status = Literal["preferred", "admitted", "deprecated", "loaded"]

#: Languages a termbase may hold; the first three are the ones termguard reads and writes.
LANGS: tuple[str, ...] = ("de", "en", "ru", "hy", "az", "ka")
STATUSES: tuple[str, ...] = ("preferred", "admitted", "deprecated", "loaded")
KINDS: tuple[str, ...] = ("person", "place", "region", "organization", "agreement", "event", "concept", "media")


# Pickling (the termbase cache) of frozen slotted dataclasses by position. dataclasses' own slot
# state looks the fields up for every object, which made loading a termbase of 400 concepts from
# the cache several times slower. Assigned in each class body (dataclass keeps a class's own).
def slots_getstate(self: object) -> tuple[object, ...]:
    return tuple(getattr(self, name) for name in self.__slots__)  # type: ignore[attr-defined]


def slots_setstate(self: object, state: tuple[object, ...]) -> None:
    for name, value in zip(self.__slots__, state, strict=True):  # type: ignore[attr-defined]
        object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class Term:
    """One surface form of a concept in one language."""

    text: str
    lang: str
    status: str
    type: str | None = None
    render: str | None = None
    case_sensitive: bool = False
    inflects: bool = True
    note: str | None = None
    styles: tuple[str, ...] = ()  # edition styles (en_US, en_GB) that write this form; () = all
    concept_id: str = ""
    path: str | None = None
    line: int | None = None

    __getstate__ = slots_getstate
    __setstate__ = slots_setstate


@dataclass(frozen=True, slots=True)
class Concept:
    """A named thing (person, place, framing...) with its terms in several languages."""

    id: str
    kind: str
    terms: tuple[Term, ...]
    note: str = ""
    sources: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    explicitly_contested: bool = False
    advice: str = ""
    translation_note: str = ""
    path: str | None = None
    line: int | None = None

    __getstate__ = slots_getstate
    __setstate__ = slots_setstate

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.lang == lang)

    def preferred(self, lang: str = "en") -> Term | None:
        """The first preferred term in ``lang`` (None if the concept has none there)."""
        return next((t for t in self.terms if t.lang == lang and t.status == "preferred"), None)

    @property
    def contested(self) -> bool:
        """True when a term is loaded or the termbase marks the concept contested."""
        return self.explicitly_contested or any(t.status == "loaded" for t in self.terms)

    @property
    def loaded_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.status == "loaded")

    def rendering(self, source: Term, lang: str = "en", style: str | None = None) -> Term:
        """The ``lang`` term a source term is translated as in an edition of house ``style``.

        An explicit ``render`` wins; a loaded form is rendered by its loaded counterpart
        (faithful to the author, flagged by the caller); otherwise the preferred term of
        the same TBX type, falling back to the first preferred term. A form written only in
        other styles is not used (``US`` becomes ``U.S.`` in an en_US edition, and back in en_GB).
        """
        candidates = [t for t in self.terms_in(lang) if style is None or not t.styles or style in t.styles]
        if source.render:
            for term in candidates:
                if term.text == source.render:
                    return term
        if source.lang == lang and source.status in ("preferred", "admitted") and source in candidates:
            return source
        preferred = [t for t in candidates if t.status == "preferred"]
        same_type = [t for t in preferred if t.type == source.type]
        if same_type:
            return same_type[0]
        if source.type not in (None, "short", "variant"):
            # e.g. a full name with no full English form: fall back to the main form.
            plain = [t for t in preferred if t.type in (None, "short")]
            if plain:
                return plain[0]
        if preferred:
            return preferred[0]
        raise LookupError(f"concept {self.id!r} has no preferred {lang} term")


class Match(NamedTuple):
    """A term found in a text: the half-open character span ``[start, end)``.

    ``end`` includes an inflection ending (``Paschinjans``: ``suffix == "s"``); a compound
    head that follows (``-Korridor``) is not part of the span but is kept in ``compound_head``.
    A named tuple rather than a frozen dataclass: immutable all the same, and the matcher
    creates one per hit (about 15,000 per MB of news text), where a frozen dataclass's
    ``__init__`` costs twice as much.
    """

    start: int
    end: int
    surface: str
    term: Term
    concept: Concept
    suffix: str = ""
    compound_head: str = ""

    @property
    def lang(self) -> str:
        return self.term.lang

    @property
    def status(self) -> str:
        return self.term.status

    @property
    def inflected(self) -> bool:
        return bool(self.suffix)
