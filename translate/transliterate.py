"""English-press spellings for German-press transliterations the termbase does not know (pipeline step 5).

German newspapers write Caucasus and Russian names after the Duden transliteration
(``Paschinjan``, ``Alijew``, ``Kobachidse``); English newspapers write ``Pashinyan``,
``Aliyev``, ``Kobakhidze``. :func:`transliterate` rewrites one name with the ordered rules
of ``transliteration.yaml``; :func:`find_foreign_names` finds the words of a German text
that look like such names. The output is a guess to verify: the termbase always wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

__all__ = ["Transliteration", "NameCandidate", "Rule", "RULES", "transliterate", "find_foreign_names"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rewrite of ``transliteration.yaml``: ``pattern`` -> ``replace`` at ``where`` in a word."""

    id: str
    pattern: str
    replace: str
    where: str
    example: str
    origin: str
    unless: str = ""  # a regex: the rule is skipped in a word where it matches

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern, self.where)

    def apply(self, word: str) -> tuple[str, int]:
        """The lower-cased ``word`` rewritten by this rule, and how many times it applied."""
        if self.unless and re.search(self.unless, word):
            return word, 0
        return self.regex.subn(self.replace, word)


@dataclass(frozen=True, slots=True)
class Transliteration:
    """A name in German-press spelling and its English-press spelling by rule.

    ``rules`` are the ids of the rules that changed the name, in the order they ran.
    ``verified`` is False for every rule-made spelling; a caller that checked the spelling
    (against the termbase, or a person) may record it as True.
    """

    source: str
    text: str
    rules: tuple[str, ...]
    verified: bool = False

    @property
    def changed(self) -> bool:
        return self.text != self.source


@dataclass(frozen=True, slots=True)
class NameCandidate:
    """A word of a German text that looks like a transliterated name: ``[start, end)`` and its rewrite.

    The span includes a genitive ending (``Lawrows``: ``suffix == "s"``), like
    :class:`termguard.model.Match`; ``transliteration`` is that of the name without it.
    """

    start: int
    end: int
    source: str
    transliteration: Transliteration
    suffix: str = ""


_WHERE = {"ending": "(?:{})$", "initial": "^(?:{})", "anywhere": "{}"}


@cache
def _compiled(pattern: str, where: str) -> re.Pattern[str]:
    if where not in _WHERE:
        raise ValueError(f"rule position must be one of {', '.join(_WHERE)}, not {where!r}")
    return re.compile(_WHERE[where].format(pattern))


@cache
def _data() -> dict:  # type: ignore[type-arg]
    text = (resources.files("termguard.translate") / "transliteration.yaml").read_text("utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def _rules() -> tuple[Rule, ...]:
    rules = tuple(Rule(**{k: str(v) for k, v in entry.items()}) for entry in _data()["rules"])
    for rule in rules:
        rule.regex  # noqa: B018 -- a bad pattern or position fails at import, not mid-translation
    return rules


#: The rules of ``transliteration.yaml`` in the order they run.
RULES: tuple[Rule, ...] = _rules()

_WORD = re.compile(r"[^\W\d_]+")


def _recase(source: str, text: str) -> str:
    """Put the capitals of ``source`` back on its lower-cased rewrite ``text``."""
    if len(source) > 1 and source.isupper():
        return text.upper()
    if source[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def _rewrite_word(word: str, applied: list[str]) -> str:
    text = word.lower()
    for rule in RULES:
        text, count = rule.apply(text)
        if count and rule.id not in applied:
            applied.append(rule.id)
    return _recase(word, text)


def transliterate(name: str) -> Transliteration:
    """The English-press spelling of a name written in German-press transliteration.

    Each word (``Grigol-Robakidse`` has two) is rewritten on its own; spaces, hyphens and
    capitals are kept. Spellings that are already English pass through mostly unchanged,
    but ``ch`` becomes ``kh``: call this on German spellings only.

    >>> transliterate("Paschinjan")
    Transliteration(source='Paschinjan', text='Pashinyan', rules=('y', 'sh'), verified=False)
    >>> [transliterate(n).text for n in ("Alijew", "Kobachidse", "Jerewan", "Irakli Kobachidse")]
    ['Aliyev', 'Kobakhidze', 'Yerevan', 'Irakli Kobakhidze']
    >>> transliterate("")
    Traceback (most recent call last):
      ...
    ValueError: nothing to transliterate
    """
    if not name.strip():
        raise ValueError("nothing to transliterate")
    applied: list[str] = []
    text = _WORD.sub(lambda m: _rewrite_word(m.group(0), applied), name)
    return Transliteration(source=name, text=text, rules=tuple(applied))


@cache
def _endings() -> tuple[tuple[str, int], ...]:
    entries = _data()["name_endings"]
    return tuple(sorted(((e["ending"], int(e["min_length"])) for e in entries), key=lambda e: -len(e[0])))


@cache
def _stops() -> tuple[frozenset[str], tuple[str, ...]]:
    data = _data()
    return frozenset(w.casefold() for w in data["stop_words"]), tuple(s.casefold() for s in data["stop_suffixes"])


def _is_stop_word(word: str) -> bool:
    folded = word.casefold()
    stop_words, stop_suffixes = _stops()
    return folded in stop_words or folded.endswith(stop_suffixes)


def _has_name_ending(word: str) -> bool:
    """A capitalised word ending like a transliterated name (``Lawrow``, ``Paschinjan``).

    >>> _has_name_ending("Lawrow"), _has_name_ending("")  # "" is what "s" leaves without its genitive -s
    (True, False)
    """
    if not word or not (word[0].isupper() and word[1:].islower()) or _is_stop_word(word):
        return False
    folded = word.casefold()
    return any(folded.endswith(ending) and len(word) >= min_length for ending, min_length in _endings())


def find_foreign_names(text: str, known: Sequence[tuple[int, int]] = ()) -> list[NameCandidate]:
    """Capitalised words of a German text that look like German-press transliterations of names.

    A word qualifies by its ending (``-jan``, ``-ow``, ``-ijew``, ``-dse``, ``-schwili``...,
    see ``name_endings`` in ``transliteration.yaml``), with or without a genitive ``-s``;
    a stop list keeps out German and English words with the same endings (``Talkshow``,
    ``Interview``). Words overlapping a span in ``known`` (the termbase matches) are skipped.

    >>> text = "Lawrows Sprecher traf Paschinjan und Kobachidse in der Talkshow."
    >>> [(c.source, c.transliteration.text) for c in find_foreign_names(text)]
    [('Lawrows', 'Lavrov'), ('Paschinjan', 'Pashinyan'), ('Kobachidse', 'Kobakhidze')]
    >>> [c.source for c in find_foreign_names(text, known=[(22, 32)])]
    ['Lawrows', 'Kobachidse']
    """
    found: list[NameCandidate] = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        word = m.group(0)
        if any(start < e and s < end for s, e in known):
            continue
        if _is_stop_word(word):
            continue  # "Euronews" is not the genitive of "Euronew"
        if _has_name_ending(word):
            base, suffix = word, ""
        elif word.endswith("s") and _has_name_ending(word[:-1]):
            base, suffix = word[:-1], "s"
        else:
            continue
        found.append(NameCandidate(start, end, word, transliterate(base), suffix))
    return found
