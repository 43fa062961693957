"""Language detection reads a bounded sample: as accurate on mixed-language files as reading 8 KB."""

from __future__ import annotations

import random
from pathlib import Path

from termguard.lint.langdetect import _SAMPLE, _scores, detect_language

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_ENGLISH = [
    "The government of Pashinyan said on Monday that the talks with Aliyev had been useful and would go on.",
    "Critics in Yerevan accused the prime minister of giving up Nagorno-Karabakh without a fight.",
    "The so-called Zangezur corridor, which Baku calls the Trump Route, would run through Syunik province.",
    "Observers from the EU and the UN were not allowed to visit the region, the OSCE said in a statement.",
    "He said that they were ready to sign the treaty as soon as the constitution of Armenia is changed.",
]
_RUSSIAN = [
    "Пашинян встретился с Алиевым в Абу-Даби, сообщает пресс-служба правительства Армении.",
    "По словам Пашиняна, переговоры о Нагорном Карабахе завершены, и мирный договор готов.",
    "Алиева поддержали в Баку; Нахичевань остаётся эксклавом Азербайджана, пишут газеты.",
]


def _full_sample(text: str, default: str = "de") -> str:
    """What detection answered before the bounded sample: the first 8 KB, always."""
    scores = _scores(text[:_SAMPLE])
    if scores is None:
        return default
    verdict, de, en = scores
    return verdict or (default if de == en else "de" if de > en else "en")


def _mixed_files(count: int) -> list[tuple[str, str]]:
    """(text, language with most characters) of files mixing two languages, often one opening the file."""
    german = [p for s in sorted(SEEDS.glob("*.txt")) for p in s.read_text("utf-8").split("\n\n") if len(p) > 80]
    pools = {"de": german, "en": _ENGLISH, "ru": _RUSSIAN}
    rng = random.Random(3)
    files = []
    for _ in range(count):
        main = rng.choice(list(pools))
        other = rng.choice([lang for lang in pools if lang != main])
        size = {main: 0, other: 0}
        target, intro = rng.choice([1500, 3000, 6000, 12000]), rng.random() < 0.5
        blocks: list[str] = []
        while sum(size.values()) < target:
            lang = other if (intro and not blocks) or rng.random() < 0.3 else main
            blocks.append(rng.choice(pools[lang]))
            size[lang] += len(blocks[-1])
        files.append(("\n\n".join(blocks), max(size, key=lambda lang: size[lang])))
    return files


def test_bounded_sample_answers_as_the_full_sample_on_mixed_files() -> None:
    files = _mixed_files(1500)
    assert sum(len(text) > 2048 for text, _ in files) > 1000  # most are longer than the first sample
    bounded = [detect_language(text) for text, _ in files]
    full = [_full_sample(text) for text, _ in files]
    assert bounded == full
    accuracy = sum(got == label for got, (_, label) in zip(bounded, files, strict=True)) / len(files)
    assert accuracy >= 0.98


def test_an_english_opening_does_not_decide_a_german_file() -> None:
    german = "\n\n".join(p for s in sorted(SEEDS.glob("*.txt")) for p in s.read_text("utf-8").split("\n\n"))
    english = " ".join(_ENGLISH * 4)  # about 2 KB of English, then German
    assert len(english) >= 1800
    assert detect_language(english[:2000]) == "en"
    assert detect_language(english[:2000] + "\n\n" + german[:6000]) == "de"


def test_words_are_split_as_the_word_pattern_splits_them() -> None:
    """The fast word split agrees with ``[^\\W\\d_]+`` on every code point and on mixed text,
    and counts the letters of those words."""
    import re
    import sys

    from termguard.lint.langdetect import _WORD, _evidence, _letters

    pattern = re.compile(_WORD.pattern)

    def _words_of(text: str) -> list[str]:
        evidence = _evidence(text)
        words = [w.decode() for w in evidence.spaced.split()]
        assert _letters(evidence) == sum(map(len, words))
        return words
    for code in range(0, sys.maxunicode + 1, 4096):
        chars = "".join(chr(c) for c in range(code, min(code + 4096, sys.maxunicode + 1))
                        if not 0xD800 <= c <= 0xDFFF)
        spaced = " ".join(chars)
        assert _words_of(spaced) == pattern.findall(spaced.lower())
        assert _words_of(chars) == pattern.findall(chars.lower())
    rng = random.Random(3)
    alphabet = "abcÄäöüßé_1²½-–—'’ \n\tПаш\u0301𝔘x.,;"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert _words_of(text) == pattern.findall(text.lower())


def test_the_8k_sample_read_in_two_pieces_weighs_as_one_read() -> None:
    """Detection reads 2 KB, then the next 6 KB alone: words cut at the seam (a stop word
    split in two, Greek, Turkish dotted I, Cyrillic) count as read in one piece."""
    from termguard.lint.langdetect import _FIRST_SAMPLE, _evidence, _extended, _verdict

    rng = random.Random(8)
    pieces = ["der", "the", "und", "and", "für", "über", "ΑΣ", "İstanbul", "Пашинян", "x²", "1990", "_", " ",
              "\n", "—", "’", "Ä", "ß", "Straße", "i\u0307"]
    for _ in range(600):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(600, 2600)))
        cut = _FIRST_SAMPLE - rng.randint(-3, 3)
        if len(text) <= cut + 1:
            continue
        text = text[:cut] if rng.random() < 0.02 else text
        one = _verdict(_evidence(text[:_SAMPLE]))
        two = _verdict(_extended(_evidence(text[:cut]), text, cut, _SAMPLE))
        assert one == two, text[cut - 10:cut + 10]
