"""No input text can crash a stage of the translation pipeline (property tests with hypothesis).

Each stage is called on its own (read → segment → match → localize → transliterate → protect →
restore → alignment repair → typography → PO catalog → report), not through the pipeline's per-document error
isolation, so that a crash here is a crash of the stage and not something the isolation hides.
The texts mix random Unicode with what real articles have that a hand-written test forgets:
punctuation runs, one-letter words, abbreviations (``(s. o.)``), termbase names, amounts,
Markdown links and inline HTML.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termguard.translate.document import Document
from termguard.translate.enforce import enforce
from termguard.translate.engine import IdentityEngine
from termguard.translate.localize import find_localizable, localize_typography
from termguard.translate.pipeline import Options, assemble_block, prepare_document
from termguard.translate.po import catalog_text, make_catalog
from termguard.translate.protect import TECHNIQUES, protect
from termguard.translate.read import inline_spans, parse_markdown, parse_text, read_document
from termguard.translate.report import document_report
from termguard.translate.restore import restore
from termguard.translate.segment import split_sentences, table_cells
from termguard.translate.transliterate import find_foreign_names

PIECES = [
    "(s. o.)", "s.", "o.", "z. B.", "u. a.", "Nr.", "Dr.", "St.", "bzw.", "ca.", "v. H.",
    "Paschinjan", "Paschinjans", "Alijew", "Eriwan", "Sangesur", "„West-Sangesur“", "Sangesur-Korridor",
    "US", "US-Dollar", "11 Millionen US-Dollar", "4,5 Mio. Euro", "3 Rubel", "99 Jahre", "9. Februar 2026",
    "19.01.2023", "41.000", "74 %", "die 2. Phase", "[1]", "[12]", "[ 3 ]", "[99]",
    "[Alijew](https://example.org/a \"Titel\")", "[^2]", "<b>Eriwan</b>", "<a href=\"https://x.org\">Alijew</a>",
    "<span class=\"n\">", "</span>", "`code`", "https://example.org/x?y=1", "| a | b |", "# ", "- ", "> ",
    "s", "S", "a", "X", "ß", "İ", "ǅ", "ﬁ", "\u00a0", "\u202f", "\u200b", "\t", "\n", "\n\n",
    "?", "!", ".", "…", "...", "?!", "“", "”", "„", "»", "«", "‚", "‘", "'", "\"", "(", ")", "[", "]",
    "-", "–", "—", "/", ":", ";", ",",
]

# Random Unicode, but no surrogates (a file read as UTF-8 cannot hold them) and no NUL
# (read_document rejects it as a binary file, by design).
unicode_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\0"), max_size=30)
punctuation_run = st.text(st.sampled_from(list(".,;:!?…-–—()[]„“”»«'\"/")), min_size=1, max_size=8)
one_letter = st.sampled_from(list("aAsSoOuUzZ"))
article_text = st.lists(
    st.one_of(st.sampled_from(PIECES), unicode_text, punctuation_run, one_letter),
    max_size=25,
).map(" ".join) | st.lists(st.sampled_from(PIECES), max_size=25).map("".join)

# TERMGUARD_HYPOTHESIS_EXAMPLES=2000 searches harder (about a minute) than the default run.
SETTINGS = settings(max_examples=int(os.environ.get("TERMGUARD_HYPOTHESIS_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(article_text)
def test_no_text_crashes_the_light_stages(text: str) -> None:
    for lang in ("de", "en"):
        for start, end in split_sentences(text, lang=lang):
            assert 0 <= start <= end <= len(text)
    table_cells(text)
    parse_text(text)
    parse_markdown(text)
    inline_spans(text)
    find_localizable(text)
    find_foreign_names(text)
    localize_typography(text)
    localize_typography(text, style="en_GB")


def _stages(text: str, fmt: str, termbase) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("a.md" if fmt == "markdown" else "a.txt")
        path.write_text(text, "utf-8")
        doc: Document = read_document(path)
        options = Options()
        prepare_document(doc, termbase, options)
        for segment in doc.segments:
            markup = inline_spans(segment.source) if fmt == "markdown" else None
            for technique in TECHNIQUES:
                protect(segment, technique, "en", markup)
                restore(segment.protected, segment.placeholders)
                restore(segment.protected, segment.placeholders, original=True)
        enforce(doc.segments, IdentityEngine(), matcher=termbase.matcher, adaptive=False)
        for segment in doc.segments:
            if segment.output is not None:
                segment.output = localize_typography(segment.output)
        for block in doc.blocks:
            assemble_block(block)
        doc.render()
        catalog_text(make_catalog([doc], machine=True, base=Path(tmp)))
        document_report(doc, edition=None, po=None, model="identity", model_missing=False)


@SETTINGS
@given(article_text, st.sampled_from(["text", "markdown"]))
def test_no_text_crashes_any_stage_of_a_document(termbase, text: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    _stages(text, fmt, termbase)


def test_abbreviation_s_o_in_brackets_does_not_crash() -> None:
    """`(s. o.)` made ``_has_name_ending`` index an empty word (issue 10)."""
    assert find_foreign_names("Paschinjan traf Alijew in Eriwan (s. o.).") != []


piece = st.one_of(st.sampled_from(["▁", "▁The", "▁USA", "▁[1]", "▁[", "1", "]", ".", ",", "'s", "“", "”", "s",
                                   "▁Pashinyan", "▁met", "in", "▁99"]), st.text(max_size=4).map(lambda t: "▁" + t))


@st.composite
def aligned_outputs(draw):  # type: ignore[no-untyped-def]
    """A source sentence and an engine output with an arbitrary (even nonsensical) attention."""
    from termguard.translate.engine import Aligned

    sentence = draw(article_text.filter(lambda t: "\n" not in t))
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)] or [(0, 0)]
    pieces = tuple(draw(st.lists(piece, max_size=12)))
    alignment = tuple(draw(st.lists(st.integers(0, len(words) - 1), min_size=len(pieces), max_size=len(pieces))))
    text = "".join(pieces).replace("▁", " ").strip()
    return sentence, Aligned(text, pieces, alignment, tuple(words))


def _decode(pieces: list[str]) -> str:
    return "".join(pieces).replace("▁", " ").strip()


@SETTINGS
@given(aligned_outputs(), st.data())
def test_no_attention_crashes_alignment_repair(termbase, case, data) -> None:  # type: ignore[no-untyped-def]
    from termguard.translate.align import keep_aligned_copy, project, repair
    from termguard.translate.document import Segment
    from termguard.translate.pipeline import analyse_segment

    sentence, aligned = case
    n = len(sentence)
    spans = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n), st.sampled_from(["Pashinyan", "[1]",
                                                                                               "“Zangezur”", "99"])),
                               max_size=4))
    project(aligned, sentence, [(min(a, b), max(a, b), r) for a, b, r in spans], _decode, keep=["Pashinyan"])
    keep_aligned_copy(aligned, sentence, 0, n, "[1]", _decode)
    segment = analyse_segment(Segment(sentence, 0, n), termbase, Options(), markdown=True)
    protect(segment, "placeholder", "en", inline_spans(sentence))
    repair(segment, segment.protected, aligned, _decode)
