"""The batcher: concurrent requests share engine runs, bounded by size; one bad request costs
no other its answer; stopping answers what was queued."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Hashable

import pytest

from termguard.serve.batching import Batcher


class Recorder:
    """A run function that records its batches and takes ``delay`` seconds (like an engine call)."""

    def __init__(self, delay: float = 0.05, fail_on: str | None = None) -> None:
        self.delay = delay
        self.fail_on = fail_on
        self.runs: list[list[str]] = []
        self.lock = threading.Lock()

    def __call__(self, key: Hashable, texts: list[str]) -> list[str]:
        with self.lock:
            self.runs.append(list(texts))
        time.sleep(self.delay)
        if self.fail_on is not None and self.fail_on in texts:
            raise ValueError(f"cannot translate {self.fail_on!r}")
        return [f"{key}:{t.upper()}" for t in texts]


async def _drive(batcher: Batcher, jobs: list[tuple[str, list[str]]]) -> list[object]:
    batcher.start()
    try:
        return await asyncio.wait_for(asyncio.gather(*(batcher.submit(k, t) for k, t in jobs),
                                                     return_exceptions=True), timeout=30)
    finally:
        await asyncio.wait_for(batcher.stop(), timeout=30)


def test_concurrent_jobs_share_runs_and_each_gets_its_own_results() -> None:
    run = Recorder()
    jobs = [("text", [f"a{i}", f"b{i}"]) for i in range(10)]
    results = asyncio.run(_drive(Batcher(run, max_texts=8, max_wait=0.02), jobs))
    assert results == [[f"text:A{i}", f"text:B{i}"] for i in range(10)]
    assert len(run.runs) < len(jobs)
    assert max(len(r) for r in run.runs) <= 8


def test_disabled_runs_every_job_alone() -> None:
    run = Recorder(delay=0.01)
    jobs = [("text", [f"a{i}"]) for i in range(6)]
    asyncio.run(_drive(Batcher(run, enabled=False), jobs))
    assert sorted(run.runs) == sorted([[f"a{i}"] for i in range(6)])


def test_jobs_of_different_formats_are_not_mixed() -> None:
    run = Recorder()
    results = asyncio.run(_drive(Batcher(run, max_wait=0.02), [("text", ["a"]), ("html", ["<b>b</b>"]),
                                                               ("text", ["c"])]))
    assert results == [["text:A"], ["html:<B>B</B>"], ["text:C"]]
    assert all(len({t.startswith("<") for t in r}) == 1 for r in run.runs)


def test_a_failing_job_fails_alone() -> None:
    run = Recorder(fail_on="bad")
    results = asyncio.run(_drive(Batcher(run, max_wait=0.02), [("text", ["ok1"]), ("text", ["bad"]),
                                                               ("text", ["ok2"])]))
    assert results[0] == ["text:OK1"] and results[2] == ["text:OK2"]
    assert isinstance(results[1], ValueError)


def test_stop_answers_what_was_queued() -> None:
    async def scenario() -> list[object]:
        run = Recorder(delay=0.05)
        batcher = Batcher(run, max_texts=1)
        batcher.start()
        tasks = [asyncio.ensure_future(batcher.submit("text", [f"t{i}"])) for i in range(5)]
        await asyncio.sleep(0.01)
        await asyncio.wait_for(batcher.stop(), timeout=30)
        return [t.result() for t in tasks]

    assert asyncio.run(scenario()) == [[f"text:T{i}"] for i in range(5)]


def test_submit_before_start_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="not running"):
        asyncio.run(Batcher(Recorder()).submit("text", ["a"]))


class Overlapping(Recorder):
    """Records how many runs were inside ``run`` at once."""

    def __init__(self) -> None:
        super().__init__(delay=0.3)
        self.inside = 0
        self.most = 0

    def __call__(self, key: Hashable, texts: list[str]) -> list[str]:
        with self.lock:
            self.inside += 1
            self.most = max(self.most, self.inside)
        try:
            return super().__call__(key, texts)
        finally:
            with self.lock:
                self.inside -= 1


def test_runs_in_flight_side_by_side_and_stop_waits_for_them() -> None:
    two, one = Overlapping(), Overlapping()
    jobs = [("text", ["a"]), ("text", ["b"]), ("text", ["c"])]
    assert asyncio.run(_drive(Batcher(two, enabled=False, runs_in_flight=2), jobs)) == \
        [["text:A"], ["text:B"], ["text:C"]]
    asyncio.run(_drive(Batcher(one, enabled=False, runs_in_flight=1), jobs))
    assert (two.most, one.most) == (2, 1)


def test_concurrent_requests_are_shared_between_the_runs_in_flight() -> None:
    """16 waiting requests and two runs: two batches of 8 side by side (one decodes while the other is
    prepared), not one batch of 16 with the other run idle."""
    run = Overlapping()
    jobs = [("text", [f"t{i}"]) for i in range(16)]
    results = asyncio.run(_drive(Batcher(run, max_texts=64, max_wait=0.05, runs_in_flight=2), jobs))
    assert results == [[f"text:T{i}"] for i in range(16)]
    assert sorted(len(r) for r in run.runs) == [8, 8]
    assert run.most == 2


def test_a_lone_request_waits_for_no_company() -> None:
    """One client at a time: nothing else is waiting, so its request runs at once, not after max_wait."""
    run = Recorder(delay=0.0)

    async def one_after_another() -> float:
        batcher = Batcher(run, max_texts=64, max_wait=0.5, runs_in_flight=2)
        batcher.start()
        try:
            started = time.perf_counter()
            for i in range(3):
                assert await asyncio.wait_for(batcher.submit("text", [f"s{i}"]), 10) == [f"text:S{i}"]
            return time.perf_counter() - started
        finally:
            await asyncio.wait_for(batcher.stop(), 30)

    elapsed = asyncio.run(one_after_another())
    assert elapsed < 0.5, f"three lone requests took {elapsed:.2f} s: each waited for company"
