"""How `termguard serve` scales with replicas: 1 replica on 1 core against 2 replicas on a core each.

One command:

    python bench/serve_replicas_bench.py          # --clients 16 --seconds 8 --rounds 3

The server keeps nothing between requests, so replicas behind a load balancer share nothing but the
clients; what a replica needs is cores of its own. Each replica here is pinned to one CPU core
(its CTranslate2 then runs one worker: termguard sizes the engine by the cores it may use), started
with the CLI's defaults on the tiny test model, and driven by the same 16 client threads as
bench/serve_bench.py (whose client, start-up and shut-down code this reuses), the clients spread
round-robin over the replicas as a load balancer would. Every answer must be 200 with the
termbase's names. It prints the median requests/s of each set-up over ``--rounds`` (alternating),
the 2/1 ratio, and the load average (the 2 cores are shared: the clients and other work compete
with the replicas).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _serve_bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("termguard_serve_bench", HERE / "serve_bench.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # (its dataclasses look their module up)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


sb = _serve_bench()


def start_pinned(model: Path, port: int, core: int, log: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "termguard"
    args = [str(exe), "serve", "--port", str(port), "--model", str(model), "--req-limit", "0"]
    with open(log, "wb") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, cwd=sb.REPO,
                                preexec_fn=lambda: os.sched_setaffinity(0, {core}))


def measure(model: Path, replicas: int, clients: int, seconds: float) -> dict[str, float | int]:
    ports = [sb.free_port() for _ in range(replicas)]
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    processes = [start_pinned(model, port, core % (os.cpu_count() or 1), tmp / f"serve_replicas-{port}.log")
                 for core, port in enumerate(ports)]
    try:
        for port, process in zip(ports, processes, strict=True):
            sb.wait_ready(port, process)
        outcome, lock = sb.Outcome(), threading.Lock()
        cpu_before = sum(sb.cpu_seconds(p.pid) for p in processes)
        started = time.perf_counter()
        deadline = time.monotonic() + seconds
        threads = [threading.Thread(target=sb.client, args=(ports[i % replicas], i, deadline, outcome, lock))
                   for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 120)
        elapsed = time.perf_counter() - started
        cpu = sum(sb.cpu_seconds(p.pid) for p in processes) - cpu_before
        hung = sum(t.is_alive() for t in threads)
    finally:
        for process in processes:
            sb.stop_server(process)
    if outcome.errors or hung:
        raise SystemExit(f"serve_replicas_bench: {len(outcome.errors)} bad answers, {hung} clients hung: "
                         f"{outcome.errors[:3]}")
    return {"requests_per_s": outcome.ok / elapsed, "ok": outcome.ok,
            "cpu_ms": 1000 * cpu / outcome.ok if outcome.ok else float("nan")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", type=Path, default=sb.TINY_MODEL)
    args = parser.parse_args()
    before = os.getloadavg()
    results: dict[int, list[dict[str, float | int]]] = {1: [], 2: []}
    for _ in range(args.rounds):
        for replicas in (1, 2):
            results[replicas].append(measure(args.model, replicas, args.clients, args.seconds))
    after = os.getloadavg()
    print(f"serve_replicas_bench: {args.clients} clients, {args.seconds:.0f} s x {args.rounds} rounds, "
          f"model {args.model.name}, each replica pinned to its own core, medians")
    rate = {}
    for replicas, runs in results.items():
        rate[replicas] = statistics.median(float(r["requests_per_s"]) for r in runs)
        cpu = statistics.median(float(r["cpu_ms"]) for r in runs)
        each = ", ".join(f"{float(r['requests_per_s']):.1f}" for r in runs)
        print(f"  {replicas} replica{'s' if replicas > 1 else ' '}  {rate[replicas]:7.1f} req/s  "
              f"{cpu:5.2f} CPU ms/req  {sum(int(r['ok']) for r in runs):6d} answers, all 200 with the names  "
              f"(runs: {each})")
    print(f"  2 replicas / 1 replica: {rate[2] / rate[1]:.2f}x requests/s")
    print(f"  load average (1, 5, 15 min) before: {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
          f"after: {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
