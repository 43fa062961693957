"""Text folding for matching: case, typographic punctuation and Unicode forms, with offsets kept."""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "fold_term", "FoldedText"]

# Typographic variants that must match their ASCII twins. Every replacement is one
# character for one character, so offsets survive the fast path unchanged.
_TYPOGRAPHY = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "\u00b4": "'", "\u0060": "'", "\u2032": "'",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\t": " ",
    "\u0401": "\u0415", "\u0451": "\u0435",  # Ё/ё are written as Е/е in most Russian press
}
_TABLE = str.maketrans(_TYPOGRAPHY)


def _replace_typography(text: str) -> str:
    # str.translate with a dict runs a Python-level lookup per character; a few
    # C-speed `in` scans and replaces are several times faster on long texts.
    for src, dst in _TYPOGRAPHY.items():
        if src in text:
            text = text.replace(src, dst)
    return text


class FoldedText:
    """A folded copy of a text and the way back to the original's character offsets."""

    __slots__ = ("original", "text", "_starts", "_ends")

    def __init__(self, original: str, text: str, starts: list[int] | None = None,
                 ends: list[int] | None = None) -> None:
        self.original = original
        self.text = text
        self._starts = starts
        self._ends = ends

    @property
    def identity(self) -> bool:
        """True when folded offsets are the original's (the common, fast case)."""
        return self._starts is None

    def start(self, i: int) -> int:
        """Original offset of folded position ``i``."""
        if self._starts is None:
            return i
        return self._starts[i] if i < len(self._starts) else len(self.original)

    def end(self, i: int) -> int:
        """Original offset just after folded position ``i - 1`` (for half-open span ends)."""
        if self._ends is None:
            return i
        return self._ends[i - 1] if i > 0 else 0


def fold(text: str) -> FoldedText:
    """Fold ``text`` for matching: NFC, lower case, ASCII hyphens, apostrophes and spaces.

    The common case (NFC text whose lower-casing keeps its length) costs two C-level
    passes; anything else goes character by character and keeps an offset map.

    >>> f = fold("PASCHINJAN’s")
    >>> f.text
    "paschinjan's"
    >>> g = fold("İlham")  # 'İ'.lower() is two characters
    >>> g.text[g.text.index("l"):], g.start(g.text.index("l"))
    ('lham', 1)
    """
    if unicodedata.is_normalized("NFC", text):
        lowered = _replace_typography(text).lower()
        if len(lowered) == len(text):
            return FoldedText(text, lowered)
    return _fold_slow(text)


def _fold_slow(text: str) -> FoldedText:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j]).translate(_TABLE).lower()
        for ch in cluster:
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return FoldedText(text, "".join(out), starts, ends)


def fold_term(text: str) -> str:
    """The folded form of a termbase entry (same folding as the texts it is matched in)."""
    return fold(unicodedata.normalize("NFC", text)).text


def typographic(text: str) -> str:
    """Only the typographic folding (case kept), for case-sensitive comparisons."""
    return _replace_typography(unicodedata.normalize("NFC", text))
