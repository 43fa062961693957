"""Archive benchmark: is memory flat and time linear in the size of an archive? (issue #17)

Builds a synthetic archive of short articles from the tiny test model's corpus vocabulary (so the
model translates them), in a year/month tree, and translates 1x and 4x of it with
``termguard translate ARCHIVE -o OUT --model tests/fixtures/model/...`` (the CLI's defaults, as a
subprocess). Prints, for each, wall time, source words/s and peak resident memory (the largest
process, from ``getrusage`` of a wrapper process; with --jobs also the sum over the process tree,
polled from /proc), the 4x/1x ratios against the targets (memory ≤ 1.1, time ≤ 4.2), and
--jobs 2 against --jobs 1 on the 1x archive. Times are medians of --repeat runs. The load average
is printed with the numbers: on a shared machine, ratios of parallel speed-up are noise.

    python bench/archive_bench.py                    # 300 articles (1x) and 1200 (4x), a few minutes
    python bench/archive_bench.py --documents 2000 --repeat 3
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TINY_MODEL = REPO / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel"
TARGET_MEMORY, TARGET_TIME = 1.1, 4.2

# The wrapper runs the CLI and reports the largest child's peak RSS (ru_maxrss, KiB on Linux):
# a fresh wrapper per run, so that one run's peak is not another's.
_WRAPPER = """
import resource, subprocess, sys, json
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(json.dumps({"code": code, "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def _corpus():  # type: ignore[no-untyped-def]
    path = REPO / "tests" / "fixtures" / "model" / "corpus.py"
    spec = importlib.util.spec_from_file_location("termguard_bench_corpus", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def build_archive(root: Path, documents: int, seed: int = 17) -> int:
    """``documents`` articles of two paragraphs (2-3 sentences each) under ``root/YYYY/MM/``;
    returns the number of source words."""
    rng = random.Random(seed)
    sentences = [de if de.endswith(".") else de + "." for de, _ in _corpus().generate_pairs(documents * 8, seed)
                 if "[" not in de]
    words, k = 0, 0
    for i in range(documents):
        paragraphs = []
        for _ in range(2):
            n = rng.randint(2, 3)
            paragraphs.append(" ".join(sentences[(k + j) % len(sentences)] for j in range(n)))
            k += n
        text = "\n\n".join(paragraphs) + "\n"
        words += len(text.split())
        path = root / str(2020 + i // 1200) / f"{i // 100 % 12 + 1:02d}" / f"article-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return words


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (KiB)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def run_cli(archive: Path, out: Path, jobs: int, env: dict[str, str]) -> dict[str, float]:
    """One ``termguard translate`` run: wall seconds, largest process' peak RSS, tree peak RSS."""
    cmd = [sys.executable, "-m", "termguard", "translate", str(archive), "-o", str(out), "--model",
           str(TINY_MODEL), "-q", "--jobs", str(jobs)]
    start = time.perf_counter()
    wrapper = subprocess.Popen([sys.executable, "-c", _WRAPPER, *cmd], stdout=subprocess.PIPE, text=True, env=env)
    tree_peak = 0
    while wrapper.poll() is None:
        tree_peak = max(tree_peak, _tree_rss_kib(wrapper.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    result = json.loads(wrapper.stdout.read() if wrapper.stdout else "{}")
    if result.get("code") not in (0, 1):  # 1: some segment failed verification (reported), a normal outcome
        raise SystemExit(f"termguard translate exited {result.get('code')} on {archive}")
    return {"seconds": seconds, "maxrss_mib": result["maxrss_kib"] / 1024, "tree_mib": tree_peak / 1024}


def measure(archive: Path, work: Path, jobs: int, repeat: int, env: dict[str, str]) -> dict[str, float]:
    runs = []
    for i in range(repeat):
        runs.append(run_cli(archive, work / f"out-{archive.name}-j{jobs}-{i}", jobs, env))
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=300, help="articles in the 1x archive (default 300)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median; default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs compared against --jobs 1 (default 2)")
    args = parser.parse_args(argv)
    if not TINY_MODEL.is_file():
        print(f"archive_bench: the tiny test model is missing ({TINY_MODEL})", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="termguard-archive-bench-") as tmp:
        work = Path(tmp)
        env = dict(os.environ)
        for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR"):
            (work / key).mkdir()
            env[key] = str(work / key)  # argos and the termbase cache stay inside the temporary directory
        env.pop("TERMGUARD_PROGRESS", None)
        one, four = work / "archive-1x", work / "archive-4x"
        words_1 = build_archive(one, args.documents)
        words_4 = build_archive(four, args.documents * 4)
        print(f"archive: {args.documents} articles ({words_1} words, "
              f"{sum(p.stat().st_size for p in one.rglob('*.txt')) / 1e6:.2f} MB) and "
              f"{args.documents * 4} articles ({words_4} words); model {TINY_MODEL.name}; repeat {args.repeat}")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
        r1 = measure(one, work, 1, args.repeat, env)
        r4 = measure(four, work, 1, args.repeat, env)
        rj = measure(one, work, args.jobs, args.repeat, env)
        rows = [("1x, --jobs 1", r1, words_1), ("4x, --jobs 1", r4, words_4), (f"1x, --jobs {args.jobs}", rj, words_1)]
        print(f"\n{'run':<16}{'seconds':>10}{'words/s':>10}{'peak RSS MiB':>14}{'tree RSS MiB':>14}")
        for label, r, words in rows:
            print(f"{label:<16}{r['seconds']:>10.1f}{words / r['seconds']:>10.0f}{r['maxrss_mib']:>14.0f}"
                  f"{r['tree_mib']:>14.0f}")
        memory_ratio = r4["maxrss_mib"] / r1["maxrss_mib"]
        time_ratio = r4["seconds"] / r1["seconds"]
        speedup = r1["seconds"] / rj["seconds"]
        print(f"\n4x/1x peak memory: {memory_ratio:.2f} (target ≤ {TARGET_MEMORY}) "
              f"{'ok' if memory_ratio <= TARGET_MEMORY else 'MISSED'}")
        print(f"4x/1x time:        {time_ratio:.2f} (target ≤ {TARGET_TIME}) "
              f"{'ok' if time_ratio <= TARGET_TIME else 'MISSED'}")
        print(f"--jobs {args.jobs} vs --jobs 1 throughput: {speedup:.2f}x")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return 0 if memory_ratio <= TARGET_MEMORY and time_ratio <= TARGET_TIME else 1


if __name__ == "__main__":
    sys.exit(main())
