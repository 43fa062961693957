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


def fail(error: TermguardError | str, code: int = 2) -> typer.Exit:
    """Print one clear line to stderr and return the Exit to raise."""
    typer.echo(f"termguard: error: {error}", err=True)
    return typer.Exit(code)


def _register() -> None:
    # Imported for their side effect of adding commands to `app`; each module keeps
    # its heavy imports inside the command functions.
    from termguard.cli import glossary_cmds, lookup_cmd  # noqa: F401

    for optional in ("lint_cmds", "translate_cmds", "serve_cmd"):
        try:
            __import__(f"termguard.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"termguard.cli.{optional}":
                raise


def main() -> None:
    """Console-script entry point."""
    _register()
    try:
        app()
    except TermguardError as exc:  # a library error that a command did not catch itself
        typer.echo(f"termguard: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("termguard: interrupted", err=True)
        sys.exit(130)
