"""A local Ray instance for the cluster tests: 2 CPUs, no dashboard, loopback only, no usage stats.

One Ray session per test module (starting Ray costs seconds). The tests are skipped, with the
reason, only where Ray cannot be imported (``pip install 'termguard[cluster]'``); the import
tests in test_imports.py run everywhere.
"""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TINY_MODEL = Path(os.environ.get("TERMGUARD_TEST_MODEL") or
                  REPO / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel")
LOOPBACK = ("127.0.0.1", "::1")


@pytest.fixture(scope="module")
def ray_session():  # type: ignore[no-untyped-def]
    """``ray.init(num_cpus=2)`` on 127.0.0.1 for the module; yields the token in every worker's
    environment (TERMGUARD_RAY_TEST), by which a test finds this session's processes and no
    one else's."""
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'termguard[cluster]')")
    token = uuid.uuid4().hex
    saved = {k: os.environ.get(k) for k in ("RAY_USAGE_STATS_ENABLED", "TERMGUARD_RAY_TEST")}
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # no usage report to the internet
    os.environ["TERMGUARD_RAY_TEST"] = token
    original = socket.socket.connect

    def refuse(sock, address, *args, **kwargs):  # type: ignore[no-untyped-def]
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in LOOPBACK:
            raise ConnectionRefusedError(f"tests must not use the network (tried {address})")
        return original(sock, address, *args, **kwargs)

    socket.socket.connect = refuse  # type: ignore[method-assign]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False,
             _node_ip_address="127.0.0.1")
    try:
        yield token
    finally:
        ray.shutdown()
        socket.socket.connect = original  # type: ignore[method-assign]
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
