"""The translation engine: a small protocol, and an argos package's CTranslate2 + SentencePiece model.

Importing this module is cheap: ctranslate2 and sentencepiece are imported when a model is
loaded, argostranslate (stanza, torch) never on this path.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from termguard.errors import EngineUnavailableError

__all__ = ["Engine", "ArgosEngine", "EngineOptions", "IdentityEngine", "load_engine"]


@runtime_checkable
class Engine(Protocol):
    """What the pipeline needs from a translator."""

    from_code: str
    to_code: str

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        """Hypotheses (best first, at least one) for each sentence, in input order."""
        ...


@dataclass(frozen=True)
class EngineOptions:
    """Decoding and threading settings (defaults follow argostranslate's)."""

    beam_size: int = 4
    num_hypotheses: int = 4
    max_batch_size: int = 32
    batch_type: str = "examples"
    inter_threads: int = 1
    intra_threads: int = 0  # 0: CTranslate2 picks
    device: str = "cpu"
    compute_type: str = "auto"
    length_penalty: float = 0.2
    max_decoding_length: int = 256


class IdentityEngine:
    """Returns every sentence unchanged: for round-trip tests of protect/restore."""

    def __init__(self, from_code: str = "de", to_code: str = "en") -> None:
        self.from_code = from_code
        self.to_code = to_code

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        return [[s] for s in sentences]


_LOADED: dict[tuple, tuple] = {}  # (model dir, device, threads, compute type) -> (translator, sp)
_LOCK = threading.Lock()


class ArgosEngine:
    """An installed (or unpacked) argos package, translated through CTranslate2 directly.

    The model is loaded once per process and shared by every engine on the same package.
    Sentences of any number of documents go through ``translate_batch`` together, in
    batches of ``max_batch_size``; CTranslate2 sorts them by length inside each call.
    """

    def __init__(self, package_dir: str | Path, options: EngineOptions | None = None) -> None:
        self.package_dir = Path(package_dir)
        self.options = options or EngineOptions()
        metadata_path = self.package_dir / "metadata.json"
        try:
            self.metadata = json.loads(metadata_path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise EngineUnavailableError(f"not an argos package (no readable metadata.json: {exc})",
                                         self.package_dir) from None
        self.from_code = str(self.metadata.get("from_code", ""))
        self.to_code = str(self.metadata.get("to_code", ""))
        self.target_prefix = str(self.metadata.get("target_prefix", "") or "")
        if not (self.package_dir / "model").is_dir() or not (self.package_dir / "sentencepiece.model").is_file():
            raise EngineUnavailableError("argos package without a CTranslate2 model/ and sentencepiece.model "
                                         "(only SentencePiece packages are supported)", self.package_dir)

    @property
    def name(self) -> str:
        code = self.metadata.get("code") or self.package_dir.name
        return f"{code} {self.metadata.get('package_version', '')}".strip()

    def _load(self):  # type: ignore[no-untyped-def]
        opts = self.options
        key = (str(self.package_dir.resolve()), opts.device, opts.inter_threads, opts.intra_threads,
               opts.compute_type)
        with _LOCK:
            if key not in _LOADED:
                try:
                    import ctranslate2
                    import sentencepiece
                except ImportError as exc:
                    raise EngineUnavailableError(
                        f"{exc.name} is not installed (pip install 'termguard[translate]')") from None
                translator = ctranslate2.Translator(
                    str(self.package_dir / "model"), device=opts.device, inter_threads=opts.inter_threads,
                    intra_threads=opts.intra_threads, compute_type=opts.compute_type)
                sp = sentencepiece.SentencePieceProcessor(model_file=str(self.package_dir / "sentencepiece.model"))
                _LOADED[key] = (translator, sp)
            return _LOADED[key]

    def encode(self, sentences: list[str]) -> list[list[str]]:
        _, sp = self._load()
        return sp.encode(sentences, out_type=str)

    def decode(self, pieces: list[str]) -> str:
        _, sp = self._load()
        text = sp.decode_pieces(pieces).replace("\u2581", " ")
        if self.target_prefix and text.startswith(self.target_prefix):
            text = text[len(self.target_prefix):]
        return text.strip()

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        """n-best translations of ``sentences`` in as few CTranslate2 calls as the batch size allows."""
        if not sentences:
            return []
        translator, _ = self._load()
        opts = self.options
        tokens = self.encode(sentences)
        prefix = [[self.target_prefix] for _ in tokens] if self.target_prefix else None
        num = max(1, min(opts.num_hypotheses, opts.beam_size))
        results = translator.translate_batch(
            tokens, target_prefix=prefix, max_batch_size=opts.max_batch_size, batch_type=opts.batch_type,
            beam_size=opts.beam_size, num_hypotheses=num, length_penalty=opts.length_penalty,
            replace_unknowns=True, max_decoding_length=opts.max_decoding_length)
        return [[self.decode(h) for h in r.hypotheses] for r in results]

    def score(self, sources: list[str], targets: list[str]) -> list[float]:
        """Log-probabilities of given translations (for reranking or checks)."""
        translator, _ = self._load()
        results = translator.score_batch(self.encode(sources), self.encode(targets))
        return [sum(r.log_probs) for r in results]


def load_engine(model: str | Path | None = None, from_code: str = "de", to_code: str = "en",
                options: EngineOptions | None = None) -> ArgosEngine:
    """The engine for a pair: ``model`` (an ``.argosmodel`` file or package directory) or the
    installed package; :class:`EngineUnavailableError` with what to run when there is none."""
    from termguard.translate import models

    if model is not None:
        package_dir = models.unpack(Path(model))
    else:
        package = models.find_installed(from_code, to_code)
        if package is None:
            raise EngineUnavailableError(
                f"no {from_code}→{to_code} model installed (run 'termguard model install' or pass --model PATH)")
        package_dir = package.path
    engine = ArgosEngine(package_dir, options)
    if (engine.from_code, engine.to_code) != (from_code, to_code):
        raise EngineUnavailableError(
            f"model translates {engine.from_code}→{engine.to_code}, not {from_code}→{to_code}", model)
    return engine
