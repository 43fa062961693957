"""Both tokenizers argos packages have, on the genuine tiny models: what the engine needs of them.

Alignment repair reads source pieces by their character spans and target pieces in
SentencePiece's notation (``▁`` starts a word); a BPE package (Moses + subword-nmt) must give
both as exactly as a SentencePiece one, and decode to what argostranslate itself would write.
"""

from __future__ import annotations

import html

import pytest

from termguard.translate.engine import ArgosEngine
from termguard.translate.tokenizer import BpeTokenizer, check_files

SENTENCES = [
    "Paschinjan traf Alijew in Eriwan.",
    "Über Nachitschewan sprach Paschinjan mit [12] am 9. August.",
    "„Sangesur“ sagte Kobachidse – die Regierung von [1] & Co. kritisierte das Abkommen ( 25 % ) …",
]


def _bare(piece: str) -> str:
    return html.unescape(piece.removesuffix("@@")).lstrip("\u2581")


@pytest.mark.parametrize("sentence", SENTENCES)
def test_source_spans_cover_the_pieces_in_order(tiny_engine: ArgosEngine, sentence: str) -> None:
    pieces = tiny_engine.encode([sentence])[0]
    spans = tiny_engine.tokenizer.spans(sentence)
    assert len(spans) == len(pieces)
    assert all(a <= b for a, b in spans) and all(p[1] <= n[0] for p, n in zip(spans, spans[1:], strict=False))
    # every piece of a word stands at its own characters (punctuation may be normalised: „ → ";
    # the later pieces of a split Moses escape, &@@ q@@ u@@ o@@ t@@ ;, stand at none)
    words = [(_bare(p), sentence[a:b].strip()) for p, (a, b) in zip(pieces, spans, strict=True)
             if any(c.isalnum() for c in _bare(p)) and b > a]
    assert words and all(bare == text for bare, text in words), words
    # and every word of the sentence is covered by some piece
    covered = {i for a, b in spans for i in range(a, b)}
    assert all(i in covered for i, c in enumerate(sentence) if c.isalnum())


def test_a_word_split_into_pieces_gets_consecutive_spans(tiny_engine: ArgosEngine) -> None:
    sentence = "Paschinjan traf Kotscharjan in Eriwan."  # "Kotscharjan" is several pieces in both models
    pieces = tiny_engine.encode([sentence])[0]
    spans = tiny_engine.tokenizer.spans(sentence)
    at = sentence.index("Kotscharjan")
    end = at + len("Kotscharjan")
    inside = [span for span in spans if span[1] > at and span[0] < end]
    assert len(inside) > 1 and len(pieces) == len(spans)
    assert "".join(sentence[a:b] for a, b in inside).strip() == "Kotscharjan"
    assert all(a[1] == b[0] for a, b in zip(inside, inside[1:], strict=False))


def test_target_pieces_read_back_as_argos_writes_them(tiny_engine: ArgosEngine) -> None:
    tokenizer = tiny_engine.tokenizer
    for text in ["Pashinyan's government [1] met Aliyev in Yerevan.", 'He said "Zangezur corridor" (25%).']:
        raw = tokenizer.encode_target([text])[0]
        marked = tokenizer.word_pieces(raw)
        assert len(marked) == len(raw)
        assert tiny_engine.decode(marked) == text
        if isinstance(tokenizer, BpeTokenizer):
            assert tokenizer.argos.decode(raw) == text  # argostranslate's own decoder agrees
        # one word start per word of the text: alignment repair groups pieces into words by it
        assert sum(p.startswith("\u2581") for p in marked) == len(text.split())


def test_package_checks_follow_argos_order() -> None:
    both = check_files(["model/model.bin", "sentencepiece.model", "bpe.model"])
    assert both.tokenizer == "sentencepiece.model" and both.usable  # argos prefers SentencePiece too
    assert check_files(["model/model.bin", "bpe.model", "minisbd/x.onnx", "stanza/de.pt"]).usable
    assert check_files(["sentencepiece.model"]).problem == "no CTranslate2 model (model/model.bin)"
    assert check_files(["model/model.bin", "sentencepiece.model"], "sbd").problem == \
        "a 'sbd' package, not a translation model"
