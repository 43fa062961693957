"""The ``termguard`` command line: a thin layer that parses, calls the library, renders.

Each command group lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

import sys

import typer

from termguard.errors import TermguardError

app = typer.Typer(
    name="termguard",
    help="Termbase-enforced German-to-English editions and a linter for contested South Caucasus names.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def fail(error: Exception | str, code: int = 2) -> typer.Exit:
    """Print one clear line to stderr and return the Exit to raise."""
    typer.echo(f"termguard: error: {error}", err=True)
    return typer.Exit(code)


def _show_version(value: bool) -> None:
    if value:
        from termguard import __version__

        typer.echo(f"termguard {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Print termguard's version and exit."),
) -> None:
    """Termbase-enforced German-to-English editions and a linter for contested South Caucasus names."""


def _register() -> None:
    # Imported for their side effect of adding commands to `app`; each module keeps
    # its heavy imports inside the command functions.
    from termguard.cli import glossary_cmds, lookup_cmd  # noqa: F401

    for optional in ("lint_cmds", "check_cmd", "translate_cmds", "review_cmd", "serve_cmd"):
        try:
            __import__(f"termguard.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"termguard.cli.{optional}":
                raise


def main() -> None:
    """Console-script entry point (also ``python -m termguard``)."""
    from termguard.io import Interrupted, install_signal_handlers

    install_signal_handlers()
    _register()
    try:
        app(prog_name="termguard")
    except TermguardError as exc:  # a library error that a command did not catch itself
        typer.echo(f"termguard: error: {exc}", err=True)
        sys.exit(2)
    except RecursionError:  # a parser without its own bound met a deeply nested input
        typer.echo("termguard: error: input nested too deeply to read", err=True)
        sys.exit(2)
    except Interrupted as exc:
        _report_interrupt(exc.args[0] if exc.args else "signal")
        sys.exit(128 + exc.signum)
    except KeyboardInterrupt:
        _report_interrupt("SIGINT")
        sys.exit(130)


def _report_interrupt(signal_name: str) -> None:
    """Say what an interrupted run wrote and what it did not (the previous versions are kept)."""
    from termguard.io import unfinished_files, written_files

    written, pending = written_files(), unfinished_files()
    line = f"termguard: interrupted ({signal_name})"
    if len(written) > 10:  # an archive run: the count, not thousands of names (its run manifest has them)
        line += f"; written: {len(written)} files, the last {written[-1]}"
    elif written:
        line += f"; written: {', '.join(map(str, written))}"
    if pending:
        line += f"; not written (an earlier version, if any, is kept): {', '.join(map(str, pending))}"
    elif not written:
        line += "; no file was written"
    typer.echo(line, err=True)
