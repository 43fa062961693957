"""Matcher benchmark: cost is linear in text length and flat in the number of terms.

Run: .venv/bin/python bench/match_bench.py [--mb 8]
Prints MB/s for the shipped termbase and for the shipped termbase + 100,000 synthetic
concepts, for a corpus and a corpus twice as long, and the ratios between them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import corpus, synthetic_concepts  # noqa: E402

from termguard.glossary import load_termbase  # noqa: E402
from termguard.glossary.match import Matcher  # noqa: E402


def timed(fn, *args):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(3):
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=8.0, help="corpus size in MB (doubled for the second run)")
    parser.add_argument("--extra", type=int, default=100_000, help="synthetic concepts added")
    args = parser.parse_args()

    shipped = load_termbase(use_cache=False)
    t0 = time.perf_counter()
    extra = synthetic_concepts(args.extra)
    concepts = dict(shipped.concepts)
    concepts.update({c.id: c for c in extra})
    big = Matcher([t for c in concepts.values() for t in c.terms], concepts)
    build = time.perf_counter() - t0
    small = shipped.matcher

    text1 = corpus(args.mb)
    text2 = text1 + "\n\n" + text1
    mb1 = len(text1.encode()) / 1e6
    mb2 = len(text2.encode()) / 1e6

    t_small, m_small = timed(small.find, text1)
    t_big, m_big = timed(big.find, text1)
    t_big2, _ = timed(big.find, text2)
    print(f"terms: shipped {len(small):,} automaton keys; with {args.extra:,} synthetic concepts {len(big):,} keys "
          f"(built in {build:.1f} s)")
    print(f"corpus: {mb1:.1f} MB, {len(m_small):,} matches with the shipped termbase")
    print(f"shipped termbase          : {mb1 / t_small:6.1f} MB/s")
    print(f"+{args.extra:,} concepts      : {mb1 / t_big:6.1f} MB/s")
    print(f"+{args.extra:,}, corpus x2    : {mb2 / t_big2:6.1f} MB/s")
    print(f"ratio time(+{args.extra:,}) / time(shipped) = {t_big / t_small:.2f}  (target <= 2)")
    print(f"ratio time(2x corpus) / time(1x corpus)  = {t_big2 / t_big:.2f}  (target <= 2.2: linear)")
    assert len(m_big) >= len(m_small)


if __name__ == "__main__":
    main()
