"""Markdown and PO: what is skipped, and positions that point into the original file."""

from __future__ import annotations

from termguard.lint.langdetect import detect_language
from termguard.lint.quotes import find_quotes

MARKDOWN = """# Sangesur im Titel

Fließtext mit `Sangesur` im Code und [Sangesur](https://example.org/Sangesur) als Link.
Ein Verweis <https://sangesur.example/> und https://example.org/West-Sangesur?x=1 bleiben stumm.

    Sangesur eingerückt ist Code

```text
Sangesur im Codeblock
```

~~~
Sangesur
~~~

<span title="Sangesur">Text</span> und <!-- Sangesur im Kommentar --> Ende.

- Listenpunkt
    Sangesur in der Fortsetzung eines Listenpunkts
"""


def located(findings, text):  # type: ignore[no-untyped-def]
    lines = text.split("\n")
    return [(f.line, lines[f.line - 1][f.column - 1:f.end_column - 1], f.code) for f in findings]


def test_markdown_skips_code_urls_and_html(lint) -> None:
    got = located(lint(MARKDOWN, "de", path="a.md"), MARKDOWN)
    assert got == [(1, "Sangesur", "TG101"), (3, "Sangesur", "TG101"), (19, "Sangesur", "TG101")]


def test_markdown_link_text_is_linted_and_column_points_into_the_file(lint) -> None:
    text = "Siehe [den Sangesur-Korridor](https://x.example) hier."
    [f] = lint(text, "de", path="a.md")
    assert (f.line, f.column, f.end_column) == (1, 12, 29)


def test_markdown_quotation_spans_wrapped_lines(lint) -> None:
    text = "Er sagte: „Das Gebiet\nSangesur gehört uns“, so der Minister.\n"
    [f] = lint(text, "de", path="a.md")
    assert (f.code, f.line, f.column) == ("TG102", 2, 1)
    # in plain text a quotation ends at the line break
    [g] = lint(text, "de", path="a.txt")
    assert g.code == "TG101"


PO = r'''# header
msgid ""
msgstr ""
"Language: en\n"
"X-Source-Language: de\n"

#: a.txt:3
msgid "Der Sangesur-Korridor verbindet Nachitschewan."
msgstr "The Zangezur corridor connects Nakhichevan."

msgctxt "Sangesur as context is not text"
msgid ""
"Präsident Alijew sagte „Sangesur“ und "
"meinte \"West-Sangesur\"."
msgstr ""
"President Alijew said \"Zangezur\" and\n"
"meant Western Zangezur."

msgid "Ein Ort"
msgid_plural "Orte in Sangesur"
msgstr[0] "One place"
msgstr[1] "Places in Zangezur"

#~ msgid "Sangesur"
#~ msgstr "Zangezur"
'''


def test_po_positions_point_at_the_po_lines(lint) -> None:
    findings = lint(PO, path="a.po")
    lines = PO.split("\n")
    got = [(f.line, f.code, f.lang, lines[f.line - 1][f.column - 1:f.end_column - 1]) for f in findings]
    assert got == [
        (8, "TG101", "de", "Sangesur-Korridor"),
        (9, "TG101", "en", "Zangezur corridor"),
        (9, "TG103", "en", "Nakhichevan"),
        (13, "TG102", "de", "Sangesur"),
        (14, "TG102", "de", "West-Sangesur"),
        (16, "TG105", "en", "Alijew"),
        (16, "TG102", "en", "Zangezur"),
        (17, "TG101", "en", "Western Zangezur"),
        (20, "TG101", "de", "Sangesur"),
        (22, "TG101", "en", "Zangezur"),
    ]


def test_po_languages_detected_per_side_without_header(lint) -> None:
    po = ('msgid "Der Präsident Alijew und die Regierung sind in der Stadt."\n'
          'msgstr "The president Alijew and the government are in the city."\n')
    [f] = lint(po, path="b.po")
    assert (f.code, f.lang, f.column) == ("TG105", "en", 23)


def test_po_explicit_lang_applies_to_sides_without_a_header(lint) -> None:
    po = 'msgid "Alijew"\nmsgstr "Alijew"\n'
    assert [f.code for f in lint(po, "en", path="b.po")] == ["TG105", "TG105"]


def test_po_syntax_errors_are_reported_and_the_rest_linted(lint) -> None:
    po = 'msgid "ok"\nmsgstr "broken\n\nmsgid "Sangesur"\nmsgstr "Sjunik"\n'
    got = [(f.line, f.code) for f in lint(po, "de", path="c.po")]
    assert got == [(2, "TG905"), (4, "TG101")]


def test_quote_styles() -> None:
    text = "„a“ »b« ‚c‘ “d” \"e\" «f» ’tis Paschinjan’s"
    assert [text[s:e] for s, e in find_quotes(text).spans()] == ["„a“", "»b«", "‚c‘", "“d”", '"e"', "«f»"]


def test_nested_quotations_count_as_one() -> None:
    text = "„Er sagte ‚Sangesur‘ zweimal“ danach"
    assert [text[s:e] for s, e in find_quotes(text).spans()] == ["„Er sagte ‚Sangesur‘ zweimal“"]


def test_language_detection(seed_texts) -> None:
    for name, text in seed_texts.items():
        assert detect_language(text) == "de", name
    assert detect_language("Ilham Aliyev said the route would be built by the end of the year.") == "en"
    assert detect_language("Никол Пашинян и Ильхам Алиев подписали декларацию.") == "ru"


def test_markdown_emphasis_markers_are_not_part_of_words(lint) -> None:
    text = "Der **Sangesur-Korridor** und _Sangesur_ und ~~Sangesur~~.\n"
    got = located(lint(text, "de", path="a.md"), text)
    assert got == [(1, "Sangesur-Korridor", "TG101"), (1, "Sangesur", "TG101"), (1, "Sangesur", "TG101")]
