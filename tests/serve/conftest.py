"""Fixtures for the server tests: apps in process (Starlette's TestClient) and a real server
(``termguard serve`` in a subprocess) on 127.0.0.1, both on the tiny test model.

Nothing here may leave 127.0.0.1: outgoing connections to any other address are refused, and
every wait has a timeout.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the 'serve' extra is not installed")
pytest.importorskip("uvicorn", reason="the 'serve' extra is not installed")

from tests.serve.support import LiveServer, wait_ready  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TINY_MODEL = Path(os.environ.get("TERMGUARD_TEST_MODEL") or REPO / "tests" / "fixtures" / "model"
                  / "translate-de_en-tiny.argosmodel")


def _is_loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to an address other than 127.0.0.1 / ::1 fails the test."""
    original = socket.socket.connect

    def connect(sock, address, *args, **kwargs):  # type: ignore[no-untyped-def]
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise ConnectionRefusedError(f"server tests must stay on 127.0.0.1 (tried {address})")
        return original(sock, address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(scope="session")
def tiny_model() -> Path:
    if not TINY_MODEL.is_file():
        pytest.skip(f"the tiny test model is not built ({TINY_MODEL})")
    return TINY_MODEL


@pytest.fixture(scope="session")
def model_client(tiny_model: Path) -> Iterator[Any]:
    """A TestClient of an app with the tiny model loaded (shared: loading takes a second)."""
    yield from ready_client(tiny_model)


def ready_client(model: Path, termbase: Any = None, **settings: Any) -> Iterator[Any]:
    """A TestClient of an app on ``model`` with ``settings``, once the app says it is ready."""
    from starlette.testclient import TestClient

    from termguard.serve.app import create_app
    from termguard.serve.config import ServeConfig

    app = create_app(ServeConfig(model=model, **settings), termbase=termbase)
    with TestClient(app, raise_server_exceptions=False) as client:
        def get(path: str) -> tuple[int, dict[str, Any]]:
            response = client.get(path)
            return response.status_code, response.json()

        wait_ready(get)
        yield client


@pytest.fixture(scope="session")
def live_server(tiny_model: Path) -> Iterator[LiveServer]:
    server = LiveServer(["--model", str(tiny_model)])
    try:
        wait_ready(server.get)
        yield server
    finally:
        server.stop()
