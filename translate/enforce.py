"""Making the engine produce the termbase's English forms: protect, translate in batches, verify, retry.

Each round protects the pending segments with one technique, sends all of them (of every
document) to the engine together, and keeps, per segment, the first n-best hypothesis that
passes :func:`verify`. Segments that fail go to the next technique, decoded by the retry engine
(a wider beam, more hypotheses); what still fails after the last one keeps its best attempt and
its failures, which the report lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from termguard.translate.align import project
from termguard.translate.document import Failure, Segment
from termguard.translate.engine import AligningEngine, Engine
from termguard.translate.protect import PLACEHOLDER_RE, REPAIR_TECHNIQUES, TECHNIQUES, protect
from termguard.translate.verify import contains_form, expected_form, missing_numbers, verify

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


@dataclass
class _Best:
    text: str
    failures: list[Failure]
    technique: str


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


def _cost(failures: list[Failure]) -> tuple[int, int]:
    """Attempts are ranked by lost or wrong terms first, then by everything else: an output
    with every name right and a date left in the model's format beats the other way round."""
    return sum(1 for f in failures if f.concept_id is not None), len(failures)


def _choose(segment: Segment, hypotheses: list[str], matcher, target_lang: str) -> tuple[str, list[Failure]]:  # type: ignore[no-untyped-def]
    best: tuple[str, list[Failure]] | None = None
    for hypothesis in hypotheses or [""]:
        text, failures = verify(segment, hypothesis, matcher, target_lang)
        if not failures:
            return text, failures
        if best is None or _cost(failures) < _cost(best[1]):
            best = (text, failures)
    assert best is not None
    return best


def enforce(segments: Sequence[Segment], engine: Engine, techniques: Sequence[str] = TECHNIQUES,
            matcher=None, target_lang: str = "en",  # type: ignore[no-untyped-def]
            inline_markup: Callable[[Segment], list] | None = None,
            make_inner: Callable[[str], Segment] | None = None,
            chunk_size: int = 256, progress: Progress | None = None, probe: int = 32,
            adaptive: bool = True, retry_engine: Engine | None = None) -> EnforceStats:
    """Translate ``segments`` in place (``output``, ``technique``, ``attempts``, ``failures``).

    With ``adaptive`` (and enough segments), every technique but the repairing ``align`` is
    first tried on a sample of ``probe`` segments that hold protected spans, and the rounds then
    run in the order of the sample's pass rates: the model at hand decides which technique comes
    first (probing stops at a technique that passes the whole sample); ``align`` stays last (and
    is left out for an engine that cannot align). A retry technique is tried on ``probe`` failed
    segments before the rest; if it fixes none of them it is not run on the rest (they keep their
    best attempt and are reported). Retries decode with ``retry_engine`` (default: ``engine``).
    """
    stats = EnforceStats()
    run = _Round(engine, matcher, target_lang, inline_markup, make_inner, chunk_size, stats)
    retry = retry_engine or engine
    pending = [s for s in segments if s.source.strip()]
    # An engine that cannot say where its words came from cannot be repaired by alignment.
    repairs = [t for t in techniques if t in REPAIR_TECHNIQUES and isinstance(retry, AligningEngine)]
    shaping = [t for t in techniques if t not in REPAIR_TECHNIQUES]
    order = shaping + repairs
    unrepaired: list[Segment] = []
    if adaptive and len(shaping) > 1 and len(pending) >= 4 * probe:
        sample = [s for s in pending if s.matches or s.localized or s.names][:probe]
        if len(sample) == probe:
            passed: dict[str, int] = {}
            for technique in shaping:
                passed[technique] = probe - len(run(sample, technique, None))
                if passed[technique] == probe:
                    break  # nothing can come before it (ties keep the given order): save the decoding
            order = sorted(passed, key=lambda t: -passed[t])  # stable: ties keep the given order
            order += [t for t in shaping if t not in passed] + repairs
            stats.probe = {"size": probe, "passed": passed, "order": order}
            tried = {id(s) for s in sample}
            pending = [s for s in pending if id(s) not in tried]
            # Tried with every shaping technique already; the repair rounds still get them.
            unrepaired = [s for s in sample if s.failures]
            if progress:
                progress(len(sample))
    for number, technique in enumerate(order):
        if technique in repairs:
            pending, unrepaired = unrepaired + pending, []
        if not pending:
            continue  # (a repair round may still have probe segments to take)
        if number == 0 or len(pending) <= probe:
            failed = run(pending, technique, progress if number == 0 else None, engine if number == 0 else retry)
            stats.rounds.append({"technique": technique, "sent": len(pending), "failed": len(failed)})
        else:
            sample, rest = pending[:probe], pending[probe:]
            failed = run(sample, technique, None, retry)
            if len(failed) == len(sample):
                stats.rounds.append({"technique": technique, "sent": len(sample), "failed": len(failed) + len(rest),
                                     "skipped": len(rest)})
                failed = failed + rest
            else:
                failed = failed + run(rest, technique, None, retry)
                stats.rounds.append({"technique": technique, "sent": len(pending), "failed": len(failed)})
        pending = failed
    stats.failed_segments = sum(1 for s in segments if s.failures and not s.inline)
    return stats


class _Round:
    """One technique over a list of segments: protect, translate in chunks, verify, keep the best."""

    def __init__(self, engine: Engine, matcher, target_lang: str,  # type: ignore[no-untyped-def]
                 inline_markup: Callable[[Segment], list] | None, make_inner: Callable[[str], Segment] | None,
                 chunk_size: int, stats: EnforceStats) -> None:
        self.engine = engine
        self.matcher = matcher
        self.target_lang = target_lang
        self.inline_markup = inline_markup
        self.make_inner = make_inner
        self.chunk_size = chunk_size
        self.stats = stats
        self.best: dict[int, _Best] = {}

    def __call__(self, pending: list[Segment], technique: str, progress: Progress | None,
                 engine: Engine | None = None) -> list[Segment]:
        engine = engine or self.engine
        aligning = technique in REPAIR_TECHNIQUES and isinstance(engine, AligningEngine)
        batch: list[Segment] = []
        for segment in pending:
            protect(segment, technique, self.target_lang,
                    self.inline_markup(segment) if self.inline_markup else None, self.make_inner)
            segment.attempts.append(technique)
            for child in segment.children:
                if child.output is None or child.failures:
                    protect(child, technique, self.target_lang, None, None)
                    child.attempts.append(technique)
                    batch.append(child)
            batch.append(segment)
        # Link texts first so that their outputs exist when the parent's tokens are restored.
        batch.sort(key=lambda s: not s.inline)
        # A segment that is nothing but protected spans ("[1]", "[1], [2]") needs no model.
        to_engine = [s for s in batch if _NEEDS_ENGINE.search(PLACEHOLDER_RE.sub("", s.protected))]
        # The same input (a repeated caption, a sentence in several articles) is translated once.
        inputs = list(dict.fromkeys(_terminated(s.source, s.protected) for s in to_engine))
        outputs: dict[str, list] = {}
        reported = 0
        for i in range(0, len(inputs), self.chunk_size):
            chunk = inputs[i: i + self.chunk_size]
            translated = engine.translate_aligned(chunk) if aligning else engine.translate_batch(chunk)  # type: ignore[attr-defined]
            outputs.update(zip(chunk, translated, strict=True))
            self.stats.engine_calls += 1
            self.stats.sentences += len(chunk)
            if progress and reported < len(pending):  # the bar counts segments, not link texts
                step = min(len(chunk), len(pending) - reported)
                reported += step
                progress(step)
        if progress and reported < len(pending):
            progress(len(pending) - reported)  # repeated and names-only segments
        failed: list[Segment] = []
        for segment in batch:
            key = _terminated(segment.source, segment.protected)
            if key not in outputs:
                hyps = [segment.protected]
            elif aligning:
                hyps = [_match_ending(segment.source, _repair(segment, key, a, engine)) for a in outputs[key]]
            else:
                hyps = [_match_ending(segment.source, h) for h in outputs[key]]
            text, failures = _choose(segment, hyps, self.matcher, self.target_lang)
            previous = self.best.get(id(segment))
            if previous is None or _cost(failures) < _cost(previous.failures):
                self.best[id(segment)] = _Best(text, failures, technique)
            chosen = self.best[id(segment)]
            segment.output, segment.failures, segment.technique = chosen.text, chosen.failures, chosen.technique
            if failures and not segment.inline:
                failed.append(segment)
        return failed


def _repair(segment: Segment, sentence: str, aligned, engine) -> str:  # type: ignore[no-untyped-def]
    """The ``align`` technique: every English form (and long number) missing from the output,
    written over the output words aligned to its source span."""
    spans = [(*p.protected_at, p.target) for p in segment.placeholders
             if not p.token and p.kind in ("term", "name", "localized")
             and not contains_form(aligned.text, expected_form(p))]
    for number in missing_numbers(segment, aligned.text):
        at = sentence.find(number)
        if at >= 0:
            spans.append((at, at + len(number), number))
    if not spans:
        return aligned.text
    present = [expected_form(p) for p in segment.placeholders
               if not p.token and p.kind in ("term", "name") and contains_form(aligned.text, expected_form(p))]
    return project(aligned, sentence, spans, engine.decode, keep=present)
