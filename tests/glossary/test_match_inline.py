"""The matcher's inline path (no tail, an "s" ending) finds exactly what its full check finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from termguard.glossary import load_termbase
from termguard.glossary import match as match_module

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
#: What tends to follow or join a name: endings, compound heads, hyphens, apostrophes (typed and
#: typographic), a combining stress mark, quotation marks, and words a short key hides in.
_PIECES = [" ", " ", "-", "'", "’", "s", "es", "n", "en", "er", "korridor", "Grenze", "route", ".", ",", "\n", "x",
           "„", "“", "\u0301", "ss", "ß", "İ", "US", "UN", "USA", "und", "a", "s-", "s'"]


def _texts(termbase, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Seed paragraphs, and random strings of terms (in several cases), cut keys and joining pieces."""
    terms = [t.text for c in termbase.concepts.values() for t in c.terms]
    rng = random.Random(18)
    texts = [p for seed in sorted(SEEDS.glob("*.txt")) for p in seed.read_text("utf-8").split("\n\n")]
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 8)):
            roll = rng.random()
            if roll < 0.5:
                term = rng.choice(terms)
                parts.append(rng.choice([term, term, term.upper(), term.lower(), term.capitalize()]))
            elif roll < 0.6:
                term = rng.choice(terms)
                parts.append(term[: rng.randint(1, len(term))])
            else:
                parts.append(rng.choice(_PIECES))
        texts.append("".join(parts))
    return texts


@pytest.fixture(scope="module")
def termbase():  # type: ignore[no-untyped-def]
    return load_termbase()


def test_the_inline_path_finds_what_the_full_check_finds(termbase, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    terms = [t for c in termbase.concepts.values() for t in c.terms]
    inline = match_module.Matcher(terms, termbase.concepts)
    monkeypatch.setattr(match_module, "_quick", lambda entries: None)  # every hit through _check
    checked = match_module.Matcher(terms, termbase.concepts)
    texts = _texts(termbase, 6000)
    found = [inline.find(text) for text in texts]
    assert found == [checked.find(text) for text in texts]
    # The texts exercise both paths: names with and without endings, and some that are rejected.
    suffixes = {m.suffix for matches in found for m in matches}
    assert {"", "s", "es"} <= suffixes
    assert sum(map(len, found)) > 3_000
