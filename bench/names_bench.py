"""Names the termbase does not know: how often the rules give the English-press spelling.

Run: .venv/bin/python bench/names_bench.py [--data bench/data/german_press_names.tsv] [--misses]

Reads a labelled list of German-press spellings of Armenian, Azerbaijani, Georgian and Russian
names with their English-press forms and prints the exact-match rate of
``termguard.translate.transliterate.transliterate`` (what ``termguard lookup`` offers for an
unknown name and what translation writes for one), overall and per origin. Target: >= 95%.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from termguard.translate.transliterate import transliterate

DATA = Path(__file__).resolve().parent / "data" / "german_press_names.tsv"


def read_names(path: Path = DATA) -> list[tuple[str, str, str]]:
    """(German spelling, English-press form, origin) per labelled line."""
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"{path}:{number}: expected german<TAB>english<TAB>origin")
        rows.append((parts[0], parts[1], parts[2]))
    return rows


def score(rows: list[tuple[str, str, str]]) -> tuple[int, list[tuple[str, str, str, str]]]:
    """Number of exact matches and the misses as (german, expected, got, origin)."""
    misses = []
    for german, english, origin in rows:
        got = transliterate(german).text
        if got != english:
            misses.append((german, english, got, origin))
    return len(rows) - len(misses), misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--misses", action="store_true", help="List every miss.")
    args = parser.parse_args()
    rows = read_names(args.data)
    exact, misses = score(rows)
    total, missed = Counter(o for _, _, o in rows), Counter(m[3] for m in misses)
    print(f"names: {len(rows)}  exact: {exact}  rate: {100 * exact / len(rows):.1f}%  (target >= 95%)")
    for origin in sorted(total):
        hit = total[origin] - missed[origin]
        print(f"  {origin}: {hit}/{total[origin]} ({100 * hit / total[origin]:.1f}%)")
    if args.misses:
        for german, english, got, origin in misses:
            print(f"  miss [{origin}] {german}: got {got!r}, English press {english!r}")


if __name__ == "__main__":
    main()
