"""The translation engine: a small protocol, and an argos package's CTranslate2 model with its tokenizer.

Importing this module is cheap: ctranslate2 and the tokenizer (:mod:`termguard.translate.tokenizer`:
SentencePiece, or Moses + BPE) are imported when a model is loaded; argostranslate's translation
module (stanza, torch) never on this path.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, runtime_checkable

from termguard.errors import EngineUnavailableError
from termguard.translate.tokenizer import Tokenizer, check_package, open_tokenizer

__all__ = ["Engine", "AligningEngine", "Aligned", "ArgosEngine", "EngineOptions", "IdentityEngine", "load_engine",
           "usable_cores"]


@runtime_checkable
class Engine(Protocol):
    """What the pipeline needs from a translator."""

    from_code: str
    to_code: str

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        """Hypotheses (best first, at least one) for each sentence, in input order."""
        ...


@dataclass(frozen=True)
class Aligned:
    """A hypothesis with its word alignment, for alignment repair (:mod:`termguard.translate.align`).

    ``pieces`` are the target subword pieces in SentencePiece's notation whatever the package's
    tokenizer (``▁`` starts a word; a BPE package's pieces are converted, one for one, by
    :meth:`~termguard.translate.tokenizer.Tokenizer.word_pieces`); ``alignment[i]``
    is the source piece that target piece ``i`` attends to most; ``source_spans[j]`` is the
    character range of source piece ``j`` in the input sentence.
    """

    text: str
    pieces: tuple[str, ...]
    alignment: tuple[int, ...]
    source_spans: tuple[tuple[int, int], ...]


@runtime_checkable
class AligningEngine(Engine, Protocol):
    """An engine that can also say which source piece each output piece came from."""

    def translate_aligned(self, sentences: list[str]) -> list[list[Aligned]]:
        """Like :meth:`Engine.translate_batch`, with each hypothesis' attention alignment."""
        ...

    def decode(self, pieces: list[str]) -> str:
        """Text of a run of target pieces (as in :attr:`Aligned.pieces`)."""
        ...


@dataclass(frozen=True)
class EngineOptions:
    """Decoding and threading settings.

    The first pass decodes with ``beam_size`` (2: about half the decoding time of argos' beam 4;
    on the benchmark model chrF 95.9 against 96.2 at beam 4, argos itself 96.0, docs/translate.md);
    segments that fail verification are retried with ``retry_beam_size`` and that many hypotheses
    to choose from.
    """

    beam_size: int = 2
    num_hypotheses: int = 2
    retry_beam_size: int = 4
    max_batch_size: int = 32
    batch_type: str = "examples"
    #: Parallel workers (CTranslate2 ``inter_threads``) and threads per worker (``intra_threads``);
    #: 0 is automatic, see :meth:`threads`.
    inter_threads: int = 0
    intra_threads: int = 0
    device: str = "cpu"
    compute_type: str = "auto"
    length_penalty: float = 0.2
    max_decoding_length: int = 256
    #: Output length cap per batch, in pieces: this many times the longest source in the batch
    #: (plus 10). An output that long fails verification as a run-away anyway; the cap keeps one
    #: run-away sentence from holding its whole batch for ``max_decoding_length`` steps.
    max_length_ratio: float = 3.0

    def threads(self, cores: int | None = None) -> tuple[int, int]:
        """(inter, intra) threads for ``cores`` usable CPU cores (default: this process').

        Automatic is one worker per core, up to 4 workers (the cores left over become threads
        of each worker): parallel workers are CTranslate2's advice for throughput on CPU, and
        termguard sends many batches at once; a short article has only a few batches, so more
        than 4 workers would idle where threads inside a worker still help. CTranslate2's own
        default (4 intra-op threads whatever the machine) oversubscribes a small machine: on 2
        cores it decoded up to 5x slower than 1 thread (docs/translate.md).

        >>> EngineOptions().threads(cores=2), EngineOptions().threads(cores=16), EngineOptions().threads(cores=6)
        ((2, 1), (4, 4), (4, 1))
        >>> EngineOptions(intra_threads=2).threads(cores=8), EngineOptions(inter_threads=1).threads(cores=2)
        ((4, 2), (1, 2))
        """
        if cores is None:
            cores = usable_cores()
        inter, intra = self.inter_threads, self.intra_threads
        if inter <= 0 and intra <= 0:
            workers = max(1, min(cores, 4))
            return workers, max(1, cores // workers)
        if inter <= 0:
            return max(1, cores // intra), intra
        if intra <= 0:
            return inter, max(1, cores // inter)
        return inter, intra


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity mask, e.g. under taskset or a container)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


class IdentityEngine:
    """Returns every sentence unchanged: for round-trip tests of protect/restore."""

    def __init__(self, from_code: str = "de", to_code: str = "en") -> None:
        self.from_code = from_code
        self.to_code = to_code

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        return [[s] for s in sentences]


_LOADED: dict[tuple, tuple] = {}  # (model dir, device, threads, compute type) -> (translator, tokenizer)
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
        check = check_package(self.package_dir, str(self.metadata.get("type", "translate")))
        if not check.usable:
            raise EngineUnavailableError(f"cannot translate with this package: {check.problem}", self.package_dir)
        self.tokenizer_name = check.tokenizer_name

    def __getstate__(self) -> dict:
        # The loaded model stays in its process: a worker process (--jobs) loads its own.
        return {k: v for k, v in self.__dict__.items() if k != "_loaded"}

    @property
    def name(self) -> str:
        code = self.metadata.get("code") or self.package_dir.name
        return f"{code} {self.metadata.get('package_version', '')}".strip()

    def _load(self):  # type: ignore[no-untyped-def]
        # Called for every encode and decode: after the first call, no path resolution or
        # affinity look-up (they cost more than decoding a short sentence's pieces).
        loaded = self.__dict__.get("_loaded")
        if loaded is not None:
            return loaded
        opts = self.options
        inter, intra = opts.threads()
        key = (str(self.package_dir.resolve()), opts.device, inter, intra, opts.compute_type)
        with _LOCK:
            if key not in _LOADED:
                try:
                    import ctranslate2

                    try:
                        tokenizer = open_tokenizer(self.package_dir, self.from_code, self.to_code)
                        translator = ctranslate2.Translator(
                            str(self.package_dir / "model"), device=opts.device, inter_threads=inter,
                            intra_threads=intra, compute_type=opts.compute_type)
                    except (RuntimeError, OSError, ValueError) as exc:  # a corrupt model.bin, vocabulary...
                        from termguard.translate.models import damaged_model

                        raise damaged_model(exc, self.package_dir) from None
                except ImportError as exc:
                    raise EngineUnavailableError(
                        f"{exc.name} is not installed (pip install 'termguard[translate]')") from None
                _LOADED[key] = (translator, tokenizer)
            self.__dict__["_loaded"] = _LOADED[key]
            return _LOADED[key]

    @property
    def tokenizer(self) -> Tokenizer:
        return self._load()[1]

    def encode(self, sentences: list[str]) -> list[list[str]]:
        return self.tokenizer.encode(sentences)

    def decode(self, pieces: list[str]) -> str:
        text = self.tokenizer.text(pieces)
        if self.target_prefix and text.startswith(self.target_prefix):
            text = text[len(self.target_prefix):]
        return text.strip()

    def _output(self, pieces: list[str]) -> str:
        """Text of a hypothesis as CTranslate2 returns it."""
        return self.decode(self.tokenizer.word_pieces(pieces))

    @property
    def retry(self) -> ArgosEngine:
        """The same model decoding with the retry beam (wider, more hypotheses); made once per engine."""
        engine = self.__dict__.get("_retry")
        if engine is None:
            opts = self.options
            beam = max(opts.retry_beam_size, opts.beam_size)
            engine = ArgosEngine(self.package_dir, replace(opts, beam_size=beam, num_hypotheses=min(beam, 4)))
            self.__dict__["_retry"] = engine
        return engine

    def _decode_batches(self, sentences: list[str], **extra):  # type: ignore[no-untyped-def]
        """CTranslate2 results for ``sentences`` (input order) and their source pieces.

        Sentences are sorted by length and sent ``max_batch_size`` at a time, so that each
        batch gets an output cap fitted to its own longest source.
        """
        translator, _ = self._load()
        opts = self.options
        tokens = self.encode(sentences)
        num = max(1, min(opts.num_hypotheses, opts.beam_size))
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        results: list = [None] * len(tokens)
        pending: list[tuple[list[int], list]] = []
        step = max(1, opts.max_batch_size) if opts.batch_type == "examples" else 32
        for start in range(0, len(order), step):
            batch = order[start:start + step]
            longest = max(len(tokens[i]) for i in batch)
            cap = min(opts.max_decoding_length, int(opts.max_length_ratio * longest) + 10)
            batch_tokens = [tokens[i] for i in batch]
            prefix = [[self.target_prefix] for _ in batch] if self.target_prefix else None
            # Submitted without waiting, so that the workers (inter_threads) decode batches in parallel.
            pending.append((batch, translator.translate_batch(
                batch_tokens, target_prefix=prefix, max_batch_size=opts.max_batch_size, batch_type=opts.batch_type,
                beam_size=opts.beam_size, num_hypotheses=num, length_penalty=opts.length_penalty,
                replace_unknowns=True, max_decoding_length=cap, asynchronous=True, **extra)))
        for batch, futures in pending:
            for i, future in zip(batch, futures, strict=True):
                results[i] = future.result()
        return results

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        """n-best translations of ``sentences``, batched (see :meth:`_decode_batches`)."""
        if not sentences:
            return []
        return [[self._output(h) for h in r.hypotheses] for r in self._decode_batches(sentences)]

    def translate_aligned(self, sentences: list[str]) -> list[list[Aligned]]:
        """n-best translations with CTranslate2's attention, reduced to one source piece per target piece."""
        if not sentences:
            return []
        tokenizer = self.tokenizer
        spans = [tokenizer.spans(s) for s in sentences]
        out: list[list[Aligned]] = []
        for result, source_spans in zip(self._decode_batches(sentences, return_attention=True), spans, strict=True):
            hypotheses = []
            for pieces, attention in zip(result.hypotheses, result.attention, strict=True):
                alignment = tuple(max(range(len(row)), key=row.__getitem__) if row else 0 for row in attention)
                pieces = list(pieces)
                if self.target_prefix and pieces[:1] == [self.target_prefix]:
                    pieces, alignment = pieces[1:], alignment[1:]
                pieces = tokenizer.word_pieces(pieces)
                hypotheses.append(Aligned(self.decode(pieces), tuple(pieces), alignment[:len(pieces)],
                                          source_spans))
            out.append(hypotheses)
        return out

    def score(self, sources: list[str], targets: list[str]) -> list[float]:
        """Log-probabilities of given translations (for reranking or checks)."""
        translator, tokenizer = self._load()
        results = translator.score_batch(tokenizer.encode(sources), tokenizer.encode_target(targets))
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
