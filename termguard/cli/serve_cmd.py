"""``termguard serve``: parse options, build the settings, run the server."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from termguard.cli import app, fail
from termguard.cli.options import ConfigOption, NoDefaultOption, TermbaseOption
from termguard.errors import TermguardError
from termguard.locales import _


@app.command(help=_(
    "Serve the LibreTranslate API (termbase enforced), termguard's /v1/ API and the glossary page.\n\n"
    "Settings come from [serve] in termguard.toml, then TERMGUARD_SERVE_* variables, then these flags. Needs "
    "the 'serve' extra: pip install 'termguard[serve]'."))
def serve(
    host: str | None = typer.Option(None, "--host", help=_("Address to bind (default 127.0.0.1: this machine only).")),
    port: int | None = typer.Option(None, "--port", "-p", help=_("Port (default 5000, LibreTranslate's).")),
    model: Path | None = typer.Option(None, "--model", "-m", help=_("An .argosmodel file or package directory "
                                      "(default: the installed de→en model).")),
    other_pairs: bool | None = typer.Option(None, "--other-pairs/--no-other-pairs", help=_(
        "Also serve every other installed argos pair (e.g. en→de), as plain machine translation without the "
        "termbase (default off).")),
    api_keys_file: Path | None = typer.Option(None, "--api-keys-file", help=_("File of API keys, one per line "
                                              "('KEY' or 'KEY REQUESTS_PER_MINUTE'); also TERMGUARD_API_KEYS.")),
    require_api_key: bool | None = typer.Option(None, "--require-api-key/--no-require-api-key",
                                                help=_("Refuse translation requests without a key.")),
    req_limit: int | None = typer.Option(None, "--req-limit", help=_("Requests per minute per client address "
                                         "without a key (0: no limit).")),
    char_limit: int | None = typer.Option(None, "--char-limit", help=_("Characters per request (-1: no limit).")),
    batch_limit: int | None = typer.Option(None, "--batch-limit", help=_("Texts per list request (-1: no limit).")),
    max_body: int | None = typer.Option(None, "--max-body", help=_("Bytes per request body.")),
    cors_origin: list[str] | None = typer.Option(None, "--cors-origin", help=_("Allow browser pages from this "
                                                 "origin (repeatable; '*' for any). Default: CORS off.")),
    batching: bool | None = typer.Option(None, "--batching/--no-batching", help=_("Translate concurrent "
                                         "requests together (default on).")),
    batch_size: int | None = typer.Option(None, "--batch-size", help=_("Most texts per engine run (default 64).")),
    batch_wait_ms: float | None = typer.Option(None, "--batch-wait-ms", help=_("Longest wait for a batch to fill "
                                               "(default 5 ms).")),
    access_log: bool | None = typer.Option(None, "--access-log/--no-access-log", help=_("Log every request "
                                           "(default off).")),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
    config: Path | None = ConfigOption,
) -> None:
    from termguard.config import load_config

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401

        from termguard.serve import listen, load_serve_config, run
    except ModuleNotFoundError as exc:
        raise fail(_("{module} is not installed: pip install 'termguard[serve]'").format(module=exc.name)) from None
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
            raise TermguardError(_("--no-default-termbase needs at least one --termbase file"))
        sock = listen(settings)
        typer.echo(_("termguard serve: {url} (Ctrl-C stops)").format(url=f"http://{settings.host}:{settings.port}/"),
                   err=True)
        run(settings, sock)
    except TermguardError as exc:
        raise fail(exc) from None
