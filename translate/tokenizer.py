"""Argos packages' tokenizers: which one a package has, whether termguard can run it, and each one
as the engine uses it (pieces for CTranslate2, character spans of source pieces, word-marked
target pieces for alignment repair).

argostranslate (``package.py``, 1.11) gives a package the tokenizer of ``sentencepiece.model`` if
the package has one, else of ``bpe.model`` (``tokenizer.py``: Moses punctuation normalisation and
tokenisation by sacremoses, then subword-nmt BPE by ``argostranslate.apply_bpe``, subwords joined
by ``@@``). termguard detects them in the same order. Everything else in a package is either read
by CTranslate2 itself (``model/``, whose vocabulary may be ``shared_vocabulary.json`` or, in
newer packages, ``.txt``) or not needed (``stanza/``, ``minisbd/``, ``spacy/`` sentence splitters:
termguard segments sentences itself).

The BPE tokenizer is argostranslate's own ``BPETokenizer`` (its module imports only sentencepiece;
sacremoses and ``apply_bpe`` are loaded when it is first used, torch and stanza never). For
SentencePiece, termguard calls sentencepiece directly: it needs the pieces' offsets, and argos'
decoder also turns every ``_`` of the output into a space.
"""

from __future__ import annotations

import html
import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

__all__ = ["TOKENIZER_FILES", "PackageCheck", "Tokenizer", "check_files", "check_package", "open_tokenizer"]

#: Tokenizer file → its name, in argostranslate's order of preference.
TOKENIZER_FILES = {"sentencepiece.model": "SentencePiece", "bpe.model": "BPE (Moses + subword-nmt)"}
#: The Python modules each tokenizer needs (the ``translate`` extra installs them).
_NEEDS = {"sentencepiece.model": ("sentencepiece",), "bpe.model": ("sacremoses", "argostranslate")}
_MODEL_FILE = "model/model.bin"
_WORD_START = "\u2581"


@dataclass(frozen=True)
class PackageCheck:
    """What termguard found in an argos package: its tokenizer and, if it cannot run it, why."""

    tokenizer: str | None  #: the tokenizer file (``sentencepiece.model``, ``bpe.model``), None if none
    problem: str | None = None  #: one line saying why termguard cannot translate with it

    @property
    def usable(self) -> bool:
        return self.problem is None

    @property
    def tokenizer_name(self) -> str:
        return TOKENIZER_FILES.get(self.tokenizer or "", "none")


def check_files(names: Iterable[str], package_type: str = "translate") -> PackageCheck:
    """Check a package by its file names (relative to the package directory, ``/`` separated):
    works on an archive's listing before anything is unpacked.

    >>> check_files(["metadata.json", "model/model.bin", "bpe.model", "stanza/de.pt"]).tokenizer
    'bpe.model'
    >>> check_files(["metadata.json", "model/model.bin", "vocab.spm"]).problem
    'no tokenizer termguard knows (argos packages have sentencepiece.model or bpe.model)'
    """
    present = set(names)
    tokenizer = next((name for name in TOKENIZER_FILES if name in present), None)
    if package_type != "translate":
        return PackageCheck(tokenizer, f"a {package_type!r} package, not a translation model")
    if _MODEL_FILE not in present:
        return PackageCheck(tokenizer, f"no CTranslate2 model ({_MODEL_FILE})")
    if tokenizer is None:
        return PackageCheck(None, "no tokenizer termguard knows (argos packages have "
                                  + " or ".join(TOKENIZER_FILES) + ")")
    missing = [m for m in ("ctranslate2", *_NEEDS[tokenizer]) if importlib.util.find_spec(m) is None]
    if missing:
        return PackageCheck(tokenizer, f"{TOKENIZER_FILES[tokenizer]} packages need {', '.join(missing)} "
                                       "(pip install 'termguard[translate]')")
    return PackageCheck(tokenizer)


def check_package(package_dir: Path, package_type: str = "translate") -> PackageCheck:
    """:func:`check_files` on an unpacked package directory."""
    names = [p.relative_to(package_dir).as_posix() for p in package_dir.iterdir()] if package_dir.is_dir() else []
    if (package_dir / _MODEL_FILE).is_file():
        names.append(_MODEL_FILE)
    return check_files(names, package_type)


class Tokenizer(Protocol):
    """A package's tokenizer as the engine uses it."""

    def encode(self, sentences: list[str]) -> list[list[str]]:
        """Source pieces of each sentence, as the model was trained on them."""
        ...

    def encode_target(self, sentences: list[str]) -> list[list[str]]:
        """Target-language pieces of each sentence (for scoring given translations)."""
        ...

    def spans(self, sentence: str) -> tuple[tuple[int, int], ...]:
        """Character range in ``sentence`` of each piece of ``encode([sentence])[0]``."""
        ...

    def word_pieces(self, pieces: list[str]) -> list[str]:
        """Target pieces as alignment repair reads them, one per model piece: SentencePiece's
        notation (``▁`` starts a word) and the characters they stand for."""
        ...

    def text(self, pieces: list[str]) -> str:
        """Text of a run of :meth:`word_pieces`."""
        ...


class SentencePieceTokenizer:
    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, sentences: list[str]) -> list[list[str]]:
        return self.processor.encode(sentences, out_type=str)

    encode_target = encode

    def spans(self, sentence: str) -> tuple[tuple[int, int], ...]:
        try:
            proto = self.processor.encode(sentence, return_type="proto")  # sentencepiece >= 0.2.3
        except TypeError:
            proto = self.processor.encode(sentence, out_type="immutable_proto")  # type: ignore[arg-type]  # 0.2.0-0.2.2
        # SentencePiece counts UTF-8 bytes; the pipeline counts characters.
        char_at = {}
        offset = 0
        for index, char in enumerate(sentence):
            char_at[offset] = index
            offset += len(char.encode("utf-8"))
        char_at[offset] = len(sentence)
        return tuple((char_at.get(p.begin, 0), char_at.get(p.end, len(sentence))) for p in proto.pieces)

    def word_pieces(self, pieces: list[str]) -> list[str]:
        return list(pieces)

    def text(self, pieces: list[str]) -> str:
        return self.processor.decode_pieces(pieces).replace(_WORD_START, " ")


_ENTITY = re.compile(r"&(?:[a-z]+|#\d+);")
_CLOSING = tuple(".,;:!?)]}%'’\"")


def _unescape_map(token: str) -> tuple[str, list[int]]:
    """A Moses token's text (``&#91;`` → ``[``) and, per character of the token, the index of the
    text character it belongs to."""
    text, owner, i = "", [], 0
    while i < len(token):
        match = _ENTITY.match(token, i)
        if match and html.unescape(match.group()) != match.group():
            owner.extend([len(text)] * len(match.group()))
            text += html.unescape(match.group())
            i = match.end()
        else:
            owner.append(len(text))
            text += token[i]
            i += 1
    return text, owner


def _locate(sentence: str, words: list[str]) -> list[tuple[int, int]]:
    """Character span of each word (in order) in ``sentence``.

    A word found after only whitespace is placed exactly; a word the Moses normaliser changed
    (``„`` → ``"``, ``…`` → ``...``) gets the characters between its neighbours.
    """
    found: list[tuple[int, int] | None] = []
    cursor, pending = 0, 0
    for word in words:
        at = sentence.find(word, cursor) if word else -1
        gap = sentence[cursor:at] if at >= 0 else ""
        if at >= 0 and (not gap.strip() or (pending and len(gap.strip()) <= 4 * pending + 4)):
            found.append((at, at + len(word)))
            cursor, pending = at + len(word), 0
        else:
            found.append(None)
            pending += max(1, len(word))
    spans: list[tuple[int, int]] = []
    for index, span in enumerate(found):
        if span is not None:
            spans.append(span)
            continue
        start = spans[-1][1] if spans else 0
        nxt = next((s[0] for s in found[index + 1:] if s is not None), len(sentence))
        while start < nxt and sentence[start].isspace():
            start += 1
        end = min(nxt, start + max(1, len(words[index])))
        spans.append((start, max(start, end)))
    return spans


class BpeTokenizer:
    """argostranslate's BPETokenizer, with the offsets and word marks termguard needs."""

    def __init__(self, model_file: Path, from_code: str, to_code: str) -> None:
        from argostranslate.tokenizer import BPETokenizer
        from sacremoses.normalize import MosesPunctNormalizer
        from sacremoses.tokenize import MosesTokenizer

        self.argos = BPETokenizer(model_file, from_code, to_code)
        self.argos.lazy_load()
        self._target = (MosesPunctNormalizer(to_code), MosesTokenizer(to_code))

    def _words(self, sentence: str) -> list[str]:
        """Moses tokens of a source sentence (argos' steps before BPE)."""
        normalized = self.argos.normalizer.normalize(sentence)
        return " ".join(self.argos.tokenizer.tokenize(normalized)).strip("\r\n ").split(" ")

    def encode(self, sentences: list[str]) -> list[list[str]]:
        return [self.argos.encode(s) for s in sentences]

    def encode_target(self, sentences: list[str]) -> list[list[str]]:
        normalizer, tokenizer = self._target
        return [self.argos.bpe_source.segment_tokens(
            " ".join(tokenizer.tokenize(normalizer.normalize(s))).strip("\r\n ").split(" ")) for s in sentences]

    def spans(self, sentence: str) -> tuple[tuple[int, int], ...]:
        words = self._words(sentence)
        texts = [_unescape_map(w) for w in words]
        located = _locate(sentence, [t for t, _ in texts])
        spans: list[tuple[int, int]] = []
        for word, (_, owner), (start, end) in zip(words, texts, located, strict=True):
            for chars in _piece_chars(self.argos.bpe_source.segment_tokens([word]) if word else [], owner):
                if not chars:  # the rest of a split escape (&@@ q@@ u@@ o@@ t@@ ;): its first piece has it
                    at = spans[-1][1] if spans else start
                    spans.append((at, at))
                    continue
                begin, stop = min(start + chars[0], end), min(start + chars[-1] + 1, end)
                spans.append((begin, max(begin, stop)))
        count = len(self.argos.encode(sentence))
        if len(spans) != count:  # cannot happen with argos' own steps; alignment then finds nothing
            spans = [(0, 0)] * count
        return tuple(spans)

    def word_pieces(self, pieces: list[str]) -> list[str]:
        groups: list[list[str]] = []
        for i, piece in enumerate(pieces):
            if i and pieces[i - 1].endswith("@@"):
                groups[-1].append(piece)
            else:
                groups.append([piece])
        words = ["".join(p.removesuffix("@@") for p in group) for group in groups]
        texts = [_unescape_map(w) for w in words]
        detokenized = self.argos.detokenizer.detokenize(words)
        marked: list[str] = []
        cursor = 0
        for group, (text, owner) in zip(groups, texts, strict=True):
            at = detokenized.find(text, cursor) if text else -1
            if at >= 0 and not detokenized[cursor:at].strip():
                spaced = at > cursor or not marked
                cursor = at + len(text)
            else:
                spaced = not marked or not text.startswith(_CLOSING)
            for k, chars in enumerate(_piece_chars(group, owner)):
                marked.append((_WORD_START if spaced and k == 0 else "") + "".join(text[c] for c in chars))
        return marked

    def text(self, pieces: list[str]) -> str:
        return "".join(pieces).replace(_WORD_START, " ")


def _piece_chars(pieces: list[str], owner: list[int]) -> list[list[int]]:
    """Per BPE piece of one Moses token, the token text's characters it stands for (``owner`` from
    :func:`_unescape_map`); an escape split over pieces belongs to the piece with its first character."""
    out: list[list[int]] = []
    raw, given = 0, -1
    for piece in pieces:
        body = piece.removesuffix("@@")
        chars = sorted({owner[j] for j in range(raw, raw + len(body)) if j < len(owner) and owner[j] > given})
        raw += len(body)
        given = chars[-1] if chars else given
        out.append(chars)
    return out


def open_tokenizer(package_dir: Path, from_code: str, to_code: str) -> Tokenizer:
    """The tokenizer of an unpacked package (call :func:`check_package` first for a clear refusal)."""
    if (package_dir / "sentencepiece.model").is_file():
        return SentencePieceTokenizer(package_dir / "sentencepiece.model")
    return BpeTokenizer(package_dir / "bpe.model", from_code, to_code)
