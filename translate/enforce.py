"""Making the engine produce the termbase's English forms: protect, translate in batches, verify, retry.

Each round protects the pending segments with one technique, sends all of them (of every
document) to the engine together, and keeps, per segment, the first n-best hypothesis that
passes :func:`verify` (or, failing that, passes once repaired by alignment). Segments that fail
go to the next technique, decoded by the retry engine (a wider beam, more hypotheses); what still
fails after the last one keeps its best attempt and its failures, which the report lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from termguard.errors import TermguardError
from termguard.translate.align import repair
from termguard.translate.document import STAGE_ERROR, Failure, Segment, stage_failure
from termguard.translate.engine import Aligned, AligningEngine, Engine
from termguard.translate.protect import PLACEHOLDER_RE, TECHNIQUES, protect
from termguard.translate.verify import check_segment

__all__ = ["EnforceStats", "enforce"]

Progress = Callable[[int], None]


@dataclass
class EnforceStats:
    """What the probe found, how many segments each round sent and how many failed."""

    rounds: list[dict[str, int | str]] = field(default_factory=list)
    engine_calls: int = 0
    sentences: int = 0
    probe: dict = field(default_factory=dict)  # {"size", "passed": {technique: n}, "order"}
    failed_segments: int = 0
    repaired_segments: int = 0  # passed once alignment wrote in what the engine left out


_NEEDS_ENGINE = re.compile(r"[^\W\d_]")
_FINAL = ".!?…"


def _has_final(text: str) -> bool:
    return text.rstrip(" \"“”»«)").endswith(tuple(_FINAL))


def _terminated(source: str, protected: str) -> str:
    """Headings and captions get a full stop for the engine (models learn from sentences and
    may run on without one); :func:`_match_ending` takes it off again."""
    if _has_final(source) or not protected.strip():
        return protected
    return protected.rstrip() + "."


def _match_ending(source: str, output: str) -> str:
    """Drop a full stop the model added to a heading or caption that had none."""
    if output.endswith(".") and not output.endswith("..") and not _has_final(source):
        return output[:-1]
    return output


def _cost(failures: list[Failure], repaired: Sequence[str] = ()) -> tuple[int, int, int, int]:
    """Attempts are ranked by stages that crashed first (such an attempt has no translation),
    then by lost or wrong terms, then by everything else: an output with every name right and a
    date left in the model's format beats the other way round. Between equals, the engine's own
    sentence beats one repaired by alignment."""
    return (sum(1 for f in failures if f.code == STAGE_ERROR), sum(1 for f in failures if f.concept_id is not None),
            len(failures), len(repaired))


@dataclass
class _Attempt:
    text: str
    failures: list[Failure]
    repaired: list[str]  # forms written in by alignment
    technique: str = ""
    warnings: list[Failure] = field(default_factory=list)  # QA findings below error: reported only

    @property
    def cost(self) -> tuple[int, int, int, int]:
        return _cost(self.failures, self.repaired)


def _choose(segment: Segment, hypotheses: list, sentence: str,  # type: ignore[no-untyped-def]
            decode: Callable[[list[str]], str] | None, matcher, target_lang: str) -> _Attempt:
    """The first hypothesis that passes verification as the engine wrote it; else (with aligned
    hypotheses) the first that passes once repaired by alignment; else the best attempt."""
    best: _Attempt | None = None
    texts = [h.text if isinstance(h, Aligned) else h for h in hypotheses] or [""]
    for text in texts:
        verified, failures, warnings = check_segment(segment, _match_ending(segment.source, text), matcher)
        if not failures:
            return _Attempt(verified, [], [], warnings=warnings)
        if best is None or _cost(failures) < best.cost:
            best = _Attempt(verified, failures, [], warnings=warnings)
    for hypothesis in hypotheses:
        if not isinstance(hypothesis, Aligned) or decode is None:
            break
        repaired, written = repair(segment, sentence, hypothesis, decode)
        if not written:
            continue
        verified, failures, warnings = check_segment(segment, _match_ending(segment.source, repaired), matcher)
        attempt = _Attempt(verified, failures, written, warnings=warnings)
        if not failures:
            return attempt
        if best is None or attempt.cost < best.cost:
            best = attempt
    assert best is not None
    return best


def enforce(segments: Sequence[Segment], engine: Engine, techniques: Sequence[str] = TECHNIQUES,
            matcher=None, target_lang: str = "en",  # type: ignore[no-untyped-def]
            inline_markup: Callable[[Segment], list] | None = None,
            make_inner: Callable[[str], Segment] | None = None,
            chunk_size: int = 256, progress: Progress | None = None, probe: int = 32,
            adaptive: bool = True, retry_engine: Engine | None = None, align: bool = True) -> EnforceStats:
    """Translate ``segments`` in place (``output``, ``technique``, ``attempts``, ``failures``,
    ``repaired``).

    With ``adaptive`` (and enough segments), every technique is first tried on a sample of
    ``probe`` segments of its own that hold protected spans, and the rounds then run in the
    order of the samples' pass rates (as the engine wrote them, before any repair): the model at
    hand decides which technique comes first (probing stops at a technique that passes its whole
    sample). A retry technique is tried on ``probe`` failed segments before the rest; if it
    fixes none of them it is not run on the rest (they keep their best attempt and are
    reported). Retries decode with ``retry_engine`` (default: ``engine``).

    With ``align`` and an engine that can align (:class:`AligningEngine`), an output that fails
    verification is repaired in the same round: what it lacks is written over the output words
    aligned to its source (:mod:`termguard.translate.align`), and the report lists what was
    written in. A repaired segment that passes is done: on the benchmark model, retrying such
    segments with the other techniques for a sentence of the engine's own took 3.4 of 11.1 s
    for 0.5 chrF (docs/translate.md). Only what still fails goes on to the next technique.
    """
    stats = EnforceStats()
    run = _Round(engine, matcher, target_lang, inline_markup, make_inner, chunk_size, stats, align)
    retry = retry_engine or engine
    pending = [s for s in segments if s.source.strip()]
    order = list(techniques)
    candidates = [s for s in pending if s.matches or s.localized or s.names]
    if adaptive and len(techniques) > 1 and len(pending) >= 4 * probe and len(candidates) >= probe * len(techniques):
        # Each technique is probed on a sample of its own: the sample's segments keep what they
        # got (or go on to the retries), so no probe decoding is thrown away.
        passed: dict[str, int] = {}
        probed: list[Segment] = []
        for k, technique in enumerate(techniques):
            sample = candidates[k * probe:(k + 1) * probe]
            passed[technique] = probe - run(sample, technique, None)[1]
            probed += sample
            if passed[technique] == probe:
                break  # nothing can come before it (ties keep the given order): save the decoding
        order = sorted(passed, key=lambda t: -passed[t])  # stable: ties keep the given order
        order += [t for t in techniques if t not in passed]
        stats.probe = {"size": probe, "passed": passed, "order": order}
        tried = {id(s) for s in probed}
        pending = [s for s in probed if s.failures] + [s for s in pending if id(s) not in tried]
        if progress:
            progress(len(probed))
    else:
        tried = set()
    for number, technique in enumerate(order):
        # (a probe segment already had this technique)
        todo = [s for s in pending if technique not in s.attempts]
        done_before = [s for s in pending if technique in s.attempts]
        if not todo:
            continue
        if number == 0 or len(todo) <= probe:
            # The progress bar counts each segment once: probe segments were counted already.
            counted = _capped(progress, len(todo) - sum(id(s) in tried for s in todo)) if progress and number == 0 \
                else None
            failed = run(todo, technique, counted, engine if number == 0 else retry)[0]
            stats.rounds.append({"technique": technique, "sent": len(todo), "failed": len(failed)})
        else:
            sample, rest = todo[:probe], todo[probe:]
            failed = run(sample, technique, None, retry)[0]
            if len(failed) == len(sample):
                stats.rounds.append({"technique": technique, "sent": len(sample), "failed": len(failed) + len(rest),
                                     "skipped": len(rest)})
                failed = failed + rest
            else:
                failed = failed + run(rest, technique, None, retry)[0]
                stats.rounds.append({"technique": technique, "sent": len(todo), "failed": len(failed)})
        pending = done_before + failed
    stats.failed_segments = sum(1 for s in segments if s.failures and not s.inline)
    stats.repaired_segments = sum(1 for s in segments if s.repaired and not s.failures and not s.inline)
    return stats


def _translate_chunk(engine: Engine, chunk: list[str], aligning: bool) -> list[list | Exception]:
    """The engine's hypotheses for each sentence of ``chunk``. If the engine raises on the chunk,
    each sentence is sent on its own, so that one sentence it cannot take costs only itself
    (its entry is the exception, reported with :data:`STAGE_ERROR`)."""
    def call(sentences: list[str]) -> list:
        return engine.translate_aligned(sentences) if aligning else engine.translate_batch(sentences)  # type: ignore[attr-defined,no-any-return]

    try:
        return list(call(chunk))
    except TermguardError:
        raise  # the model itself is unusable (damaged, missing): the whole run stops with its one line
    except Exception as exc:
        if len(chunk) == 1:
            return [exc]
    return [_raised(call, [sentence]) for sentence in chunk]


def _raised(call: Callable[[list[str]], list], sentences: list[str]) -> list | Exception:
    try:
        return call(sentences)[0]  # type: ignore[no-any-return]
    except TermguardError:
        raise
    except Exception as exc:
        return exc


def _capped(progress: Progress, cap: int) -> Progress:
    """``progress`` that passes on at most ``cap`` steps in all."""
    left = [cap]

    def step(n: int) -> None:
        n = min(n, left[0])
        if n > 0:
            left[0] -= n
            progress(n)

    return step


class _Round:
    """One technique over a list of segments: protect, translate in chunks, verify (repair),
    keep the best attempt. Returns the segments that still fail, and how many of this
    technique's own attempts did not pass as the engine wrote them (what the probe compares)."""

    def __init__(self, engine: Engine, matcher, target_lang: str,  # type: ignore[no-untyped-def]
                 inline_markup: Callable[[Segment], list] | None, make_inner: Callable[[str], Segment] | None,
                 chunk_size: int, stats: EnforceStats, align: bool = True) -> None:
        self.engine = engine
        self.matcher = matcher
        self.target_lang = target_lang
        self.inline_markup = inline_markup
        self.make_inner = make_inner
        self.chunk_size = chunk_size
        self.stats = stats
        self.align = align
        self.best: dict[int, _Attempt] = {}

    def __call__(self, pending: list[Segment], technique: str, progress: Progress | None,
                 engine: Engine | None = None) -> tuple[list[Segment], int]:
        engine = engine or self.engine
        aligning = self.align and isinstance(engine, AligningEngine)
        batch: list[Segment] = []
        # A stage that raises on one segment costs that segment this attempt, never the batch.
        crashed: dict[int, Failure] = {}
        for segment in pending:
            segment.attempts.append(technique)
            try:
                protect(segment, technique, self.target_lang,
                        self.inline_markup(segment) if self.inline_markup else None, self.make_inner)
                children = []
                for child in segment.children:
                    if child.output is None or child.failures or child.repaired:
                        protect(child, technique, self.target_lang, None, None)
                        child.attempts.append(technique)
                        children.append(child)
            except Exception as exc:  # reported with STAGE_ERROR; the rest goes on
                crashed[id(segment)] = stage_failure("protect", exc, segment.source)
                continue
            batch.extend(children)
            batch.append(segment)
        # Link texts first so that their outputs exist when the parent's tokens are restored.
        batch.sort(key=lambda s: not s.inline)
        # A segment that is nothing but protected spans ("[1]", "[1], [2]") needs no model.
        to_engine = [s for s in batch if _NEEDS_ENGINE.search(PLACEHOLDER_RE.sub("", s.protected))]
        # The same input (a repeated caption, a sentence in several articles) is translated once.
        inputs = list(dict.fromkeys(_terminated(s.source, s.protected) for s in to_engine))
        outputs: dict[str, list | Exception] = {}
        reported = 0
        for i in range(0, len(inputs), self.chunk_size):
            chunk = inputs[i: i + self.chunk_size]
            # Attention costs CTranslate2 next to nothing (measured within 3% on the base model).
            outputs.update(zip(chunk, _translate_chunk(engine, chunk, aligning), strict=True))
            self.stats.engine_calls += 1
            self.stats.sentences += len(chunk)
            if progress and reported < len(pending):  # the bar counts segments, not link texts
                step = min(len(chunk), len(pending) - reported)
                reported += step
                progress(step)
        if progress and reported < len(pending):
            progress(len(pending) - reported)  # repeated and names-only segments
        failed: list[Segment] = []
        not_as_written = 0
        for segment in batch + [s for s in pending if id(s) in crashed]:
            key = _terminated(segment.source, segment.protected)
            hypotheses = outputs.get(key, [segment.protected])
            if id(segment) in crashed:
                attempt = _Attempt(segment.source, [crashed[id(segment)]], [])
            elif isinstance(hypotheses, Exception):
                attempt = _Attempt(segment.source, [stage_failure("engine", hypotheses, segment.source)], [])
            else:
                try:
                    attempt = _choose(segment, hypotheses, key, engine.decode if aligning else None,  # type: ignore[attr-defined]
                                      self.matcher, self.target_lang)
                except Exception as exc:  # reported with STAGE_ERROR; the rest goes on
                    attempt = _Attempt(segment.source, [stage_failure("verify", exc, segment.source)], [])
            attempt.technique = technique
            previous = self.best.get(id(segment))
            if previous is None or attempt.cost < previous.cost:
                self.best[id(segment)] = attempt
            chosen = self.best[id(segment)]
            segment.output, segment.failures, segment.warnings = chosen.text, chosen.failures, chosen.warnings
            segment.technique, segment.repaired = chosen.technique, chosen.repaired
            if not segment.inline:
                not_as_written += bool(attempt.failures or attempt.repaired)
                if chosen.failures:
                    failed.append(segment)
        return failed, not_as_written
