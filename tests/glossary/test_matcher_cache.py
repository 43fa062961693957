"""The termbase cache keeps the matcher compiled: a cached load matches exactly what a fresh
compile matches, and a different word list (the compound heads) is a different cache entry."""

from __future__ import annotations

from pathlib import Path

from termguard.glossary import load_termbase
from termguard.glossary.match import Matcher, _compound_heads

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_a_cached_matcher_finds_what_a_fresh_one_finds(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(tmp_path / "cache"))
    load_termbase()
    cached = load_termbase()
    assert cached.compiled is None  # consumed: the matcher came from the cached tables
    fresh = Matcher(cached.terms, cached.concepts)
    assert cached.matcher.to_data(cached.terms) == fresh.to_data(cached.terms)
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("Der Sangesurkorridor, die UN-Mission und Пашиняна; US-Präsident Trump in Eriwan.")
    found = [cached.matcher.find(t) for t in texts]
    assert found == [fresh.find(t) for t in texts]
    assert sum(map(len, found)) > 100


def test_another_word_list_is_another_cache_entry(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(tmp_path / "cache"))
    words = tmp_path / "words"
    words.write_text("Flughafen\nBrückenkopf\n", "utf-8")
    monkeypatch.setenv("TERMGUARD_WORDLIST", str(words))
    _compound_heads.cache_clear()
    try:
        tb = load_termbase()
        assert [m.compound_head for m in tb.matcher.find("Der Eriwanflughafen")] == ["flughafen"]
        assert tb.matcher.find("Der Eriwanbrückenkopf")[0].compound_head == "brückenkopf"
        words.write_text("Flughafen\n", "utf-8")
        _compound_heads.cache_clear()
        tb = load_termbase()
        assert tb.matcher.find("Der Eriwanbrückenkopf") == []
        assert len(list((tmp_path / "cache").glob("termbase-*.marshal"))) == 2
    finally:
        _compound_heads.cache_clear()


def test_compound_heads_bisected_in_their_blob_answer_as_a_set_does() -> None:
    """The cached heads are one sorted UTF-8 blob, looked up by bisection until a set pays."""
    import random

    from termguard.glossary.match import _Heads

    words = sorted(_compound_heads()._blob.decode("utf-8").split("\n"))
    assert len(words) > 1000
    rng = random.Random(18)
    probes = rng.sample(words, 500) + [words[0], words[-1], "", "\ud800", "grenze\ud800", "zzzzzzzz", "a"]
    probes += [w[:-1] for w in rng.sample(words, 300)] + [w + "e" for w in rng.sample(words, 300)]
    probes += [w.upper() for w in rng.sample(words, 50)] + ["übergang", "ärger", "straße"]
    heads = _Heads(words)
    assert heads._blob == _compound_heads()._blob
    expected = set(words)
    assert [p in heads for p in probes] == [p in expected for p in probes]  # bisection (the first lookups)
    assert heads._set is None
    for _ in range(_Heads._BISECT_LOOKUPS):
        _ = "grenze" in heads
    assert [p in heads for p in probes] == [p in expected for p in probes] and heads._set is not None
    assert len(_Heads(words)) == len(words) and len(_Heads(())) == 0 and "x" not in _Heads(())


def test_matcher_tables_not_exactly_as_written_are_refused(tmp_path, monkeypatch) -> None:
    """from_data checks every record (column by column): each damage is a ValueError (the
    termbase then compiles its matcher afresh), never a matcher that finds something else."""
    import pytest

    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(tmp_path / "cache"))
    tb = load_termbase()
    terms = tb.terms
    data = tb.matcher.to_data(terms)
    assert Matcher.from_data(data, terms, tb.concepts).find("Paschinjan traf Alijew")
    layout, keys, key_values, values, entries, endings, blob = data

    def with_record(table, i, record):  # type: ignore[no-untyped-def]
        return (*table[:i], record, *table[i + 1:])

    value, entry = values[5], entries[5]
    damaged = [
        (layout, (*keys[:3], "", *keys[4:]), key_values, values, entries, endings, blob),  # an empty key
        (layout, (*keys[:3], 7, *keys[4:]), key_values, values, entries, endings, blob),
        (layout, keys, key_values[:-4], values, entries, endings, blob),  # a key without its value
        (layout, keys, key_values, with_record(values, 5, (0, *value[1:])), entries, endings, blob),  # length 0
        (layout, keys, key_values, with_record(values, 5, (value[0], (), *value[2:])), entries, endings, blob),
        (layout, keys, key_values, with_record(values, 5, (value[0], (len(entries),), *value[2:])), entries, endings,
         blob),
        (layout, keys, key_values, with_record(values, 5, (value[0], (True,), *value[2:])), entries, endings, blob),
        (layout, keys, key_values, with_record(values, 5, (*value[:2], len(entries), value[3])), entries, endings,
         blob),
        (layout, keys, key_values, with_record(values, 5, (*value[:3], 1)), entries, endings, blob),  # not a bool
        (layout, keys, key_values, with_record(values, 5, value[:3]), entries, endings, blob),
        (layout, keys, key_values, values, with_record(entries, 5, (len(terms), *entry[1:])), endings, blob),
        (layout, keys, key_values, values, with_record(entries, 5, (-1, *entry[1:])), endings, blob),
        (layout, keys, key_values, values, with_record(entries, 5, (*entry[:2], len(endings), *entry[3:])), endings,
         blob),
        (layout, keys, key_values, values, with_record(entries, 5, (*entry[:4], "yes")), endings, blob),
        (layout, keys, key_values, values, with_record(entries, 5, [*entry]), endings, blob),
        (layout, keys, key_values, values, entries, endings, blob.decode()),
        (layout, keys, key_values, values, entries, (("s", 1),), blob),
        (layout + 1, keys, key_values, values, entries, endings, blob),
    ]
    for i, bad in enumerate(damaged):
        with pytest.raises(ValueError):
            Matcher.from_data(bad, terms, tb.concepts)
            raise AssertionError(f"damage {i} accepted")
