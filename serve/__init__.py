"""``termguard serve``: a LibreTranslate-compatible HTTP API with the termbase enforced,
termguard's own ``/v1/`` API (lookup, lint, translate with its report) and a glossary web page.

Needs the optional extra ``serve`` (Starlette, uvicorn, prometheus-client, python-multipart);
nothing outside this package imports it, so look-up and lint stay light. Importing this
package itself loads nothing heavy: :func:`create_app` is in :mod:`termguard.serve.app`.
"""

from termguard.serve.config import ApiKey, ServeConfig, load_serve_config

__all__ = ["ApiKey", "ServeConfig", "load_serve_config", "run"]


def run(config: ServeConfig) -> None:
    """Serve ``config`` with uvicorn until SIGINT/SIGTERM; in-flight requests get
    ``config.graceful_timeout`` seconds to finish."""
    import uvicorn

    from termguard.serve.app import create_app

    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, host=config.host, port=config.port, log_level=config.log_level,
                                           timeout_graceful_shutdown=config.graceful_timeout, lifespan="on",
                                           server_header=False, proxy_headers=False,
                                           access_log=config.access_log))
    server.run()
