"""Word lists: German words left in an English edition, and words glued together.

The lists are Debian's (``wngerman``: /usr/share/dict/ngerman; ``wamerican`` and ``wbritish``:
/usr/share/dict/american-english and british-english, read together), installed by
scripts/setup.sh; ``TERMGUARD_GERMAN_WORDS`` and ``TERMGUARD_ENGLISH_WORDS`` point elsewhere.
Without a list the checks that need it find nothing (they never guess).
"""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["german_words", "english_words", "form_pattern", "german_only", "glued_words", "is_english_word", "WORD"]

#: A word of letters (an apostrophe or hyphen inside it belongs to it).
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

#: What may stand between the words of a form: "Zangezur corridor", "Zangezur-Korridor", a line break.
_FORM_SEPARATORS = r"[\s\-‐‑–]+"


@lru_cache(maxsize=8192)  # a document names the same few hundred forms again and again
def form_pattern(form: str) -> re.Pattern[str]:
    """``form`` as whole words, case-insensitive, with any space or hyphen between its words; an
    underscore around it (Markdown emphasis) is not a letter.

    >>> bool(form_pattern("Zangezur corridor").search("the _Zangezur-corridor_ plan"))
    True
    >>> bool(form_pattern("Aliyev").search("Aliyeva spoke"))
    False
    """
    parts = [re.escape(p) for p in re.split(_FORM_SEPARATORS, form) if p]
    return re.compile(r"(?<![^\W_])" + _FORM_SEPARATORS.join(parts) + r"(?![^\W_])", re.IGNORECASE)


_GERMAN_PATHS = ("/usr/share/dict/ngerman",)
_ENGLISH_PATHS = ("/usr/share/dict/american-english", "/usr/share/dict/british-english")
# Function words that a decoder glues to the next word ("inspoke", "TheUSA", "ofArmenia").
_GLUE = ("the", "a", "an", "in", "on", "at", "of", "to", "and", "or", "by", "for", "with", "from", "as",
         "is", "was", "he", "she", "it", "we", "they", "his", "her", "its", "their", "that", "this", "not")
# Sentence marks followed by a letter without a space: "festgestellt?Wir", "signed.The".
_MARK_GLUE = re.compile(r"(?<=[^\W\d_]{2})[.!?;](?=[A-ZÄÖÜ][a-zäöüß])")
# A capitalised word run into an acronym or another capitalised word: "TheUSA", "InArmenia".
_CASE_GLUE = re.compile(r"\b([A-Za-z][a-z]{1,4})([A-Z]{2,}s?|[A-Z][a-z]+)\b")


def _load(env: str, paths: tuple[str, ...], lower: bool = False) -> frozenset[str]:
    """The words of the list named by ``env``, else of every list of ``paths`` there is (one word a line)."""
    words: set[str] = set()
    override = os.environ.get(env)
    for candidate in ((override,) if override else paths):
        if Path(candidate).is_file():
            try:
                text = Path(candidate).read_text("utf-8", errors="replace")
            except OSError:
                continue
            words.update((text.lower() if lower else text).split())
    return frozenset(words)


@cache
def german_words() -> frozenset[str]:
    """The German word list as written (nouns capitalised), or an empty set without one."""
    return _load("TERMGUARD_GERMAN_WORDS", _GERMAN_PATHS)


@cache
def english_words() -> frozenset[str]:
    """The English word list, lower-cased (possessive forms dropped), or an empty set without one."""
    return _load("TERMGUARD_ENGLISH_WORDS", _ENGLISH_PATHS, lower=True)


def is_english_word(word: str) -> bool:
    """True for a word of the English list (also its plural, past and -ly forms), case-insensitive."""
    english = english_words()
    lower = word.lower().replace("’", "'")
    if lower in english:
        return True
    for ending, base in (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                         ("ly", ""), ("'s", ""), ("'", "")):
        if lower.endswith(ending) and len(lower) > len(ending) + 2 and lower[: -len(ending)] + base in english:
            return True
    # British spellings where only an American list is at hand: organisation, colour, centre.
    for british, american in (("isation", "ization"), ("ise", "ize"), ("our", "or"), ("tre", "ter")):
        if british in lower and lower.replace(british, american) in english:
            return True
    return False


def german_only(word: str) -> bool:
    """True for a word that is German (in the German list, as written or lower-cased) and not English.

    Needs both lists; without them nothing is German (the check reports nothing rather than guess).
    """
    german = german_words()
    if not german or not english_words() or len(word) < 3:
        return False
    if word not in german and word.lower() not in german and word.capitalize() not in german:
        return False
    return not is_english_word(word)


def glued_words(text: str) -> list[tuple[int, int, str]]:
    """Spans of words written without a space between them: ``(start, end, explanation)``.

    A sentence mark between letters (``festgestellt?Wir``), a short capitalised word run into an
    acronym or a name (``TheUSA``), and, with the English list, a non-word that is a function
    word glued to a dictionary word (``inspoke``).

    >>> text = "He met inspoke.That was TheUSA, not Yerevan."
    >>> [text[start:end] for start, end, why in glued_words(text)]
    ['inspoke', 'inspoke.That', 'TheUSA']
    """
    found: list[tuple[int, int, str]] = []
    for m in _MARK_GLUE.finditer(text):
        start = m.start()
        while start > 0 and (text[start - 1].isalpha()):
            start -= 1
        end = m.end()
        while end < len(text) and text[end].isalpha():
            end += 1
        if "://" in text[max(0, start - 10):end] or "." in text[start:m.start()]:
            continue  # a URL or an abbreviation such as "U.S.Army"
        found.append((start, end, " (a sentence mark without a space after it)"))
    for m in _CASE_GLUE.finditer(text):
        head, tail = m.group(1), m.group(2)
        if head.lower() in _GLUE and (tail.isupper() or tail[0].isupper() or not english_words()):
            found.append((m.start(), m.end(), f" (`{head}` + `{tail}`)"))
    if english_words():
        for m in WORD.finditer(text):
            word = m.group(0)
            if len(word) < 5 or not word.islower() or is_english_word(word):
                continue
            for glue in _GLUE:
                rest = word[len(glue):]
                if word.startswith(glue) and len(rest) >= 3 and is_english_word(rest):
                    found.append((m.start(), m.end(), f" (`{glue}` + `{rest}`)"))
                    break
    found.sort()
    return found
