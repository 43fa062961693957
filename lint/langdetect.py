"""A small, dependency-free guess of a text's language: German, English or Russian."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["LANGS", "detect_language", "language_evidence"]

#: The languages lint understands (``auto`` picks one of them per file or PO side).
LANGS: tuple[str, ...] = ("de", "en", "ru")

_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = {
    "de": _words("der die das und ist nicht mit von den dem des ein eine einen zu auf für sich im "
                 "auch es wird wurde sind hat bei nach über aus wie dass oder sie er"),
    # No "in", "an", "was", "die": they are German words too.
    "en": _words("the and of to is that for with on as by it from has are be this were "
                 "which have said at its or not he she they"),
}
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_SAMPLE = 8192
#: Most files are decided by their first 2 KB: the sample decides alone only when it holds
#: enough evidence for one language and none for the other (nor any Cyrillic); on generated
#: mixed-language files that rule agreed with the 8 KB answer every time, where a looser one
#: (a 3:1 lead) lost accuracy (tests/lint/test_langdetect.py).
_FIRST_SAMPLE = 2048
_CLEAR_MIN = 8


#: Whether a non-ASCII character ends a word, by character: what ``_WORD`` leaves out (``\\w``
#: is ``isalnum()`` or "_", ``\\d`` is ``isdecimal()``; tests/lint/test_langdetect.py checks
#: every code point), filled in as characters are met.
_BREAKS: dict[str, bool] = {}


class _Evidence(NamedTuple):
    """What a sample holds, in sums that add up over consecutive pieces of a text."""

    spaced: bytes  # lower-cased UTF-8, every character that ends a word a space: its words split
    de: int  # German stop words
    en: int  # English stop words
    umlauts: int  # ä ö ü ß as written
    cyrillic: int  # Cyrillic characters


#: ASCII characters that end a word, as spaces; other bytes (letters, and the UTF-8 of every
#: character past ASCII) are kept: one C-speed pass where a replace per character was needed.
_ASCII_SPACES = bytes(c if chr(c).isalpha() else 0x20 for c in range(128)) + bytes(range(128, 256))
_ASCII = bytes(range(128))
#: Every byte but UTF-8 continuation bytes (0x80-0xBF), deleted to count them.
_NOT_CONTINUATION = bytes(range(0x80)) + bytes(range(0xC0, 0x100))
_DE_BYTES = frozenset(w.encode() for w in _STOP["de"]).__contains__
_EN_BYTES = frozenset(w.encode() for w in _STOP["en"]).__contains__


def _evidence(sample: str) -> _Evidence:
    """The sample's words (``_WORD.findall`` of it lower-cased, encoded: ``spaced.split()``) and sums.

    Language detection reads up to 8 KB of every file, so this is on lint's hot path: only
    the few distinct characters past ASCII are looked at one by one (those that end words,
    such as typographic quotes and dashes, are replaced in the text); the ASCII ones are
    handled by one translation of the UTF-8 bytes.
    """
    lowered = sample.lower()
    special: set[str] | tuple[()] = ()
    if not lowered.isascii():
        special = set(lowered.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass"))
        for char in special:
            breaks = _BREAKS.get(char)
            if breaks is None:
                breaks = not (char.isalnum() and not char.isdecimal())
                if len(_BREAKS) < 4096:  # bounded, whatever characters a hostile file holds
                    _BREAKS[char] = breaks
            if breaks:
                lowered = lowered.replace(char, " ")
    spaced = lowered.encode("utf-8", "surrogatepass").translate(_ASCII_SPACES)
    words = spaced.split()
    # Cyrillic and umlauts lower-case into themselves: absent from the lower-cased sample,
    # absent from the sample.
    cyrillic = len(_CYRILLIC.findall(sample)) if any("\u0400" <= c <= "\u04ff" for c in special) else 0
    umlauts = sum(sample.count(c) for c in "äöüß" if c in special)
    return _Evidence(spaced, sum(map(_DE_BYTES, words)), sum(map(_EN_BYTES, words)), umlauts, cyrillic)


def _letters(evidence: _Evidence) -> int:
    """How many characters the words hold (what a Cyrillic share is measured against)."""
    spaced = evidence.spaced
    return len(spaced) - spaced.count(b" ") - len(spaced.translate(None, _NOT_CONTINUATION))


def _is_word_char(char: str) -> bool:
    return char.isalnum() and not char.isdecimal()  # what _WORD matches


def _extended(first: _Evidence, text: str, start: int, stop: int) -> _Evidence:
    """The evidence of ``text[:stop]`` from that of ``text[:start]`` and a read of the rest
    alone: a word cut at ``start`` is counted as the one word it is."""
    rest = _evidence(text[start:stop])
    de, en = first.de + rest.de, first.en + rest.en
    # The last word of the first piece and the first of the rest (none, if a piece has no word).
    before, after = first.spaced.rsplit(None, 1)[-1:], rest.spaced.split(None, 1)[:1]
    if before and after and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        left, right = before[0], after[0]
        joined = left + right
        de += _DE_BYTES(joined) - _DE_BYTES(left) - _DE_BYTES(right)
        en += _EN_BYTES(joined) - _EN_BYTES(left) - _EN_BYTES(right)
    # Lower-casing is per character (but for the Greek final sigma, a letter either way), so
    # the words of the two pieces are the words of the whole.
    return _Evidence(first.spaced + b" " + rest.spaced, de, en, first.umlauts + rest.umlauts,
                     first.cyrillic + rest.cyrillic)


def _verdict(evidence: _Evidence) -> tuple[str, int, int] | None:
    """("ru", 0, 0) for mostly Cyrillic text, else ("", German score, English score); None without words."""
    if not evidence.spaced.split(None, 1):
        return None
    if evidence.cyrillic and evidence.cyrillic * 2 > _letters(evidence):
        return "ru", 0, 0
    return "", evidence.de + 2 * evidence.umlauts, evidence.en


def _scores(sample: str) -> tuple[str, int, int] | None:
    """("ru", 0, 0) for mostly Cyrillic text, else ("", German score, English score); None without words."""
    return _verdict(_evidence(sample))


def detect_language(text: str, default: str = "de") -> str:
    """``ru`` for mostly Cyrillic text, else ``de`` or ``en`` by stop words and umlauts.

    Reads the first 2 KB, and up to 8 KB when those do not decide clearly. With no evidence
    at all, returns ``default``.

    >>> detect_language("Der Präsident traf sich mit Paschinjan in Eriwan.")
    'de'
    >>> detect_language("The president met Pashinyan in Yerevan on Monday.")
    'en'
    >>> detect_language("Пашинян встретился с Алиевым.")
    'ru'
    >>> detect_language("", default="en")
    'en'
    """
    first = _evidence(text[:_FIRST_SAMPLE])
    scores = _verdict(first)
    if scores is not None and len(text) > _FIRST_SAMPLE:
        verdict, de, en = scores
        clear = not verdict and min(de, en) == 0 and max(de, en) >= _CLEAR_MIN
        if not clear or first.cyrillic:
            # The 8 KB sample, without reading its first 2 KB again.
            scores = _verdict(_extended(first, text, _FIRST_SAMPLE, _SAMPLE))
    if scores is None:
        return default
    verdict, de, en = scores
    if verdict:
        return verdict
    if de == en:
        return default
    return "de" if de > en else "en"


def language_evidence(text: str) -> dict[str, int]:
    """The evidence :func:`detect_language` weighs, per language (what a confidence is built from):
    German and English stop words (umlauts and ß count twice for German); Russian is 1 for
    mostly Cyrillic text.

    >>> language_evidence("Der Präsident traf sich mit Paschinjan.")
    {'de': 5, 'en': 0, 'ru': 0}
    """
    scores = _scores(text[:_SAMPLE])
    if scores is None:
        return {"de": 0, "en": 0, "ru": 0}
    verdict, de, en = scores
    return {"de": 0, "en": 0, "ru": 1} if verdict == "ru" else {"de": de, "en": en, "ru": 0}
