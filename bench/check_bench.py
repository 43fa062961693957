"""Check benchmark: aligned paragraph pairs per second, and the QA engine's share of translate.

Run: .venv/bin/python bench/check_bench.py [--pairs 10000] [--runs 3]

1. ``termguard check SOURCE EDITION`` as a user runs it (the CLI, default options, JSON report to
   /dev/null) on a German source and its English edition of ``--pairs`` and twice as many
   paragraphs, built from the QA test corpus (tests/qa/data/pairs) with every number varied per
   copy, so that no paragraph repeats. Prints pairs per second for both and the time ratio
   (linear cost: 2.00). Medians of ``--runs`` runs, both sizes in this one run.
2. ``translate`` (library defaults, the tiny test model) on the test corpus and the seeds, with
   the time spent in the QA engine (segment verification and the edition check) measured inside
   the same run: its share of translate's time.

Prints numbers, not verdicts.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "qa" / "data" / "pairs"
TINY = ROOT / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel"
TERMGUARD = Path(sys.executable).parent / "termguard"


def _paragraph_pairs() -> list[tuple[str, str]]:
    pairs = []
    for source in sorted(PAIRS.glob("*.de.txt")):
        target = source.with_name(source.name.replace(".de.", ".en."))
        src = [line for line in source.read_text("utf-8").split("\n") if line.strip()]
        tgt = [line for line in target.read_text("utf-8").split("\n") if line.strip()]
        pairs.extend(zip(src, tgt, strict=True))
    return pairs


def build(directory: Path, count: int) -> tuple[Path, Path]:
    """A source and an edition of ``count`` paragraphs; copy k adds k to every number with
    three or more digits on both sides (so each paragraph differs and still agrees)."""
    base = _paragraph_pairs()
    source, target = [], []
    for k in range(count):
        de, en = base[k % len(base)]
        shift = k // len(base)

        def bump(m: re.Match[str], english: bool, shift: int = shift) -> str:
            digits = m.group(0).replace(".", "").replace(",", "")
            if len(digits) < 3 or len(digits) == 4 and digits.startswith(("19", "20")):
                return m.group(0)  # small numbers and years stay as they are
            value = int(digits) + shift
            return f"{value:,}" if english else f"{value:,}".replace(",", ".")

        source.append(re.sub(r"\d[\d.]*\d|\d", lambda m: bump(m, False), de))
        target.append(re.sub(r"\d[\d,]*\d|\d", lambda m: bump(m, True), en))
    src, tgt = directory / f"source-{count}.de.txt", directory / f"edition-{count}.en.txt"
    src.write_text("\n".join(source) + "\n", "utf-8")
    tgt.write_text("\n".join(target) + "\n", "utf-8")
    return src, tgt


def time_check(source: Path, edition: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one ``termguard check`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([str(TERMGUARD), "check", str(source), str(edition), "--format", "json",
                             "--output", str(edition.with_suffix(".json"))], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"check failed: {result.stderr.strip()}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def check_speed(pairs: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small, large = build(Path(tmp), pairs), build(Path(tmp), 2 * pairs)
        times: dict[int, list[tuple[float, float]]] = {pairs: [], 2 * pairs: []}
        for _ in range(runs):  # interleaved, so that machine load falls on both sizes alike
            times[pairs].append(time_check(*small))
            times[2 * pairs].append(time_check(*large))
        wall = {n: statistics.median(w for w, _ in t) for n, t in times.items()}
        cpu = {n: statistics.median(c for _, c in t) for n, t in times.items()}
        for n in times:
            print(f"check: {n:>6} aligned paragraph pairs  wall {wall[n]:6.2f} s = {n / wall[n]:5.0f} pairs/s;"
                  f"  CPU {cpu[n]:6.2f} s = {n / cpu[n]:5.0f} pairs/s")
        print(f"check: time ratio {2 * pairs} / {pairs} pairs: wall {wall[2 * pairs] / wall[pairs]:.2f}, "
              f"CPU {cpu[2 * pairs] / cpu[pairs]:.2f} (linear: 2.00; medians of {runs} runs, CLI start-up "
              "included)")


def translate_share() -> None:
    from termguard.glossary import load_termbase
    from termguard.qa import engine as qa_engine
    from termguard.translate import verify
    from termguard.translate.engine import ArgosEngine
    from termguard.translate.models import unpack
    from termguard.translate.pipeline import Options, translate_documents

    spent = [0.0]

    def timed(function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
        return wrapper

    termbase = load_termbase()
    engine = ArgosEngine(unpack(TINY))
    inputs = sorted((ROOT / "seeds").glob("*.txt")) + sorted(PAIRS.glob("*.de.*"))
    # Every call into the QA engine from translate goes through these two methods.
    qa_engine.QAEngine.check_unit = timed(qa_engine.QAEngine.check_unit)  # type: ignore[method-assign]
    qa_engine.QAEngine.lint_target = timed(qa_engine.QAEngine.lint_target)  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        for path in inputs:
            shutil.copy(path, Path(tmp) / path.name)
        verify.check_segment(*_warm(termbase))  # word lists and termbase caches, as in any run
        spent[0] = 0.0
        start = time.perf_counter()
        translate_documents([Path(tmp) / p.name for p in inputs], Path(tmp) / "out", termbase, engine, Options())
        total = time.perf_counter() - start
    print(f"translate: {len(inputs)} documents with the tiny model in {total:.2f} s; the QA engine "
          f"(segment verification + edition check) {spent[0]:.2f} s = {100 * spent[0] / total:.1f}% of it")


def _warm(termbase):  # type: ignore[no-untyped-def]
    from termguard.translate.document import Segment

    return Segment("Paschinjan kam am 9. Februar 2026."), "Pashinyan came on February 9, 2026.", termbase.matcher


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=10_000, help="the smaller size (the larger is twice it)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    check_speed(args.pairs, args.runs)
    translate_share()
