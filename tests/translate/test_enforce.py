"""Enforcement rounds: what goes to the engine, in how many calls, and what comes back."""

from __future__ import annotations

from termguard.translate.document import Segment
from termguard.translate.enforce import enforce
from termguard.translate.engine import Aligned, IdentityEngine
from termguard.translate.pipeline import Options, analyse_segment


class Recording(IdentityEngine):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[list[str]] = []

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        self.sent.append(list(sentences))
        return super().translate_batch(sentences)


def _segments(termbase, *texts: str) -> list[Segment]:  # type: ignore[no-untyped-def]
    return [analyse_segment(Segment(t, 0, len(t)), termbase, Options(), False) for t in texts]


def test_a_segment_of_names_only_needs_no_engine(termbase) -> None:  # type: ignore[no-untyped-def]
    engine = Recording()
    segments = _segments(termbase, "Eriwan", "Paschinjan traf Alijew.")
    enforce(segments, engine, matcher=termbase.matcher)
    assert engine.sent == [["[1] traf [2]."]]
    assert segments[0].output == "Yerevan" and segments[0].failures == []


def test_one_call_for_many_segments_and_chunking(termbase) -> None:  # type: ignore[no-untyped-def]
    engine = Recording()
    segments = _segments(termbase, *[f"Paschinjan traf Alijew {i} mal." for i in range(10)])
    stats = enforce(segments, engine, matcher=termbase.matcher, chunk_size=4)
    assert [len(call) for call in engine.sent] == [4, 4, 2]
    assert stats.engine_calls == 3 and stats.rounds[0] == {"technique": "placeholder", "sent": 10, "failed": 0}


def test_heading_is_sent_as_a_sentence_and_comes_back_without_the_stop(termbase) -> None:  # type: ignore[no-untyped-def]
    engine = Recording()
    segments = _segments(termbase, "Paschinjan in Eriwan", "Paschinjan kam.")
    enforce(segments, engine, matcher=termbase.matcher)
    assert engine.sent == [["[1] in [2].", "[1] kam."]]
    assert [s.output for s in segments] == ["Pashinyan in Yerevan", "Pashinyan kam."]


def test_a_runaway_output_fails_verification(termbase) -> None:  # type: ignore[no-untyped-def]
    class Repeats(IdentityEngine):
        def translate_batch(self, sentences: list[str]) -> list[list[str]]:
            return [[" ".join([s] * 20)] for s in sentences]

    segments = _segments(termbase, "Paschinjan kam.")
    enforce(segments, Repeats(), matcher=termbase.matcher)
    assert segments[0].attempts == ["placeholder", "inline", "plain"]
    assert segments[0].failures[0].code == "TG317"  # target-too-long: the decoder repeated itself


def test_progress_counts_every_segment_once(termbase) -> None:  # type: ignore[no-untyped-def]
    steps: list[int] = []
    segments = _segments(termbase, "Eriwan", "Paschinjan kam.", "Paschinjan kam.", *[f"Satz {i}." for i in range(7)])
    enforce(segments, Recording(), matcher=termbase.matcher, chunk_size=3, progress=steps.append)
    assert sum(steps) == len(segments) == 10


def test_a_retry_technique_that_fixes_none_of_its_probe_is_not_run_on_the_rest(termbase) -> None:  # type: ignore[no-untyped-def]
    class Useless(Recording):
        def translate_batch(self, sentences: list[str]) -> list[list[str]]:
            super().translate_batch(sentences)
            return [["Nothing."] for _ in sentences]

    engine = Useless()
    segments = _segments(termbase, *[f"Paschinjan kam {i} mal." for i in range(40)])
    stats = enforce(segments, engine, matcher=termbase.matcher, probe=32)
    assert [len(call) for call in engine.sent] == [40, 32, 32]
    assert stats.rounds[1] == {"technique": "inline", "sent": 32, "failed": 40, "skipped": 8}
    assert all(s.failures for s in segments)  # still reported, never dropped
    assert segments[-1].attempts == ["placeholder"] and segments[0].attempts == ["placeholder", "inline", "plain"]


def test_a_retry_technique_that_helps_runs_on_all(termbase) -> None:  # type: ignore[no-untyped-def]
    class DropsTokens(Recording):
        def translate_batch(self, sentences: list[str]) -> list[list[str]]:
            super().translate_batch(sentences)
            return [[s.replace("[1]", "")] for s in sentences]

    engine = DropsTokens()
    segments = _segments(termbase, *[f"Paschinjan kam {i} mal." for i in range(40)])
    enforce(segments, engine, matcher=termbase.matcher, probe=32)
    assert [len(call) for call in engine.sent] == [40, 32, 8]
    assert all(s.technique == "inline" and not s.failures for s in segments)


def test_the_probe_puts_the_technique_that_works_first(termbase) -> None:  # type: ignore[no-untyped-def]
    class DropsTokens(Recording):
        def translate_batch(self, sentences: list[str]) -> list[list[str]]:
            super().translate_batch(sentences)
            return [[s.replace("[1]", "")] for s in sentences]

    engine = DropsTokens()
    steps: list[int] = []
    segments = _segments(termbase, *[f"Paschinjan kam {i} mal." for i in range(200)])
    stats = enforce(segments, engine, matcher=termbase.matcher, probe=32, progress=steps.append)
    assert stats.probe == {"size": 32, "passed": {"placeholder": 0, "inline": 32},
                           "order": ["inline", "placeholder", "plain"]}
    assert stats.rounds == [{"technique": "inline", "sent": 168, "failed": 0}]
    assert [len(call) for call in engine.sent] == [32, 32, 168]
    assert all(s.output == f"Pashinyan kam {i} mal." for i, s in enumerate(segments))
    assert sum(steps) == 200 and stats.failed_segments == 0


class Misspells(Recording):
    """A model that drops tokens and writes "Pashinian" for any spelling of the name, and can
    say which source word each output word came from (word for word)."""

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        super().translate_batch(sentences)
        return [[s.replace("[1]", "").replace("Pashinyan", "Pashinian").replace("  ", " ")] for s in sentences]

    def translate_aligned(self, sentences: list[str]) -> list[list[Aligned]]:
        out = []
        for sentence, [text] in zip(sentences, self.translate_batch(sentences), strict=True):
            words = sentence.split(" ")
            spans = tuple((sum(len(w) + 1 for w in words[:i]), sum(len(w) + 1 for w in words[:i]) + len(w))
                          for i, w in enumerate(words))
            pieces = tuple("\u2581" + w for w in text.split(" "))
            out.append([Aligned(text, pieces, tuple(range(len(pieces))), spans)])
        return out

    def decode(self, pieces: list[str]) -> str:
        return "".join(pieces).replace("\u2581", " ").strip()


def test_alignment_repairs_in_the_same_round_and_a_repaired_segment_is_done(termbase) -> None:  # type: ignore[no-untyped-def]
    engine, retry = Misspells(), Misspells()
    steps: list[int] = []
    segments = _segments(termbase, *[f"Paschinjan kam {i} mal." for i in range(200)])
    stats = enforce(segments, engine, matcher=termbase.matcher, probe=32, retry_engine=retry, progress=steps.append)
    assert stats.probe["passed"] == {"placeholder": 0, "inline": 0, "plain": 0}  # as the engine wrote them
    assert all(s.output == f"Pashinyan kam {i} mal." and s.repaired for i, s in enumerate(segments))
    assert stats.failed_segments == 0 and stats.repaired_segments == 200
    # each technique probed on 32 segments of its own, the rest in one round; no retries needed
    assert [len(c) for c in engine.sent] == [32, 32, 32, 104] and retry.sent == []
    assert stats.rounds == [{"technique": "placeholder", "sent": 104, "failed": 0}]
    assert sum(steps) == 200


def test_without_alignment_a_wrong_term_is_reported(termbase) -> None:  # type: ignore[no-untyped-def]
    class CannotAlign(Recording):
        def translate_batch(self, sentences: list[str]) -> list[list[str]]:
            return [[s.replace("[1]", "").replace("Pashinyan", "Pashinian").replace("  ", " ")] for s in sentences]

    for engine, align in ((CannotAlign(), True), (Misspells(), False)):
        segments = _segments(termbase, "Paschinjan kam.")
        enforce(segments, engine, matcher=termbase.matcher, align=align)
        assert segments[0].attempts == ["placeholder", "inline", "plain"]
        assert segments[0].failures and segments[0].output is not None and not segments[0].repaired


def test_a_retry_technique_that_passed_what_the_first_failed_on_the_probe_gets_its_sample(termbase) -> None:  # type: ignore[no-untyped-def]
    class Picky(Recording):
        """Placeholders come back on odd sentences, inline names on every fourth; plain never works."""

        def translate_batch(self, sentences: list[str]) -> list[list[str]]:
            super().translate_batch(sentences)
            out = []
            for s in sentences:
                i = int(s.split()[2])
                if "[1]" in s and i % 2 == 0:
                    s = s.replace("[1]", "")
                elif "Pashinyan" in s and i % 4:
                    s = s.replace("Pashinyan", "Pashinian")
                out.append(s)
            return [[s] for s in out]

    engine = Picky()
    segments = _segments(termbase, *[f"Paschinjan kam {i} mal." for i in range(200)])
    stats = enforce(segments, engine, matcher=termbase.matcher, probe=32, align=False)
    assert stats.probe["passed"] == {"placeholder": 16, "inline": 8, "plain": 0}
    assert stats.probe["order"] == ["placeholder", "inline", "plain"]
    rounds = {r["technique"]: r for r in stats.rounds}
    # inline fixes some of what placeholders fail: after its sample it runs on the rest; plain
    # fixes none of its sample: the rest is skipped; no segment gets a technique twice
    assert rounds["inline"]["sent"] > 32 and rounds["plain"]["sent"] == 32 and rounds["plain"]["skipped"] > 0
    assert all(len(s.attempts) == len(set(s.attempts)) for s in segments)
    assert stats.failed_segments == 50  # the even sentences that are not a multiple of 4


def test_probing_stops_at_a_technique_that_passes_the_whole_sample(termbase) -> None:  # type: ignore[no-untyped-def]
    engine = Recording()  # copies tokens: placeholders pass everything
    segments = _segments(termbase, *[f"Paschinjan kam {i} mal." for i in range(200)])
    stats = enforce(segments, engine, matcher=termbase.matcher, probe=32)
    assert stats.probe["passed"] == {"placeholder": 32}
    assert stats.probe["order"] == ["placeholder", "inline", "plain"]
    assert [len(call) for call in engine.sent] == [32, 168]  # no decoding spent on the other techniques


def test_a_repeated_token_is_kept_once(termbase) -> None:  # type: ignore[no-untyped-def]
    class Repeats(Misspells):
        """Says the placeholder twice: first where "kam" was, then in its own place."""

        def translate_batch(self, sentences: list[str]) -> list[list[str]]:
            Recording.translate_batch(self, sentences)
            return [[s.replace("[1] kam", "kam [1] [1]")] for s in sentences]

        def translate_aligned(self, sentences: list[str]) -> list[list[Aligned]]:
            out = []
            for sentence, [text] in zip(sentences, self.translate_batch(sentences), strict=True):
                # source words: "[1]" 0, "kam" 1, ...; output: "kam" <- 1, "[1]" <- 1 (noise), "[1]" <- 0
                spans = ((0, 3), (3, 7), (7, len(sentence)))
                pieces = tuple("\u2581" + w for w in text.rstrip(".").split(" ")) + (".",)
                alignment = (1, 1, 0, 2)
                out.append([Aligned(text, pieces, alignment, spans)])
            return out

    segments = _segments(termbase, "Paschinjan kam.")
    enforce(segments, Repeats(), matcher=termbase.matcher, techniques=("placeholder",))
    # Restored once, the sentence says the name once: the QA engine finds nothing to repair.
    # (Which copy alignment repair keeps when it does repair: align.keep_aligned_copy's doctest.)
    assert segments[0].output == "kam Pashinyan." and segments[0].failures == []
    assert segments[0].repaired == []
