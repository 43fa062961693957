"""Localisation by rule: German dates, numbers and money in, English forms out; typography of the output."""

from __future__ import annotations

import pytest
from babel.numbers import get_currency_name, get_decimal_symbol, get_group_symbol

from termguard.translate.localize import KINDS, Localized, find_localizable, localize_typography


def converted(text: str) -> list[tuple[str, str]]:
    return [(x.source, x.target) for x in find_localizable(text)]


@pytest.mark.parametrize(("source", "target"), [
    ("41.000", "41,000"),
    ("1.250.000", "1,250,000"),
    ("2,5", "2.5"),
    ("2,50", "2.50"),
    ("74 %", "74%"),
    ("74\u00a0%", "74%"),
    ("12,5 Prozent", "12.5%"),
    ("9. Februar 2026", "February 9, 2026"),
    ("9.\u00a0Februar 2026", "February 9, 2026"),
    ("1. Jänner 2024", "January 1, 2024"),
    ("11. Feb.", "February 11"),
    ("Januar 2025", "January 2025"),
    ("19.01.2023", "January 19, 2023"),
    ("11 Millionen US-Dollar", "$11 million"),
    ("5 Milliarden US-Dollar", "$5 billion"),
    ("4,5 Millionen Euro", "€4.5 million"),
    ("4,5 Mio. €", "€4.5 million"),
    ("2 Billionen Euro", "€2 trillion"),  # German Billion is English trillion
    ("500 Euro", "€500"),
    ("7 Tsd. Euro", "€7,000"),
    ("5 Millionen Dram", "5 million Armenian drams"),
    ("100 Manat", "100 Azerbaijani manats"),
    ("3,5 Milliarden Rubel", "3.5 billion Russian rubles"),
    ("10 Mrd. Lari", "10 billion Georgian laris"),
    ("2,5 Millionen", "2.5 million"),
])
def test_each_conversion(source: str, target: str) -> None:
    assert converted(f"Es ging um {source} laut Bericht.") == [(source, target)]


def test_only_the_date_of_a_weekday_date_is_a_span() -> None:
    text = "Die Mission, die am Montag, dem 9. Februar 2026, in Eriwan begann"
    [span] = find_localizable(text)
    start = text.index("9. Februar")
    assert span == Localized(start, start + 15, "9. Februar 2026", "February 9, 2026", "date")
    assert text[span.start:span.end] == span.source


def test_month_and_year() -> None:
    assert converted("im August 2025 in Washington") == [("August 2025", "August 2025")]
    assert converted("seit Ende Mai 2024") == [("Mai 2024", "May 2024")]


def test_ordinals_after_an_article() -> None:
    assert converted("die 2. Phase") == [("2.", "2nd")]
    assert converted("im 19. Jahrhundert und der 23. Parteitag") == [("19.", "19th"), ("23.", "23rd")]


def test_a_date_with_a_time_leaves_the_time() -> None:
    assert converted("19.01.2023 12:09") == [("19.01.2023", "January 19, 2023")]


@pytest.mark.parametrize("text", [
    "7 Ansichten", "Abkommen Nr. 123", "NVIDIA GB300-Grafikprozessoren", "V-BAT von Shield AI",
    "seit 1993", "im Jahr 2005", "1878–1890", "49 bis 99 Jahren", "Section 907", "Trump 2.0", "Industrie 4.0",
    "um 12.30 Uhr", "1x/Woche", "Lesezeit: 1 min", "date 2026-02-12", "am 31.02.2023", "Euro-Zone",
    "5 Euro-Münzen", "1,2,3", "9. bis 11. Februar 2026", "am 3. und 4. Mai 2024", "im vergangenen August",
    "3 E-Auto-Trends", "Ende 2025", "16 Staaten, von denen 11 Mitglieder", "43 Kilometer (27 Meilen)",
])
def test_no_false_conversions(text: str) -> None:
    assert find_localizable(text) == []


def test_seeds_spans_are_expected_kinds_and_round_trip(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        spans = find_localizable(text)
        last_end = 0
        for x in spans:
            assert x.kind in KINDS
            assert text[x.start:x.end] == x.source, name
            assert x.start >= last_end, "spans overlap"
            last_end = x.end
            assert any(ch.isdigit() for ch in x.source)


def test_seed_conversions(seed_texts: dict[str, str]) -> None:
    found = {(x.source, x.target, x.kind) for text in seed_texts.values() for x in find_localizable(text)}
    assert found == {
        ("9. Februar 2026", "February 9, 2026", "date"),
        ("11. Februar 2026", "February 11, 2026", "date"),
        ("August 2025", "August 2025", "date"),
        ("Januar 2025", "January 2025", "date"),
        ("Januar 2022", "January 2022", "date"),
        ("11 Millionen US-Dollar", "$11 million", "currency"),
        ("5 Milliarden US-Dollar", "$5 billion", "currency"),
        ("4 Milliarden US-Dollar", "$4 billion", "currency"),
        ("41.000", "41,000", "number"),
        ("74 %", "74%", "percent"),
        ("26 %", "26%", "percent"),
        ("19.01.2023", "January 19, 2023", "date"),
        ("24.01.2026", "January 24, 2026", "date"),
        ("23.01.2026", "January 23, 2026", "date"),
    }


def test_seed_codes_and_counts_are_untouched(seed_texts: dict[str, str]) -> None:
    text = seed_texts["001_64b6a3730c4cd442.txt"]
    sources = [x.source for x in find_localizable(text)]
    for untouched in ("123", "GB300", "1878", "1890", "49", "1993"):
        assert not any(untouched in s for s in sources)
    assert find_localizable(seed_texts["000_4c22258b9561486f.txt"].split("7 Ansichten")[1]) == []


def test_other_target_locale() -> None:
    assert converted("am 9. Februar 2026 für 4,5 Millionen Euro") == [
        ("9. Februar 2026", "February 9, 2026"), ("4,5 Millionen Euro", "€4.5 million")]
    got = [(x.source, x.target) for x in find_localizable("am 9. Februar 2026, 41.000", target_locale="en_GB")]
    assert got == [("9. Februar 2026", "9 February 2026"), ("41.000", "41,000")]


@pytest.mark.parametrize("group", sorted({get_group_symbol("de_CH"), "'", "\u2019"}))
def test_swiss_german_numbers_use_cldr_symbols(group: str) -> None:
    """de_CH groups with an apostrophe (CLDR's, or the other one real Swiss text uses) and writes
    the decimal with babel's symbol; the expectations come from babel, not from this year's CLDR."""
    decimal = get_decimal_symbol("de_CH")
    text = f"41{group}000 Franken, 2{decimal}5 Prozent"
    got = [(x.source, x.target) for x in find_localizable(text, source_locale="de_CH")]
    en_group, en_decimal = get_group_symbol("en_US"), get_decimal_symbol("en_US")
    francs = get_currency_name("CHF", count=41000, locale="en_US")
    assert got == [(f"41{group}000 Franken", f"41{en_group}000 {francs}"),
                   (f"2{decimal}5 Prozent", f"2{en_decimal}5%")]


def test_non_german_source_is_an_error() -> None:
    with pytest.raises(ValueError, match="German only"):
        find_localizable("Hello", source_locale="en")


# --- typography of the English output -------------------------------------------------------

@pytest.mark.parametrize(("german", "english"), [
    ("It is a „new era“.", "It is a “new era”."),
    ("a ‚so-called‘ deal", "a ‘so-called’ deal"),
    ("the »Trump Route« project", "the “Trump Route” project"),
    ("the «Trump Route» project", "the “Trump Route” project"),
    ("a ›small‹ step", "a ‘small’ step"),
    ("„outer ‚inner‘ quote“", "“outer ‘inner’ quote”"),
    ("It said „enough\" and left.", "It said “enough” and left."),
    ("a share of 74 %, the rest 26\u00a0%.", "a share of 74%, the rest 26%."),
    ("41\u202f000 chips", "41,000 chips"),
])
def test_typography(german: str, english: str) -> None:
    assert localize_typography(german) == english


def test_a_closing_mark_whose_opening_is_in_the_previous_segment() -> None:
    assert localize_typography("has deteriorated markedly.“") == "has deteriorated markedly.”"


@pytest.mark.parametrize("text", [
    "[1] met [2] in [3] on [4].",
    "“Already English,” he said, ‘fine’ and “done”.",
    "Pashinyan’s government",
    "a\u00a0b and 11\u00a0million",
    "[3] % is a placeholder, not a number",
    "Version 4.0 and 1878–1890",
    "",
])
def test_typography_leaves_everything_else_alone(text: str) -> None:
    assert localize_typography(text) == text


def test_typography_is_idempotent() -> None:
    once = localize_typography("„A ‚b‘ c“ »d« 74 %")
    assert localize_typography(once) == once
