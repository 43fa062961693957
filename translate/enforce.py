"""Making the engine produce the termbase's English forms: protect, translate in batches, verify, retry.

Each round protects the pending segments with one technique, sends all of them (of every
document) to the engine together, and keeps, per segment, the first n-best hypothesis that
passes :func:`verify`. Segments that fail go to the next technique; what still fails after the
last one keeps its best attempt and its failures, which the report lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from termguard.translate.document import Failure, Segment
from termguard.translate.engine import Engine
from termguard.translate.protect import PLACEHOLDER_RE, TECHNIQUES, protect
from termguard.translate.verify import verify

__all__ = ["EnforceStats", "enforce"]

Progress = Callable[[int], None]


@dataclass
class EnforceStats:
    """How many segments each round sent and how many passed."""

    rounds: list[dict[str, int | str]] = field(default_factory=list)
    engine_calls: int = 0
    sentences: int = 0

    @property
    def failed(self) -> int:
        return int(self.rounds[-1]["failed"]) if self.rounds else 0


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


def _choose(segment: Segment, hypotheses: list[str], matcher, target_lang: str) -> tuple[str, list[Failure]]:  # type: ignore[no-untyped-def]
    best: tuple[str, list[Failure]] | None = None
    for hypothesis in hypotheses or [""]:
        text, failures = verify(segment, hypothesis, matcher, target_lang)
        if not failures:
            return text, failures
        if best is None or len(failures) < len(best[1]):
            best = (text, failures)
    assert best is not None
    return best


def enforce(segments: Sequence[Segment], engine: Engine, techniques: Sequence[str] = TECHNIQUES,
            matcher=None, target_lang: str = "en",  # type: ignore[no-untyped-def]
            inline_markup: Callable[[Segment], list] | None = None,
            make_inner: Callable[[str], Segment] | None = None,
            chunk_size: int = 256, progress: Progress | None = None) -> EnforceStats:
    """Translate ``segments`` in place (``output``, ``technique``, ``attempts``, ``failures``)."""
    stats = EnforceStats()
    best: dict[int, _Best] = {}
    pending = [s for s in segments if s.source.strip()]
    reported = 0
    for technique in techniques:
        if not pending:
            break
        batch: list[Segment] = []
        for segment in pending:
            protect(segment, technique, target_lang, inline_markup(segment) if inline_markup else None, make_inner)
            segment.attempts.append(technique)
            for child in segment.children:
                if child.output is None or child.failures:
                    protect(child, technique, target_lang, None, None)
                    child.attempts.append(technique)
                    batch.append(child)
            batch.append(segment)
        # Link texts first so that their outputs exist when the parent's tokens are restored.
        batch.sort(key=lambda s: not s.inline)
        # A segment that is nothing but protected spans ("[1]", "[1], [2]") needs no model.
        to_engine = [s for s in batch if _NEEDS_ENGINE.search(PLACEHOLDER_RE.sub("", s.protected))]
        # The same input (a repeated caption, a sentence in several articles) is translated once.
        inputs = list(dict.fromkeys(_terminated(s.source, s.protected) for s in to_engine))
        outputs: dict[str, list[str]] = {}
        for i in range(0, len(inputs), chunk_size):
            chunk = inputs[i: i + chunk_size]
            outputs.update(zip(chunk, engine.translate_batch(chunk), strict=True))
            stats.engine_calls += 1
            stats.sentences += len(chunk)
            if progress and reported < len(pending):  # the bar counts first-round segments
                step = min(len(chunk), len(pending) - reported)
                reported += step
                progress(step)
        if progress and reported < len(pending) and technique == techniques[0]:
            progress(len(pending) - reported)  # repeated and names-only segments
            reported = len(pending)
        hypotheses = []
        for s in batch:
            key = _terminated(s.source, s.protected)
            hyps = outputs.get(key) if key in outputs else None
            hypotheses.append([_match_ending(s.source, h) for h in hyps] if hyps is not None else [s.protected])
        failed: list[Segment] = []
        for segment, hyps in zip(batch, hypotheses, strict=True):
            text, failures = _choose(segment, hyps, matcher, target_lang)
            previous = best.get(id(segment))
            if previous is None or len(failures) < len(previous.failures):
                best[id(segment)] = _Best(text, failures, technique)
            chosen = best[id(segment)]
            segment.output, segment.failures, segment.technique = chosen.text, chosen.failures, chosen.technique
            if failures and not segment.inline:
                failed.append(segment)
        stats.rounds.append({"technique": technique, "sent": len(batch), "failed": len(failed)})
        pending = failed
    return stats
