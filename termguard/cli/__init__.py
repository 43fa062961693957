"""The ``termguard`` command line: a thin layer that parses, calls the library, renders.

Each command group lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

import os
import sys

import typer

from termguard.errors import TermguardError
from termguard.locales import UI_LANGUAGES, _, set_ui_language

# Help texts are evaluated when a command module is imported, so the UI language is chosen
# (main(): --ui-lang or the environment) before _register() imports them; the root help and
# --version/--ui-lang are registered there too, for the same reason.
app = typer.Typer(
    name="termguard",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def fail(error: Exception | str, code: int = 2) -> typer.Exit:
    """Print one clear line to stderr and return the Exit to raise."""
    typer.echo(_("termguard: error: {error}").format(error=error), err=True)
    return typer.Exit(code)


def _show_version(value: bool) -> None:
    if value:
        from termguard import __version__

        typer.echo(f"termguard {__version__}")
        raise typer.Exit()


def _check_ui_lang(value: str | None) -> str | None:
    if value is not None and value not in UI_LANGUAGES:
        raise typer.BadParameter(_("{value!r} is not one of {allowed}").format(
            value=value, allowed=", ".join(UI_LANGUAGES)), param_hint="--ui-lang")
    return value


def _register_root() -> None:
    @app.callback(help=_("Termbase-enforced German-to-English editions and a linter for contested South "
                         "Caucasus names."))
    def _root(
        version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                     help=_("Print termguard's version and exit.")),
        ui_lang: str | None = typer.Option(None, "--ui-lang", metavar="de|en", callback=_check_ui_lang,
                                           help=_("Language of messages and help: de or en (default: from "
                                                  "LANGUAGE, LC_ALL, LC_MESSAGES or LANG).")),
    ) -> None:
        pass  # --ui-lang took effect in main(), before the help texts were built


def ui_lang_from_argv(argv: list[str]) -> str | None:
    """The value of the global ``--ui-lang`` option in ``argv``, read before typer parses it.

    >>> ui_lang_from_argv(["--ui-lang", "de", "lint", "x.txt"]), ui_lang_from_argv(["--ui-lang=en", "rules"])
    ('de', 'en')
    >>> ui_lang_from_argv(["lint", "--", "--ui-lang"]) is None
    True
    """
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--ui-lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--ui-lang="):
            return arg.partition("=")[2]
    return None


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
    _register_root()
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
    forced = ui_lang_from_argv(sys.argv[1:])
    if forced in UI_LANGUAGES:
        set_ui_language(forced)
        os.environ["LANGUAGE"] = forced  # worker processes (lint --jobs) and click's own messages follow
    else:
        set_ui_language(None)  # the environment's; a bad --ui-lang is reported by the option's check
    _install_click_messages()
    _register(sys.argv[1:])
    from termguard.cli.localized import ClickException, UsageError, format_usage_error, localize

    try:
        # Not standalone: the framework's usage errors and "Aborted!" are printed here, in the UI language.
        status = localize(typer.main.get_command(app)).main(prog_name="termguard", standalone_mode=False)
    except UsageError as exc:
        typer.echo(format_usage_error(exc), err=True)
        sys.exit(exc.exit_code)
    except ClickException as exc:
        typer.echo(_("Error: {message}").format(message=exc.format_message()), err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo(_("Aborted!"), err=True)
        sys.exit(1)
    except TermguardError as exc:  # a library error that a command did not catch itself
        typer.echo(_("termguard: error: {error}").format(error=exc), err=True)
        sys.exit(2)
    except RecursionError:  # a parser without its own bound met a deeply nested input
        typer.echo(_("termguard: error: input nested too deeply to read"), err=True)
        sys.exit(2)
    except Interrupted as exc:
        _report_interrupt(exc.args[0] if exc.args else "signal")
        sys.exit(128 + exc.signum)
    except KeyboardInterrupt:
        _report_interrupt("SIGINT")
        sys.exit(130)
    sys.exit(status if isinstance(status, int) else 0)


def _report_interrupt(signal_name: str) -> None:
    """Say what an interrupted run wrote and what it did not (the previous versions are kept)."""
    from termguard.io import unfinished_files, written_files

    written, pending = written_files(), unfinished_files()
    line = _("termguard: interrupted ({signal})").format(signal=signal_name)
    if len(written) > 10:  # an archive run: the count, not thousands of names (its run manifest has them)
        line += _("; written: {n} files, the last {last}").format(n=len(written), last=written[-1])
    elif written:
        line += _("; written: {files}").format(files=", ".join(map(str, written)))
    if pending:
        line += _("; not written (an earlier version, if any, is kept): {files}").format(
            files=", ".join(map(str, pending)))
    elif not written:
        line += _("; no file was written")
    typer.echo(line, err=True)


def _install_click_messages() -> None:
    """Let click's own messages (``Usage:``, ``Options``, ``No such option``...) use termguard's
    catalog: click looks them up with :func:`gettext.gettext`, in the default text domain."""
    import gettext

    from termguard.locales import DOMAIN, LOCALE_DIR, ui_language

    if ui_language() != "en":
        gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
        gettext.textdomain(DOMAIN)
