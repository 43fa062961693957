"""The shared matcher: inflections, compounds, scripts, boundaries."""

from __future__ import annotations

import pytest

from termguard.glossary.match import Matcher


def found(termbase, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.concept.id) for m in termbase.matcher.find(text)]


def concept_of(termbase, text: str) -> str:
    matches = termbase.matcher.find(text)
    assert len(matches) == 1, (text, [(m.surface, m.concept.id) for m in matches])
    return matches[0].concept.id


@pytest.mark.parametrize("text, surface", [
    ("Paschinjans Regierung", "Paschinjans"),
    ("die Präsidentschaft Aserbaidschans", "Aserbaidschans"),
    ("die Regierung Armeniens", "Armeniens"),
    ("die Behörden Arzachs", "Arzachs"),
    ("Alijews Rede", "Alijews"),
])
def test_german_genitive_is_matched_with_its_ending(termbase, text, surface):
    matches = termbase.matcher.find(text)
    assert [m.surface for m in matches] == [surface]
    assert matches[0].suffix == "s"


def test_german_inflected_forms_map_to_the_right_concepts(termbase):
    assert concept_of(termbase, "Paschinjans Regierung") == "nikol-pashinyan"
    assert concept_of(termbase, "die Präsidentschaft Aserbaidschans") == "azerbaijan"
    assert concept_of(termbase, "die Regierung Armeniens") == "armenia"


def test_declined_compound_term_is_found_whole(termbase):
    matches = termbase.matcher.find("während des Ersten Bergkarabach-Krieges")
    assert [m.surface for m in matches] == ["Ersten Bergkarabach-Krieges"]
    assert matches[0].suffix == "es" and matches[0].concept.id.startswith("first")


def test_hyphenated_compound_keeps_the_name_and_its_head(termbase):
    matches = termbase.matcher.find("die Dauer der Bergkarabach-Gespräche")
    assert [(m.surface, m.concept.id, m.compound_head) for m in matches] == [
        ("Bergkarabach", "nagorno-karabakh", "Gespräche")]


def test_loaded_compound_is_a_loaded_match(termbase):
    for text in ("der Sangesur-Korridor", "der Sangesurkorridor", "den Sangesur–Korridor"):
        matches = termbase.matcher.find(text)
        assert matches and matches[0].status == "loaded", text


def test_closed_compound_keeps_its_head(termbase):
    matches = termbase.matcher.find("Die Armenienreise des Präsidenten")
    assert [m.concept.id for m in matches] == ["armenia"]
    assert matches[0].compound_head.lower() == "reise"


def test_english_possessive(termbase):
    matches = termbase.matcher.find("Pashinyan's government and Aliyev’s speech")
    assert [(m.concept.id, m.suffix) for m in matches] == [("nikol-pashinyan", "'s"), ("ilham-aliyev", "'s")]


@pytest.mark.parametrize("text, concept", [
    ("встреча с Пашиняном", "nikol-pashinyan"),
    ("заявление Пашиняна", "nikol-pashinyan"),
    ("Алиеву", "ilham-aliyev"),
    ("в Нахичевани", "nakhchivan"),
    ("из Еревана", "yerevan"),
])
def test_russian_case_forms(termbase, text, concept):
    assert concept_of(termbase, text) == concept


def test_never_inside_an_unrelated_word(termbase):
    # Each of these contains the letters of a term without being that term.
    for text in ("Bakunin schrieb", "der Abakus", "Schwarzbakunde", "Armenienxyzq", "IRANIAN"):
        assert [m for m in termbase.matcher.find(text) if m.concept.id in ("baku", "armenia", "iran")] == [], text


def test_case_and_typography_do_not_matter(termbase):
    assert concept_of(termbase, "PASCHINJAN") == "nikol-pashinyan"
    assert concept_of(termbase, "West\u2011Sangesur") == "syunik"
    decomposed = "Aserbaidschan".replace("A", "A")  # NFC text
    assert concept_of(termbase, decomposed) == "azerbaijan"


def test_nfd_input_keeps_original_offsets(termbase):
    text = "Die Türkei und Paschinjan"
    nfd = __import__("unicodedata").normalize("NFD", text)
    matches = termbase.matcher.find(nfd)
    pash = [m for m in matches if m.concept.id == "nikol-pashinyan"][0]
    assert nfd[pash.start:pash.end] == "Paschinjan"


def test_sharp_s_and_ss_are_the_same(termbase):
    assert concept_of(termbase, "Weißes Haus") == concept_of(termbase, "Weisses Haus")


def test_acronyms_are_case_sensitive(termbase):
    assert concept_of(termbase, "die OVKS") == "csto"
    assert termbase.matcher.find("die ovks") == []


def test_longest_match_wins(termbase):
    matches = termbase.matcher.find("Nikol Paschinjan sprach")
    assert [m.surface for m in matches] == ["Nikol Paschinjan"]


def test_spans_point_into_the_original_text(termbase, seed_texts):
    for text in seed_texts.values():
        for m in termbase.matcher.find(text):
            assert text[m.start:m.end] == m.surface


def test_seed_names_are_all_found(termbase, seed_texts):
    all_text = "\n".join(seed_texts.values())
    ids = {m.concept.id for m in termbase.matcher.find(all_text)}
    for expected in ("nikol-pashinyan", "ilham-aliyev", "yerevan", "nakhchivan", "syunik", "tripp",
                     "nagorno-karabakh", "csto", "irakli-kobakhidze", "sergey-lavrov", "zangezur-corridor"):
        assert expected in ids, expected


def test_matcher_with_no_terms_finds_nothing():
    assert Matcher([], {}).find("Paschinjan") == []


@pytest.mark.parametrize("text", ["im Weißen Haus", "des Kaspischen Meeres", "der Autonomen Republik Nachitschewan",
                                  "des Völkermords an den Armeniern"])
def test_multi_word_german_names_decline_inside(termbase, text):
    matches = termbase.matcher.find(text)
    assert matches, text
    assert " " in matches[0].surface, (text, matches[0].surface)


@pytest.mark.parametrize("text", ["**US** kommt", "_EU_ und", "Ziel:US-Politik", "(OVKS)", "«ОДКБ»"])
def test_short_acronyms_after_any_punctuation(termbase, text):
    assert termbase.matcher.find(text), text


def test_short_acronyms_never_inside_words(termbase):
    assert termbase.matcher.find("und neue Bündnisse, heute neutral, unsere Museen") == []


@pytest.mark.parametrize("text, concept", [
    ("конфликт вокруг Нагорного Карабаха", "nagorno-karabakh"),
    ("в Нагорном Карабахе", "nagorno-karabakh"),
    ("встреча с Николом Пашиняном", "nikol-pashinyan"),
])
def test_russian_multi_word_names_decline_inside(termbase, text, concept):
    matches = termbase.matcher.find(text)
    assert [m.concept.id for m in matches] == [concept]
    assert " " in matches[0].surface
