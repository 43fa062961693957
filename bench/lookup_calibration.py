"""Calibrates the fuzzy look-up cut-off on a labelled set of typos and look-alike names.

Run: .venv/bin/python bench/lookup_calibration.py [--data tests/glossary/data/fuzzy_lookup.tsv]

For every cut-off from 60 to 95 it counts the typos and spelling variants that `termguard lookup`
would resolve to the right concept (exit 0) and the different names it would pass off as a match;
the best cut-off rejects the most look-alikes and accepts the most typos. glossary/lookup.py's
FUZZY_CUTOFF is set from this table (docs/termbase.md records the run).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from termguard.glossary import load_termbase
from termguard.glossary.lookup import FUZZY_CUTOFF, _scored, lookup

DATA = Path(__file__).resolve().parents[1] / "tests" / "glossary" / "data" / "fuzzy_lookup.tsv"


def read_labels(path: Path) -> list[tuple[str, str | None]]:
    """(query, expected concept id or None for a look-alike) per labelled line."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected = line.split("\t")
            rows.append((query, None if expected == "-" else expected))
    return rows


def best_candidates(rows: list[tuple[str, str | None]]) -> list[tuple[str, str | None, str | None, float]]:
    """(query, expected, best fuzzy candidate's concept id, its score) for queries that are not exact."""
    termbase = load_termbase()
    out = []
    for query, expected in rows:
        answer = lookup(query, termbase)
        if answer.hits and answer.hits[0].how != "fuzzy":
            raise SystemExit(f"{query!r} is a termbase form ({answer.hits[0].concept.id}): label another query")
        scored = _scored(query, termbase, 0.0, 1)
        out.append((query, expected, scored[0][0].concept_id if scored else None, scored[0][1] if scored else 0.0))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    scored = best_candidates(read_labels(args.data))
    typos = [s for s in scored if s[1] is not None]
    lookalikes = [s for s in scored if s[1] is None]
    print(f"{len(typos)} typos and variants, {len(lookalikes)} look-alike names ({args.data.name})")
    print(f"{'cut-off':>8} {'typos found':>12} {'look-alikes passed off':>23}")
    best = None
    for cutoff in range(60, 96):
        found = sum(1 for _, exp, cid, s in typos if cid == exp and s >= cutoff)
        passed = sum(1 for _, _, _, s in lookalikes if s >= cutoff)
        errors = (len(typos) - found) + passed
        if best is None or errors < best[0]:
            best = (errors, cutoff)
        print(f"{cutoff:>8} {found:>8}/{len(typos):<3} {passed:>19}/{len(lookalikes)}")
    print(f"fewest errors from cut-off {best[1]} ({best[0]} errors); shipped FUZZY_CUTOFF = {FUZZY_CUTOFF:g}")
    for query, _, cid, score in sorted(lookalikes, key=lambda s: -s[3])[:5]:
        print(f"  closest look-alike: {query} -> {cid} ({score:.1f})")
    for query, exp, cid, score in sorted(typos, key=lambda s: s[3])[:5]:
        print(f"  hardest typo: {query} -> {cid} ({score:.1f}; expected {exp})")


if __name__ == "__main__":
    main()
