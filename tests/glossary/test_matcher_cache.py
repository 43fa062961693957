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
