"""``termguard serve``: a LibreTranslate-compatible HTTP API with the termbase enforced,
termguard's own ``/v1/`` API (lookup, lint, translate with its report) and a glossary web page.

Needs the optional extra ``serve`` (Starlette, uvicorn, prometheus-client, python-multipart);
nothing outside this package imports it, so look-up and lint stay light. Importing this
package itself loads nothing heavy: :func:`create_app` is in :mod:`termguard.serve.app`.
"""

from __future__ import annotations

import socket

from termguard.errors import TermguardError
from termguard.serve.config import ApiKey, ServeConfig, load_serve_config

__all__ = ["ApiKey", "ServeConfig", "load_serve_config", "listen", "run"]


def listen(config: ServeConfig) -> socket.socket:
    """The listening socket for ``config.host:config.port``; a :class:`TermguardError` saying why not
    (the port is taken, the address is not this machine's) before anything else starts."""
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((config.host, config.port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise TermguardError(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def run(config: ServeConfig, sock: socket.socket | None = None) -> None:
    """Serve ``config`` with uvicorn until SIGINT/SIGTERM; in-flight requests get
    ``config.graceful_timeout`` seconds to finish."""
    import uvicorn

    from termguard.serve.app import create_app

    sock = sock or listen(config)
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, host=config.host, port=config.port, log_level=config.log_level,
                                           timeout_graceful_shutdown=config.graceful_timeout, lifespan="on",
                                           server_header=False, proxy_headers=False,
                                           access_log=config.access_log))
    server.run(sockets=[sock])
