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
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TINY_MODEL = REPO / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel"

# In the tiny model's domain (tests/fixtures/model/corpus.py), German forms with the English forms the
# termbase gives them. The sentences are all different (378 of them): the engine translates a repeated
# sentence in a batch once, which would flatter batching; real clients rarely send the same text at once.
PERSONS = [("Paschinjan", "Pashinyan"), ("Alijew", "Aliyev"), ("Mirzojan", "Mirzoyan"),
           ("Kobachidse", "Kobakhidze"), ("Lawrow", "Lavrov"), ("Rubio", "Rubio")]
CITIES = [("Eriwan", "Yerevan"), ("Jerewan", "Yerevan"), ("Tiflis", "Tbilisi"), ("Baku", "Baku"),
          ("Moskau", "Moscow"), ("Washington", "Washington")]
COUNTRIES = [("Armeniens", "Armenia"), ("Aserbaidschans", "Azerbaijan"), ("Georgiens", "Georgia"),
             ("Russlands", "Russia")]


def sentences() -> list[tuple[str, tuple[str, ...]]]:
    """(German sentence, names its English must carry), each sentence once."""
    out = []
    for (p1, e1), (p2, e2) in itertools.permutations(PERSONS, 2):
        out += [(f"{p1} traf {p2} in {c}.", (e1, e2, ce)) for c, ce in CITIES]
        out.append((f"{p1} sprach mit {p2} über die Grenze.", (e1, e2)))
    for (p1, e1), (c, ce) in itertools.product(PERSONS, CITIES):
        out += [(f"{p1} besuchte {c} am {day}.", (e1, ce)) for day in ("Montag", "Dienstag", "Freitag")]
        out.append((f"{p1} reiste nach {c}.", (e1, ce)))
    out += [(f"Die Regierung {g} kritisierte {p1}.", (ge, e1))
            for (p1, e1), (g, ge) in itertools.product(PERSONS, COUNTRIES)]
    return out


SENTENCES = sentences()


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


def _request_bytes(port: int, sentence: str) -> bytes:
    """One keep-alive ``POST /translate`` as libretranslatepy and OmegaT send it (urlencoded form)."""
    body = urllib.parse.urlencode({"q": sentence, "source": "de", "target": "en"}).encode()
    head = (f"POST /translate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def _connection(port: int, index: int, clients: int, deadline: float, outcome: Outcome) -> None:
    """One client: a keep-alive connection sending the next request as soon as the answer is read."""
    import asyncio

    requests = [(_request_bytes(port, sentence), sentence, names) for sentence, names in SENTENCES]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    n = index * len(requests) // clients  # each client walks its own stretch: no text twice in a batch
    try:
        while time.monotonic() < deadline:
            request, sentence, names = requests[n % len(requests)]
            n += 1
            outcome.sent += 1
            started = time.perf_counter()
            try:
                writer.write(request)
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 60)
                lines = head.decode("latin-1").split("\r\n")
                status = int(lines[0].split()[1])
                length = next(int(line.split(":", 1)[1]) for line in lines[1:]
                              if line.lower().startswith("content-length:"))
                data = await asyncio.wait_for(reader.readexactly(length), 60)
                elapsed = time.perf_counter() - started
            except (OSError, ValueError, StopIteration, asyncio.IncompleteReadError,
                    asyncio.LimitOverrunError, asyncio.TimeoutError) as exc:
                outcome.errors.append(f"{type(exc).__name__}: {exc}")
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            if status != 200:
                outcome.errors.append(f"HTTP {status}: {data[:200]!r}")
                continue
            try:
                text = json.loads(data)["translatedText"]
            except (ValueError, KeyError, TypeError) as exc:
                outcome.errors.append(f"unreadable answer {data[:200]!r}: {exc}")
                continue
            missing = [name for name in names if name not in text]
            if missing:
                outcome.errors.append(f"{sentence!r} -> {text!r} lacks {missing}")
            else:
                outcome.ok += 1
                outcome.latencies.append(elapsed)
    finally:
        writer.close()


def drive(port: int, clients: int, seconds: float) -> dict[str, object]:
    """The load: ``clients`` keep-alive connections on one asyncio loop (uvloop where installed) for
    ``seconds``; run in a process of its own so that the clients' work is cheap and apart from the
    server's. Returns the outcome and the clients' own CPU time."""
    import asyncio

    try:
        import uvloop  # the serve extra installs it

        uvloop.install()
    except ImportError:
        pass
    outcome = Outcome()

    async def run() -> None:
        deadline = time.monotonic() + seconds
        tasks = [asyncio.ensure_future(_connection(port, i, clients, deadline, outcome)) for i in range(clients)]
        for task in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(task, BaseException):
                outcome.errors.append(f"client failed: {type(task).__name__}: {task}")

    cpu_before = time.process_time()
    started = time.perf_counter()
    asyncio.run(run())
    return {"elapsed": time.perf_counter() - started, "sent": outcome.sent, "ok": outcome.ok,
            "errors": outcome.errors, "latencies": outcome.latencies,
            "client_cpu": time.process_time() - cpu_before}


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
        cpu_before = cpu_seconds(process.pid)
        driver = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--drive", str(port),
                                 "--clients", str(clients), "--seconds", str(seconds)],
                                capture_output=True, text=True, timeout=seconds + 180)
        cpu = cpu_seconds(process.pid) - cpu_before
    finally:
        stop_server(process)
    if driver.returncode != 0:
        raise SystemExit(f"serve_bench: the clients failed: {driver.stderr.strip()[-2000:]}")
    result = json.loads(driver.stdout)
    outcome = Outcome(result["sent"], result["ok"], result["errors"], result["latencies"])
    elapsed = result["elapsed"]
    answered = outcome.ok + len(outcome.errors)
    return {"requests_per_s": outcome.ok / elapsed, "p50_ms": 1000 * percentile(outcome.latencies, 0.5),
            "p99_ms": 1000 * percentile(outcome.latencies, 0.99), "sent": outcome.sent, "ok": outcome.ok,
            "cpu_ms": 1000 * cpu / outcome.ok if outcome.ok else float("nan"),
            "client_cpu_ms": 1000 * result["client_cpu"] / outcome.ok if outcome.ok else float("nan"),
            "errors": outcome.errors, "unaccounted": outcome.sent - answered}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each measurement")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per mode (medians are reported)")
    parser.add_argument("--model", type=Path, default=TINY_MODEL)
    parser.add_argument("--drive", type=int, metavar="PORT", help=argparse.SUPPRESS)  # the client process
    args = parser.parse_args(argv)
    if args.drive:
        print(json.dumps(drive(args.drive, args.clients, args.seconds)))
        return 0
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
                  f"server CPU {result['cpu_ms']:5.2f} ms/request  clients {result['client_cpu_ms']:5.2f}  "
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
