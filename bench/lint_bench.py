"""Lint benchmark: `termguard lint` as the CLI runs it, against bare automaton scans, one run.

Run: .venv/bin/python bench/lint_bench.py [--mb 10] [--file-mb 12.5] [--extra 100000] [--rounds 5]
     .venv/bin/python bench/lint_bench.py --full   (the sizes of issue 18: 50 MB corpus, 50/200 MB files)

Builds (once, under a cache directory outside the repository, so that the CLI's default
``--respect-gitignore`` walks it as a user's directory) a corpus of at least ``--mb`` MB: one file
per article, each a seed article with its paragraphs reordered, inflections varied and some names
replaced by synthetic ones. Then, in this one process, in interleaved rounds, each timed
``--rounds`` times and reported as the median:

* termguard lint end to end exactly as ``termguard lint DIR`` runs it: CLI defaults (``--lang auto``,
  the configuration found from the working directory, the text format, written to /dev/null), with
  the shipped termbase, with ``--extra`` synthetic concepts added, on the corpus twice over, with
  ``--jobs 2`` and, for reference, with ``--lang de``;
* the matcher alone (``Matcher.find`` over the texts in memory);
* bare automaton scans of the same folded texts with the same keys, every overlapping hit to a
  list: pyahocorasick and ahocorasick_rs, each built in the key order that scans fastest (the
  orders are tried first and the fastest kept). Each must find exactly the hit set the matcher's
  own scan finds, or the benchmark stops with exit status 1;
* a floor for the first ratio: what any lint built on this automaton pays before checking
  a single hit (read each file, fold it, scan it, visit every hit, build its matches);
* processes: ``termguard lint FILE`` against ``python -c pass``, and the peak memory of
  ``termguard lint`` on one file of ``--file-mb`` MB and one four times that size.

Prints every target of issue 18 as a ratio measured in this run. A different set of findings
between runs that must agree (``--jobs 2`` vs one job, corpus twice = findings twice) also
stops the benchmark with exit status 1. Targets are reported, not asserted: the machine may be
shared, and its load is printed with the numbers.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import SEEDS, synthetic_concepts  # noqa: E402

from termguard.config import load_config  # noqa: E402
from termguard.glossary import load_termbase  # noqa: E402
from termguard.glossary.normalize import fold  # noqa: E402
from termguard.glossary.termbase import Termbase  # noqa: E402
from termguard.lint import LintStats, RenderContext, lint_paths, render, settings_from_config  # noqa: E402

CACHE = Path(os.environ.get("TERMGUARD_BENCH_CACHE") or Path(tempfile.gettempdir()) / "termguard-lint-bench")
_SWAPS = [("Paschinjan", "Paschinjans"), ("Alijew", "Alijews"), ("Armenien", "Armeniens"),
          ("Eriwan", "Jerewan"), ("Aserbaidschan", "Aserbaidschans"), ("Trump", "Trumps")]
BIN = Path(sys.executable).parent


class BenchmarkFailure(SystemExit):
    def __init__(self, message: str) -> None:
        super().__init__(f"lint_bench: FAILED: {message}")


# --- corpus -----------------------------------------------------------------------------------

def _articles(names: list[str], seed: int = 11):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    articles = [p.read_text("utf-8").split("\n\n") for p in sorted(SEEDS.glob("*.txt"))]
    while True:
        paragraphs = list(rng.choice(articles))
        head, body = paragraphs[:2], paragraphs[2:]
        rng.shuffle(body)
        text = "\n\n".join(head + body)
        for a, b in rng.sample(_SWAPS, 3):
            text = text.replace(a, b, rng.randint(1, 3))
        # a few synthetic people, so the +100k termbase has something to find
        extra = " ".join(f"Auch {rng.choice(names)} äußerte sich." for _ in range(rng.randint(1, 4)))
        yield text + "\n\n" + extra + "\n"


def build_corpus(megabytes: float, names: list[str]) -> tuple[Path, int]:
    """A directory of varied seed articles of at least ``megabytes`` MB (reused when present)."""
    target = int(megabytes * 1_000_000)
    root = CACHE / f"corpus-{megabytes:g}mb"
    marker = root.parent / f"{root.name}.complete"
    if marker.is_file():
        return root, int(marker.read_text())
    size = 0
    for index, text in enumerate(_articles(names)):
        if size >= target:
            break
        path = root / f"{index // 500:03d}" / f"article-{index:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
    marker.write_text(str(size))
    return root, size


def build_file(megabytes: float, names: list[str]) -> Path:
    """One plain-text file of ``megabytes`` MB of articles (reused when present)."""
    path = CACHE / f"single-{megabytes:g}mb.txt"
    if path.is_file():
        return path
    target = int(megabytes * 1_000_000)
    tmp = path.with_suffix(".tmp")
    size = 0
    with tmp.open("wb") as fh:
        for text in _articles(names, seed=13):
            if size >= target:
                break
            size += fh.write(text.encode("utf-8") + b"\n")
    tmp.replace(path)
    return path


def big_termbase(shipped: Termbase, extra: int) -> Termbase:
    concepts = dict(shipped.concepts)
    concepts.update({c.id: c for c in synthetic_concepts(extra)})
    tb = Termbase(concepts)
    _ = tb.matcher
    return tb


# --- contenders -------------------------------------------------------------------------------

class _HashSink:
    """A text stream that keeps only a digest of what was written (the findings' fingerprint)."""

    def __init__(self) -> None:
        self._hash = hashlib.blake2b(digest_size=16)

    def write(self, text: str) -> int:
        self._hash.update(text.encode("utf-8"))
        return len(text)

    def flush(self) -> None:
        pass

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


#: CPU seconds (this process and its reaped children) of the last lint_once, by its label.
CPU: dict[str, list[float]] = collections.defaultdict(list)


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def lint_once(paths: list[str], tb: Termbase, jobs: int = 1, lang: str | None = None, label: str = "") -> float:
    """Seconds for what ``termguard lint PATHS`` does with default options: configuration,
    walk (.gitignore aware), read, detect, match, rules, text report to /dev/null."""
    settings = settings_from_config(load_config(None))
    if lang is not None:
        settings = settings.with_options(lang=lang)
    stats = LintStats()
    cpu0, t0 = _cpu(), time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        render("text", lint_paths(paths, tb, settings, stats=stats, jobs=jobs), sink,
               RenderContext(stats=stats, rules=settings.rules))
    elapsed = time.perf_counter() - t0
    if label:
        CPU[label].append(_cpu() - cpu0)
    return elapsed


def fingerprint(paths: list[str], tb: Termbase, jobs: int = 1) -> tuple[str, int]:
    """Digest and count of the JSON findings of a default lint (not timed)."""
    settings = settings_from_config(load_config(None))
    stats = LintStats()
    sink = _HashSink()
    render("json", lint_paths(paths, tb, settings, stats=stats, jobs=jobs), sink,  # type: ignore[arg-type]
           RenderContext(stats=stats, rules=settings.rules))
    return sink.hexdigest(), stats.total


def pipeline_floor(paths: list[Path], tb: Termbase) -> Callable[[], object]:
    """What lint cannot do without: read, fold and scan each file, visit every raw hit (in
    Python, where they arrive) and build the file's matches (as found beforehand); no checks,
    rules, language detection or output."""
    from termguard.model import Match

    matcher = tb.matcher
    rows = [[tuple(m) for m in matcher.find(p.read_text("utf-8"))] for p in paths]

    def run() -> None:
        for path, found in zip(paths, rows, strict=True):
            folded = fold(path.read_text("utf-8"))
            for _ in matcher.scan(" " + folded.text):
                pass
            [Match._make(row) for row in found]
    return run


def read_texts(root: Path) -> list[str]:
    return [p.read_text("utf-8") for p in sorted(root.rglob("*.txt"))]


HitSet = list[tuple[str, int, int]]


def matcher_hits(tb: Termbase, scanned: list[str]) -> list[HitSet]:
    """What the matcher's own automaton reports (before its filtering), per text."""
    keys = tb.matcher.keys()
    return [sorted((keys[i], s, e) for i, s, e in tb.matcher.scan(text)) for text in scanned]


def pyahocorasick_anchor(keys: list[str]) -> Callable[[list[str]], list[list[tuple[int, int, int]]]]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for index, key in enumerate(keys):
        automaton.add_word(key, (index, len(key)))
    automaton.make_automaton()

    def scan(texts: list[str]) -> list[list[tuple[int, int, int]]]:
        return [[(i, end + 1 - n, end + 1) for end, (i, n) in automaton.iter(text)] for text in texts]
    return scan


def ahocorasick_rs_anchor(keys: list[str]) -> Callable[[list[str]], list[list[tuple[int, int, int]]]]:
    import ahocorasick_rs

    automaton = ahocorasick_rs.AhoCorasick(keys)

    def scan(texts: list[str]) -> list[list[tuple[int, int, int]]]:
        find = automaton.find_matches_as_indexes
        return [find(text, overlapping=True) for text in texts]
    return scan


def fastest_anchor(name: str, make: Callable[[list[str]], Callable[[list[str]], list[list[tuple[int, int, int]]]]],
                   keys: list[str], sample: list[str], expected: list[HitSet]
                   ) -> tuple[Callable[[list[str]], list[list[tuple[int, int, int]]]], str, dict[str, float]]:
    """The anchor built in the key order that scans ``sample`` fastest; fails on a different hit set."""
    shuffled = list(keys)
    random.Random(5).shuffle(shuffled)
    orders = {"matcher's order": keys, "sorted": sorted(keys), "shuffled": shuffled,
              "longest first": sorted(keys, key=len, reverse=True)}
    best: tuple[float, str, Callable[[list[str]], list[list[tuple[int, int, int]]]]] | None = None
    timings: dict[str, float] = {}
    for label, order in orders.items():
        scan = make(order)
        got = scan(sample[:200])
        for text_no, (hits, want) in enumerate(zip(got, expected[:len(got)], strict=True)):
            found = sorted((order[i], s, e) for i, s, e in hits)
            if found != want:
                missing, extra = set(want) - set(found), set(found) - set(want)
                raise BenchmarkFailure(f"{name} ({label}) finds a different hit set than the matcher in text "
                                       f"{text_no}: {len(missing)} missing (e.g. {sorted(missing)[:3]}), "
                                       f"{len(extra)} extra (e.g. {sorted(extra)[:3]})")
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            scan(sample)
            times.append(time.perf_counter() - t0)
        timings[label] = statistics.median(times)
        if best is None or timings[label] < best[0]:
            best = (timings[label], label, scan)
    assert best is not None
    return best[2], best[1], timings


def check_all_hits(name: str, scan: Callable[[list[str]], list[list[tuple[int, int, int]]]], order: list[str],
                   scanned: list[str], expected: list[HitSet]) -> int:
    total = 0
    for text_no, (hits, want) in enumerate(zip(scan(scanned), expected, strict=True)):
        if sorted((order[i], s, e) for i, s, e in hits) != want:
            raise BenchmarkFailure(f"{name} finds a different hit set than the matcher in text {text_no}")
        total += len(hits)
    return total


# --- processes --------------------------------------------------------------------------------

# A forked child counts its parent's pages in its peak RSS until it execs; a small process in
# between keeps the benchmark's own (large) memory out of the measurement.
_MEASURE = """
import os, resource, subprocess, sys, time
t0 = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t0
sys.stderr.write(code.stderr.decode()[-500:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code.returncode, wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


#: The measured processes run as an installed termguard runs: with its modules' bytecode
#: cached (pip compiles a wheel's modules at install; a development shell's
#: PYTHONDONTWRITEBYTECODE would make every start compile termguard's sources again).
_PROCESS_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_process(argv: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one process, its output discarded."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *argv], capture_output=True, text=True, check=False,
                          env=_PROCESS_ENV)
    try:
        code, wall, peak, cpu = done.stdout.split()
    except ValueError:
        raise BenchmarkFailure(f"cannot measure {' '.join(argv)}: {done.stderr.strip()[-500:]}") from None
    if int(code) not in (0, 1):
        raise BenchmarkFailure(f"{' '.join(argv)} exited {code}: {done.stderr.strip()}")
    return float(wall), int(peak) / 1024, float(cpu)


def median_of(rounds: int, fn: Callable[[], float]) -> float:
    return statistics.median(fn() for _ in range(rounds))


# --- report -----------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--file-mb", type=float, default=12.5,
                        help="size of the smaller single file of the memory test; the larger is 4x (default 12.5)")
    parser.add_argument("--extra", type=int, default=100_000, help="synthetic concepts added (default 100000)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the --jobs run (default 2)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds; medians are reported (default 5)")
    parser.add_argument("--full", action="store_true", help="issue 18's sizes: --mb 50 --file-mb 50")
    args = parser.parse_args()
    if args.full:
        args.mb, args.file_mb = 50.0, 50.0
    load_before = os.getloadavg()[0]
    started = time.perf_counter()

    shipped = load_termbase()
    t0 = time.perf_counter()
    big = big_termbase(shipped, args.extra)
    build = time.perf_counter() - t0
    names = [t.text for c in list(big.concepts.values())[-args.extra:][:2000] for t in c.terms if t.lang == "de"]
    root, size = build_corpus(args.mb, names)
    mb = size / 1e6
    files = sum(1 for _ in root.rglob("*.txt"))
    print(f"corpus: {mb:.1f} MB in {files:,} files ({root}); load average {load_before:.1f} on "
          f"{os.cpu_count()} cores")
    print(f"termbase: shipped {len(shipped):,} concepts / {len(shipped.matcher):,} automaton keys; "
          f"+{args.extra:,} synthetic: {len(big):,} concepts / {len(big.matcher):,} keys (built in {build:.1f} s)")

    # Agreement first (untimed): findings must not depend on --jobs or on repetition.
    one, n_one = fingerprint([str(root)], big)
    many, n_many = fingerprint([str(root)], big, jobs=args.jobs)
    _, n_twice = fingerprint([str(root), str(root)], big)
    if one != many or n_twice != 2 * n_one:
        raise BenchmarkFailure(f"findings differ: one job {n_one} ({one}), --jobs {args.jobs} {n_many} ({many}), "
                               f"corpus twice {n_twice} (expected {2 * n_one})")
    _, n_ship = fingerprint([str(root)], shipped)

    texts = read_texts(root)
    scanned = [" " + fold(t).text for t in texts]  # what the matcher's automaton scans
    keys_big, keys_ship = big.matcher.keys(), shipped.matcher.keys()
    expected_big, expected_ship = matcher_hits(big, scanned), matcher_hits(shipped, scanned)
    sample = scanned[: max(50, len(scanned) // 10)]
    anchors = {}
    for name, make in (("pyahocorasick", pyahocorasick_anchor), ("ahocorasick_rs", ahocorasick_rs_anchor)):
        scan, label, timings = fastest_anchor(name, make, keys_big, sample, expected_big)
        order = {"matcher's order": keys_big, "sorted": sorted(keys_big), "longest first":
                 sorted(keys_big, key=len, reverse=True)}.get(label)
        if order is None:
            order = list(keys_big)
            random.Random(5).shuffle(order)
        hits = check_all_hits(name, scan, order, scanned, expected_big)
        anchors[name] = scan
        print(f"{name}: key orders, sample scan s: " + ", ".join(f"{k} {v:.3f}" for k, v in timings.items())
              + f" -> {label}; {hits:,} overlapping hits, the matcher's hit set")
    rs_ship, label_ship, _ = fastest_anchor("ahocorasick_rs (shipped)", ahocorasick_rs_anchor, keys_ship, sample,
                                            expected_ship)
    del expected_big, expected_ship

    def timed(fn: Callable[[], object], label: str) -> Callable[[], float]:
        def run() -> float:
            cpu0, t0 = _cpu(), time.perf_counter()
            fn()
            elapsed = time.perf_counter() - t0
            CPU[label].append(_cpu() - cpu0)
            return elapsed
        return run

    floor = pipeline_floor(sorted(root.rglob("*.txt")), big)
    contenders: dict[str, Callable[[], float]] = {
        "lint_ship": lambda: lint_once([str(root)], shipped, label="lint_ship"),
        "lint_big": lambda: lint_once([str(root)], big, label="one"),
        "lint_big_x2": lambda: lint_once([str(root), str(root)], big, label="x2"),
        "lint_big_jobs": lambda: lint_once([str(root)], big, jobs=args.jobs, label="jobs"),
        "lint_big_de": lambda: lint_once([str(root)], big, lang="de"),
        "find_big": timed(lambda: [big.matcher.find(t) for t in texts], "find_big"),
        "floor_big": timed(floor, "floor_big"),
        "pyac_big": timed(lambda: anchors["pyahocorasick"](scanned), "pyac_big"),
        "rs_big": timed(lambda: anchors["ahocorasick_rs"](scanned), "rs_big"),
        "rs_ship": timed(lambda: rs_ship(scanned), "rs_ship"),
    }
    samples: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(args.rounds):  # interleaved: a burst of load hits every contender alike
        for name, fn in contenders.items():
            samples[name].append(fn())
    t = {name: statistics.median(v) for name, v in samples.items()}

    # processes
    termguard = str(BIN / "termguard")
    seed_file = str(sorted(SEEDS.glob("*.txt"))[0])
    run_process([termguard, "lint", seed_file])  # warm the termbase and rules caches, write bytecode
    starts: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(args.rounds):
        for name, argv in (("python", [sys.executable, "-c", "pass"]), ("lint", [termguard, "lint", seed_file]),
                           ("python -S", [sys.executable, "-S", "-c", "pass"])):
            wall, _, cpu = run_process(argv)
            starts[name].append(wall)
            starts[f"{name} cpu"].append(cpu)
    t_python, t_lint_file = statistics.median(starts["python"]), statistics.median(starts["lint"])
    small_file, large_file = build_file(args.file_mb, names), build_file(4 * args.file_mb, names)
    _, peak_small, _ = run_process([termguard, "lint", str(small_file)])
    _, peak_large, _ = run_process([termguard, "lint", str(large_file)])

    def rate(seconds: float, megabytes: float = mb) -> str:
        return f"{megabytes / seconds:7.1f}"

    print()
    print(f"findings: {n_ship:,} with the shipped termbase, {n_one:,} with +{args.extra:,} "
          f"(identical with --jobs {args.jobs}; twice on the corpus twice)")
    print(f"throughput, MB/s (median of {args.rounds} interleaved rounds, one process unless stated)")
    print(f"  termguard lint DIR, CLI defaults (--lang auto), shipped termbase   {rate(t['lint_ship'])}")
    print(f"  termguard lint DIR, CLI defaults, +{args.extra:,} concepts            {rate(t['lint_big'])}")
    print(f"  the same, corpus twice                                           {rate(t['lint_big_x2'], 2 * mb)}")
    print(f"  the same, --jobs {args.jobs}                                                {rate(t['lint_big_jobs'])}")
    print(f"  the same, --lang de                                              {rate(t['lint_big_de'])}")
    print(f"  Matcher.find alone, texts in memory                              {rate(t['find_big'])}")
    print(f"  floor: read, fold, scan, visit the hits, build the matches       {rate(t['floor_big'])}")
    print(f"  pyahocorasick, every overlapping hit to a list                   {rate(t['pyac_big'])}")
    print(f"  ahocorasick_rs, overlapping=True, same hit set                   {rate(t['rs_big'])}")
    print(f"  ahocorasick_rs, shipped termbase's keys                          {rate(t['rs_ship'])}")
    cpu_one, cpu_jobs = statistics.median(CPU["one"]), statistics.median(CPU["jobs"])
    print(f"  CPU time of the --jobs {args.jobs} run (all processes) / one job's: {cpu_jobs / cpu_one:.2f}; "
          f"CPU obtained during it: {cpu_jobs / t['lint_big_jobs']:.2f} cores, during one job "
          f"{cpu_one / t['lint_big']:.2f} (a wall-clock speed-up needs {args.jobs} free cores)")
    print("processes (median wall time; peak RSS)")
    c_python, c_lint_file = statistics.median(starts["python cpu"]), statistics.median(starts["lint cpu"])
    print(f"  python -c pass {t_python * 1000:.0f} ms; termguard lint {Path(seed_file).name} "
          f"{t_lint_file * 1000:.0f} ms (CPU: {c_python * 1000:.0f} ms and {c_lint_file * 1000:.0f} ms)")
    t_bare = statistics.median(starts["python -S"])
    print(f"  python -S -c pass {t_bare * 1000:.0f} ms: no site-packages, so none of this checkout's editable-install "
          f"hook, which python -c pass and termguard pay here and a wheel install does not; "
          f"termguard lint (hook included) / that: {t_lint_file / t_bare:.1f}, more than a wheel install's ratio")
    print(f"  termguard lint, one {args.file_mb:g} MB file: peak {peak_small:.1f} MB; "
          f"one {4 * args.file_mb:g} MB file: peak {peak_large:.1f} MB")

    targets = [
        ("lint (+extra) / bare ahocorasick_rs scan", t["rs_big"] / t["lint_big"], ">=", 0.4),
        ("lint (shipped) / bare ahocorasick_rs scan", t["rs_ship"] / t["lint_ship"], ">=", 0.4),
        (f"time(+{args.extra:,} concepts) / time(shipped)", t["lint_big"] / t["lint_ship"], "<=", 1.2),
        ("time(corpus x2) / time(corpus)", t["lint_big_x2"] / t["lint_big"], "<=", 2.1),
        (f"peak RSS, {4 * args.file_mb:g} MB file / {args.file_mb:g} MB file", peak_large / peak_small, "<=", 1.05),
        (f"--jobs {args.jobs} speed-up over one job", t["lint_big"] / t["lint_big_jobs"], ">=", 1.7),
        ("termguard lint FILE / python -c pass", t_lint_file / t_python, "<=", 6.0),
    ]
    print("targets (issue 18), ratios measured in this run")
    met = 0
    for label, value, op, bound in targets:
        ok = value >= bound if op == ">=" else value <= bound
        met += ok
        print(f"  {label:<46} {value:6.2f}  (target {op} {bound})  {'met' if ok else 'NOT MET'}")
    cpu = {name: statistics.median(v) for name, v in CPU.items()}
    print("the same ratios in CPU time (what a busy machine distorts least; wall time is what counts)")
    for label, value in (("lint (+extra) / bare ahocorasick_rs scan", cpu["rs_big"] / cpu["one"]),
                         ("lint (shipped) / bare ahocorasick_rs scan", cpu["rs_ship"] / cpu["lint_ship"]),
                         (f"time(+{args.extra:,} concepts) / time(shipped)", cpu["one"] / cpu["lint_ship"]),
                         ("time(corpus x2) / time(corpus)", cpu["x2"] / cpu["one"]),
                         (f"--jobs {args.jobs}: at most, on {args.jobs} free cores",
                          cpu["one"] / (cpu["jobs"] / args.jobs)),
                         ("termguard lint FILE / python -c pass", c_lint_file / c_python)):
        print(f"  {label:<46} {value:6.2f}")
    print(f"  {met} of {len(targets)} met; the floor's ratio (the most any lint on this automaton can reach, "
          f"in Python): {t['rs_big'] / t['floor_big']:.2f}")
    print(f"  matcher.find / ahocorasick_rs = {t['rs_big'] / t['find_big']:.2f}, "
          f"--lang de / --lang auto = {t['lint_big'] / t['lint_big_de']:.2f}")
    print(f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
          f"{time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
