"""Load benchmark of ``termguard serve``: N concurrent clients on 127.0.0.1, batching on and off.

One command: ``python bench/serve_bench.py`` (``--clients 16 --seconds 8 --rounds 3``). For each
round it starts the server (the CLI's defaults, on the tiny test model unless ``--model``)
once with batching and once without, drives it from N client threads for a bounded time with
LibreTranslate-shaped requests (urlencoded ``POST /translate``, one German sentence each, as
libretranslatepy and OmegaT send), and records every request's status and latency. It prints
requests per second and p50/p99 latency per mode (medians over the rounds) and the ratio of
batching on to off, measured in the same run. Every request sent must come back 200 with the
termbase's forms; the exit status is 1 otherwise.

Only 127.0.0.1 traffic; every loop is bounded by a deadline, every wait by a timeout.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TINY_MODEL = REPO / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel"

# In the tiny model's domain, each with termbase names the answer must carry in English.
SENTENCES = [
    ("Paschinjan traf Alijew in Eriwan.", ("Pashinyan", "Aliyev", "Yerevan")),
    ("Lawrow besuchte Tiflis am Montag.", ("Lavrov", "Tbilisi")),
    ("Alijew reiste nach Moskau.", ("Aliyev", "Moscow")),
    ("Mirzojan sprach mit Rubio über die Grenze.", ("Mirzoyan", "Rubio")),
    ("Kobachidse traf Paschinjan in Tiflis.", ("Kobakhidze", "Pashinyan", "Tbilisi")),
    ("Die Regierung Armeniens kritisierte Alijew.", ("Armenia", "Aliyev")),
    ("Paschinjans Regierung unterzeichnete ein Abkommen mit Aserbaidschan.", ("Pashinyan", "Azerbaijan")),
    ("Am Montag traf Alijew Paschinjan in Washington.", ("Aliyev", "Pashinyan", "Washington")),
]


@dataclass
class Outcome:
    sent: int = 0
    ok: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(model: Path, batching: bool, port: int, log: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "termguard"
    args = [str(exe), "serve", "--port", str(port), "--model", str(model),
            "--batching" if batching else "--no-batching", "--req-limit", "0"]
    with open(log, "wb") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)


def wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve_bench: the server exited with {process.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/ready")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"serve_bench: the server was not ready within {timeout:.0f} s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def client(port: int, index: int, deadline: float, outcome: Outcome, lock: threading.Lock) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    n = index
    while time.monotonic() < deadline:
        sentence, names = SENTENCES[n % len(SENTENCES)]
        n += 1
        body = urllib.parse.urlencode({"q": sentence, "source": "de", "target": "en"})
        started = time.perf_counter()
        with lock:
            outcome.sent += 1
        try:
            conn.request("POST", "/translate", body, {"Content-Type": "application/x-www-form-urlencoded"})
            response = conn.getresponse()
            data = response.read()
            elapsed = time.perf_counter() - started
            text = json.loads(data).get("translatedText", "") if response.status == 200 else ""
            missing = [name for name in names if name not in text]
            with lock:
                if response.status != 200:
                    outcome.errors.append(f"HTTP {response.status}: {data[:200]!r}")
                elif missing:
                    outcome.errors.append(f"{sentence!r} -> {text!r} lacks {missing}")
                else:
                    outcome.ok += 1
                    outcome.latencies.append(elapsed)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            with lock:
                outcome.errors.append(f"{type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), 0 where unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))] if ordered else float("nan")


def measure(model: Path, batching: bool, clients: int, seconds: float) -> dict[str, float | int | list[str]]:
    port = free_port()
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"serve_bench-{port}.log"
    process = start_server(model, batching, port, log)
    try:
        wait_ready(port, process)
        outcome, lock = Outcome(), threading.Lock()
        cpu_before = cpu_seconds(process.pid)
        started = time.perf_counter()
        deadline = time.monotonic() + seconds
        threads = [threading.Thread(target=client, args=(port, i, deadline, outcome, lock)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 120)
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds(process.pid) - cpu_before
        hung = sum(t.is_alive() for t in threads)
    finally:
        stop_server(process)
    answered = outcome.ok + len(outcome.errors)
    return {"requests_per_s": outcome.ok / elapsed, "p50_ms": 1000 * percentile(outcome.latencies, 0.5),
            "p99_ms": 1000 * percentile(outcome.latencies, 0.99), "sent": outcome.sent, "ok": outcome.ok,
            "cpu_ms": 1000 * cpu / outcome.ok if outcome.ok else float("nan"),
            "errors": outcome.errors, "unaccounted": outcome.sent - answered + hung}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each measurement")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per mode (medians are reported)")
    parser.add_argument("--model", type=Path, default=TINY_MODEL)
    args = parser.parse_args(argv)
    if not args.model.exists():
        print(f"serve_bench: no model at {args.model}", file=sys.stderr)
        return 2
    print(f"serve_bench: {args.clients} clients, {args.seconds:.0f} s x {args.rounds} rounds per mode, "
          f"model {args.model.name}, {os.cpu_count()} cores", flush=True)
    runs: dict[str, list[dict]] = {"batching off": [], "batching on": []}
    for round_number in range(1, args.rounds + 1):
        for mode in runs:  # alternate, so that drift on a shared machine hits both modes alike
            result = measure(args.model, mode == "batching on", args.clients, args.seconds)
            runs[mode].append(result)
            print(f"  round {round_number} {mode:12}  {result['requests_per_s']:7.1f} req/s  "
                  f"p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms  "
                  f"server CPU {result['cpu_ms']:5.2f} ms/request  "
                  f"{result['ok']}/{result['sent']} ok", flush=True)
    failed = False
    print(f"\n{'mode':14}{'req/s':>9}{'p50 ms':>10}{'p99 ms':>10}{'CPU ms/req':>12}{'requests':>10}{'errors':>8}"
          f"{'unaccounted':>13}")
    medians = {}
    for mode, results in runs.items():
        rps = statistics.median(r["requests_per_s"] for r in results)
        medians[mode] = rps
        errors = [e for r in results for e in r["errors"]]
        unaccounted = sum(r["unaccounted"] for r in results)
        print(f"{mode:14}{rps:9.1f}{statistics.median(r['p50_ms'] for r in results):10.1f}"
              f"{statistics.median(r['p99_ms'] for r in results):10.1f}"
              f"{statistics.median(r['cpu_ms'] for r in results):12.2f}{sum(r['sent'] for r in results):10d}"
              f"{len(errors):8d}{unaccounted:13d}")
        for error in errors[:5]:
            print(f"    error: {error}")
        failed |= bool(errors) or unaccounted != 0
    ratio = medians["batching on"] / medians["batching off"] if medians["batching off"] else float("inf")
    cpu = {mode: statistics.median(r["cpu_ms"] for r in results) for mode, results in runs.items()}
    print(f"\nbatching on / off: {ratio:.2f}x requests/s at {args.clients} clients (target >= 2x); "
          f"server CPU per request {cpu['batching off'] / cpu['batching on']:.2f}x less with batching")
    print(f"(load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: requests/s "
          "depend on the CPU share the server gets, CPU per request does not)")
    if failed:
        print("serve_bench: FAILED: some requests failed or were not answered", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
