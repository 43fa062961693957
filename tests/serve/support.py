"""Helpers of the server tests: waiting for readiness, apps in process, a real server in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 90.0


def wait_ready(get, timeout: float = READY_TIMEOUT) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Poll ``get('/ready')`` until the model is loaded; fail with the server's reason otherwise."""
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        status, body = get("/ready")
        if status == 200:
            return body
        if body.get("reason") and "loading" not in str(body.get("reason")):
            pytest.fail(f"the server will not be ready: {body['reason']}")
        time.sleep(0.1)
    pytest.fail(f"the server was not ready within {timeout:.0f} s: {body}")


def make_client(load_model: bool = False, **settings: Any):  # type: ignore[no-untyped-def]
    """A TestClient of an app built with ``settings`` (no model unless asked: checks that come first)."""
    from starlette.testclient import TestClient

    from termguard.serve.app import create_app
    from termguard.serve.config import ServeConfig

    return TestClient(create_app(ServeConfig(**settings), termbase=shipped_termbase(), load_model=load_model),
                      raise_server_exceptions=False)


_TERMBASE: list[Any] = []


def shipped_termbase():  # type: ignore[no-untyped-def]
    """The shipped termbase, loaded once for all the apps the tests build."""
    if not _TERMBASE:
        from termguard.glossary import load_termbase

        _TERMBASE.append(load_termbase())
    return _TERMBASE[0]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """``termguard serve`` running in a subprocess on 127.0.0.1."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(os.environ.get("TMPDIR", "/tmp")) / f"termguard-serve-{self.port}.log"
        self._log = open(self.log, "wb")  # noqa: SIM115 - closed in stop()
        command = [str(Path(sys.executable).parent / "termguard"), "serve", "--port", str(self.port), *args]
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT,
                                        env={**os.environ, **(env or {})}, cwd=REPO)

    def request(self, path: str, data: bytes | None = None, method: str | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60.0) -> tuple[int, Any, dict[str, str]]:
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                raw, status, head = response.read(), response.status, dict(response.headers)
        except urllib.error.HTTPError as exc:
            raw, status, head = exc.read(), exc.code, dict(exc.headers)
        text = raw.decode("utf-8")
        try:
            return status, json.loads(text), head
        except ValueError:
            return status, text, head

    def get(self, path: str) -> tuple[int, Any]:
        if self.process.poll() is not None:
            pytest.fail(f"termguard serve exited with {self.process.returncode}: {self.log.read_text()[-2000:]}")
        try:
            status, body, _ = self.request(path, timeout=5)
        except (ConnectionError, urllib.error.URLError, TimeoutError):
            return 0, {}
        return status, body

    def stop(self, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._log.close()
        return self.process.returncode


