"""Synthetic termbases and corpora for the benchmarks (deterministic, seeded)."""

from __future__ import annotations

import random
from pathlib import Path

from termguard.model import Concept, Term

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

_ONSETS = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh", "ts", "dr", "gr", "kr"]
_VOWELS = ["a", "e", "i", "o", "u", "ia", "ai", "ou"]
_ENDINGS_DE = ["jan", "ijew", "ow", "dse", "schwili", "ew", "in"]
_ENDINGS_EN = ["yan", "iyev", "ov", "dze", "shvili", "ev", "in"]
_CYR = str.maketrans({"a": "а", "b": "б", "d": "д", "e": "е", "g": "г", "i": "и", "k": "к", "l": "л", "m": "м",
                      "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "z": "з",
                      "y": "ы", "h": "х", "c": "ц", "w": "в", "j": "й"})


def synthetic_concepts(count: int, seed: int = 7) -> list[Concept]:
    """``count`` person-like concepts with German, English and Russian surname forms."""
    rng = random.Random(seed)
    concepts = []
    seen: set[str] = set()
    i = 0
    while len(concepts) < count:
        stem = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3)))
        k = rng.randrange(len(_ENDINGS_DE))
        de, en = (stem + _ENDINGS_DE[k]).capitalize(), (stem + _ENDINGS_EN[k]).capitalize()
        if de.lower() in seen or en.lower() in seen:
            continue
        seen.update((de.lower(), en.lower()))
        cid = f"synthetic-{i}"
        i += 1
        ru = en.lower().translate(_CYR).capitalize()
        terms = (Term(en, "en", "preferred", concept_id=cid), Term(de, "de", "preferred", concept_id=cid),
                 Term(ru, "ru", "admitted", concept_id=cid))
        concepts.append(Concept(cid, "person", terms, sources=("synthetic",)))
    return concepts


def corpus(megabytes: float, seed: int = 3) -> str:
    """About ``megabytes`` MB of German text: the seed articles repeated with varied names."""
    rng = random.Random(seed)
    paragraphs = [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n") if p.strip()]
    swaps = [("Paschinjan", "Paschinjans"), ("Alijew", "Alijews"), ("Armenien", "Armeniens"),
             ("Eriwan", "Jerewan"), ("Aserbaidschan", "Aserbaidschans")]
    target = int(megabytes * 1_000_000)
    out: list[str] = []
    size = 0
    while size < target:
        p = rng.choice(paragraphs)
        a, b = rng.choice(swaps)
        if rng.random() < 0.5:
            p = p.replace(a, b, 1)
        out.append(p)
        size += len(p.encode("utf-8")) + 2
    return "\n\n".join(out)
