"""Sentence segmentation: the spans a translator sees, and the round trip back to the paragraph."""

from __future__ import annotations

import re

import pytest

from termguard.translate.segment import split_sentences


def sentences(text: str, lang: str = "de") -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


def paragraphs(seed_texts: dict[str, str]) -> list[str]:
    return [p for text in seed_texts.values() for p in re.split(r"\n\s*\n", text) if p.strip()]


def assert_round_trip(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are ordered, trimmed, and the text between them is whitespace only."""
    pos = 0
    rebuilt = []
    for start, end in spans:
        assert pos <= start < end <= len(text)
        gap = text[pos:start]
        assert gap.strip() == "", f"non-whitespace lost between sentences: {gap!r}"
        assert not text[start].isspace() and not text[end - 1].isspace()
        rebuilt += [gap, text[start:end]]
        pos = end
    assert text[pos:].strip() == ""
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == text


def test_round_trip_on_every_seed_paragraph(seed_texts: dict[str, str]) -> None:
    for para in paragraphs(seed_texts):
        assert_round_trip(para, split_sentences(para))
    for text in seed_texts.values():  # whole documents too, blank lines included
        assert_round_trip(text, split_sentences(text))


@pytest.mark.parametrize("text", [
    "", "   ", "\n\n", "Ein Satz", "Ein Satz.", "„Zitat.“", "Satz. ", " A. B. C. D.", "...", "?!",
    "Erstens.\n\nZweitens.\n", "x\u00a0y. Z\u202fw.",
])
def test_round_trip_on_edge_cases(text: str) -> None:
    assert_round_trip(text, split_sentences(text))
    assert_round_trip(text, split_sentences(text, lang="en"))


@pytest.mark.parametrize("abbreviation", [
    "z. B.", "z.B.", "d. h.", "u. a.", "Nr.", "bzw.", "ca.", "Dr.", "Prof.", "St.", "vgl.", "sog.",
    "Mio.", "Mrd.", "Jh.", "v. Chr.", "Abs.", "Art.", "S.", "ggf.", "inkl.",
])
def test_german_abbreviations_do_not_end_a_sentence(abbreviation: str) -> None:
    text = f"Es geht um {abbreviation} Armenien und Georgien. Danach kam mehr."
    assert sentences(text) == [f"Es geht um {abbreviation} Armenien und Georgien.", "Danach kam mehr."]


def test_usw_and_etc_may_end_a_sentence() -> None:
    assert sentences("Gas, Öl usw. Dann kam der Winter.") == ["Gas, Öl usw.", "Dann kam der Winter."]
    assert sentences("Gas, Öl etc. sind knapp.") == ["Gas, Öl etc. sind knapp."]


def test_dates_and_numbers_stay_in_one_sentence() -> None:
    text = ("Die Mission begann am Montag, dem 9. Februar 2026, in Eriwan. Sie endete am 11. Feb. in Baku. "
            "Es geht um 41.000 Chips und 2,5 Mio. Euro. Trump 2.0 geht weiter.")
    assert sentences(text) == [
        "Die Mission begann am Montag, dem 9. Februar 2026, in Eriwan.",
        "Sie endete am 11. Feb. in Baku.",
        "Es geht um 41.000 Chips und 2,5 Mio. Euro.",
        "Trump 2.0 geht weiter.",
    ]


def test_numeric_date_with_time_is_one_line() -> None:
    assert sentences("19.01.2023 12:09\nAktualisiert: 19.01.2023 12:09") == [
        "19.01.2023 12:09", "Aktualisiert: 19.01.2023 12:09"]


def test_ordinals_after_an_article_but_years_end_sentences() -> None:
    assert sentences("Im 19. Jahrhundert war das anders. Der 2. Weltkrieg änderte alles.") == [
        "Im 19. Jahrhundert war das anders.", "Der 2. Weltkrieg änderte alles."]
    assert sentences("Das war im Jahr 2005. Bislang kam niemand.") == [
        "Das war im Jahr 2005.", "Bislang kam niemand."]
    assert sentences("Es geht um das Abkommen Nr. 123. Dieses Abkommen gilt.") == [
        "Es geht um das Abkommen Nr. 123.", "Dieses Abkommen gilt."]


def test_initials_are_not_sentence_ends() -> None:
    assert sentences("Erstmals reist mit J.D. Vance ein US-Vizepräsident nach Armenien. Mit dabei: Atom.") == [
        "Erstmals reist mit J.D. Vance ein US-Vizepräsident nach Armenien.", "Mit dabei: Atom."]
    assert sentences("Seit der Reise von Präsident George W. Bush nach Georgien. Bislang nichts.") == [
        "Seit der Reise von Präsident George W. Bush nach Georgien.", "Bislang nichts."]
    assert len(sentences("Titelbild: U.S. Government — Public Domain.")) == 1


def test_quotes_stay_with_their_sentence() -> None:
    # the sentence ends inside the closing quote
    assert sentences("Er weicht aus: „Das müssen sie entscheiden.“ Dann ging er.") == [
        "Er weicht aus: „Das müssen sie entscheiden.“", "Dann ging er."]
    # ... or outside it
    assert sentences("Er nannte es „wahrhaft historisch“. Trotzdem gab es Streit.") == [
        "Er nannte es „wahrhaft historisch“.", "Trotzdem gab es Streit."]
    # a question inside a quote that the sentence goes on after
    assert sentences("„Wann kommt er?“, fragte sie. Niemand wusste es.") == [
        "„Wann kommt er?“, fragte sie.", "Niemand wusste es."]
    # ASCII quotes
    assert sentences('"Wir sind Verbündete", merkte Lawrow an. Das war alles.') == [
        '"Wir sind Verbündete", merkte Lawrow an.', "Das war alles."]


def test_bracketed_ellipses_do_not_end_a_sentence() -> None:
    assert sentences("Denn gerade in dieser Region […] hat sich Russlands Position verschlechtert.") == [
        "Denn gerade in dieser Region […] hat sich Russlands Position verschlechtert."]
    assert sentences('"Trotz der Tatsache, dass wir Verbündete sind (...) zieht es Armenien vor."') == [
        '"Trotz der Tatsache, dass wir Verbündete sind (...) zieht es Armenien vor."']


def test_headings_without_final_punctuation_are_sentences() -> None:
    text = "Vance soll „Trump-Route“ vorantreiben\nTrump dankt Paschinjan. Er lobt Alijew."
    assert sentences(text) == ["Vance soll „Trump-Route“ vorantreiben", "Trump dankt Paschinjan.", "Er lobt Alijew."]


def test_hard_wrapped_lines_continue_the_sentence() -> None:
    text = "Die Regierung hat am Mittwoch\nerklärt, sie werde verhandeln. Das war neu."
    assert sentences(text) == ["Die Regierung hat am Mittwoch\nerklärt, sie werde verhandeln.", "Das war neu."]


def test_glued_sentences_from_scraped_pages_are_split() -> None:
    assert sentences("Public Domain.Trump-Route in „Russlands Vorhof“") == [
        "Public Domain.", "Trump-Route in „Russlands Vorhof“"]
    assert sentences("Haben Sie einen Fehler festgestellt?Wir werden ihn prüfen.") == [
        "Haben Sie einen Fehler festgestellt?", "Wir werden ihn prüfen."]
    # domains and versions are not sentence ends
    assert sentences("Quelle: President.az und responsiblestatecraft.org sowie Industrie 4.0.") == [
        "Quelle: President.az und responsiblestatecraft.org sowie Industrie 4.0."]


def test_seed_sentences_known_cases(seed_texts: dict[str, str]) -> None:
    all_sentences = [s for p in paragraphs(seed_texts) for s in sentences(p)]
    assert ("Die mehrtägige Mission, die am Montag, dem 9. Februar 2026, in der armenischen Hauptstadt Eriwan "
            "begann, fand ihren feierlichen Abschluss am Mittwoch, dem 11. Februar 2026, in Baku.") in all_sentences
    assert "Paschinjan bezeichnete den Besuch als „wahrhaft historisch“." in all_sentences
    assert "7 Ansichten" in all_sentences
    assert "Erstmals reist mit J.D. Vance ein US-Vizepräsident nach Armenien und Aserbaidschan." in all_sentences
    assert any(s.endswith("Abkommen Nr. 123.") for s in all_sentences)
    # no sentence starts with a lowercase letter except scraped fragments
    odd = [s for s in all_sentences if s[0].islower() and not s.startswith(("date ", "article:"))]
    assert odd == []


def test_english_basics() -> None:
    text = "Mr. Vance met Dr. Rubio in the U.S. capital on Feb. 9. They agreed. Was it enough? Yes!"
    assert sentences(text, "en") == [
        "Mr. Vance met Dr. Rubio in the U.S. capital on Feb. 9.", "They agreed.", "Was it enough?", "Yes!"]
    assert sentences("He said: “It works.” Then he left.", "en") == ["He said: “It works.”", "Then he left."]
    assert sentences("Pashinyan met J.D. Vance, e.g. in Yerevan.", "en_US") == [
        "Pashinyan met J.D. Vance, e.g. in Yerevan."]


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="no sentence rules for language 'fr'"):
        split_sentences("Bonjour.", lang="fr")
