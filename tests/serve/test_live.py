"""A real ``termguard serve`` on 127.0.0.1, driven by real clients: libretranslatepy, Weblate-shaped
JSON, concurrent clients (batched), metrics, and a graceful shutdown."""

from __future__ import annotations

import json
import re
import signal
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.serve.support import LiveServer, wait_ready


def test_libretranslatepy(live_server) -> None:
    libretranslatepy = pytest.importorskip("libretranslatepy")
    client = libretranslatepy.LibreTranslateAPI(live_server.url)
    assert client.translate("Paschinjan traf Alijew in Eriwan.", "de", "en") == "Pashinyan met Aliyev in Yerevan."
    assert client.translate("Lawrow besuchte Tiflis am Montag.", "de", "en").startswith("Lavrov visited Tbilisi")
    languages = client.languages()
    assert [lang["code"] for lang in languages] == ["de", "en"]
    assert client.detect("Der Präsident traf sich mit dem Minister.")[0]["language"] == "de"


def test_weblate_shaped_request(live_server) -> None:
    # Weblate: GET /languages, then JSON with api_key (empty) and up to 20 texts, placeholders [X0X]
    status, languages, _ = live_server.request("/languages")
    assert status == 200 and "de" in [lang["code"] for lang in languages]
    texts = [f"Paschinjan traf [X{i}X] in Eriwan." for i in range(20)]
    body = json.dumps({"api_key": "", "q": texts, "source": "de", "target": "en"}).encode()
    status, answer, _ = live_server.request("/translate", body, headers={"Content-Type": "application/json"})
    assert status == 200
    assert len(answer["translatedText"]) == 20
    for i, text in enumerate(answer["translatedText"]):
        assert f"[X{i}X]" in text and "Pashinyan" in text and "Yerevan" in text


def _metric(text: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def test_concurrent_clients_are_batched_and_counted(live_server) -> None:
    _, before, _ = live_server.request("/metrics")
    results: list[tuple[int, object]] = []
    lock = threading.Lock()

    def client(i: int) -> None:
        data = urllib.parse.urlencode({"q": f"Alijew traf Paschinjan in Baku mit {i} Beamten.", "source": "de",
                                       "target": "en"}).encode()
        status, answer, _ = live_server.request("/translate", data)
        with lock:
            results.append((status, answer))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 12 and all(status == 200 for status, _ in results)
    assert all("Aliyev" in str(answer) for _, answer in results)
    _, after, _ = live_server.request("/metrics")
    texts = _metric(after, "termguard_batch_texts_sum") - _metric(before, "termguard_batch_texts_sum")
    runs = _metric(after, "termguard_batch_texts_count") - _metric(before, "termguard_batch_texts_count")
    assert texts == 12
    assert runs < 12  # some requests shared an engine run
    assert _metric(after, "termguard_model_ready") == 1.0
    assert 'termguard_http_requests_total{endpoint="/translate",method="POST",status="200"}' in after


def test_graceful_shutdown_finishes_in_flight_requests(tiny_model: Path) -> None:
    server = LiveServer(["--model", str(tiny_model), "--batch-wait-ms", "300"])
    try:
        wait_ready(server.get)
        answers: list[tuple[int, object]] = []

        def slow_client() -> None:
            body = json.dumps({"q": ["Paschinjan traf Alijew in Eriwan."] * 8, "source": "de", "target": "en"})
            status, answer, _ = server.request("/translate", body.encode(), headers={"Content-Type":
                                                                                     "application/json"})
            answers.append((status, answer))

        thread = threading.Thread(target=slow_client)
        thread.start()
        time.sleep(0.1)  # the request is in flight (its batch waits 300 ms for company)
        code = server.stop()
        thread.join(60)
        assert answers and answers[0][0] == 200
        assert answers[0][1]["translatedText"] == ["Pashinyan met Aliyev in Yerevan."] * 8  # type: ignore[index]
        # uvicorn re-raises the signal once it has shut down cleanly, as a service manager expects;
        # the CLI's own handler then exits with the shell's code for SIGTERM (128 + 15)
        assert code in (0, -signal.SIGTERM, 128 + signal.SIGTERM)
        assert "Finished server process" in server.log.read_text()
    finally:
        server.stop()


def test_server_without_model_serves_lookup_and_says_why(tmp_path: Path) -> None:
    server = LiveServer(["--model", str(tmp_path / "missing.argosmodel")])
    try:
        deadline = time.monotonic() + 60
        status, body = 0, {}
        while time.monotonic() < deadline:
            status, body = server.get("/ready")
            if status == 503 and "loading" not in str(body.get("reason")):
                break
            time.sleep(0.1)
        assert status == 503 and "no such model file" in body["reason"]
        status, answer, _ = server.request("/v1/lookup?q=Eriwan")
        assert status == 200 and answer["matches"][0]["preferred"]["en"] == "Yerevan"
    finally:
        server.stop()
