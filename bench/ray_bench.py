"""How translation throughput scales with Ray actors: 1 and 2 actors on a local Ray instance.

One command:

    python bench/ray_bench.py                      # the tiny test model, 2 CPUs
    python bench/ray_bench.py --model bench/.cache/translate-de_en-base.argosmodel --docs 64

It writes a synthetic archive (held-out paragraphs of the test model's corpus, so that no
sentence repeats and the engine's de-duplication does not flatter anyone), then translates it
``--repeats`` times each with

* the local run (``termguard.translate.archive.translate_archive``, one process, ``--jobs 1``), and
* ``termguard.cluster.translate_archive`` with 1 and with 2 actors (1 CPU each), and once on one
  article (the fixed cost of a run: an actor started, its model loaded),

all in one Ray session started here (``ray.init(num_cpus=2)``, no dashboard, loopback only).
Each timing is a whole run as a user starts it (plan, actors started and models loaded,
translate, write), so the fixed cost of starting actors is in it. It prints the median
documents per second of each, the 2-actor/1-actor ratio and the Ray/local ratio, and the load
average before and after (the machine is shared: a busy machine flattens the 2-actor gain).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TINY_MODEL = REPO / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel"


def _translate_bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("termguard_translate_bench", REPO / "bench" / "translate_bench.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def write_archive(root: Path, documents: int, paragraphs: int) -> Path:
    """``documents`` articles of ``paragraphs`` paragraphs each, under ``root/archive/YYYY/``."""
    texts, _ = _translate_bench().synthetic_paragraphs(documents * paragraphs)
    archive = root / "archive"
    for i in range(documents):
        folder = archive / str(2020 + i % 5)
        folder.mkdir(parents=True, exist_ok=True)
        chunk = texts[i * paragraphs:(i + 1) * paragraphs]
        (folder / f"article-{i:04d}.txt").write_text("\n\n".join(chunk) + "\n", "utf-8")
    return archive


def timed(run, out: Path) -> float:  # type: ignore[no-untyped-def]
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    count = sum(1 for _ in run(out))
    elapsed = time.perf_counter() - start
    assert count, "nothing translated"
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=TINY_MODEL)
    parser.add_argument("--docs", type=int, default=48, help="articles in the archive")
    parser.add_argument("--paragraphs", type=int, default=4, help="paragraphs per article")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    from termguard.cluster import ClusterOptions, translate_archive
    from termguard.glossary import load_termbase
    from termguard.translate.archive import translate_archive as translate_locally
    from termguard.translate.engine import load_engine

    work = Path(tempfile.mkdtemp(prefix="termguard-ray-bench-"))
    os.environ.setdefault("TERMGUARD_CACHE_DIR", str(work / "cache"))
    try:
        archive = write_archive(work, args.docs, args.paragraphs)
        termbase = load_termbase()
        engine = load_engine(args.model)
        before = os.getloadavg()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False,
                 _node_ip_address="127.0.0.1")
        contenders = {
            "local (1 process)": lambda out: translate_locally([archive], out, termbase, engine, manifest=False,
                                                               resume=False),
            "ray, 1 actor": lambda out: translate_archive([archive], out, termbase, args.model,
                                                          cluster=ClusterOptions(actors=1)),
            "ray, 2 actors": lambda out: translate_archive([archive], out, termbase, args.model,
                                                           cluster=ClusterOptions(actors=2)),
        }
        # The fixed cost of a Ray run: one article, one actor (start the actor, load the model, one batch).
        single = next(archive.rglob("*.txt"))
        contenders["ray, 1 article"] = lambda out: translate_archive([single], out, termbase, args.model,
                                                                     cluster=ClusterOptions(actors=1))
        times: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(args.repeats):  # interleaved, so that a change in the machine's load hits all alike
            for name, run in contenders.items():
                times[name].append(timed(run, work / "out"))
        ray.shutdown()
        after = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    words = args.docs * args.paragraphs  # (paragraphs; the rate below is in documents)
    print(f"ray_bench: {args.docs} articles x {args.paragraphs} paragraphs ({words} paragraphs), "
          f"model {args.model.name}, {args.repeats} runs each, medians; local Ray with 2 CPUs")
    rate = {}
    for name, values in times.items():
        median = statistics.median(values)
        if name == "ray, 1 article":
            print(f"  fixed cost of a Ray run (1 article, 1 actor): {median:.2f} s")
            continue
        rate[name] = args.docs / median
        each = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:<18} {median:7.2f} s  {rate[name]:7.2f} docs/s   (runs: {each})")
    print(f"  2 actors / 1 actor: {rate['ray, 2 actors'] / rate['ray, 1 actor']:.2f}x   "
          f"ray 2 actors / local: {rate['ray, 2 actors'] / rate['local (1 process)']:.2f}x   "
          f"ray 1 actor / local: {rate['ray, 1 actor'] / rate['local (1 process)']:.2f}x")
    print(f"  load average (1, 5, 15 min) before: {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
          f"after: {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
