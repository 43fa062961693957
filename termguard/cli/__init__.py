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


#: The module that registers each command, in the order ``termguard --help`` lists them.
#: A run of one command imports only its module (``lint FILE`` does not build the other
#: commands' options: a tenth of its start-up); tests/test_cli_startup.py keeps this complete.
COMMAND_MODULES: dict[str, str] = {
    "lookup": "lookup_cmd", "lint": "lint_cmds", "rules": "lint_cmds", "check": "check_cmd",
    "translate": "translate_cmds", "build": "translate_cmds", "review": "review_cmd", "serve": "serve_cmd",
    "glossary": "glossary_cmds", "model": "translate_cmds",
}
_REQUIRED = ("glossary_cmds", "lookup_cmd")


def _register(argv: list[str] | None = None) -> None:
    """Import the modules that add commands to `app`: the named command's alone when the
    command line ``argv`` names a known one, otherwise (no ``argv``, help, a mistyped
    command's suggestions) all of them.

    Each module keeps its heavy imports inside the command functions.
    """
    words = [a for a in argv or () if not a.startswith("-")]
    named = COMMAND_MODULES.get(words[0]) if words else None
    modules = [named] if named else ["glossary_cmds", "lookup_cmd", "lint_cmds", "check_cmd", "translate_cmds",
                                     "review_cmd", "serve_cmd"]
    for module in modules:
        try:
            __import__(f"termguard.cli.{module}")
        except ModuleNotFoundError as exc:
            if module in _REQUIRED or exc.name != f"termguard.cli.{module}":
                raise


def main() -> None:
    """Console-script entry point (also ``python -m termguard``)."""
    from termguard.io import Interrupted, install_signal_handlers

    install_signal_handlers()
    _register(sys.argv[1:])
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
    if written:
        line += f"; written: {', '.join(map(str, written))}"
    if pending:
        line += f"; not written (an earlier version, if any, is kept): {', '.join(map(str, pending))}"
    elif not written:
        line += "; no file was written"
    typer.echo(line, err=True)
