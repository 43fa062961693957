"""Lint benchmark: end-to-end MB/s against a bare automaton scan and a naive regex baseline.

Run: .venv/bin/python bench/lint_bench.py [--mb 50] [--extra 100000] [--jobs 2]

Builds (once, under bench/.cache/) a corpus of at least ``--mb`` MB: one file per article,
each a seed article with its paragraphs reordered, inflections varied and some names replaced
by synthetic ones. Then, in this one process and on the same files:

* termguard end to end (read, match, rules, JSON written to /dev/null) with the shipped
  termbase, with the shipped termbase + ``--extra`` synthetic concepts, on the corpus and on
  the corpus twice over, and with ``--jobs`` processes;
* a bare pyahocorasick scan of the same (lower-cased) text with the same keys, consumed at
  C speed: the practical ceiling of any automaton-based linter in Python;
* a naive baseline: one compiled regular expression per term variant, timed on a slice of
  the corpus and scaled to its size.

Prints MB/s and the ratios the targets are stated in. No assertion: numbers, not verdicts.
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import random
import re
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import SEEDS, synthetic_concepts  # noqa: E402

from termguard.glossary import load_termbase  # noqa: E402
from termguard.glossary.termbase import Termbase  # noqa: E402
from termguard.lint import LintSettings, LintStats, RenderContext, lint_paths, render  # noqa: E402

CACHE = HERE / ".cache"
_SWAPS = [("Paschinjan", "Paschinjans"), ("Alijew", "Alijews"), ("Armenien", "Armeniens"),
          ("Eriwan", "Jerewan"), ("Aserbaidschan", "Aserbaidschans"), ("Trump", "Trumps")]


def build_corpus(megabytes: float, names: list[str], seed: int = 11) -> tuple[Path, int]:
    """A directory of varied seed articles of at least ``megabytes`` MB (reused when present)."""
    target = int(megabytes * 1_000_000)
    root = CACHE / f"lint-corpus-{megabytes:g}mb"
    marker = root / ".complete"
    if marker.is_file():
        return root, int(marker.read_text())
    rng = random.Random(seed)
    articles = [p.read_text("utf-8").split("\n\n") for p in sorted(SEEDS.glob("*.txt"))]
    size = 0
    index = 0
    while size < target:
        paragraphs = list(rng.choice(articles))
        head, body = paragraphs[:2], paragraphs[2:]
        rng.shuffle(body)
        text = "\n\n".join(head + body)
        for a, b in rng.sample(_SWAPS, 3):
            text = text.replace(a, b, rng.randint(1, 3))
        # a few synthetic people, so the +100k termbase has something to find
        extra = " ".join(f"Auch {rng.choice(names)} äußerte sich." for _ in range(rng.randint(1, 4)))
        text += "\n\n" + extra + "\n"
        path = root / f"{index // 500:03d}" / f"article-{index:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
        index += 1
    marker.write_text(str(size))
    return root, size


def big_termbase(shipped: Termbase, extra: int) -> Termbase:
    concepts = dict(shipped.concepts)
    concepts.update({c.id: c for c in synthetic_concepts(extra)})
    tb = Termbase(concepts)
    _ = tb.matcher
    return tb


def lint_once(paths: list[str], tb: Termbase, jobs: int = 1) -> tuple[float, LintStats]:
    """Seconds for read + match + rules + JSON rendering (to /dev/null)."""
    settings = LintSettings(lang="de", respect_gitignore=False)  # the corpus lives in gitignored bench/.cache
    stats = LintStats()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        t0 = time.perf_counter()
        render("json", lint_paths(paths, tb, settings, stats=stats, jobs=jobs), sink,
               RenderContext(stats=stats, rules=settings.rules))
        return time.perf_counter() - t0, stats


def read_texts(root: Path) -> list[str]:
    return [p.read_text("utf-8") for p in sorted(root.rglob("*.txt"))]


def bare_scan(tb: Termbase, texts: list[str]) -> float:
    """Seconds for pyahocorasick alone over the lower-cased texts, same keys, hits consumed in C."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    # the very keys termguard's matcher uses (an Automaton, not a dict: keys() is its API)
    for key in tb.matcher._automaton.keys():  # noqa: SIM118
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    lowered = [t.lower() for t in texts]
    consume = collections.deque
    t0 = time.perf_counter()
    for text in lowered:
        consume(automaton.iter(text), maxlen=0)
    return time.perf_counter() - t0


def naive_scan(tb: Termbase, texts: list[str], slice_bytes: int) -> tuple[float, int]:
    """Seconds per byte of one case-insensitive regex per term variant, over a slice."""
    variants = {t.text for c in tb.concepts.values() for t in c.terms}
    patterns = [re.compile(rf"(?<!\w){re.escape(v)}\w*", re.IGNORECASE) for v in variants]
    sample = io.StringIO()
    for text in texts:
        if sample.tell() >= slice_bytes:
            break
        sample.write(text)
    text = sample.getvalue()[:slice_bytes]
    size = len(text.encode("utf-8"))
    t0 = time.perf_counter()
    hits = 0
    for pattern in patterns:
        hits += sum(1 for _ in pattern.finditer(text))
    return (time.perf_counter() - t0) / size, hits


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--extra", type=int, default=100_000, help="synthetic concepts added (default 100000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="processes for the --jobs run")
    args = parser.parse_args()

    shipped = load_termbase()
    t0 = time.perf_counter()
    big = big_termbase(shipped, args.extra)
    build = time.perf_counter() - t0
    names = [t.text for c in list(big.concepts.values())[-args.extra:][:2000] for t in c.terms if t.lang == "de"]
    root, size = build_corpus(args.mb, names)
    mb = size / 1e6
    files = sum(1 for _ in root.rglob("*.txt"))
    print(f"corpus: {mb:.1f} MB in {files:,} files ({root})")
    print(f"termbase: shipped {len(shipped):,} concepts / {len(shipped.matcher):,} automaton keys; "
          f"+{args.extra:,} synthetic: {len(big):,} concepts / {len(big.matcher):,} keys (built in {build:.1f} s)")

    rss0 = rss_mb()
    t_ship, stats = lint_once([str(root)], shipped)
    rss1 = rss_mb()
    t_big, stats_big = lint_once([str(root)], big)
    rss2 = rss_mb()
    t_big2, stats2 = lint_once([str(root), str(root)], big)
    rss3 = rss_mb()
    t_jobs, stats_jobs = lint_once([str(root)], big, jobs=args.jobs)
    assert stats_jobs.total == stats_big.total and stats2.total == 2 * stats_big.total

    texts = read_texts(root)
    t_bare = bare_scan(big, texts)
    t0 = time.perf_counter()
    for text in texts:
        big.matcher.find(text)
    t_find = time.perf_counter() - t0
    per_byte, _ = naive_scan(shipped, texts, 400_000)
    per_byte_big, _ = naive_scan(big, texts, 4_000)
    del texts

    e2e_ship, e2e_big = mb / t_ship, mb / t_big
    bare = mb / t_bare
    print()
    print(f"findings: {stats.total:,} with the shipped termbase, {stats_big.total:,} with +{args.extra:,}")
    print("throughput (MB/s, one core unless stated)")
    print(f"  termguard lint, shipped termbase        {e2e_ship:8.1f}")
    print(f"  termguard lint, +{args.extra:,} concepts     {e2e_big:8.1f}")
    print(f"  termguard lint, +{args.extra:,}, corpus x2   {2 * mb / t_big2:8.1f}")
    print(f"  termguard lint, +{args.extra:,}, --jobs {args.jobs}    {mb / t_jobs:8.1f}")
    print(f"  shared matcher alone (find), +{args.extra:,} {mb / t_find:8.1f}  (texts in memory)")
    print(f"  bare pyahocorasick scan, same keys      {bare:8.1f}")
    print(f"  naive regex per variant, shipped        {1e-6 / per_byte:8.3f}  (timed on 400 KB, scaled)")
    print(f"  naive regex per variant, +{args.extra:,}      {1e-6 / per_byte_big:8.4f}  (timed on 4 KB, scaled)")
    print("ratios")
    print(f"  lint(+{args.extra:,}) / bare automaton          = {e2e_big / bare:6.2f}   (target >= 0.33)")
    print(f"  matcher.find / bare automaton           = {mb / t_find / bare:6.2f}")
    print(f"  lint(+{args.extra:,}) / matcher.find            = {e2e_big * t_find / mb:6.2f}   (lint's own overhead)")
    print(f"  time(+{args.extra:,}) / time(shipped)           = {t_big / t_ship:6.2f}   (target <= 2: flat in terms)")
    print(f"  time(corpus x2) / time(corpus)          = {t_big2 / t_big:6.2f}   (target <= 2: linear)")
    print(f"  lint(+{args.extra:,}) / naive regex             = {e2e_big * per_byte_big * 1e6:8.0f}x")
    print(f"  --jobs {args.jobs} speed-up                       = {t_big / t_jobs:6.2f}")
    print(f"  end to end >= 25 MB/s on one core:        {'yes' if e2e_big >= 25 else 'no'} ({e2e_big:.1f})")
    print("memory (peak RSS of this process, MB)")
    print(f"  before lint {rss0:.0f}; after shipped run {rss1:.0f}; after +{args.extra:,} run {rss2:.0f}; "
          f"after corpus x2 run {rss3:.0f}  (growth x2 run: {rss3 - rss2:+.0f} MB)")


if __name__ == "__main__":
    main()
