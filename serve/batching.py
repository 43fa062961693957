"""Batching concurrent requests into engine runs: a queue with a maximum batch size and wait.

The engine decodes a batch of sentences in about the time of a few single ones, so texts from
requests that arrive together (or while the engine is busy) go through one run. Runs happen
on worker threads, at most ``runs_in_flight`` at a time (the server: one per engine worker);
the event loop stays free to answer requests.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Batcher", "BatchStats"]

#: Runs a group of texts (all with the same key) and returns one result per text, in order.
RunBatch = Callable[[Hashable, list[str]], list[Any]]


@dataclass
class _Job:
    key: Hashable
    texts: list[str]
    future: asyncio.Future[list[Any]]


@dataclass
class BatchStats:
    """What the batcher did (also exported as metrics)."""

    runs: int = 0
    texts: int = 0
    sizes: list[int] = field(default_factory=list)  # texts per run, last 1000


class Batcher:
    """Collects jobs (lists of texts) and hands them to ``run`` in batches.

    A batch starts with the oldest waiting job and takes the jobs behind it, in order, while
    they have the same key and the batch stays within ``max_texts`` (a single larger job runs
    on its own). The first job waits at most ``max_wait`` seconds for company. With
    ``enabled=False`` every job is run on its own: the baseline the benchmark compares with.
    If a batched run fails, its jobs are run again one by one, so that one bad request costs
    no other its answer.
    """

    def __init__(self, run: RunBatch, max_texts: int = 64, max_wait: float = 0.005, enabled: bool = True,
                 on_run: Callable[[int, float], None] | None = None, runs_in_flight: int = 1) -> None:
        self._run = run
        self.max_texts = max(1, max_texts)
        self.max_wait = max(0.0, max_wait)
        self.enabled = enabled
        self._on_run = on_run
        self._queue: asyncio.Queue[_Job | None] | None = None
        self._worker: asyncio.Task[None] | None = None
        self.runs_in_flight = max(1, runs_in_flight)
        self._executor = ThreadPoolExecutor(max_workers=self.runs_in_flight, thread_name_prefix="termguard-engine")
        self._slots: asyncio.Semaphore | None = None
        self._running: set[asyncio.Task[None]] = set()
        self._pending = 0
        self._concurrency = 0.0
        self.stats = BatchStats()

    @property
    def pending(self) -> int:
        """Jobs submitted and not yet answered."""
        return self._pending

    def start(self) -> None:
        if self._worker is None:
            self._queue = asyncio.Queue()
            self._slots = asyncio.Semaphore(self.runs_in_flight)
            self._worker = asyncio.get_running_loop().create_task(self._loop(), name="termguard-batcher")

    async def stop(self) -> None:
        """Answer every job already submitted, then stop the worker."""
        if self._worker is not None and self._queue is not None:
            await self._queue.put(None)
            await self._worker
            self._worker = None
        self._executor.shutdown(wait=True)

    async def submit(self, key: Hashable, texts: Sequence[str]) -> list[Any]:
        """The results for ``texts`` once their batch has run (``run``'s exception if it failed)."""
        if self._queue is None or self._worker is None:
            raise RuntimeError("the batcher is not running")
        future: asyncio.Future[list[Any]] = asyncio.get_running_loop().create_future()
        self._pending += 1
        try:
            await self._queue.put(_Job(key, list(texts), future))
            return await future
        finally:
            self._pending -= 1

    async def _loop(self) -> None:
        assert self._queue is not None
        queue = self._queue
        carry: _Job | None = None
        stopping = False
        while True:
            first = carry if carry is not None else await queue.get()
            carry = None
            if first is None:
                stopping = True
                if queue.empty():
                    await asyncio.gather(*self._running)
                    return
                continue
            # A free slot first: while every run is busy, requests queue up and join the next batch.
            assert self._slots is not None
            await self._slots.acquire()
            batch = [first]
            size = len(first.texts)
            if self.enabled:
                most_jobs = self._share()
                deadline = time.monotonic() + self.max_wait
                while size < self.max_texts and len(batch) < most_jobs:
                    try:
                        job = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        left = deadline - time.monotonic()
                        if left <= 0 or stopping:
                            break
                        try:
                            job = await asyncio.wait_for(queue.get(), left)
                        except asyncio.TimeoutError:
                            break
                    if job is None:
                        stopping = True
                        break
                    if job.key != first.key or size + len(job.texts) > self.max_texts:
                        carry = job
                        break
                    batch.append(job)
                    size += len(job.texts)
            # The next batch forms while this one runs (and, with several runs in flight, runs too).
            task = asyncio.get_running_loop().create_task(self._execute_released(batch))
            self._running.add(task)
            task.add_done_callback(self._running.discard)
            if stopping and carry is None and queue.empty():
                await asyncio.gather(*self._running)
                return

    async def _execute_released(self, batch: list[_Job]) -> None:
        try:
            await self._execute(batch)
        finally:
            assert self._slots is not None
            self._slots.release()

    async def _execute(self, batch: list[_Job]) -> None:
        loop = asyncio.get_running_loop()
        texts = [t for job in batch for t in job.texts]
        started = time.perf_counter()
        try:
            results = await loop.run_in_executor(self._executor, self._run, batch[0].key, texts)
            if len(results) != len(texts):
                raise RuntimeError(f"the engine run returned {len(results)} results for {len(texts)} texts")
        except Exception as exc:  # noqa: BLE001 - handed to the requests, which answer with it
            if len(batch) > 1:
                for job in batch:  # find the job that fails; the others still get their answers
                    await self._execute([job])
                return
            if not batch[0].future.done():
                batch[0].future.set_exception(exc)
            return
        self._record(len(texts), time.perf_counter() - started)
        offset = 0
        for job in batch:
            if not job.future.done():  # a client that went away cancelled its future
                job.future.set_result(results[offset:offset + len(job.texts)])
            offset += len(job.texts)

    def _share(self) -> int:
        """Most requests in the batch being formed: the requests that have lately been waiting at once
        (clients waiting for answers; a peak that decays), shared between the runs in flight. With
        16 clients and two runs, batches of 8 go side by side, one decoding (which frees the
        interpreter) while the other is segmented, matched and verified; one client waits for no
        company. Without this, all 16 would form one batch while the other run stayed idle."""
        self._concurrency = max(float(self._pending), self._concurrency * 0.9)
        return max(1, math.ceil(self._concurrency / self.runs_in_flight))

    def _record(self, size: int, seconds: float) -> None:
        self.stats.runs += 1
        self.stats.texts += size
        self.stats.sizes = [*self.stats.sizes[-999:], size]
        if self._on_run is not None:
            self._on_run(size, seconds)
