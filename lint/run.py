"""Running lint: inputs -> documents -> findings, one file at a time or in N processes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from termguard.lint.check import Checker
from termguard.lint.finding import Finding
from termguard.lint.formats import FORMATS, format_for_path
from termguard.lint.read import Input, InputProblem, iter_inputs, open_document
from termguard.lint.rules import severity_rank
from termguard.lint.settings import LintSettings

__all__ = ["LintStats", "lint_text", "lint_paths", "exit_code"]


@dataclass
class LintStats:
    """Counts filled in while findings stream out of :func:`lint_paths`."""

    files: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    input_errors: int = 0

    def add(self, finding: Finding, is_input: bool) -> None:
        self.severities[finding.severity] += 1
        self.codes[finding.code] += 1
        if is_input and finding.severity == "error":
            self.input_errors += 1

    @property
    def total(self) -> int:
        return sum(self.severities.values())


def exit_code(stats: LintStats, fail_on: str = "warning") -> int:
    """2 if an input could not be read, 1 if a finding is at or above ``fail_on``, else 0.

    >>> stats = LintStats(severities=Counter({"info": 3}))
    >>> exit_code(stats, "warning"), exit_code(stats, "info"), exit_code(stats, "none")
    (0, 1, 0)
    """
    if stats.input_errors:
        return 2
    if fail_on == "none":
        return 0
    floor = severity_rank(fail_on)
    return 1 if any(n and severity_rank(s) >= floor for s, n in stats.severities.items()) else 0


def _checker(termbase: Any, settings: LintSettings) -> Checker:
    return Checker(termbase.matcher, settings.rules, settings.ignored_codes)


def _lint_input(inp: Input, checker: Checker, settings: LintSettings, stdin: IO[bytes] | None = None
                ) -> Iterator[Finding]:
    try:
        yield from checker.iter_check(open_document(inp, settings, stdin))
    except InputProblem as problem:
        finding = checker.problem(inp.display, problem.kind, problem.detail, problem.line, problem.column)
        if finding is not None:
            yield finding


def lint_text(text: str, path: str = "<text>", lang: str = "auto", fmt: str | None = None, *,
              termbase: Any = None, settings: LintSettings | None = None) -> list[Finding]:
    """The findings in ``text`` (plain text, or ``fmt`` "markdown"/"po"; guessed from ``path``).

    >>> [(f.code, f.surface, f.suggestion) for f in lint_text("Ilham Alyev visited Nakhichevan.", lang="en")]
    [('TG103', 'Alyev', 'Aliyev'), ('TG103', 'Nakhichevan', 'Nakhchivan')]
    """
    settings = settings or LintSettings()
    if termbase is None:
        from termguard.glossary import load_termbase

        termbase = load_termbase(list(settings.termbase))
    checker = _checker(termbase, settings)
    fmt = fmt or format_for_path(path)
    if not text.strip():
        problem = checker.problem(path, "empty", "empty")
        return [problem] if problem else []
    return checker.check(FORMATS[fmt](path, text, lang if lang != "auto" else settings.lang))


# Worker state for --jobs: set in the parent before the pool forks, read by _work.
_WORKER: tuple[Checker, LintSettings] | None = None
#: Set (to 1) by the parent when a run stops before its end (the reader stopped early, Ctrl-C):
#: shared memory, which the forked workers see, so that they skip the tasks still queued.
_STOPPED: Any = None
#: Input bytes per --jobs task: small enough that the last tasks leave no worker idle for
#: long (a task is about 50 ms of work), large enough that the pool's cost per task (about
#: 2 ms of the parent's CPU, measured: a fifth of the run at 128 KB) is noise. The first
#: tasks are smaller (doubling from _FIRST_TASK_BYTES), so that a small run is shared too.
_TASK_BYTES = 1 << 19
_FIRST_TASK_BYTES = 1 << 15
_TASK_FILES = 256


def _start_worker() -> None:
    # Ctrl-C (and a signal to the process group) is the parent's to handle: it stops the run and
    # the worker exits after its task. A worker killed by a signal may die holding a queue's
    # lock, and then neither the pool nor the parent can ever take it.
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_IGN)


def _work(chunk: list[Input]) -> list[list[Finding]]:
    assert _WORKER is not None
    return [list(_lint_input(inp, *_WORKER)) for inp in chunk if not _STOPPED.value]


def _size(inp: Input) -> int:
    try:
        return inp.path.stat().st_size if inp.path is not None and inp.problem is None else 0
    except OSError:
        return 0  # the worker reports it


def _tasks(inputs: Iterator[Input], parked: list[Input]) -> Iterator[list[Input]]:
    """Consecutive files in tasks of about _TASK_BYTES (by size, not count: one large file is
    a task of its own, many small ones share one), up to the next stdin input, which is
    ``parked`` for the parent to read in its place."""
    chunk: list[Input] = []
    size = 0
    limit = min(_FIRST_TASK_BYTES, _TASK_BYTES)
    for inp in inputs:
        if _STOPPED.value:
            return
        if inp.path is None and inp.problem is None:
            parked.append(inp)
            break
        chunk.append(inp)
        size += _size(inp)
        if size >= limit or len(chunk) >= _TASK_FILES:
            yield chunk
            chunk, size, limit = [], 0, min(2 * limit, _TASK_BYTES)
    if chunk:
        yield chunk


def lint_paths(paths: Sequence[str], termbase: Any, settings: LintSettings | None = None, *,
               stats: LintStats | None = None, jobs: int = 1, stdin: IO[bytes] | None = None,
               stdin_filename: str | None = None) -> Iterator[Finding]:
    """Findings of every file under ``paths``, file by file in walk order, as they are produced.

    Files are read one at a time (plain text in chunks), so memory does not grow with the
    corpus. ``jobs > 1`` lints files in that many processes; output order stays the same.
    ``stats`` (if given) is updated as findings are yielded. ``-`` in ``paths`` reads ``stdin``
    (bytes), shown as ``stdin_filename``.
    """
    global _WORKER, _STOPPED
    settings = settings or LintSettings()
    stats = stats if stats is not None else LintStats()
    checker = _checker(termbase, settings)
    inputs = iter_inputs(paths, settings, stdin_filename)
    rules = settings.rules

    def emit(findings: Iterable[Finding]) -> Iterator[Finding]:
        stats.files += 1
        for finding in findings:
            stats.add(finding, rules[finding.code].is_input)
            yield finding

    if jobs <= 1:
        for inp in inputs:
            yield from emit(_lint_input(inp, checker, settings, stdin))
        return

    import gc
    import multiprocessing

    # fork shares the compiled automaton with the workers instead of pickling it; frozen, the
    # termbase's objects are not walked by the workers' garbage collector, whose writes would
    # copy every page of it into each worker.
    context = multiprocessing.get_context("fork")
    checker.matcher.compile()
    _WORKER = (checker, settings)
    _STOPPED = context.RawValue("b", 0)
    gc.freeze()
    pool = context.Pool(jobs, initializer=_start_worker)
    done = False
    try:
        remaining = iter(inputs)
        while True:
            # One stream of tasks up to the next stdin input (or the end): the pool takes
            # the next task as a worker frees up, with no pause between batches, while
            # the parent writes the results in order.
            parked: list[Input] = []
            for results in pool.imap(_work, _tasks(remaining, parked)):
                for findings in results:
                    yield from emit(findings)
            if not parked:
                break
            yield from emit(_lint_input(parked[0], checker, settings, stdin))
        done = True
    finally:
        # Finished, stopped early (| head) or interrupted (Ctrl-C), the workers are told to
        # stop and exit on their own, after the task each has in hand; the tasks still queued
        # are skipped. Pool.terminate, which ``with Pool()`` ends in, signals workers that may
        # hold a queue's lock, which is then never released: about one run in 100 hung,
        # finished or stopped early; so did 1 Ctrl-C in 10 to 15 (a worker killed by it).
        if not done:
            _STOPPED.value = 1
        pool.close()
        pool.join()
        gc.unfreeze()
        _WORKER = _STOPPED = None
