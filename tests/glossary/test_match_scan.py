"""The matcher's automaton (ahocorasick_rs): every overlapping key, at character offsets."""

from __future__ import annotations

import pickle

import pytest

from termguard.glossary import load_termbase
from termguard.glossary.normalize import fold

TEXTS = [
    "Ärger über Paschinjans Äußerung in Eriwan; Jerewan, Alijew.",
    "𝔘 Alijew und 𝔘Alijew; Eriwan😀 und 😀Eriwan, 𝔘𝔘𝔘 Sangesur-Korridor.",
    "Пашиняна, Алиева и 𝔘Пашинян — «Нагорного Карабаха» в Ереване.",
    "UN-Beobachter, EU-Mission; die OVKS 🇦🇲 und İlham Alijew, Paschinjan\u0301.",
]


@pytest.fixture(scope="module")
def matcher():  # type: ignore[no-untyped-def]
    return load_termbase().matcher


def _every_occurrence(keys: list[str], text: str) -> set[tuple[str, int, int]]:
    found = set()
    for key in keys:
        at = text.find(key)
        while at >= 0:
            found.add((key, at, at + len(key)))
            at = text.find(key, at + 1)
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_scan_reports_every_overlapping_key_at_character_offsets(matcher, text: str) -> None:  # type: ignore[no-untyped-def]
    folded = " " + fold(text).text
    keys = matcher.keys()
    got = {(keys[i], start, end) for i, start, end in matcher.scan(folded)}
    assert got == _every_occurrence(keys, folded)
    assert len(got) >= 4


def test_matches_point_at_the_names_after_astral_characters(matcher) -> None:  # type: ignore[no-untyped-def]
    text = TEXTS[1] + " " + TEXTS[2]
    matches = matcher.find(text)
    assert [m.surface for m in matches] == [text[m.start:m.end] for m in matches]
    # 𝔘 is a letter: "𝔘Alijew" is no word start; an emoji is no letter: "😀Eriwan" is one
    assert [m.surface for m in matches][:6] == ["Alijew", "Eriwan", "Eriwan", "Sangesur-Korridor", "Пашиняна",
                                                "Алиева"]


def test_a_pickled_matcher_finds_the_same(matcher) -> None:  # type: ignore[no-untyped-def]
    copy = pickle.loads(pickle.dumps(matcher))
    for text in TEXTS:
        assert copy.find(text) == matcher.find(text)
