"""``termguard serve``: parse options, build the settings, run the server."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from termguard.cli import app, fail
from termguard.cli.options import ConfigOption, NoDefaultOption, TermbaseOption
from termguard.errors import TermguardError


@app.command()
def serve(
    host: str | None = typer.Option(None, "--host", help="Address to bind (default 127.0.0.1: this machine only)."),
    port: int | None = typer.Option(None, "--port", "-p", help="Port (default 5000, LibreTranslate's)."),
    model: Path | None = typer.Option(None, "--model", "-m", help="An .argosmodel file or package directory "
                                      "(default: the installed de→en model)."),
    other_pairs: bool | None = typer.Option(None, "--other-pairs/--no-other-pairs", help="Also serve every "
                                            "other installed argos pair (e.g. en→de), as plain machine "
                                            "translation without the termbase (default off)."),
    api_keys_file: Path | None = typer.Option(None, "--api-keys-file", help="File of API keys, one per line "
                                              "('KEY' or 'KEY REQUESTS_PER_MINUTE'); also TERMGUARD_API_KEYS."),
    require_api_key: bool | None = typer.Option(None, "--require-api-key/--no-require-api-key",
                                                help="Refuse translation requests without a key."),
    req_limit: int | None = typer.Option(None, "--req-limit", help="Requests per minute per client address "
                                         "without a key (0: no limit)."),
    char_limit: int | None = typer.Option(None, "--char-limit", help="Characters per request (-1: no limit)."),
    batch_limit: int | None = typer.Option(None, "--batch-limit", help="Texts per list request (-1: no limit)."),
    max_body: int | None = typer.Option(None, "--max-body", help="Bytes per request body."),
    cors_origin: list[str] | None = typer.Option(None, "--cors-origin", help="Allow browser pages from this "
                                                 "origin (repeatable; '*' for any). Default: CORS off."),
    batching: bool | None = typer.Option(None, "--batching/--no-batching", help="Translate concurrent "
                                         "requests together (default on)."),
    batch_size: int | None = typer.Option(None, "--batch-size", help="Most texts per engine run (default 64)."),
    batch_wait_ms: float | None = typer.Option(None, "--batch-wait-ms", help="Longest wait for a batch to fill "
                                               "(default 5 ms)."),
    access_log: bool | None = typer.Option(None, "--access-log/--no-access-log", help="Log every request "
                                           "(default off)."),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
    config: Path | None = ConfigOption,
) -> None:
    """Serve the LibreTranslate API (termbase enforced), termguard's /v1/ API and the glossary page.

    Settings come from [serve] in termguard.toml, then TERMGUARD_SERVE_* variables, then these flags.
    Needs the 'serve' extra: pip install 'termguard[serve]'.
    """
    from termguard.config import load_config

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401

        from termguard.serve import listen, load_serve_config, run
    except ModuleNotFoundError as exc:
        raise fail(f"{exc.name} is not installed: pip install 'termguard[serve]'") from None
    try:
        cfg = load_config(config)
        settings = load_serve_config(
            cfg, os.environ, host=host, port=port, model=model, api_keys_file=api_keys_file,
            require_api_key=require_api_key, req_limit=req_limit, char_limit=char_limit, batch_limit=batch_limit,
            max_body=max_body, cors_origins=tuple(cors_origin) if cors_origin else None, batching=batching,
            batch_size=batch_size, batch_wait_ms=batch_wait_ms, access_log=access_log, other_pairs=other_pairs,
            no_default_termbase=True if no_default_termbase else None)
        if termbase:
            settings = settings.with_options(termbase=settings.termbase + tuple(termbase))
        if settings.no_default_termbase and not settings.termbase:
            raise TermguardError("--no-default-termbase needs at least one --termbase file")
        sock = listen(settings)
        typer.echo(f"termguard serve: http://{settings.host}:{settings.port}/ (Ctrl-C stops)", err=True)
        run(settings, sock)
    except TermguardError as exc:
        raise fail(exc) from None
