"""Finding termbase terms in German, English or Russian text, inflected or compounded."""

from __future__ import annotations

import gc
import itertools
import operator
import os
from array import array
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick_rs

from termguard.glossary.normalize import FoldedText, fold, fold_term, typographic
from termguard.model import Concept, Match, Term

__all__ = ["Matcher", "find_terms", "GERMAN_ENDINGS", "RUSSIAN_ENDINGS"]

#: Endings a German noun or name takes in running text (genitive and weak declension).
GERMAN_ENDINGS = frozenset({"s", "es", "n", "en", "ns", "ens"})
#: Russian case endings for nouns and surnames (singular and plural, all genders).
RUSSIAN_ENDINGS = frozenset({
    "а", "я", "у", "ю", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "е", "и", "ы", "ь", "й", "о",
    "ов", "ев", "ам", "ям", "ами", "ями", "ах", "ях", "ым", "им", "ых", "их", "ыми", "ими", "ого", "его",
    "ому", "ему", "ую", "юю", "ая", "яя",
})
_RUSSIAN_STEM_END = set("аяьйоеыи")
#: Linking elements between a name and the noun it forms a closed compound with.
_LINKS = ("", "s", "es", "n", "en")
_MIN_HEAD = 4

_CYRILLIC = range(0x0400, 0x0530)
#: Short case-sensitive keys (UN, US, EU) occur inside countless words ("und", "neue");
#: they are stored with each character that may precede a word, so the automaton reports
#: them only at word starts instead of handing thousands of false hits to Python.
_SHORT_KEY = 3
#: Texts longer than this are matched with the cyclic garbage collector paused (see find()).
_GC_PAUSE_ABOVE = 1 << 16
#: (string.punctuation and string.whitespace, written out: importing string compiles a regular
#: expression at every start.)
_WORD_LEADS = "".join(sorted(set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + " \t\n\r\x0b\x0c" + "„“”‚‘«»‹›…·•¡¿")))
#: The first texts a matcher sees are scanned with an automaton of only the keys whose first and
#: last _PREFIX characters (a shorter key: its whole text) occur in them (Matcher._automaton_for).
_PREFIX = 4
#: What collecting a text's substrings costs per character, in the unit of _automaton_for's
#: rent-or-buy rule: a key character compiled (ahocorasick_rs builds ~12 million a second).
_COST_PER_CHAR = 6


_S_ONLY = frozenset({"s"})
#: Version of Matcher.to_data's layout, and the types of its entry and value records.
_DATA_LAYOUT = 3
_ENTRY_SPEC = (int, str, int, str, bool)
_VALUE_SPEC = (int, tuple, int, bool)


def _is_cyrillic(text: str) -> bool:
    return any(ord(c) in _CYRILLIC for c in text)


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x0250 or not c.isalpha() for c in text)


class _Entry(NamedTuple):
    """One automaton key: which term it stands for and how its endings are checked.

    A named tuple: there is one per key, and a tuple is built and copied to ``--jobs`` workers
    faster than a frozen dataclass.
    """

    term: Term
    exact: str  # the key in its original case, for case-sensitive terms
    endings: frozenset[str]
    stem_drop: str  # the final letter dropped to form a Russian stem ("" otherwise)
    compounds: bool

    @property
    def simple(self) -> bool:
        """Accepted without further checks when followed by a non-letter."""
        return not self.term.case_sensitive and not self.stem_drop


#: What an automaton key stands for: (key length without its word-lead character, entries,
#: the one entry accepted without checks when no letter follows (or None), whether every
#: entry refuses a tail but "s", the one entry the common tails are checked for inline (or None)).
_Values = tuple[int, tuple[_Entry, ...], "_Entry | None", bool, "_Entry | None"]


def _quick(entries: Sequence[_Entry]) -> _Entry | None:
    """The key's first entry if :meth:`Matcher._find` may settle its two common tails (none,
    or an "s" ending) inline: one with no Russian stem to complete (_check would take it
    whenever it fits, before any other)."""
    return entries[0] if not entries[0].stem_drop else None


def _records(records: tuple[Any, ...], spec: tuple[type, ...]) -> bool:
    """Whether every one of ``records`` is a tuple whose fields have exactly the types of ``spec``
    (bool is not an int here), checked column by column.

    >>> _records(((1, "a"), (2, "b")), (int, str)), _records(((1, "a"), (True, "b")), (int, str))
    (True, False)
    """
    if not set(map(type, records)) <= {tuple} or not set(map(len, records)) <= {len(spec)}:
        return False
    # (no records: no columns)
    return all(set(map(type, column)) <= {kind}
               for column, kind in zip(zip(*records, strict=True), spec, strict=False))


def _columns(records: tuple[Any, ...], width: int) -> tuple[tuple[Any, ...], ...]:
    """The fields of ``records`` (tuples of ``width`` fields) as columns."""
    return tuple(zip(*records, strict=True)) or ((),) * width


def _written_as(folded: FoldedText, start: int, stop: int, exact: str) -> bool:
    """Whether the folded span [start, stop) is written ``exact`` in the original text (a
    case-sensitive term), typographic variants aside."""
    written = folded.original[folded.start(start):folded.end(stop)]
    return written == exact or (not written.isascii() and typographic(written) == exact)


def _key_variants(folded: str) -> set[str]:
    """A key and its ß/ss and hyphen/space twins."""
    variants = {folded}
    for v in list(variants):
        if "ss" in v:
            variants.add(v.replace("ss", "ß"))
        if "ß" in v:
            variants.add(v.replace("ß", "ss"))
    for v in list(variants):
        if " " in v:
            variants.add(v.replace(" ", "-"))
        if "-" in v:
            variants.add(v.replace("-", " "))
    return variants


_ADJECTIVE_ENDINGS = ("es", "en", "er", "em", "e")


def _inflected_phrases(folded: str) -> set[str]:
    """German multi-word names with their inner words declined.

    The last word's ending is checked after the match; the words before it decline too:
    "Weißes Haus" -> "Weißen Haus(es)", "Kaspisches Meer" -> "Kaspischen Meer(es)",
    "Völkermord an den Armeniern" -> "Völkermords an den Armeniern".
    """
    words = folded.split(" ")
    if len(words) < 2:
        return {folded}
    options: list[list[str]] = []
    for word in words[:-1]:
        ending = next((e for e in _ADJECTIVE_ENDINGS if word.endswith(e) and len(word) > len(e) + 3), None)
        if ending is not None:
            stem = word[: -len(ending)]
            options.append([stem + e for e in _ADJECTIVE_ENDINGS])
        elif len(word) > 3 and word.isalpha():
            options.append([word, word + "s", word + "es"])
        else:
            options.append([word])
    phrases = {""}
    for choices in options:
        phrases = {f"{p} {c}" if p else c for p in phrases for c in choices}
        if len(phrases) > 64:  # bounded: long titles keep their base form only
            return {folded}
    return {f"{p} {words[-1]}" for p in phrases}


_RU_ADJECTIVE = ("ый", "ий", "ой", "ая", "яя", "ое", "ее")
_RU_ADJECTIVE_FORMS = ("ый", "ий", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ая", "яя", "ую", "юю",
                       "ое", "ее", "ые", "ие", "ых", "их", "ыми", "ими")
_RU_NOUN_FORMS = ("", "а", "я", "у", "ю", "ом", "ем", "е")


def _russian_phrases(folded: str) -> set[str]:
    """Russian multi-word names with their inner words declined ("Нагорного Карабаха").

    The last word's case ending is checked after the match, like a single word's.
    """
    words = folded.split(" ")
    if len(words) < 2:
        return {folded}
    options: list[list[str]] = []
    for word in words[:-1]:
        ending = next((e for e in _RU_ADJECTIVE if word.endswith(e) and len(word) > 4), None)
        if ending is not None:
            options.append([word[:-2] + e for e in _RU_ADJECTIVE_FORMS])
        else:
            options.append([word + e for e in _RU_NOUN_FORMS])
    phrases = {""}
    for choices in options:
        phrases = {f"{p} {c}" if p else c for p in phrases for c in choices}
        if len(phrases) > 64:
            return {folded}
    return {f"{p} {words[-1]}" for p in phrases}


def _entries_for(term: Term) -> list[tuple[str, _Entry]]:
    folded = fold_term(term.text)
    exact = typographic(term.text)
    stem_drop = ""
    if not term.inflects:
        endings: frozenset[str] = frozenset()
    elif _is_cyrillic(folded):
        endings = RUSSIAN_ENDINGS
        if len(folded) > 4 and folded[-1] in _RUSSIAN_STEM_END:
            stem_drop = folded[-1]
    elif _is_latin(folded) and not term.case_sensitive:
        endings = GERMAN_ENDINGS
    elif _is_latin(folded):
        endings = frozenset({"s"})  # acronyms: "der OVKS", "des TRIPPs"
    else:
        endings = frozenset()
    compounds = term.inflects and _is_latin(folded) and not term.case_sensitive
    if term.lang == "de" and endings is GERMAN_ENDINGS:
        phrases = _inflected_phrases(folded)
    elif endings is RUSSIAN_ENDINGS:
        phrases = _russian_phrases(folded)
    else:
        phrases = {folded}
    out = []
    for variant in {v for p in phrases for v in _key_variants(p)}:
        key = variant[: -len(stem_drop)] if stem_drop else variant
        exact_key = exact[: -len(stem_drop)] if stem_drop else exact
        out.append((key, _Entry(term, exact_key, endings, stem_drop, compounds)))
    return out


def _wordlist() -> Path | None:
    for candidate in (os.environ.get("TERMGUARD_WORDLIST"), "/usr/share/dict/ngerman"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def compound_heads_source() -> str:
    """Which word list the compound heads come from (path, size, mtime): part of the
    termbase cache's key, since the heads are compiled into the cached matcher."""
    path = _wordlist()
    if path is None:
        return "shipped only"
    st = path.stat()
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


class _Heads:
    """Compound heads, sorted, one a line, in one UTF-8 blob: a cached matcher loads them in
    no time (marshal copies bytes; a str of 1.6 million characters cost milliseconds to
    decode), and a small lint looks its few tails up by bisection over the blob's lines; after
    enough look-ups a hash set pays.

    >>> heads = _Heads(["korridor", "grenze", "route", "übergang"])
    >>> "grenze" in heads, "gren" in heads, "routen" in heads, "übergang" in heads, "über" in heads
    (True, False, False, True, False)
    """

    __slots__ = ("_blob", "_set", "_lookups")
    _BISECT_LOOKUPS = 2000

    def __init__(self, words: Iterable[str]) -> None:
        # UTF-8 sorts as code points do: the blob's lines are in the order bisection expects.
        self._blob = "\n".join(sorted(set(words))).encode("utf-8", "surrogatepass")
        self._set: frozenset[str] | None = None
        self._lookups = 0

    @classmethod
    def from_blob(cls, blob: bytes) -> _Heads:
        """Heads from a blob as :meth:`Matcher.to_data` keeps it (raises ValueError if it is not bytes)."""
        if type(blob) is not bytes:
            raise ValueError("bad compound heads")
        heads = cls(())
        heads._blob = blob
        return heads

    def __getstate__(self) -> bytes:
        return self._blob

    def __setstate__(self, state: bytes) -> None:
        self._blob, self._set, self._lookups = state, None, 0

    def __len__(self) -> int:
        return self._blob.count(b"\n") + 1 if self._blob else 0

    def prepare(self) -> None:
        """Build the hash set now (before worker processes fork, so that each has it)."""
        if self._set is None:
            text = self._blob.decode("utf-8", "surrogatepass")
            self._set = frozenset(text.split("\n")) if text else frozenset()

    def __contains__(self, word: object) -> bool:
        if self._set is None:
            self._lookups += 1
            if self._lookups <= self._BISECT_LOOKUPS:
                return isinstance(word, str) and self._bisect(word.encode("utf-8", "surrogatepass"))
            self.prepare()
        return word in self._set  # type: ignore[operator]

    def _bisect(self, word: bytes) -> bool:
        blob = self._blob
        lo, hi = 0, len(blob)  # lo starts a line; hi starts one or ends the blob
        while lo < hi:
            mid = (lo + hi) // 2
            start = blob.rfind(b"\n", lo, mid) + 1 or lo
            end = blob.find(b"\n", start)
            if end < 0:
                end = len(blob)
            line = blob[start:end]
            if line < word:
                lo = end + 1
            elif line > word:
                hi = start
            else:
                return True
        return False


@lru_cache(maxsize=1)
def _compound_heads() -> _Heads:
    """Nouns that may follow a name in a closed compound (Sangesur|korridor).

    The shipped list covers the press vocabulary; the system's German word list (Debian
    package ``wngerman``) adds every other capitalised noun when it is installed.
    """
    heads: set[str] = set()
    shipped = Path(__file__).parent / "data" / "compound_heads.txt"
    for line in shipped.read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            heads.add(line.casefold())
    wordlist = _wordlist()
    if wordlist is not None:
        with open(wordlist, encoding="utf-8", errors="replace") as fh:
            heads.update(w.strip().lower() for w in fh if w[:1].isupper() and len(w) > _MIN_HEAD)
    return _Heads(heads)


def _is_compound_tail(tail: str, heads: _Heads) -> str | None:
    """The linking element if ``tail`` is (link +) one or two of ``heads``, else None."""
    for link in _LINKS:
        if not tail.startswith(link):
            continue
        rest = tail[len(link):]
        if len(rest) < _MIN_HEAD:
            continue
        if rest in heads:
            return link
        for cut in range(_MIN_HEAD, len(rest) - _MIN_HEAD + 1):
            if rest[:cut] in heads and (rest[cut:] in heads or rest[cut + 1:] in heads):
                return link
    return None


class Matcher:
    """All terms of a termbase compiled into one Aho-Corasick automaton.

    Cost is linear in the text and does not grow with the number of terms. The automaton is
    built when first needed; the first small texts get automata of only the keys they can hold
    (see _automaton_for), which find exactly the same.
    """

    def __init__(self, terms: Iterable[Term], concepts: Mapping[str, Concept]) -> None:
        self._concepts = concepts
        table: dict[str, list[_Entry]] = {}
        for term in terms:
            for key, entry in _entries_for(term):
                if key:
                    table.setdefault(key, []).append(entry)
        keyed: list[tuple[str, _Values]] = []
        for key, entries in table.items():
            simple = entries[0] if len(entries) == 1 and entries[0].simple else None
            # Keys whose every reading takes at most an "s" after it (acronyms, case-sensitive
            # names: "UN" in "und", "US" in "uns") are rejected in bulk when a letter follows,
            # before the per-entry check.
            no_tail = all(not e.compounds and not e.stem_drop and e.endings <= _S_ONLY for e in entries)
            quick = _quick(entries)
            if len(key) <= _SHORT_KEY and all(e.term.case_sensitive for e in entries):
                value = (len(key), tuple(entries), None, no_tail, quick)
                keyed.extend((lead + key, value) for lead in _WORD_LEADS)
            else:
                keyed.append((key, (len(key), tuple(entries), simple, no_tail, quick)))
        self._keys = [key for key, _ in keyed]
        self._values = [value for _, value in keyed]
        # Closed-compound heads are read (from the word list) once, here; the termbase cache
        # keeps them compiled (see to_data): parsing the word list on every run cost more than
        # the rest of a small lint.
        self._heads = _compound_heads() if any(e.compounds for es in table.values() for e in es) else _Heads(())
        self._compile()

    # --- the compiled tables as plain data (the termbase cache) -------------------------------

    def to_data(self, terms: Sequence[Term]) -> tuple[object, ...]:
        """The compiled tables as builtins only (str, int, bool, bytes, tuples), terms referred
        to by their position in ``terms``: what the termbase cache stores, and
        :meth:`from_data` reads back without compiling anything but the automaton."""
        term_no = {id(t): i for i, t in enumerate(terms)}
        endings_no: dict[frozenset[str], int] = {}
        entry_no: dict[tuple[int, str, int, str, bool], int] = {}

        def number(entry: _Entry | None) -> int:
            if entry is None:
                return -1
            spec = (term_no[id(entry.term)], entry.exact, endings_no.setdefault(entry.endings, len(endings_no)),
                    entry.stem_drop, entry.compounds)
            return entry_no.setdefault(spec, len(entry_no))

        # Keys share few distinct values (a short key stands once per word-lead character):
        # each value is stored once, each key holds the number of its value.
        value_no: dict[tuple[int, tuple[int, ...], int, bool], int] = {}
        key_values = array("I", (value_no.setdefault((length, tuple(map(number, entries)), number(simple), no_tail),
                                                     len(value_no))
                                 for length, entries, simple, no_tail, _ in self._values))
        return (_DATA_LAYOUT, tuple(self._keys), key_values.tobytes(), tuple(value_no), tuple(entry_no),
                tuple(tuple(sorted(e)) for e in endings_no), self._heads._blob)

    @classmethod
    def from_data(cls, data: object, terms: Sequence[Term], concepts: Mapping[str, Concept]) -> Matcher:
        """The matcher :meth:`to_data` describes, over the same ``terms``; raises ValueError
        if ``data`` is not exactly what to_data writes (a damaged or foreign cache)."""
        if not (isinstance(data, tuple) and len(data) == 7 and data[0] == _DATA_LAYOUT):
            raise ValueError("not a compiled matcher")
        _, keys, key_values, value_specs, entry_specs, endings_table, blob = data
        # Checked at C speed (map over builtins): a thousandth of the load, not a tenth.
        if not (type(keys) is tuple and set(map(type, keys)) <= {str} and all(keys)):
            raise ValueError("bad keys")
        if not (type(endings_table) is tuple and all(type(e) is tuple and all(type(x) is str for x in e)
                                                     for e in endings_table)):
            raise ValueError("bad endings")
        endings = [frozenset(e) for e in endings_table]
        n_terms, n_endings = len(terms), len(endings)
        # Records checked and read column by column (map over builtins): a loop per record
        # cost 3 ms of every cached load.
        if type(entry_specs) is not tuple or not _records(entry_specs, _ENTRY_SPEC):
            raise ValueError("bad entries")
        term_no, exact, ending_no, stem_drop, compounds = _columns(entry_specs, len(_ENTRY_SPEC))
        if entry_specs and not (min(term_no) >= 0 and max(term_no) < n_terms
                                and min(ending_no) >= 0 and max(ending_no) < n_endings):
            raise ValueError("bad entry")
        entries = list(map(_Entry, map(terms.__getitem__, term_no), exact, map(endings.__getitem__, ending_no),
                           stem_drop, compounds))
        n_entries = len(entries)
        if type(value_specs) is not tuple or not _records(value_specs, _VALUE_SPEC):
            raise ValueError("bad values")
        lengths, entry_numbers, simple_no, no_tail = _columns(value_specs, len(_VALUE_SPEC))
        flat = list(itertools.chain.from_iterable(entry_numbers))
        if value_specs and not (min(lengths) > 0 and all(entry_numbers) and set(map(type, flat)) <= {int}
                                and min(flat) >= 0 and max(flat) < n_entries
                                and min(simple_no) >= -1 and max(simple_no) < n_entries):
            raise ValueError("bad value")
        entry_at = entries.__getitem__
        value_entries = [tuple(map(entry_at, numbers)) for numbers in entry_numbers]
        table: list[_Values] = list(zip(lengths, value_entries, [entries[i] if i >= 0 else None for i in simple_no],
                                        no_tail, map(_quick, value_entries), strict=True))
        if type(key_values) is not bytes:
            raise ValueError("bad tables")
        numbers = array("I")
        numbers.frombytes(key_values[: len(key_values) - len(key_values) % numbers.itemsize])
        if len(numbers) != len(keys) or (keys and max(numbers) >= len(table)):
            raise ValueError("bad key values")
        values = list(map(table.__getitem__, numbers))
        if any(map(operator.gt, map(lengths.__getitem__, numbers), map(len, keys))):
            raise ValueError("bad key lengths")
        matcher = cls.__new__(cls)
        matcher._concepts, matcher._keys, matcher._values = concepts, list(keys), values
        matcher._heads = _Heads.from_blob(blob)
        matcher._compile()
        return matcher

    def _compile(self) -> None:
        # Nothing is built yet: the automaton of all keys costs more than the rest of a small
        # lint (~20 ms for the shipped termbase), and the first small texts are matched with
        # automata of the few keys they can hold (see _automaton_for).
        self._full: ahocorasick_rs.AhoCorasick | None = None
        # Each key's first _PREFIX characters, and their lengths (one tuple: threads share a matcher).
        self._prefixes: tuple[list[str], list[int]] | None = None
        self._spent = 0
        # What the full automaton costs to build, in the cost units of _automaton_for: a key character.
        self._budget = sum(map(len, self._keys))

    def compile(self) -> None:
        """Build now what a long run builds on the way (the automaton of all keys, the compound
        heads' hash set) rather than on first need: before forking workers (``lint --jobs``),
        which then share them instead of each building its own."""
        _ = self._automaton
        self._heads.prepare()

    @property
    def _automaton(self) -> ahocorasick_rs.AhoCorasick | None:
        """The automaton of all keys (None without keys), built on first use."""
        if self._full is None and self._keys:
            self._full = ahocorasick_rs.AhoCorasick(self._keys)
        return self._full

    def _automaton_for(self, scanned: str) -> tuple[ahocorasick_rs.AhoCorasick | None, list[_Values]]:
        """The automaton to scan ``scanned`` with, and the values of its keys by number.

        Until small texts have cost about as much as building the automaton of all keys would
        (the rent-or-buy rule: never more than twice the cheaper choice), a text gets one of
        only the keys whose first and last _PREFIX characters occur in it (no other key can
        occur in it). It reports exactly the hits the full automaton reports for them, in the
        same order: overlapping hits come by end offset, and at one end longest first, whatever
        the other keys are.
        """
        if self._full is not None:
            return self._full, self._values
        n = len(scanned)
        cost = n * _COST_PER_CHAR + len(self._keys) // 2  # substrings, and a look-up per key
        if self._prefixes is None:
            cost += len(self._keys)  # each key's prefix, once
        if self._spent + cost > self._budget:
            return self._automaton, self._values
        self._spent += cost
        if self._prefixes is None:
            prefixes = [key[:_PREFIX] for key in self._keys]
            self._prefixes = prefixes, sorted(set(map(len, prefixes)))
        prefixes, sizes = self._prefixes
        # The text's substrings of each prefix length; the shorter ones mostly as heads of the longest.
        top = sizes[-1]
        longest = {scanned[i:i + top] for i in range(n - top + 1)}
        grams = set(longest)
        for size in sizes[:-1]:
            grams.update({gram[:size] for gram in longest})
            grams.update(scanned[i:i + size] for i in range(max(0, n - top + 1), n - size + 1))
        all_keys = self._keys
        # A key in the text has its first and its last _PREFIX characters there.
        selected = [i for i in itertools.compress(range(len(all_keys)), map(grams.__contains__, prefixes))
                    if all_keys[i][-_PREFIX:] in grams]
        if not selected:
            return None, []
        keys = [all_keys[i] for i in selected]
        self._spent += sum(map(len, keys))
        return ahocorasick_rs.AhoCorasick(keys), [self._values[i] for i in selected]

    def __getstate__(self) -> dict[str, object]:
        # ahocorasick_rs automata cannot be pickled; the keys rebuild one when it is needed.
        return {"_concepts": self._concepts, "_keys": self._keys, "_values": self._values, "_heads": self._heads}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._compile()

    def __len__(self) -> int:
        return len(self._keys)

    def keys(self) -> list[str]:
        """The automaton's keys, in the order :meth:`scan` numbers them."""
        return list(self._keys)

    def scan(self, text: str) -> list[tuple[int, int, int]]:
        """Every key in ``text`` (already folded), overlapping, as (key number, start, end):
        the raw hits :meth:`find` filters (it scans ``" " + fold(text).text``)."""
        if self._automaton is None:
            return []
        return self._automaton.find_matches_as_indexes(text, overlapping=True)

    def find(self, text: str) -> list[Match]:
        """Every term in ``text``, leftmost-longest, as non-overlapping matches.

        >>> from termguard.glossary import load_termbase
        >>> [m.surface for m in load_termbase().matcher.find("Paschinjans Regierung und der Sangesur-Korridor")]
        ['Paschinjans', 'Sangesur-Korridor']
        """
        if not self._keys or not text:
            return []
        if len(text) < _GC_PAUSE_ABOVE or not gc.isenabled():
            return self._find(text)
        # A long text yields hundreds of thousands of match tuples, none of them in a cycle;
        # letting the cyclic collector re-walk every live object (a whole termbase) while
        # they pile up made doubling the text cost 2.5x the time instead of 2x.
        gc.disable()
        try:
            return self._find(text)
        finally:
            gc.enable()

    def _find(self, text: str) -> list[Match]:
        folded = fold(text)
        ftext = folded.text
        n = len(ftext)
        # Accepted candidates, kept leftmost-longest as they arrive (ordered by end offset):
        # a newcomer that starts at or before the last one replaces it, one that starts
        # after it inside its span is dropped. No sort is needed.
        candidates: list[tuple[int, int, str, str, _Entry]] = []
        append = candidates.append
        check = self._check
        # The automaton scans the text after a space, so that short keys stored with a
        # word-lead character match at offset 0: its offsets are one past the text's, and
        # ``look`` (the scanned text and two spaces) is read at them; the spaces stand for
        # the end of the text, so that a key's next characters need no bounds checks.
        scanned = " " + ftext
        look = scanned + "  "
        automaton, values = self._automaton_for(scanned)
        if automaton is None:
            return []
        for index, _, stop in automaton.find_matches_as_indexes(scanned, overlapping=True):
            length, entries, simple, no_tail, quick = values[index]
            begin = stop - length
            if look[begin - 1].isalnum():
                continue  # inside a word
            start, end = begin - 1, stop - 1
            after = look[stop]
            if simple is not None and not (after.isalpha() or after in "'-"):
                found = (start, end, "", "", simple)
            else:
                in_word = after.isalpha() or after == "\u0301"  # as _check reads a tail
                if no_tail and in_word and (after != "s" or (look[stop + 1].isalpha() or look[stop + 1] == "\u0301")):
                    continue  # a longer word: "und" for "UN"
                # The two common cases of _check, inline: no tail, or an "s" ending; with
                # nothing after them that _check reads further (apostrophe, hyphen).
                suffix = None
                if quick is not None:
                    if not (in_word or after in "'-"):
                        suffix = ""
                    elif after == "s" and "s" in quick.endings and not (
                            look[stop + 1].isalpha() or look[stop + 1] in "\u0301'-"):
                        suffix = "s"
                    if suffix is not None and quick.term.case_sensitive and not _written_as(
                            folded, start, end, quick.exact):
                        suffix = None  # another reading of the key may still fit: _check them all
                if suffix is not None:
                    found = (start, end + len(suffix), suffix, "", quick)  # type: ignore[assignment]
                else:
                    for entry in entries:
                        checked = check(folded, start, end, n, entry)
                        if checked is not None:
                            found = (start, *checked, entry)  # type: ignore[assignment]
                            break
                    else:
                        continue
            while candidates and start < candidates[-1][1]:
                if start > candidates[-1][0]:
                    break
                candidates.pop()
            else:
                append(found)
        return self._matches(folded, candidates)

    def _check(self, folded, start: int, stop: int, n: int, entry: _Entry):  # type: ignore[no-untyped-def]
        """(end, suffix, compound_head) if the key at [start, stop) is a real occurrence."""
        ftext = folded.text
        if entry.term.case_sensitive and not _written_as(folded, start, stop, entry.exact):
            return None
        j = stop
        while j < n and (ftext[j].isalpha() or ftext[j] == "\u0301"):
            j += 1
        tail = ftext[stop:j]
        if entry.stem_drop and tail == "":
            return None  # a Russian stem needs its ending: "нахичеван" alone is not a word
        suffix = ""
        if tail:
            if tail in entry.endings:
                suffix = tail
            elif entry.compounds and (link := _is_compound_tail(tail, self._heads)) is not None:
                return stop + len(link), link, tail[len(link):]
            else:
                return None
        end = j
        if end < n and ftext[end] == "'" and not entry.stem_drop:
            if ftext[end + 1:end + 2] == "s" and (end + 2 >= n or not ftext[end + 2].isalnum()):
                suffix, end = suffix + "'s", end + 2
            elif (end + 1 >= n or not ftext[end + 1].isalnum()) and ftext[end - 1] in "sxz":
                suffix, end = suffix + "'", end + 1
        head = ""
        if end + 1 < n and ftext[end] == "-" and ftext[end + 1].isalpha():
            k = end + 1
            while k < n and (ftext[k].isalpha() or (ftext[k] == "-" and k + 1 < n and ftext[k + 1].isalpha())):
                k += 1
            head = folded.original[folded.start(end + 1):folded.end(k)]
        return end, suffix, head

    def _matches(self, folded, candidates) -> list[Match]:  # type: ignore[no-untyped-def]
        original = folded.original
        concepts = self._concepts
        make = Match._make  # half the cost of Match(...), whose __new__ is Python code
        if folded.identity:
            return [make((start, end, original[start:end], entry.term, concepts[entry.term.concept_id], suffix, head))
                    for start, end, suffix, head, entry in candidates]
        matches = []
        for start, end, suffix, head, entry in candidates:
            o_start, o_end = folded.start(start), folded.end(end)
            matches.append(Match(o_start, o_end, original[o_start:o_end], entry.term,
                                 concepts[entry.term.concept_id], suffix, head))
        return matches


def find_terms(text: str, termbase=None) -> list[Match]:  # type: ignore[no-untyped-def]
    """Every termbase term in ``text`` (the shipped termbase unless one is given).

    >>> [(m.surface, m.concept.id) for m in find_terms("Пашиняна и Алиева")]
    [('Пашиняна', 'nikol-pashinyan'), ('Алиева', 'ilham-aliyev')]
    """
    if termbase is None:
        from termguard.glossary.termbase import load_termbase

        termbase = load_termbase()
    return termbase.matcher.find(text)
