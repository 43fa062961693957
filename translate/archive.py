"""Archives: many articles through the pipeline in bounded batches, resumably, in one or more processes.

A run plans its batches from the file list alone (:func:`plan_batches`), translates one batch at
a time (the engine sees the sentences of a batch's documents together), writes each document's
edition, report and catalog as soon as its batch is done, and records it in the run manifest
(:mod:`termguard.translate.manifest`). Memory holds one batch per process, whatever the size of
the archive. The same command run again skips what is recorded as done and translates the rest.

Outputs never depend on how a run went, only on what it translates: a batch's documents are
fixed by the file list (a document's sentences share engine batches with its batch's other
documents, and the probe of the techniques runs over them), so an interrupted run that is
resumed, a run with ``--jobs 4`` and an uninterrupted one write the same bytes. A changed
article invalidates its batch: its batch-mates are translated again with it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from termguard.errors import InputError
from termguard.io import remove_leftovers
from termguard.translate.engine import Engine
from termguard.translate.manifest import MANIFEST_NAME, RunManifest, file_digest, run_settings
from termguard.translate.pipeline import (
    INPUT_SUFFIXES,
    Options,
    check_output_names,
    merge_stats,
    output_paths,
    read_reviewed_xliff,
    translate_batch,
    write_combined,
)
from termguard.translate.report import DocumentReport
from termguard.translate.write import check_not_input

__all__ = ["ArchiveInput", "ArchiveProgress", "Batching", "collect_archive", "plan_batches", "translate_archive"]


@dataclass(frozen=True)
class ArchiveInput:
    """One article of a run: where it is read, the name its outputs take under the output
    directory (its path inside the directory given, or its file name), and its size in bytes."""

    source: Path
    name: str
    size: int


@dataclass(frozen=True)
class Batching:
    """How a run cuts its articles into batches (part of the manifest's settings: outputs depend on it).

    A batch ends after ``max_documents`` articles, after ``max_bytes`` of input, or, once it
    holds ``min_documents``, after an article whose name hashes to a multiple of ``boundary``.
    The last rule is content-defined (as in rsync): an article added to or removed from an
    archive moves the batch boundaries around it only, so a re-run translates a batch or two
    again, not everything after it. A handful of articles is one batch.
    """

    max_documents: int = 64
    max_bytes: int = 256_000
    min_documents: int = 8
    boundary: int = 16


@dataclass
class ArchiveProgress:
    """How far a run is: what :func:`translate_archive` tells ``on_progress`` after each batch."""

    documents_total: int
    bytes_total: int
    documents_done: int = 0  # translated (or written review-only) by this run
    documents_skipped: int = 0  # done by an earlier run (manifest)
    sentences_done: int = 0
    words_done: int = 0
    bytes_done: int = 0
    bytes_skipped: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def sentences_per_second(self) -> float:
        return self.sentences_done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left at this run's rate over input bytes (None before the first batch)."""
        if not self.bytes_done:
            return None
        left = self.bytes_total - self.bytes_done - self.bytes_skipped
        return max(0.0, left * self.elapsed / self.bytes_done)


def collect_archive(paths: Iterable[str | Path]) -> list[ArchiveInput]:
    """The articles of ``paths`` in order: files named (output name: the file name), and the
    ``*.txt``/``*.md`` inside directories named (output name: the path inside that directory,
    so ``ARCHIVE/2024/01/a.txt`` is written as ``OUT/2024/01/a.txt``). Each article once."""
    found: list[ArchiveInput] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
            if not inside:
                raise InputError("directory holds no .txt or .md articles", path)
            named = [(p, PurePosixPath(*p.relative_to(path).parts).as_posix()) for p in inside]
        elif path.exists():
            named = [(path, path.name)]
        else:
            raise InputError("no such file or directory", path)
        for p, name in named:
            resolved = p.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(ArchiveInput(p, name, _size(p)))
    return found


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # unreadable: reported when it is read


def _ends_batch(name: str, boundary: int) -> bool:
    return boundary > 0 and int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % boundary == 0


def plan_batches(items: Sequence[ArchiveInput], batching: Batching | None = None) -> list[list[ArchiveInput]]:
    """Cut the articles of a run into batches (:class:`Batching`), from names and sizes alone.

    >>> items = [ArchiveInput(Path(f"{i}.txt"), f"{i}.txt", 1000) for i in range(10)]
    >>> [len(b) for b in plan_batches(items, Batching(max_documents=4, boundary=0))]
    [4, 4, 2]
    >>> [len(b) for b in plan_batches(items, Batching(max_bytes=2500, boundary=0))]
    [3, 3, 3, 1]
    """
    batching = batching or Batching()
    batches: list[list[ArchiveInput]] = []
    current: list[ArchiveInput] = []
    size = 0
    for item in items:
        current.append(item)
        size += item.size
        if len(current) >= batching.max_documents or size >= batching.max_bytes \
                or (len(current) >= batching.min_documents and _ends_batch(item.name, batching.boundary)):
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


@dataclass
class _Batch:
    items: list[ArchiveInput]
    digests: list[str | None]
    key: str
    outputs: list[dict[str, Path]]
    done: bool = False


def _digest(path: Path) -> str | None:
    try:
        return file_digest(path)
    except OSError:
        return None


def _batch_key(items: Sequence[ArchiveInput], digests: Sequence[str | None]) -> str:
    digest = hashlib.sha256()
    for item, d in zip(items, digests, strict=True):
        digest.update(f"{item.name}\0{d}\0".encode())
    return digest.hexdigest()[:32]


def _expected_outputs(outputs: dict[str, Path], translated: bool, options: Options) -> list[Path]:
    kinds = ["report"] + (["edition"] if translated else []) + (["po"] if options.per_document_po else [])
    return [outputs[k] for k in kinds]


def _resumed(item: ArchiveInput, record: dict[str, Any], outputs: dict[str, Path]) -> DocumentReport:
    """The report of a document an earlier run finished, from its manifest record."""
    s = record.get("summary", {})
    return DocumentReport(source=item.source, edition=outputs["edition"] if not s.get("model_missing") else None,
                          report=outputs["report"], po=outputs["po"] if s.get("po") else None,
                          segments=s.get("segments", 0), enforced=s.get("enforced", 0), loaded=s.get("loaded", 0),
                          transliterated=s.get("transliterated", 0), failures=s.get("failures", 0),
                          model_missing=bool(s.get("model_missing")), resumed=True)


def _summary(report: DocumentReport) -> dict[str, Any]:
    return {"segments": report.segments, "enforced": report.enforced, "loaded": report.loaded,
            "transliterated": report.transliterated, "failures": report.failures,
            "model_missing": report.model_missing, "po": report.po is not None,
            "words": report.data.get("summary", {}).get("words", 0) if report.data else 0}


# --- worker processes (--jobs) -------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(termbase: Any, engine: Engine | None, options: Options, jobs: int) -> None:
    from termguard.translate.engine import ArgosEngine, usable_cores

    if isinstance(engine, ArgosEngine) and engine.options.inter_threads <= 0 and engine.options.intra_threads <= 0:
        # N processes share the cores: one CTranslate2 worker thread each, not one per core each.
        threads = max(1, usable_cores() // jobs)
        engine = ArgosEngine(engine.package_dir, dataclasses.replace(engine.options, inter_threads=threads,
                                                                     intra_threads=1))
    _WORKER.update(termbase=termbase, engine=engine, options=options)


def _worker_batch(named: list[tuple[Path, dict[str, Path]]],
                  read_only: list[Path]) -> tuple[list[DocumentReport], Any]:
    options = dataclasses.replace(_WORKER["options"], results={})
    reports, _ = translate_batch(named, _WORKER["termbase"], _WORKER["engine"], options, read_only)
    return reports, options.results.get("enforce")


class _InProcess:
    def __init__(self, termbase: Any, engine: Engine | None, options: Options,
                 progress: Callable[[int], None] | None, on_total: Callable[[int], None] | None) -> None:
        self.args = (termbase, engine, options)
        self.progress, self.on_total = progress, on_total
        self.docs: list[Any] = []
        self.keep_documents = False

    def run(self, batches: Iterable[_Batch], read_only_of: Callable[[_Batch], list[Path]]
            ) -> Iterator[tuple[_Batch, list[DocumentReport]]]:
        termbase, engine, options = self.args
        for batch in batches:
            if batch.done:
                yield batch, []
                continue
            named = [(item.source, out) for item, out in zip(batch.items, batch.outputs, strict=True)]
            reports, docs = translate_batch(named, termbase, engine, options, read_only_of(batch),
                                            self.progress, self.on_total)
            if self.keep_documents:
                self.docs.extend(docs)
            yield batch, reports


class _Pool:
    """``jobs`` processes, each with its own engine (one loaded model) and termbase; batches go
    to whichever is free, at most two per process in flight, and come back in plan order."""

    def __init__(self, jobs: int, termbase: Any, engine: Engine | None, options: Options) -> None:
        import multiprocessing

        self.jobs = jobs
        self.options = options
        # spawn: a fresh interpreter per worker, never a fork of a process holding model threads
        self.executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start_worker,
                                            initargs=(termbase, engine, dataclasses.replace(options, results={}), jobs))

    def run(self, batches: Iterable[_Batch], read_only_of: Callable[[_Batch], list[Path]]
            ) -> Iterator[tuple[_Batch, list[DocumentReport]]]:
        window: list[tuple[_Batch, Future | None]] = []
        try:
            for batch in batches:
                future = None
                if not batch.done:
                    named = [(item.source, out) for item, out in zip(batch.items, batch.outputs, strict=True)]
                    future = self.executor.submit(_worker_batch, named, read_only_of(batch))
                window.append((batch, future))
                while sum(f is not None for _, f in window) > 2 * self.jobs or (window and window[0][1] is None):
                    yield self._collect(*window.pop(0))
            while window:
                yield self._collect(*window.pop(0))
        finally:
            for _, future in window:
                if future is not None:
                    future.cancel()
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _collect(self, batch: _Batch, future: Future | None) -> tuple[_Batch, list[DocumentReport]]:
        if future is None:
            return batch, []
        reports, stats = future.result()
        self.options.results["enforce"] = merge_stats(self.options.results.get("enforce"), stats)
        return batch, reports


# --- the run -------------------------------------------------------------------------------------

def translate_archive(paths: Sequence[str | Path], out_dir: str | Path, termbase: Any,
                      engine: Engine | None = None, options: Options | None = None, *, jobs: int = 1,
                      resume: bool = True, manifest: bool = True, batching: Batching | None = None,
                      on_progress: Callable[[ArchiveProgress], None] | None = None,
                      progress: Callable[[int], None] | None = None,
                      on_total: Callable[[int], None] | None = None) -> Generator[DocumentReport, None, None]:
    """Translate the articles of ``paths`` into ``out_dir`` batch by batch, yielding each document's
    :class:`DocumentReport` once its edition, report and catalog are written.

    ``manifest``: record each finished document in the run manifest (``out_dir/.termguard-run.json``);
    ``resume``: skip the documents it records as done from the same bytes with the same termbase,
    model and options (their reports come back with ``resumed=True``). ``jobs``: that many worker
    processes, each with its own engine.
    ``on_progress`` is told how far the run is after each batch. The combined review files
    (``options.po``, ``options.xliff``, ``options.update``) hold every document, so a run that
    writes one translates all documents in one batch in this process (no resume, no jobs).

    Errors that stop the run before anything is written: :class:`InputError` (no such input,
    colliding output names, a model for another language pair), :class:`OutputRefusedError`.
    """
    options = options or Options()
    out_dir = Path(out_dir)
    batching = batching or Batching()
    items = collect_archive(paths)
    check_output_names((i.source, i.name) for i in items)
    combined = any(p is not None for p in (options.po, options.update, options.xliff))
    termbase_files = [Path(f) for f in getattr(termbase, "files", ())]
    translated = engine is not None
    # (output paths are made when needed: an archive's run holds one small record per article)
    planned = (p for i in items for k, p in output_paths(out_dir, i.name).items() if translated or k != "edition")
    extra = [p for p in (options.po, options.update, options.xliff) if p is not None]
    extra += [out_dir / MANIFEST_NAME] if manifest or resume else []
    # The catalogs are read and updated on purpose; the articles and the termbase only read.
    check_not_input(itertools.chain(planned, extra), [i.source for i in items] + termbase_files)
    # A reviewed XLIFF is read before any work: a broken or hostile one stops the run at once.
    xliff_target, reviewed = read_reviewed_xliff(options)
    if engine is not None and (engine.from_code, engine.to_code) != (options.source_lang, options.target_lang):
        raise InputError(f"the model translates {engine.from_code}→{engine.to_code}, not "
                         f"{options.source_lang}→{options.target_lang}")
    resume = resume and not combined
    if out_dir.is_dir():  # what a killed run (SIGKILL, power cut) left half-written is removed first
        remove_leftovers(out_dir)
    plan = [items] if combined else plan_batches(items, batching)
    record = manifest
    done_before = RunManifest.open(out_dir, run_settings(termbase, engine, options, dataclasses.asdict(batching)))
    if options.catalog_date is None:  # (the same results dict: the caller still sees the statistics)
        options = dataclasses.replace(options, catalog_date=done_before.run_date)

    def batches() -> Iterator[_Batch]:
        for members in plan:
            digests = [_digest(i.source) for i in members]
            key = _batch_key(members, digests)
            outs = [output_paths(out_dir, i.name) for i in members]
            done = resume and all(
                d is not None
                and done_before.is_done(i.name, i.source, d, key, _expected_outputs(o, translated, options))
                for i, d, o in zip(members, digests, outs, strict=True))
            yield _Batch(members, digests, key, outs, done)

    def read_only_of(batch: _Batch) -> list[Path]:
        return [i.source for i in batch.items] + termbase_files

    state = ArchiveProgress(documents_total=len(items), bytes_total=sum(i.size for i in items))
    runner: _InProcess | _Pool
    if jobs > 1 and not combined and engine is not None:
        runner = _Pool(jobs, termbase, engine, options)
    else:
        runner = _InProcess(termbase, engine, options, progress, on_total)
        runner.keep_documents = combined
    last_saved = float("-inf")  # the first finished batch is recorded at once: a crash after it keeps it
    save_cost = 0.0
    dirty = False
    try:
        for batch, reports in runner.run(batches(), read_only_of):
            if batch.done:
                reports = [_resumed(i, done_before.documents[i.name], o) for i, o in zip(batch.items, batch.outputs,
                                                                                       strict=True)]
                state.documents_skipped += len(reports)
                state.bytes_skipped += sum(i.size for i in batch.items)
            else:
                for item, digest, report in zip(batch.items, batch.digests, reports, strict=True):
                    if report.input_error or digest is None:
                        done_before.forget(item.name)
                    else:
                        done_before.record(item.name, item.source, digest, batch.key, _summary(report))
                    state.sentences_done += report.segments
                    state.words_done += _summary(report)["words"]
                state.documents_done += len(reports)
                state.bytes_done += sum(i.size for i in batch.items)
                dirty = record
            # After the first batch, the manifest is rewritten at most once a second, and never more often than 20 times
            # the time a save takes (it grows with the archive: saving after every batch would make
            # a run quadratic). What a crash loses is re-translated into the same bytes.
            if dirty and time.monotonic() - last_saved >= max(1.0, 20 * save_cost):
                started = time.monotonic()
                done_before.save(termbase_files)
                last_saved, dirty = time.monotonic(), False
                save_cost = last_saved - started
            if on_progress:
                on_progress(state)
            yield from reports
        if isinstance(runner, _InProcess) and combined:
            write_combined(runner.docs, translated, options, [i.source for i in items] + termbase_files,
                           reviewed, xliff_target)
        if not done_before.complete:  # the next run is a new one (its catalogs get its own date)
            done_before.complete = True
            dirty = record
    finally:
        if dirty:
            done_before.save(termbase_files)
