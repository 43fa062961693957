"""No text can crash the QA engine: random Unicode, punctuation runs, one-letter words, markup
fragments and numbers in every shape, on both sides (seeded, so a failure reproduces)."""

from __future__ import annotations

import random

import pytest

from termguard.errors import InputError
from termguard.qa import Unit, pair_documents

PIECES = ["(s. o.)", "s.", "o.", "a", "Ä", "„", "“", "”", "»", "«", "‚", "‘", "'", '"', "[1]", "[^2]", "[", "]", "(",
          ")", "<a href=\"x\">", "</a>", "<span class=\"n”>", "](http://x.y \"t\")", "{name}", "%s", "%", "$", "€",
          "11 Millionen US-Dollar", "$11 million", "9. Februar 2026", "February 9", "14.30 Uhr", "2:30 p.m.", "41.000",
          "41,000", "3,5 %", "99", "0", "…", "?!", "...", "—", "-", "Paschinjan", "Pashinyan", "Sangesur",
          "„West-Sangesur“", "Zangezur", "TheUSA", "inspoke", "festgestellt?Wir", "Grenzübergang", "\u00a0", "\t",
          "\u202f", "ß", "İ", "ﬁ", "🙂", "\u0301", "Пашинян", "Փաշինյան", "Bergkarabach", "US", "USA", "Nr.", "z. B."]


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 25)):
        if rng.random() < 0.15:
            parts.append("".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 6))))
        else:
            parts.append(rng.choice(PIECES))
    return rng.choice([" ", "", " ", "\n"]).join(parts)


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    from termguard.qa import engine_for

    return engine_for()


@pytest.mark.parametrize("seed", range(8))
def test_no_text_crashes_a_check(engine, seed: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    for _ in range(60):
        source, target = _text(rng), _text(rng)
        for level in ("segment", "paragraph"):
            findings = engine.check_unit(Unit(source, target, level=level))
            assert all(f.line >= 1 and f.column >= 1 for f in findings)
        try:
            pairing = pair_documents(source + "\n" + _text(rng), target, "markdown" if seed % 2 else "text")
        except InputError as error:  # an edition with no prose: the one-line error `check` prints
            assert "the edition has no text" in str(error)
            continue
        for unit in pairing.units:
            engine.check_unit(unit)
