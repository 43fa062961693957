"""The checks on plain text: loaded, deprecated, foreign and inconsistent terms, quotes, positions."""

from __future__ import annotations

import pytest


def codes(findings):  # type: ignore[no-untyped-def]
    return [(f.code, f.surface) for f in findings]


@pytest.mark.parametrize("text, lang, surface", [
    ("Die Region Sangesur liegt im Süden.", "de", "Sangesur"),
    ("Die Bewohner Sangesurs protestierten.", "de", "Sangesurs"),
    ("Der Sangesur-Korridor soll gebaut werden.", "de", "Sangesur-Korridor"),
    ("Man spricht von West-Sangesur.", "de", "West-Sangesur"),
    ("The so-called Zangezur corridor would cross Armenia.", "en", "Zangezur corridor"),
    ("Western Zangezur is a term used in Baku.", "en", "Western Zangezur"),
    ("Алиев говорил о Зангезуре.", "ru", "Зангезуре"),
])
def test_loaded_term_in_any_language_and_inflection(lint, text, lang, surface) -> None:
    findings = [f for f in lint(text, lang) if f.code == "TG101"]
    assert [f.surface for f in findings] == [surface]
    assert findings[0].severity == "error"
    assert findings[0].concept in ("syunik", "zangezur-corridor")


def test_loaded_term_in_closed_compound(lint) -> None:
    [finding] = lint("Die Sangesurfrage bleibt offen.", "de")
    assert finding.code == "TG101" and finding.surface.startswith("Sangesur")


def test_loaded_suggestion_is_in_the_document_language(lint) -> None:
    [de] = lint("Die Region Sangesur ist umstritten.", "de")
    [en] = lint("The Zangezur region is disputed.", "en")
    assert (de.suggestion, en.suggestion) == ("Sjunik", "Syunik")
    assert "neutral form: `Syunik`" in en.message


def test_loaded_name_without_neutral_form_gets_the_termbase_advice(lint) -> None:
    [de] = lint("Der Sangesur-Korridor ist umstritten.", "de")
    [en] = lint("The Zangezur corridor is disputed.", "en")
    for finding in (de, en):
        assert finding.suggestion is None
        assert finding.message.endswith("; quote and attribute it; write TRIPP where the US project is meant")
        assert "neutral form" not in finding.message


@pytest.mark.parametrize("text", ["Baku spricht vom „Sangesur-Korridor“.", "Er nannte es „Sangesur“."])
def test_quoted_loaded_term_is_kept_faithful_not_replaced(lint, text) -> None:
    [finding] = lint(text, "de")
    assert finding.code == "TG102"
    assert finding.message.endswith("in a quotation; keep it faithful and attributed")
    assert "neutral form" not in finding.message


@pytest.mark.parametrize("quoted", ["„Sangesur“", "»Sangesur«", "‚Sangesur‘", "“Sangesur”", '"Sangesur"',
                                    "«Sangesur»", "„der Begriff Sangesur sei alt“"])
def test_quoted_loaded_term_is_reported_as_quotation(lint, quoted) -> None:
    [finding] = lint(f"Kobachidse sprach von {quoted} im Interview.", "de")
    assert finding.code == "TG102"
    assert finding.quoted is True
    assert finding.severity == "info"
    assert "quotation" in finding.message


def test_unclosed_quote_does_not_hide_a_loaded_term_on_the_next_line(lint) -> None:
    findings = lint("Er sagte: „Das ist alt.\nSangesur gehört zu Armenien.", "de")
    assert codes(findings) == [("TG101", "Sangesur")]


def test_deprecated_spellings_with_replacement(lint) -> None:
    findings = lint("Ilham Alyev visited Nakhichevan; Aliev spoke.", "en")
    assert [(f.code, f.surface, f.suggestion) for f in findings] == [
        ("TG103", "Alyev", "Aliyev"), ("TG103", "Nakhichevan", "Nakhchivan"), ("TG103", "Aliev", "Aliyev")]
    assert all(f.severity == "warning" for f in findings)
    assert "use `Nakhchivan`" in findings[1].message


def test_deprecated_in_quotation_has_its_own_code(lint) -> None:
    [finding] = lint("The report was titled “Elections in Nakhichevan”.", "en")
    assert (finding.code, finding.quoted, finding.severity) == ("TG104", True, "info")


def test_german_form_in_english_text(lint) -> None:
    findings = lint("President Alijew met Paschinjan.", "en")
    assert [(f.code, f.suggestion) for f in findings] == [("TG105", "Aliyev"), ("TG105", "Pashinyan")]
    assert findings[0].message.startswith("German form `Alijew`")


def test_german_form_in_german_text_is_fine(lint) -> None:
    assert lint("Präsident Alijew traf Paschinjan in Nachitschewan.", "de") == []


def test_inconsistent_spelling_within_one_document(lint) -> None:
    text = "Präsident Alijew sprach.\nSpäter sagte Aliyev, dass Alijew recht habe."
    findings = lint(text, "de")
    assert codes(findings) == [("TG201", "Aliyev")]
    f = findings[0]
    assert (f.line, f.suggestion) == (2, "Alijew")
    assert "spelled `Alijew` at line 1" in f.message


def test_full_name_and_short_name_are_not_inconsistent(lint) -> None:
    assert lint("Ilham Aliyev said Aliyev would come.", "en") == []


def test_quoted_other_language_form_does_not_count_for_consistency(lint) -> None:
    assert lint("Alijew zitierte den Titel „Aliyev and the West“.", "de") == []


def test_positions_are_one_based_characters_with_exclusive_end(lint) -> None:
    text = "Überschrift\n\n„Ähm“, sagt er: Sangesur ist älter."
    [f] = lint(text, "de")
    line = text.split("\n")[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == "Sangesur" == f.surface
    assert (f.line, f.end_line) == (3, 3)


def test_every_finding_carries_the_documented_fields(lint) -> None:
    from termguard.lint import FINDING_KEYS

    [f] = lint("Aliyev und Sangesur.", "de")
    data = f.to_dict()
    assert list(data) == list(FINDING_KEYS)
    assert data["concept"] == "syunik" and data["note"].startswith("Armenian province")
    assert data["suggestion"] == "Sjunik" and data["path"] == "<text>" and data["lang"] == "de"


def test_empty_text_is_reported_not_linted(lint) -> None:
    assert codes(lint("   \n", "de")) == [("TG904", "")]


def test_plain_text_without_terms(lint) -> None:
    assert lint("Ein ganz gewöhnlicher Satz ohne Namen.", "de") == []
