"""Protect and restore: round trips, English grammar around terms, limits, inline markup."""

from __future__ import annotations

import pytest

from termguard.translate.document import Segment
from termguard.translate.pipeline import Options, analyse_segment
from termguard.translate.protect import MAX_PLACEHOLDERS, protect
from termguard.translate.read import inline_spans
from termguard.translate.restore import restore
from termguard.translate.verify import contains_form, verify


def _segment(text: str, termbase, markdown: bool = False) -> Segment:  # type: ignore[no-untyped-def]
    return analyse_segment(Segment(text, 0, len(text)), termbase, Options(), markdown)


def test_round_trip_on_every_seed_sentence(termbase, seed_texts: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    from termguard.translate.segment import split_sentences

    checked = 0
    for text in seed_texts.values():
        for line in text.splitlines():
            for start, end in split_sentences(line):
                segment = protect(_segment(line[start:end], termbase), "placeholder")
                if any(not p.token for p in segment.placeholders):
                    continue  # inline substitutions change the text by design
                assert restore(segment.protected, segment.placeholders, original=True).text == segment.source
                checked += 1
    assert checked > 100


def test_identity_engine_restores_the_english_forms(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Paschinjan traf Alijew in Eriwan.", termbase))
    assert segment.protected == "[1] traf [2] in [3]."
    text, failures = verify(segment, segment.protected, termbase.matcher)
    assert (text, failures) == ("Pashinyan traf Aliyev in Yerevan.", [])


def test_saxon_genitive_is_substituted_inline_by_default(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Paschinjans Regierung traf Alijew.", termbase))
    assert segment.protected == "Pashinyans Regierung traf [1]."
    assert segment.placeholders[0].target == "Pashinyan's"


def test_saxon_genitive_as_placeholder_comes_back_as_possessive(termbase, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("termguard.translate.protect.GENITIVE_TECHNIQUE", "placeholder")
    segment = protect(_segment("Paschinjans Regierung lobte Armeniens Premier.", termbase))
    assert segment.protected == "[1] Regierung lobte [2] Premier."
    assert restore("[1] government praised [2] premier.", segment.placeholders).text == \
        "Pashinyan's government praised Armenia's premier."


def test_genitive_after_a_noun_is_not_possessive(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Gestern besuchte die Regierung Russlands Aserbaidschan.", termbase))
    assert [p.target for p in segment.placeholders] == ["Russia", "Azerbaijan"]


def test_plain_technique_sends_the_source_but_still_expects_english(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Paschinjan traf Alijew.", termbase), "plain")
    assert segment.protected == "Paschinjan traf Alijew."
    assert verify(segment, "Pashinyan met Aliyev.")[1] == []
    assert [f.expected for f in verify(segment, "Paschinjan met Aliyev.")[1]] == ["Pashinyan"]


def test_loaded_english_form_in_the_source_is_kept(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Der Zangezur-Korridor verbindet Armenien mit Baku.", termbase))
    assert segment.protected == "Der Zangezur-Korridor verbindet [1] mit [2]."
    assert [(x["source"], x["rendering"]) for x in segment.loaded] == [("Zangezur", "Zangezur")]


def test_genitive_after_an_article_is_not_possessive(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Die Öffnung des Sangesur-Korridors wurde verschoben.", termbase))
    # a loaded term is rendered in quotation marks, as the termbase note asks
    assert [p.target for p in segment.placeholders] == ["“Zangezur corridor”"]


def test_loaded_term_already_quoted_takes_its_quotes_along(termbase) -> None:  # type: ignore[no-untyped-def]
    # No second pair of marks, and none an engine could drop: the author's marks are in the span.
    segment = protect(_segment("Baku fordert den „Sangesur-Korridor“.", termbase))
    assert segment.protected == "[1] fordert den [2]."
    assert [(p.source, p.target) for p in segment.placeholders] == [
        ("Baku", "Baku"), ("„Sangesur-Korridor“", "“Zangezur corridor”")]


def test_inline_technique_writes_english_into_the_german(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Paschinjans Regierung traf Alijew in Eriwan.", termbase), "inline")
    assert segment.protected == "Pashinyans Regierung traf Aliyev in Yerevan."
    assert all(p.token == "" for p in segment.placeholders)


def test_compounds_are_substituted_inline_even_with_placeholders(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Der Sangesurkorridor verbindet Baku mit Nachitschewan.", termbase))
    assert segment.protected == "Der Zangezur-Korridor verbindet [1] mit [2]."


def test_more_spans_than_tokens_fall_back_to_inline(termbase) -> None:  # type: ignore[no-untyped-def]
    names = ["Paschinjan", "Alijew", "Eriwan", "Baku", "Nachitschewan", "Moskau", "Tiflis", "Lawrow"]
    text = " und ".join(names + names) + " trafen sich."
    segment = protect(_segment(text, termbase))
    tokens = [p for p in segment.placeholders if p.token]
    assert len(tokens) == MAX_PLACEHOLDERS
    assert segment.protected.endswith("Moskau und Tiflis und Lavrov trafen sich.".replace("Moskau", "Moscow")
                                      .replace("Tiflis", "Tbilisi"))


def test_markdown_code_and_links(termbase) -> None:  # type: ignore[no-untyped-def]
    text = "Laut [Paschinjan](https://x.am/p) gilt `Eriwan` weiter."
    segment = _segment(text, termbase, markdown=True)
    assert [m.surface for m in segment.matches] == []  # terms inside markup are not matched in the sentence
    protect(segment, inline_markup=inline_spans(text), make_inner=lambda t: _segment(t, termbase))
    assert segment.protected == "Laut [1] gilt [2] weiter."
    link = segment.placeholders[0]
    assert link.inner is not None and link.inner.source == "Paschinjan"
    protect(link.inner)
    link.inner.output, _ = verify(link.inner, link.inner.protected)
    text_out, failures = verify(segment, "According to [1], [2] still applies.")
    assert failures == []
    assert text_out == "According to [Pashinyan](https://x.am/p), `Eriwan` still applies."


def test_localized_spans_and_names_are_protected(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Am 9. Februar 2026 kamen 41.000 Menschen nach Eriwan.", termbase))
    assert segment.protected == "Am [1] kamen [2] Menschen nach [3]."
    restored = restore(segment.protected, segment.placeholders).text
    assert "February 9, 2026" in restored and "41,000" in restored and "Yerevan" in restored


def test_restore_reports_dropped_repeated_and_invented_tokens(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Paschinjan traf Alijew.", termbase))
    result = restore("[1] met [1] and [5].", segment.placeholders)
    assert result.text == "Pashinyan met and."
    assert [p.token for p in result.missing] == ["[2]"]
    assert [p.token for p in result.duplicated] == ["[1]"]
    assert result.unknown == ["[5]"]


def test_verify_flags_deprecated_forms_and_missing_inline_terms(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Alijew besuchte Nachitschewan.", termbase), "inline")
    _, failures = verify(segment, "Aliyev visited Nakhichevan.", termbase.matcher)
    reasons = [f.reason for f in failures]
    assert "term not rendered as 'Nakhchivan'" in reasons
    assert "deprecated form 'Nakhichevan' in the output" in reasons
    _, ok = verify(segment, "Aliyev visited Nakhchivan.", termbase.matcher)
    assert ok == []


@pytest.mark.parametrize("text, form, expected", [
    ("Pashinyan's plan", "Pashinyan", True),
    ("Pashinyans plan", "Pashinyan", False),
    ("nagorno-karabakh", "Nagorno-Karabakh", True),
    ("the Zangezur corridor", "Zangezur corridor", True),
    ("Zangezurcorridor", "Zangezur", False),
])
def test_contains_form(text: str, form: str, expected: bool) -> None:
    assert contains_form(text, form) is expected


def test_quotation_marks_of_a_loaded_term_are_restored_after_inline(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Kobachidse sprach über den Sangesur-Korridor.", termbase), "inline")
    assert segment.protected == "Kobakhidze sprach über den “Zangezur corridor”."
    text, failures = verify(segment, "Kobakhidze spoke about the Zangezur corridor.", termbase.matcher)
    assert (text, failures) == ("Kobakhidze spoke about the “Zangezur corridor”.", [])


def test_a_loaded_compound_rendered_as_its_own_term_is_not_a_failure(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Der Sangesurkorridor verbindet Baku mit Nachitschewan.", termbase))
    text, failures = verify(segment, "The Zangezur corridor connects [1] with [2].", termbase.matcher)
    assert failures == [] and text == "The Zangezur corridor connects Baku with Nakhchivan."
    _, failures = verify(segment, "The Zangezur corridor connects [1] with [2] via Nakhichevan.", termbase.matcher)
    assert [f.reason for f in failures] == ["deprecated form 'Nakhichevan' in the output"]


def test_a_token_the_engine_replaced_by_the_right_form_itself_passes(termbase) -> None:  # type: ignore[no-untyped-def]
    segment = protect(_segment("Kobachidse sprach über den Sangesur-Korridor.", termbase), "placeholder")
    assert segment.protected == "[1] sprach über den [2]."
    text, failures = verify(segment, "[1] spoke about the Zangezur corridor.", termbase.matcher)
    assert failures == [] and text == "Kobakhidze spoke about the “Zangezur corridor”."  # quoted as loaded
    text, failures = verify(segment, "[1] spoke about the statement.", termbase.matcher)
    assert [f.reason for f in failures] == ["placeholder [2] (term) dropped by the engine"]
