"""German-press name spellings to English-press ones, and finding such names in German text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from termguard.translate.transliterate import RULES, NameCandidate, Transliteration, find_foreign_names, transliterate

REQUIRED = {
    "Paschinjan": "Pashinyan",
    "Alijew": "Aliyev",
    "Mirzojan": "Mirzoyan",
    "Kobachidse": "Kobakhidze",
    "Lawrow": "Lavrov",
    "Iskandarjan": "Iskandaryan",
    "Schafijew": "Shafiyev",
    "Dudakow": "Dudakov",
    "Jerewan": "Yerevan",
    "Kotscharjan": "Kocharyan",
    "Sargsjan": "Sargsyan",
    "Iwanischwili": "Ivanishvili",
    # the English press writes Nakhchivan (from Azerbaijani); the rules give the Russian-based
    # English form, which is also in use
    "Nachitschewan": "Nakhichevan",
}
MORE = {
    "Tschitscherin": "Chicherin",
    "Dschabarow": "Jabarov",
    "Schewardnadse": "Shevardnadze",
    "Saakaschwili": "Saakashvili",
    "Tschernomyrdin": "Chernomyrdin",
    "Gorbatschow": "Gorbachev",
    "Chruschtschow": "Khrushchev",
    "Chatschaturjan": "Khachaturyan",
    "Ter-Petrosjan": "Ter-Petrosyan",
    "Abdullajew": "Abdullayev",
    "Mamedjarow": "Mamedyarov",
    "Medwedew": "Medvedev",
    "Lukaschenko": "Lukashenko",
    "Schoigu": "Shoigu",
    "Sjunik": "Syunik",
    "Zchinwali": "Tskhinvali",
    "Aserbaidschan": "Azerbaijan",
    "Nesawissimaja Gaseta": "Nezavisimaya Gazeta",
    "Sergej Lawrow": "Sergey Lavrov",
    "Dmitrij Medwedew": "Dmitry Medvedev",
    "Grigol-Robakidse": "Grigol-Robakidze",
    "Sakareiswili": "Sakareishvili",  # the English press: Zakareishvili (initial S is ambiguous)
}


@pytest.mark.parametrize(("german", "english"), [*REQUIRED.items(), *MORE.items()])
def test_transliterate(german: str, english: str) -> None:
    result = transliterate(german)
    assert result.text == english
    assert result.source == german
    assert result.verified is False


def test_result_names_the_rules_in_the_order_they_ran() -> None:
    assert transliterate("Schafijew") == Transliteration("Schafijew", "Shafiyev", ("y", "sh", "v"))
    assert transliterate("Kobachidse").rules == ("dze", "kh")
    assert transliterate("Vance").rules == ()
    assert not transliterate("Vance").changed


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_example_holds_and_uses_its_rule(rule) -> None:  # type: ignore[no-untyped-def]
    german, english = (part.strip() for part in rule.example.split("->"))
    result = transliterate(german)
    assert result.text == english
    assert rule.id in result.rules
    assert rule.origin and rule.where in ("ending", "initial", "anywhere")


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


def test_capitals_and_separators_are_kept() -> None:
    assert transliterate("PASCHINJAN").text == "PASHINYAN"
    assert transliterate("paschinjan").text == "pashinyan"
    assert transliterate("Irakli  Kobachidse").text == "Irakli  Kobakhidze"


def test_voiced_s_only_between_vowels_and_not_in_latin_script_names() -> None:
    assert transliterate("Sangesur").text == "Sangezur"  # not "Zangezur": initial S is left alone
    assert transliterate("Sarkissjan").text == "Sarkisyan"
    assert transliterate("Hüseynow").text == "Huseynov"


def test_empty_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="nothing to transliterate"):
        transliterate("  ")


# --- finding names --------------------------------------------------------------------------

def test_find_names_with_genitive() -> None:
    text = "Kobachidses Verwendung des Begriffs überraschte Lawrow."
    found = find_foreign_names(text)
    assert found == [
        NameCandidate(0, 11, "Kobachidses", transliterate("Kobachidse"), "s"),
        NameCandidate(48, 54, "Lawrow", transliterate("Lawrow")),
    ]
    assert [text[c.start:c.end] for c in found] == ["Kobachidses", "Lawrow"]


def test_known_spans_are_skipped() -> None:
    text = "Paschinjan traf Alijew."
    assert [c.source for c in find_foreign_names(text, known=[(0, 10)])] == ["Alijew"]
    assert find_foreign_names(text, known=[(0, 10), (16, 22)]) == []


@pytest.mark.parametrize("text", [
    "Anschluss", "Schwelle", "Plan", "Iwan", "Jan", "Kiew", "Talkshow", "Fernsehinterview", "Crew",
    "Euronews", "Alpha News", "Glasgow", "Bungalow", "Fassade", "Himalaja", "Windows", "Zarewitsch",
    "lawrow", "LAWROW", "Aliyev", "Pashinyan",
])
def test_ordinary_words_and_english_spellings_are_not_flagged(text: str) -> None:
    assert find_foreign_names(text) == []


SEED_NAMES = {
    "Paschinjan", "Mirzojan", "Alijew", "Dudakow", "Iskandarjan", "Kobachidse", "Kobachidses",
    "Nesawissimaja", "Robakidse", "Sakareiswili", "Schafijew", "Lawrow", "Sergej Lawrow",
}


def test_seeds_every_candidate_is_a_real_name(seed_texts: dict[str, str]) -> None:
    found = {c.source for text in seed_texts.values() for c in find_foreign_names(text)}
    assert found == SEED_NAMES


def test_seed_002_names_and_their_english_forms(seed_texts: dict[str, str]) -> None:
    text = seed_texts["002_d26d82337f58783c.txt"]
    got = {c.source: c.transliteration.text for c in find_foreign_names(text)}
    for german, english in {"Dudakow": "Dudakov", "Iskandarjan": "Iskandaryan", "Schafijew": "Shafiyev",
                            "Kobachidse": "Kobakhidze", "Alijew": "Aliyev", "Paschinjan": "Pashinyan",
                            "Sakareiswili": "Sakareishvili"}.items():
        assert got[german] == english


def test_termbase_matches_as_known_are_skipped(seed_texts: dict[str, str], termbase) -> None:  # type: ignore[no-untyped-def]
    """The pipeline passes the termbase matches as ``known``: no candidate overlaps one."""
    for text in seed_texts.values():
        known = [(m.start, m.end) for m in termbase.matcher.find(text)]
        left = find_foreign_names(text, known)
        assert all(not (c.start < e and s < c.end) for c in left for s, e in known)
        assert {c.source for c in left} <= {c.source for c in find_foreign_names(text)}


WORDLIST = Path("/usr/share/dict/ngerman")


@pytest.mark.skipif(not WORDLIST.is_file(), reason="German word list (wngerman) not installed")
def test_precision_on_the_german_dictionary() -> None:
    """Of ~119,000 capitalised German words only real Slavic names are flagged."""
    words = [w.strip() for w in WORDLIST.read_text("utf-8", errors="replace").splitlines() if w[:1].isupper()]
    flagged = {c.transliteration.source for c in find_foreign_names(" ".join(words))}
    assert flagged <= {"Chruschtschow", "Gorbatschow", "Rachmaninow", "Tymoschenko"}


# --- names the termbase does not know: given names, endings, compounds, the benchmark ----------

@pytest.mark.parametrize(("german", "english"), [
    ("Michail Mischustin", "Mikhail Mishustin"), ("Sergej Sobjanin", "Sergey Sobyanin"),
    ("Dmitri Kosak", "Dmitry Kozak"), ("Jewgeni Primakow", "Yevgeny Primakov"), ("Alexej Kudrin", "Alexei Kudrin"),
    ("Wanadsor", "Vanadzor"), ("Sewansee", "Lake Sevan"), ("Anna Hakobjan", "Anna Hakobyan"),
    ("Surab Pololikaschwili", "Zurab Pololikashvili"), ("Sersch Sargsjan", "Serzh Sargsyan"),
])
def test_every_word_of_a_name_gets_its_english_press_form(german: str, english: str) -> None:
    assert transliterate(german).text == english


def test_a_given_name_before_a_found_surname_is_part_of_the_name() -> None:
    [candidate] = find_foreign_names("Gestern sagte Jewgeni Primakows Sprecher nichts.")
    assert (candidate.source, candidate.transliteration.text, candidate.suffix) == \
        ("Jewgeni Primakows", "Yevgeny Primakov", "s")


def _bench():  # type: ignore[no-untyped-def]
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "names_bench.py"
    spec = importlib.util.spec_from_file_location("names_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_name_benchmark_is_kept_out_of_the_rule_examples() -> None:
    bench = _bench()
    rows = bench.read_names()
    assert len(rows) >= 150 and {o for _, _, o in rows} == {"hy", "az", "ka", "ru"}
    examples = {part.strip() for r in RULES for part in r.example.split("->")}
    data = yaml.safe_load((Path(__file__).resolve().parents[2] / "translate" / "transliteration.yaml").read_text())
    examples |= {e["example"] for e in data["name_endings"]}
    examples |= {part.strip() for c in data["compounds"] for part in c["example"].split("->")}
    words = {w for german, _, _ in rows for w in german.replace("-", " ").split()}
    assert not words & examples


def test_name_benchmark_reaches_95_percent() -> None:
    bench = _bench()
    rows = bench.read_names()
    exact, misses = bench.score(rows)
    assert exact / len(rows) >= 0.95, misses
