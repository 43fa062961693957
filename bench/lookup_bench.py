"""Look-up latency: `termguard lookup Paschinjan` against `python -c "import termguard"`.

Run: .venv/bin/python bench/lookup_bench.py [--runs 15]
Also times loading the termbase cold (parse + validate + compile) and from the cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def wall(cmd: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, TERMGUARD_CACHE_DIR=cache)
        code = ("import time; t=time.perf_counter(); from termguard.glossary import load_termbase; "
                "load_termbase(use_cache={}); print(time.perf_counter()-t)")
        cold = float(subprocess.run([sys.executable, "-c", code.format(False)], env=env, capture_output=True,
                                    text=True, check=True).stdout)
        subprocess.run([sys.executable, "-c", code.format(True)], env=env, check=True, capture_output=True)
        warm = float(subprocess.run([sys.executable, "-c", code.format(True)], env=env, capture_output=True,
                                    text=True, check=True).stdout)
        base = wall([sys.executable, "-c", "import termguard"], env, args.runs)
        look = wall([str(BIN / "termguard"), "lookup", "Paschinjan"], env, args.runs)
        fuzzy = wall([str(BIN / "termguard"), "lookup", "Paschinian"], env, args.runs)
    print(f"termbase load: cold (parse+validate+compile) {cold * 1000:.0f} ms, from cache {warm * 1000:.0f} ms "
          f"(ratio {cold / warm:.1f}x)")
    print(f"python -c 'import termguard'    : {base * 1000:6.0f} ms (baseline)")
    print(f"termguard lookup Paschinjan     : {look * 1000:6.0f} ms  ({look / base:.1f}x baseline; target < 200 ms)")
    print(f"termguard lookup Paschinian     : {fuzzy * 1000:6.0f} ms  ({fuzzy / base:.1f}x baseline, fuzzy path)")


if __name__ == "__main__":
    main()
