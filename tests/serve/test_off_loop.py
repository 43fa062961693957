"""Lint and check work on worker threads: a long text being checked must not hold up the event loop
(and with it ``/health``, look-ups and translation requests)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from tests.serve.support import shipped_termbase

SOURCE = "Paschinjan traf Alijew in Eriwan.\n"
TARGET = "Pashinyan met Aliyev in Yerevan.\n"


def _gated(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> tuple[threading.Event, threading.Event]:
    """Make ``module.name`` wait for a gate before it works: a stand-in for a text that takes long to
    check. Returns (entered, gate)."""
    original = getattr(module, name)
    entered, gate = threading.Event(), threading.Event()

    def slow(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        gate.wait(10)  # bounded: if the loop were blocked, the test fails instead of hanging
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)
    return entered, gate


async def _health_while_busy(path: str, body: dict[str, Any], entered: threading.Event,
                             gate: threading.Event) -> tuple[int, bool, int, dict[str, Any]]:
    import httpx

    from termguard.serve.app import create_app

    app = create_app(termbase=shipped_termbase(), load_model=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
        slow = asyncio.create_task(client.post(path, json=body))
        for _ in range(500):  # until the slow request is being worked on
            if entered.is_set():
                break
            await asyncio.sleep(0.01)
        assert entered.is_set(), f"{path} never started"
        health = await asyncio.wait_for(client.get("/health"), 5)
        still_working = not slow.done()
        gate.set()
        answer = await asyncio.wait_for(slow, 30)
    return health.status_code, still_working, answer.status_code, answer.json()


def test_a_slow_check_does_not_block_health(monkeypatch: pytest.MonkeyPatch) -> None:
    import termguard.qa

    entered, gate = _gated(monkeypatch, termguard.qa, "check_texts")
    status, still_working, check_status, answer = asyncio.run(
        _health_while_busy("/v1/check", {"source": SOURCE, "target": TARGET}, entered, gate))
    assert status == 200
    assert still_working, "/health was answered only after the check had finished"
    assert check_status == 200 and answer["summary"]["files"] == 1


def test_a_slow_lint_does_not_block_health(monkeypatch: pytest.MonkeyPatch) -> None:
    import termguard.lint

    entered, gate = _gated(monkeypatch, termguard.lint, "lint_text")
    status, still_working, lint_status, answer = asyncio.run(
        _health_while_busy("/v1/lint", {"text": "Der Sangesur-Korridor", "lang": "de"}, entered, gate))
    assert status == 200
    assert still_working, "/health was answered only after the lint had finished"
    assert lint_status == 200 and any(f["code"] for f in answer["findings"])


def test_checks_at_a_time_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """With check_threads=1 a second check waits for the first (the bound holds), /health does not."""
    import httpx

    import termguard.qa
    from termguard.serve.app import create_app
    from termguard.serve.config import ServeConfig

    entered, gate = _gated(monkeypatch, termguard.qa, "check_texts")
    calls: list[int] = []
    gated = termguard.qa.check_texts

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return gated(*args, **kwargs)

    monkeypatch.setattr(termguard.qa, "check_texts", counted)

    async def run() -> tuple[int, int, list[int]]:
        app = create_app(ServeConfig(check_threads=1), termbase=shipped_termbase(), load_model=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            body = {"source": SOURCE, "target": TARGET}
            first = asyncio.create_task(client.post("/v1/check", json=body))
            second = asyncio.create_task(client.post("/v1/check", json=body))
            for _ in range(500):
                if entered.is_set():
                    break
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.2)  # time for the second to start, were it not bounded
            started_while_first_ran = len(calls)
            health = await asyncio.wait_for(client.get("/health"), 5)
            gate.set()
            answers = await asyncio.gather(first, second)
        return health.status_code, started_while_first_ran, [a.status_code for a in answers]

    health, started, statuses = asyncio.run(run())
    assert health == 200
    assert started == 1
    assert statuses == [200, 200]
