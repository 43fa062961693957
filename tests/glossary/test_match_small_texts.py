"""The first, small texts a matcher sees are scanned with an automaton of only the keys they can
hold (building the automaton of all keys cost more than the rest of a ``lint FILE``): the matches
must be exactly those of the automaton of all keys, and a matcher that switches over on the way
finds what one that never switches finds."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from termguard.glossary import load_termbase
from termguard.glossary.match import Matcher

ROOT = Path(__file__).resolve().parents[2]
_LEADS = [" ", "\n", "(", "„", "«", "-", "/", "'", "…", "", "", "x", "7", "𝔘", "😀", "\u0301"]
_TAILS = ["", "", "s", "es", "n", "en", "'s", "’", "-", "korridor", "grenze", "ern", "ов", "а", "ом", "\u0301", "x"]


def _matcher_without_full_automaton(matcher: Matcher) -> Matcher:
    copy = pickle.loads(pickle.dumps(matcher))
    copy._budget = 1 << 60  # never buys the full automaton
    return copy


def _texts(matcher: Matcher) -> list[str]:
    """Seeds, their paragraphs, and generated texts of termbase keys in every surrounding."""
    rng = random.Random(18)
    texts: list[str] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_text("utf-8")
        texts += [text, *text.split("\n\n")]
    terms = [t.text for t in load_termbase().terms]
    keys = matcher.keys()
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 12)):
            word = rng.choice(terms) if rng.random() < 0.6 else rng.choice(keys)
            if rng.random() < 0.3:
                word = word.upper() if rng.random() < 0.5 else word.lower()
            if rng.random() < 0.15:  # a key cut short or run into the next one
                word = word[: rng.randint(1, max(1, len(word)))]
            parts.append(rng.choice(_LEADS) + word + rng.choice(_TAILS))
        texts.append("".join(parts))
    return texts


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return load_termbase().matcher


def test_small_texts_match_exactly_as_with_every_key(matcher: Matcher) -> None:
    full = pickle.loads(pickle.dumps(matcher))
    assert full._automaton is not None  # built now: every text below goes through it
    small = _matcher_without_full_automaton(matcher)
    texts = _texts(matcher)
    found = 0
    for text in texts:
        expected = full.find(text)
        assert small.find(text) == expected, text
        found += len(expected)
    assert small._full is None  # the small texts' automata did the work
    assert found > 1000


def test_scan_with_the_subset_reports_the_same_hits_in_the_same_order(matcher: Matcher) -> None:
    full = pickle.loads(pickle.dumps(matcher))
    small = _matcher_without_full_automaton(matcher)
    number = {key: i for i, key in enumerate(full.keys())}
    for text in _texts(matcher)[::7]:
        scanned = " " + text.lower()
        automaton, values = small._automaton_for(scanned)
        hits = automaton.find_matches_as_indexes(scanned, overlapping=True) if automaton else []
        # a hit's key is the text it covers; its values are that key's
        assert [(scanned[s:e], s, e) for _, s, e in hits] == [(full.keys()[i], s, e) for i, s, e in full.scan(scanned)]
        assert all(values[i] == full._values[number[scanned[s:e]]] for i, s, e in hits)


def test_a_matcher_switches_to_the_full_automaton_and_finds_the_same(matcher: Matcher) -> None:
    fresh = pickle.loads(pickle.dumps(matcher))
    never = _matcher_without_full_automaton(matcher)
    texts = _texts(matcher)
    assert [fresh.find(t) for t in texts] == [never.find(t) for t in texts]
    assert fresh._full is not None  # the small texts' cost reached the full automaton's


def test_word_leads_are_punctuation_whitespace_and_typographic_marks() -> None:
    import string

    from termguard.glossary.match import _WORD_LEADS

    expected = "".join(sorted(set(string.punctuation + string.whitespace + "„“”‚‘«»‹›…·•¡¿")))
    assert expected == _WORD_LEADS


def test_threads_sharing_a_fresh_matcher_find_the_same(matcher: Matcher) -> None:
    """A server's threads share one matcher: its lazily built tables must not be seen half made."""
    from concurrent.futures import ThreadPoolExecutor

    texts = _texts(matcher)[-120:]
    full = pickle.loads(pickle.dumps(matcher))
    expected = [full.find(t) for t in texts]
    for _ in range(3):
        fresh = pickle.loads(pickle.dumps(matcher))
        with ThreadPoolExecutor(4) as pool:
            assert list(pool.map(fresh.find, texts)) == expected
